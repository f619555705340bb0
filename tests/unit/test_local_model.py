"""The local model end to end, without dbt: train, artifact, predict, UDF, retrain guard.

The warehouse is a tiny DuckDB file built here with only the tables and columns the
trainer reads; its "rule" labels are the generator's gold labels on the postings whose
title carries a marker (as the rules decide them), so the data looks like a warehouse's.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from python_udfs.model.artifacts import CURRENT_FILE, ENV_MODEL_DIR, METADATA_FILE, MODEL_FILE
from python_udfs.model.data import load_labeled
from python_udfs.model.predict import load_model, register_model_udfs
from python_udfs.model.retrain import main as retrain_main
from python_udfs.model.retrain import retrain
from python_udfs.model.train import train, train_candidate
from python_udfs.sample.generate import generate

AS_OF = date(2026, 11, 1)
FAMILIES = {"Software Engineering", "Data Science", "Product Management", "Other"}
SENIORITIES = {"Entry", "Mid", "Senior"}

WAREHOUSE_SQL = """
create table postings as
select p.posting_id, p.title, p.company, p.description, g.*
    exclude (posting_id, job_family, seniority),
    g.job_family as gold_job_family, g.seniority as gold_seniority
from read_parquet('{postings}') p
join read_parquet('{gold}') g using (posting_id)
where g.reject_reason is null and p.posting_id is not null
qualify row_number() over (partition by posting_id) = 1;  -- ids reused by broken rows

create table int_postings__deduplicated as
select posting_id, title, company, description from postings;

create table int_postings__job_family_labeled as
select
    posting_id,
    case when title_has_family_marker then gold_job_family end as job_family,
    case when title_has_family_marker then 'rule' end as job_family_method
from postings;

create table int_postings__seniority_labeled as
select
    posting_id,
    case when basis is not null then gold_seniority end as seniority,
    case when basis is not null then 'rule' end as seniority_method,
    basis as seniority_basis
from (
    select *, case
        when title_has_seniority_marker then 'title'
        when experience_min_years is not null then 'experience'
    end as basis
    from postings
);

-- evaluation postings with labels that would poison a model trained on them
insert into int_postings__deduplicated
select 'eval-' || posting_id, title, company, description from postings limit 300;
insert into int_postings__job_family_labeled
select 'eval-' || posting_id, 'Product Management', 'rule' from postings limit 300;
insert into int_postings__seniority_labeled
select 'eval-' || posting_id, 'Entry', 'rule', 'title' from postings limit 300;
"""

SHUFFLE_SQL = """
create or replace table int_postings__job_family_labeled as
with
ids as (select posting_id, row_number() over (order by md5(posting_id)) as n
        from int_postings__job_family_labeled),
labels as (select job_family, job_family_method, row_number() over (order by posting_id) as n
           from int_postings__job_family_labeled)
select ids.posting_id, labels.job_family, labels.job_family_method from ids join labels using (n);

create or replace table int_postings__seniority_labeled as
with
ids as (select posting_id, row_number() over (order by md5(posting_id)) as n
        from int_postings__seniority_labeled),
labels as (select seniority, seniority_method, seniority_basis,
                  row_number() over (order by posting_id) as n
           from int_postings__seniority_labeled)
select ids.posting_id, labels.seniority, labels.seniority_method, labels.seniority_basis
from ids join labels using (n);
"""


def build_warehouse(folder: Path, rows: int, seed: int, shuffled: bool = False) -> Path:
    generated = generate(rows=rows, seed=seed, out_dir=folder / "raw", as_of=AS_OF, workers=1)
    db = folder / "warehouse.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        WAREHOUSE_SQL.format(postings=generated["postings_path"], gold=generated["gold_path"])
    )
    if shuffled:
        con.execute(SHUFFLE_SQL)
    con.close()
    return db


def held_out_rows(folder: Path) -> pa.Table:
    """Postings of another seed with their gold labels where a rule would decide them."""
    generated = generate(rows=1500, seed=99, out_dir=folder, as_of=AS_OF, workers=1)
    return duckdb.sql(f"""
        select p.title, p.description,
            case when g.title_has_family_marker then g.job_family end as job_family,
            case when g.title_has_seniority_marker then g.seniority end as seniority,
            g.job_family as gold_job_family,
            g.title_has_family_marker
        from read_parquet('{generated["postings_path"]}') p
        join read_parquet('{generated["gold_path"]}') g using (posting_id)
        where g.reject_reason is null
    """).to_arrow_table()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("good"), rows=6000, seed=3)


@pytest.fixture(scope="module")
def shuffled_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("shuffled"), 6000, 3, shuffled=True)


@pytest.fixture(scope="module")
def held_out(tmp_path_factory: pytest.TempPathFactory) -> pa.Table:
    return held_out_rows(tmp_path_factory.mktemp("held_out"))


@pytest.fixture(scope="module")
def trained(warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    return train_candidate(warehouse, tmp_path_factory.mktemp("models"))


def test_training_data_excludes_eval_postings_and_splits_by_group(warehouse: Path) -> None:
    data = load_labeled(warehouse)
    ids = (
        data.training.column("posting_id").to_pylist()
        + data.validation.column("posting_id").to_pylist()
    )
    assert ids and not [i for i in ids if i.startswith("eval-")]
    con = duckdb.connect(str(warehouse), read_only=True)
    group = dict(
        con.execute("""
        select posting_id, lower(title) || chr(31) || lower(company)
        from int_postings__deduplicated""").fetchall()
    )
    training_groups = {group[i] for i in data.training.column("posting_id").to_pylist()}
    validation_groups = {group[i] for i in data.validation.column("posting_id").to_pylist()}
    assert not training_groups & validation_groups
    assert 0.05 < data.validation.num_rows / len(ids) < 0.15


def test_artifact_round_trip(trained, held_out: pa.Table) -> None:
    artifact = trained.artifact_dir
    assert (artifact / MODEL_FILE).is_file()
    assert (artifact.parent / CURRENT_FILE).read_text().strip() == artifact.name
    metadata = json.loads((artifact / METADATA_FILE).read_text())
    assert metadata["version"] == artifact.name
    assert artifact.name.startswith("jobclf-") and metadata["data_hash"][:8] in artifact.name
    for key in ("created_at", "training_rows", "label_counts", "validation", "sklearn_version",
                "features", "data_hash"):  # fmt: skip
        assert metadata[key], key
    assert set(metadata["label_counts"]["training"]["job_family"]) == FAMILIES
    assert set(metadata["validation"]["seniority"]["per_class"]) == SENIORITIES
    for field in ("job_family", "seniority"):
        scores = metadata["validation"][field]
        assert {"accuracy", "macro_f1", "ece", "per_class"} <= set(scores)

    model = load_model(artifact.parent)  # the models directory resolves through current
    titles, descriptions = held_out.column("title"), held_out.column("description")
    predicted = model.predict(titles, descriptions)
    expected = trained.classifier.decide(trained.classifier.logits(titles, descriptions))
    for field in ("job_family", "seniority"):
        assert (predicted[field] == expected[field][0]).all()
        np.testing.assert_allclose(predicted[f"{field}_confidence"], expected[field][1], rtol=1e-5)
    assert set(predicted["model_version"]) == {artifact.name}
    # a second call (title logits now cached) gives the same answers
    again = model.predict(titles, descriptions)
    assert (again["job_family"] == predicted["job_family"]).all()


def test_accuracy_on_held_out_postings(trained, held_out: pa.Table) -> None:
    model = load_model(trained.artifact_dir)
    predicted = model.predict(held_out.column("title"), held_out.column("description"))
    for field, bar in (("job_family", 0.95), ("seniority", 0.85)):
        truth = np.array(held_out.column(field).to_pylist(), dtype=object)
        known = truth != None
        accuracy = (predicted[field][known] == truth[known]).mean()
        assert accuracy > bar, (field, accuracy)
        confidence = predicted[f"{field}_confidence"]
        assert ((confidence >= 0) & (confidence <= 1)).all()
        assert confidence.min() > 1 / 4  # the top class of 3 or 4 is at least uniform


def test_titles_without_keyword_are_classified_from_the_description(
    trained, held_out: pa.Table
) -> None:
    """The rows the model is for: no rule keyword in the title (title dropout: 0.55 -> 0.95)."""
    no_marker = held_out.filter(pc.invert(held_out.column("title_has_family_marker")))
    assert no_marker.num_rows >= 50
    predicted = load_model(trained.artifact_dir).predict(
        no_marker.column("title"), no_marker.column("description")
    )
    truth = np.array(no_marker.column("gold_job_family").to_pylist(), dtype=object)
    assert (predicted["job_family"] == truth).mean() > 0.8


def test_udf_returns_typed_struct(trained) -> None:
    con = duckdb.connect()
    register_model_udfs(con, trained.artifact_dir)
    register_model_udfs(con, trained.artifact_dir)  # re-registration on one connection
    row = con.execute("""
        select r, typeof(r), r.job_family, r.model_version
        from (select model_classify_job('Senior Data Scientist (m/w/d)',
            'You will build machine learning models in Python.') as r)
    """).fetchone()
    assert row[1] == (
        "STRUCT(job_family VARCHAR, job_family_confidence DOUBLE, seniority VARCHAR, "
        "seniority_confidence DOUBLE, model_version VARCHAR)"
    )
    assert row[2] == "Data Science" and row[0]["seniority"] == "Senior"
    assert 0 <= row[0]["job_family_confidence"] <= 1
    assert row[3] == trained.artifact_dir.name
    rows = con.execute("""
        select model_classify_job(title, description) is null
        from (values ('Product Owner', null), (null, null), (null, 'Python backend'))
            t(title, description)
    """).fetchall()
    assert rows == [(False,), (True,), (False,)]


def test_missing_artifact_gives_null_structs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no artifacts/models/current here
    monkeypatch.delenv(ENV_MODEL_DIR, raising=False)
    con = duckdb.connect()
    assert register_model_udfs(con) is None
    rows = con.execute("""
        select r is null, typeof(r)
        from (select model_classify_job(title, 'x') as r
              from (values ('Data Engineer'), ('Koch')) t(title))
    """).fetchall()
    assert rows == [(True, rows[0][1])] * 2 and rows[0][1].startswith("STRUCT(job_family")
    monkeypatch.setenv(ENV_MODEL_DIR, str(tmp_path / "nowhere"))
    assert register_model_udfs(con) is None


def test_retrain_refuses_worse_and_accepts_better(
    warehouse: Path, shuffled_warehouse: Path, held_out: pa.Table, tmp_path: Path, capsys
) -> None:
    models = tmp_path / "models"
    bad = train(shuffled_warehouse, models)
    assert (models / CURRENT_FILE).read_text().strip() == bad.name

    better = retrain(warehouse, models, eval_rows=held_out)
    assert better.accepted and better.current_version == bad.name
    assert better.candidate_score > better.current_score
    assert (models / CURRENT_FILE).read_text().strip() == better.candidate_version

    eval_csv = tmp_path / "eval.csv"
    duckdb.from_arrow(held_out).write_csv(str(eval_csv))
    retrain_main(["--db", str(shuffled_warehouse), "--out", str(models),
                  "--eval-csv", str(eval_csv)])  # fmt: skip
    printed = capsys.readouterr().out
    assert "REFUSED" in printed and better.candidate_version in printed
    assert (models / CURRENT_FILE).read_text().strip() == better.candidate_version
