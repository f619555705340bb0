"""top_skills ranked by the local model: NULL before training, filled and ordered after.

A warehouse of generated postings is built with `dbt build -s +top_skills` while no
model exists (a fresh clone: model_weight and model_rank NULL), the local model is
trained on its rule labels, and top_skills is rebuilt with the model
(SALARY_INSIGHTS_MODEL_DIR, as tests/functional/test_cascade.py does).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from python_udfs.model.predict import load_model
from python_udfs.model.train import train
from python_udfs.sample.generate import generate
from tests.conftest import BUILD_WITHOUT_UNIT_TESTS, run_dbt

AS_OF = date(2026, 11, 1)
pytestmark = pytest.mark.slow  # two builds and a training: ~70 s on 2 shared cores
SHARE_COLUMNS = (
    "country_code, job_family, rank, skill, skill_category, cell_postings, "
    "postings_with_skill, share_of_postings, lift, salaried_postings_with_skill, "
    "median_salary_eur_annual"
)


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def ranking(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("skill_ranking")
    generated = generate(rows=3_000, seed=23, out_dir=work / "data", as_of=AS_OF)
    db = work / "warehouse.duckdb"
    dbt_vars = {"raw_postings_path": str(generated["postings_path"]),
                "as_of_date": AS_OF.isoformat()}  # fmt: skip
    models = work / "models"
    env = {"SALARY_INSIGHTS_MODEL_DIR": str(models / "current")}
    # the data and its data tests; unit tests (no data) are not this test's subject
    build = [*BUILD_WITHOUT_UNIT_TESTS, "--indirect-selection", "cautious"]
    run_dbt([*build, "-s", "+top_skills"], db, work, dbt_vars, env=env)
    before = {
        "nulls": _rows(db, "select count(*), count(model_weight), count(model_rank) "
                           "from top_skills")[0],
        "shares": _rows(db, f"select {SHARE_COLUMNS} from top_skills order by all"),
    }  # fmt: skip
    artifact = train(db, models, seed=0)
    run_dbt([*build, "-s", "top_skills"], db, work, dbt_vars, env=env)
    return {"db": db, "artifact": artifact, "before": before}


def test_without_a_model_the_model_columns_are_null(ranking: dict) -> None:
    rows, weights, ranks = ranking["before"]["nulls"]
    assert rows > 100 and weights == 0 and ranks == 0


def test_the_model_leaves_the_share_ranking_unchanged(ranking: dict) -> None:
    after = _rows(ranking["db"], f"select {SHARE_COLUMNS} from top_skills order by all")
    assert after == ranking["before"]["shares"]


def test_model_rank_is_filled_and_orders_as_model_weight(ranking: dict) -> None:
    db = ranking["db"]
    rows, weights, ranks, both = _rows(db, """
        select count(*), count(model_weight), count(model_rank),
            count(*) filter (where (model_weight is null) = (model_rank is null))
        from top_skills
    """)[0]  # fmt: skip
    # NULL only for canonical names whose words the descriptions never use
    # (Teamwork, German, C#, R): 11% here
    assert both == rows and weights == ranks and weights / rows > 0.8
    cells = {}
    for country, family, skill, weight, rank in _rows(db, """
        select country_code, job_family, skill, model_weight, model_rank
        from top_skills where model_rank is not null
        order by country_code, job_family, model_rank
    """):  # fmt: skip
        cells.setdefault((country, family), []).append((rank, -weight, skill))
    assert len(cells) >= 10
    for cell, ranked in cells.items():
        assert [r for r, _, _ in ranked] == list(range(1, len(ranked) + 1)), cell
        assert [(w, s) for _, w, s in ranked] == sorted((w, s) for _, w, s in ranked), cell


def test_model_weight_is_the_udf_value_and_reads_as_evidence(ranking: dict) -> None:
    db = ranking["db"]
    skills = load_model(ranking["artifact"]).skills
    pairs = _rows(
        db,
        """
        select distinct skill, job_family, model_weight from top_skills
        where model_weight is not null
    """,
    )
    # one value per skill and family, whatever the country: the UDF's, rounded
    assert len(pairs) == len({(s, f) for s, f, _ in pairs})
    python = skills.weigh([s for s, _, _ in pairs], [f for _, f, _ in pairs]).to_pylist()
    assert [round(w, 4) for w in python] == [w for _, _, w in pairs]
    weight = {(s, f): w for s, f, w in pairs}
    # the generator's family-specific skills weigh for their family ...
    for skill, family in [("PyTorch", "Data Science"), ("Java", "Software Engineering"),
                          ("Scrum", "Product Management")]:  # fmt: skip
        assert weight[(skill, family)] > 0.5, (skill, family)
    # ... and each family's model_rank 1 skill more than what every family asks for
    top = _rows(
        db,
        """
        select job_family, max(model_weight) from top_skills
        where model_rank = 1 group by job_family
    """,
    )
    for family, best in top:
        if (common := weight.get(("English", family))) is not None:
            assert best > common + 0.5, family
