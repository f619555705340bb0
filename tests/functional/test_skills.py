"""Skills: the dictionary seed is sound, and a built warehouse ranks real skills.

The warehouse is built from generated postings with `dbt build -s +top_skills`
(the skills models and everything they read), so the test stays well under a
minute. The generator writes skills into its requirement and duty sentences
in five languages, so the extraction has real material to find.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import duckdb
import pytest

from python_udfs.sample.generate import generate
from tests.conftest import PROJECT_ROOT, run_dbt

AS_OF = date(2026, 11, 1)
SEED = PROJECT_ROOT / "seeds" / "skills" / "skills.csv"
LANGUAGES = {"en", "de", "fr", "nl", "es"}


def _seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_seed_has_300_skills_with_aliases_in_five_languages():
    rows = _seed_rows()
    assert len({row["skill"] for row in rows}) >= 300
    by_language = {row["language"] for row in rows}
    assert LANGUAGES | {"any"} == by_language
    # practices, soft and domain skills have local names in every language
    local = [r for r in rows if r["category"] in ("soft", "practice", "domain")]
    for language in LANGUAGES:
        assert sum(r["language"] == language for r in local) >= 100, language


def test_seed_aliases_are_valid_lower_case_re2_without_capturing_groups():
    rows = _seed_rows()
    con = duckdb.connect()
    for row in rows:
        alias = row["alias"]
        # every pattern compiles in DuckDB's RE2 (raises otherwise)
        con.execute("select regexp_matches('', ?)", [alias]).fetchone()
        without_classes = alias.replace(r"\pL", "").replace(r"\pN", "")
        assert without_classes == without_classes.lower(), alias
        # a capturing group would make every match run RE2's slow engine
        assert not con.execute(
            r"select regexp_matches(?, '(?:^|[^\\])\((?:[^?]|$)')", [alias]
        ).fetchone()[0], alias
    # one category per skill
    categories: dict[str, set[str]] = {}
    for row in rows:
        categories.setdefault(row["skill"], set()).add(row["category"])
    assert all(len(values) == 1 for values in categories.values())


@pytest.fixture(scope="module")
def skills_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work_dir = tmp_path_factory.mktemp("skills")
    generated = generate(rows=3_000, seed=17, out_dir=work_dir / "data", as_of=AS_OF)
    db_path = work_dir / "warehouse.duckdb"
    dbt_vars = {
        "raw_postings_path": str(generated["postings_path"]),
        "as_of_date": AS_OF.isoformat(),
    }
    # cautious: leave out the project tests that also read unselected models
    run_dbt(
        ["build", "-s", "+top_skills", "--indirect-selection", "cautious"],
        db_path,
        work_dir,
        dbt_vars,
    )
    return db_path


def test_most_postings_name_skills_and_every_skill_is_in_the_seed(skills_warehouse: Path):
    con = duckdb.connect(str(skills_warehouse), read_only=True)
    postings, with_skills = con.execute(
        "select count(*), count(*) filter (where posting_id in "
        "(select posting_id from int_postings__skills_extracted)) "
        "from int_postings__deduplicated"
    ).fetchone()
    assert with_skills / postings > 0.9
    unknown = con.execute(
        "select distinct skill from int_postings__skills_extracted "
        "where skill not in (select skill from skills)"
    ).fetchall()
    assert unknown == []
    methods = con.execute(
        "select distinct skill_method from int_postings__skills_extracted"
    ).fetchall()
    assert methods == [("rule",)]


def test_generated_skills_are_found_where_the_text_names_them(skills_warehouse: Path):
    con = duckdb.connect(str(skills_warehouse), read_only=True)
    # postings whose text names the skill in the generator's own words
    for skill, phrase in [
        ("Python", "python"),
        ("SQL", "sql"),
        ("Machine learning", "machine learning"),
        ("CI/CD", "ci/cd"),
        ("Software architecture", "softwarearchitektur"),
        ("English", "englischkenntnisse"),
        ("Teamwork", "trabajo en equipo"),
        ("Teamwork", "in teamverband"),
    ]:
        named, found = con.execute(
            """
            select
                count(*),
                count(*) filter (where posting_id in (
                    select posting_id from int_postings__skills_extracted
                    where skill = $skill
                ))
            from int_postings__deduplicated
            where regexp_matches(lower(title || ' ' || description), '\\b' || $phrase || '\\b')
            """,
            {"skill": skill, "phrase": phrase},
        ).fetchone()
        assert named > 0, (skill, phrase)
        assert found == named, (skill, phrase, named, found)


def test_top_skills_ranks_real_skills_per_cell(skills_warehouse: Path):
    con = duckdb.connect(str(skills_warehouse), read_only=True)
    se_skills = {
        skill
        for (skill,) in con.execute(
            "select skill from top_skills where job_family = 'Software Engineering' and rank <= 10"
        ).fetchall()
    }
    assert se_skills, "no Software Engineering cell in top_skills"
    assert se_skills & {"Python", "Java", "CI/CD", "Code review", "Software architecture"}

    shares = con.execute(
        "select min(share_of_postings), max(share_of_postings) from top_skills"
    ).fetchone()
    assert 0 < shares[0] <= shares[1] <= 1

    # ranks are 1..n without gaps in every cell, ordered by share
    gaps = con.execute(
        """
        select country_code, job_family, count(*), max(rank), min(rank)
        from top_skills
        group by all
        having count(*) <> max(rank) or min(rank) <> 1 or max(rank) > 25
        """
    ).fetchall()
    assert gaps == []
    out_of_order = con.execute(
        """
        select count(*) from (
            select share_of_postings,
                lag(share_of_postings) over (
                    partition by country_code, job_family order by rank
                ) as previous_share
            from top_skills
        ) where share_of_postings > previous_share
        """
    ).fetchone()[0]
    assert out_of_order == 0

    # shares agree with the extraction: recount one cell from the posting rows
    country_code, job_family, skill, share = con.execute(
        "select country_code, job_family, skill, share_of_postings from top_skills "
        "where job_family = 'Software Engineering' order by cell_postings desc, rank limit 1"
    ).fetchone()
    recount = con.execute(
        f"""
        select round(count(*) filter (where posting_id in (
                select posting_id from int_postings__skills_extracted where skill = ?
            )) / count(*), 4)
        from fct_postings
        where country_code = ? and job_family = ?
            and post_date > date '{AS_OF}' - interval 12 month
            and post_date <= date '{AS_OF}'
        """,
        [skill, country_code, job_family],
    ).fetchone()[0]
    assert recount == pytest.approx(share)
