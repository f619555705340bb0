"""The warehouse keeps its contract on generated data: rejects, duplicates,
marts' shape and the small-cell rule."""

from __future__ import annotations

import json

from tests.functional.conftest import build_warehouse

FCT_CONTRACT = [
    "posting_id", "country_code", "country", "title", "company", "post_date",
    "source_count", "job_family", "job_family_method", "seniority",
    "seniority_method", "experience_min_years", "experience_method",
    "salary_min", "salary_max", "salary_currency", "salary_period",
    "salary_method", "salary_min_eur_annual", "salary_max_eur_annual",
]  # fmt: skip


def test_fct_postings_has_contract_columns(warehouse_small):
    with warehouse_small.connect() as con:
        columns = [r[0] for r in con.execute("describe fct_postings").fetchall()]
    missing = [c for c in FCT_CONTRACT if c not in columns]
    assert not missing


def test_every_mart_loads_into_pandas_and_polars(warehouse_small):
    """Analysts read the marts into data frames: no mart column may have a type that
    pandas or polars cannot take (the 128-bit dedup_key as UHUGEINT could not)."""
    with warehouse_small.connect() as con:
        marts = [
            row[0]
            for row in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'main'"
                " and (table_name in ('fct_postings', 'salary_insights', 'top_skills',"
                " 'salary_table_software_engineering', 'rejected_files', 'llm_usage',"
                " 'monitoring_weekly') or table_name like 'eval_%')"
            ).fetchall()
        ]
        assert "fct_postings" in marts and len(marts) >= 7
        for mart in marts:
            count = con.execute(f"select count(*) from {mart}").fetchall()[0][0]
            assert len(con.sql(f"select * from {mart}").df()) == count, mart
            assert con.sql(f"select * from {mart}").pl().height == count, mart
        hugeints = con.execute(
            "select table_name, column_name from duckdb_columns()"
            " where data_type = 'UHUGEINT' and list_contains(?, table_name)",
            [marts],
        ).fetchall()
    assert hugeints == []


def test_every_bad_row_is_rejected_with_its_reason(warehouse_100k):
    with warehouse_100k.connect() as con:
        expected = dict(
            con.execute(
                "select reject_reason, count(*) from gold "
                "where reject_reason is not null group by 1"
            ).fetchall()
        )
        actual = dict(
            con.execute(
                "select reject_reason, count(*) from rejected_postings group by 1"
            ).fetchall()
        )
        raw = con.execute(
            f"select count(*) from read_parquet('{warehouse_100k.postings_path}')"
        ).fetchone()[0]
        accepted = con.execute(
            "select count(*) from int_postings__validated where reject_reason is null"
        ).fetchone()[0]
        # rows with a reason other than duplicate id are found by id
        missed = con.execute(
            """
            select count(*) from gold
            where reject_reason not in ('duplicate_posting_id', 'missing_posting_id')
              and posting_id not in (
                  select posting_id from rejected_postings where posting_id is not null
              )
            """
        ).fetchone()[0]
    assert len(expected) == 5
    assert actual == expected
    assert raw == accepted + sum(actual.values())
    assert missed == 0


def test_duplicates_collapse_to_one_canonical_posting(warehouse_100k):
    with warehouse_100k.connect() as con:
        groups_expected, groups_found, merged_wrongly = con.execute(
            """
            with accepted_gold as (
                select * from gold where reject_reason is null
            ),
            canonical as (
                select f.posting_id, g.canonical_posting_id
                from fct_postings as f inner join accepted_gold as g using (posting_id)
            )
            select
                (select count(distinct canonical_posting_id) from accepted_gold),
                (select count(*) from canonical),
                (select count(*) from (
                    select canonical_posting_id from canonical
                    group by 1 having count(*) > 1
                ))
            """
        ).fetchone()
        multi_source = con.execute(
            "select count(*) from fct_postings where source_count > 1"
        ).fetchone()[0]
    # every gold group is one canonical row, and no group appears twice
    assert groups_found == groups_expected
    assert merged_wrongly == 0
    assert multi_source > 100


def test_salary_table_has_reference_shape(warehouse_100k):
    with warehouse_100k.connect() as con:
        columns = [
            r[0] for r in con.execute("describe salary_table_software_engineering").fetchall()
        ]
        countries = {
            r[0]
            for r in con.execute("select country from salary_table_software_engineering").fetchall()
        }
        germany_mid = con.execute(
            "select mid from salary_table_software_engineering where country = 'Germany'"
        ).fetchone()[0]
    assert columns == ["country", "entry", "mid", "senior"]
    assert {"Germany", "United Kingdom", "Netherlands", "France", "Spain"} <= countries
    assert germany_mid is not None and germany_mid.startswith("€") and " - €" in germany_mid


def test_salary_insights_median_matches_fct_postings(warehouse_100k):
    with warehouse_100k.connect() as con:
        mismatches = con.execute(
            f"""
            with recomputed as (
                select country_code, job_family, seniority,
                       count(*) as postings,
                       round(median(salary_min_eur_annual), 0) as min_median
                from fct_postings
                where post_date > date '{warehouse_100k.as_of}' - interval '12 months'
                  and post_date <= date '{warehouse_100k.as_of}'
                  and job_family is not null and seniority is not null
                group by all
            )
            select count(*) from recomputed r
            join salary_insights i using (country_code, job_family, seniority)
            where r.postings <> i.postings
               or (i.is_reportable and r.min_median is distinct from i.salary_min_eur_annual_median)
            """
        ).fetchone()[0]
    assert mismatches == 0


def test_small_cells_keep_counts_but_hide_figures(tmp_path):
    warehouse = build_warehouse(
        tmp_path, 3_000, seed=5, extra_vars={"min_cell_size": 25}, unit_tests=False
    )
    with warehouse.connect() as con:
        hidden, shown_below = con.execute(
            """
            select
                count(*) filter (where salaried_postings < 25 and postings > 0
                                 and salary_range_text is null
                                 and salary_min_eur_annual_median is null),
                count(*) filter (where salaried_postings < 25
                                 and salary_min_eur_annual_median is not null)
            from salary_insights
            """
        ).fetchone()
    assert hidden > 0
    assert shown_below == 0


def test_csv_and_ndjson_inputs_give_the_same_warehouse(tmp_path):
    counts = {}
    for fmt in ("parquet", "csv", "ndjson"):
        warehouse = build_warehouse(tmp_path / fmt, 2_000, seed=3, fmt=fmt, unit_tests=False)
        with warehouse.connect() as con:
            counts[fmt] = con.execute(
                "select count(*), count(job_family), count(salary_min_eur_annual), "
                "(select count(*) from rejected_postings) from fct_postings"
            ).fetchone()
    assert counts["csv"] == counts["parquet"] == counts["ndjson"]


def test_every_mart_column_is_documented(warehouse_small):
    """Every column the marts hold has a description in the mart's yml (dbt docs show
    it), the built table read against the manifest of the same build."""
    manifest = json.loads((warehouse_small.db_path.parent / "target" / "manifest.json").read_text())
    marts = {
        node["name"]: node["columns"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith("models/marts/")
    }
    assert {"fct_postings", "salary_insights", "llm_usage", "rejected_postings"} <= set(marts)
    undocumented = []
    with warehouse_small.connect() as con:
        for mart, documented in marts.items():
            columns = [row[0] for row in con.execute(f"describe {mart}").fetchall()]
            assert columns, mart
            undocumented += [
                f"{mart}.{column}"
                for column in columns
                if not (documented.get(column) or {}).get("description", "").strip()
            ]
    assert undocumented == []
