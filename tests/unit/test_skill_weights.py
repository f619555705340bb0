"""The local model's skill weights: trained on a small labeled fixture, asked in Python
and in SQL (``model_skill_weight``).

The fixture is a tiny warehouse (the three tables the trainer reads) of hand-written
postings: each family's descriptions name its own skills (Data Science: PyTorch, machine
learning; Software Engineering: Kubernetes, Java; Product Management: roadmap,
stakeholder management; Other: bookkeeping, Excel) plus skills every family names
(teamwork, English), so the model has something to learn and something to ignore.
"""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from python_udfs.model.artifacts import ENV_MODEL_DIR
from python_udfs.model.predict import load_model, register_model_udfs
from python_udfs.model.train import train_candidate

OWN_SKILLS = {
    "Data Science": ["pytorch", "machine learning", "scikit-learn", "statistics"],
    "Software Engineering": ["kubernetes", "java", "docker", "microservices"],
    "Product Management": ["roadmap", "stakeholder management", "jira", "user stories"],
    "Other": ["bookkeeping", "excel", "payroll", "invoicing"],
}
SHARED_SKILLS = ["teamwork", "english"]
TITLES = {
    "Data Science": ["Data Scientist", "Machine Learning Engineer", "Data Analyst"],
    "Software Engineering": ["Software Engineer", "Backend Developer", "Java Developer"],
    "Product Management": ["Product Manager", "Product Owner"],
    "Other": ["Accountant", "Office Assistant", "Payroll Clerk"],
}
SENIORITY = {"Junior": "Entry", "Senior": "Senior", "": "Mid"}
SENTENCES = [
    "You bring experience with {a} and {b}.",
    "Our team relies on {a}; knowledge of {b} is a plus.",
    "You will use {a} every day and help us with {b}.",
]


def _postings(n: int, seed: int) -> list[tuple[str, str, str, str, str, str]]:
    """(posting_id, title, company, description, job_family, seniority) rows."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        family = rng.choice(sorted(OWN_SKILLS))
        level = rng.choice(sorted(SENIORITY))
        title = f"{level} {rng.choice(TITLES[family])}".strip()
        a, b = rng.sample(OWN_SKILLS[family], 2)
        description = " ".join(
            [
                rng.choice(SENTENCES).format(a=a, b=b),
                rng.choice(SENTENCES).format(a=rng.choice(SHARED_SKILLS), b="English"),
                "We offer a friendly office and flexible hours.",
            ]
        )
        rows.append((f"p{i}", title, f"Company {i % 37}", description, family, SENIORITY[level]))
    return rows


@pytest.fixture(scope="module")
def artifact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("skill_weights")
    db = folder / "warehouse.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "create table postings (posting_id varchar, title varchar, company varchar, "
        "description varchar, job_family varchar, seniority varchar)"
    )
    con.executemany("insert into postings values (?, ?, ?, ?, ?, ?)", _postings(800, seed=1))
    con.execute("""
        create table int_postings__deduplicated as
        select posting_id, title, company, description from postings;
        create table int_postings__job_family_labeled as
        select posting_id, job_family, 'rule' as job_family_method from postings;
        create table int_postings__seniority_labeled as
        select posting_id, seniority, 'rule' as seniority_method,
            'title' as seniority_basis
        from postings;
    """)
    con.close()
    return train_candidate(db, folder / "models", max_rows=None).artifact_dir


def test_each_family_weighs_its_own_skills_most(artifact: Path) -> None:
    skills = load_model(artifact).skills
    assert set(skills.families) == set(OWN_SKILLS)
    own_of = {s: family for family, names in OWN_SKILLS.items() for s in names}
    for family, own in OWN_SKILLS.items():
        names = sorted(own_of)
        weights = skills.weigh(names, [family] * len(names)).to_pylist()
        ranked = [name for _, name in sorted(zip(weights, names), reverse=True)]
        # the family's own skills take the first places, and weigh for it (> 0)
        assert set(ranked[: len(own)]) == set(own), (family, ranked)
        assert all(w > 0 for w, n in zip(weights, names) if n in own), family
        assert all(w < 0 for w, n in zip(weights, names) if n not in own), family
    # and each skill weighs most for its own family
    for skill, family in own_of.items():
        by_family = skills.by_family(skill)
        assert max(by_family, key=by_family.get) == family, (skill, by_family)
    pytorch = skills.by_family("PyTorch")
    assert pytorch["Data Science"] > 1.0


def test_skills_every_family_names_carry_little_evidence(artifact: Path) -> None:
    skills = load_model(artifact).skills
    for family, names in OWN_SKILLS.items():
        shared = skills.weigh(SHARED_SKILLS, [family] * 2).to_pylist()
        own = skills.weigh(names, [family] * len(names)).to_pylist()
        assert max(abs(w) for w in shared) < min(own) / 3, (family, shared, own)


def test_weight_is_the_centred_log_odds_of_a_description_naming_the_skill(
    artifact: Path,
) -> None:
    """The documented meaning: for a posting with no title and the skill's name as its
    description, log p_f - mean_g log p_g = (intercept_f - mean intercept) + weight_f."""
    model = load_model(artifact)
    family_model = model.classifier.fields["job_family"]
    columns = model.classifier.slices["job_family"]
    for skill in ("pytorch", "stakeholder management", "kubernetes java"):
        logits = model.classifier.logits(pa.array([""]), pa.array([skill]))[0, columns]
        log_p = logits - np.log(np.exp(logits).sum())
        centred = log_p - log_p.mean()
        intercept = family_model.intercept - family_model.intercept.mean()
        weights = model.skills.by_family(skill)
        expected = [weights[str(f)] for f in family_model.classes]
        np.testing.assert_allclose(centred - intercept, expected, atol=1e-4)
        assert abs(sum(expected)) < 1e-6


def test_unknown_skills_families_and_nulls_give_null(artifact: Path) -> None:
    skills = load_model(artifact).skills
    rows = skills.weigh(
        ["pytorch", "pytorch", "cobol", None, "pytorch", "", "pytorch"],
        ["Data Science", "Astrology", "Data Science", "Data Science", None, "Other",
         "data science"],
    ).to_pylist()  # fmt: skip
    assert rows[0] > 0 and rows[1:] == [None] * 6
    assert skills.by_family("cobol") is None


def test_sql_udf_gives_the_python_values(artifact: Path) -> None:
    model = load_model(artifact)
    con = duckdb.connect()
    register_model_udfs(con, artifact)
    register_model_udfs(con, artifact)  # re-registration on one connection
    names = [s for own in OWN_SKILLS.values() for s in own] + SHARED_SKILLS + ["cobol"]
    pairs = [(s.upper() if i % 2 else s, f) for i, s in enumerate(names) for f in OWN_SKILLS]
    pairs += [(None, "Other"), ("excel", None), ("excel", "Astrology")]
    con.execute("create table pairs (skill varchar, job_family varchar)")
    con.executemany("insert into pairs values (?, ?)", pairs)
    # a few thousand rows: several DuckDB vectors, each an Arrow batch of the UDF
    sql_rows = con.execute("""
        select skill, job_family, model_skill_weight(skill, job_family) as w, typeof(w)
        from pairs, range(40)
        order by all
    """).fetchall()
    assert {row[3] for row in sql_rows} == {"DOUBLE"}
    expected = dict(
        zip(pairs, model.skills.weigh([s for s, _ in pairs], [f for _, f in pairs]).to_pylist())
    )
    assert len(sql_rows) == 40 * len(pairs)
    for skill, family, weight, _ in sql_rows:
        assert weight == expected[(skill, family)], (skill, family)
    upper, lower = model.skills.weigh(["PyTorch", "pytorch"], ["Data Science"] * 2).to_pylist()
    assert upper == lower > 0  # the skill's text is lower-cased, the family is not
    assert sum(w is None for w in expected.values()) == len(OWN_SKILLS) + 3


def test_without_a_model_the_udf_returns_null_doubles(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no artifacts/models/current here
    monkeypatch.delenv(ENV_MODEL_DIR, raising=False)
    con = duckdb.connect()
    assert register_model_udfs(con) is None
    rows = con.execute("""
        select model_skill_weight(skill, family) is null, typeof(model_skill_weight(skill, family))
        from (values ('PyTorch', 'Data Science'), ('Java', null)) t(skill, family)
    """).fetchall()
    assert rows == [(True, "DOUBLE")] * 2
