"""Hybrid skills end to end: the dictionary first, llm_extract_skills for what it misses.

Six hand-written postings are built once with the LLM disabled (``dbt build`` of
int_postings__skills_enriched and everything it reads); each test copies that warehouse and
runs the skills answers model and int_postings__skills_enriched against a fresh fake
server whose skills responder answers per posting reference (a budget of 2 calls first,
then the rest, then an unchanged re-run):

* s01: the dictionary finds BDD ("Gherkin"); the LLM adds Axon Framework and Akka, and
  names Gherkin again (mapped to BDD, already found: not added twice);
* s02: the LLM adds a skill the posting never names (Haskell): ungrounded, nothing used;
* s03: five dictionary skills: not sent at all;
* s04: the LLM adds JCL and z/OS, written "Z/OS" by the model;
* s05, s06: the LLM finds nothing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from python_udfs.testing.fake_llm import FakeLLMServer
from python_udfs.testing.fake_llm.skills_responder import SkillsResponder, posting_description
from tests.conftest import BUILD_WITHOUT_UNIT_TESTS, run_dbt
from tests.functional.conftest import warehouse_copy

DESCRIPTIONS = {
    1: "You build services with Axon Framework and Akka, and write Gherkin scenarios.",
    2: "Our platform team runs batch pipelines and writes Jsonnet templates.",
    3: "Daily work with Python, SQL, Docker, Kubernetes and Terraform.",
    4: "You maintain batch jobs written in JCL on z/OS mainframes.",
    5: "We are a friendly team in Berlin with flexible hours.",
    6: "Join our growing office in Munich; great coffee included.",
}
LLM_SKILLS = {
    "ref-s01": ["Axon Framework", "akka", "Gherkin"],
    "ref-s02": ["Jsonnet", "Haskell"],  # Haskell is nowhere in the posting
    "ref-s03": ["Python"],  # never asked: the dictionary found enough
    "ref-s04": ["JCL", "Z/OS"],
}
EXPECTED_LLM_SKILLS = {
    ("hand-01", "axon framework", None),
    ("hand-01", "akka", None),
    ("hand-04", "jcl", None),
    ("hand-04", "z/os", None),
}
SELECT = ["--select", "int_llm__skills_answers", "int_postings__skills_enriched"]
pytestmark = pytest.mark.slow  # five dbt invocations: ~60 s on 2 shared cores
FAST_LLM_ENV = {
    "OPENAI_API_KEY": "sk-test-skills",
    "SALARY_INSIGHTS_LLM_TIMEOUT_S": "2",
    "SALARY_INSIGHTS_LLM_MAX_RETRIES": "1",
}


def write_postings(path: Path) -> None:
    rows = [
        (f"hand-{i:02d}", "board_a", "Engineer", f"Company {i}",
         f"Reference ref-s{i:02d}. {text}", "Germany", "Berlin", "2026-10-01", None)
        for i, text in DESCRIPTIONS.items()
    ]  # fmt: skip
    con = duckdb.connect()
    con.execute(
        "create table postings (posting_id varchar, source varchar, title varchar, "
        "company varchar, description varchar, country varchar, city varchar, "
        "post_date varchar, salary_text varchar)"
    )
    con.executemany("insert into postings values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute(f"copy postings to '{path}' (format parquet)")
    con.close()


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The six postings, built with the LLM disabled (no key, no base URL)."""
    work = tmp_path_factory.mktemp("llm_skills_base")
    postings = work / "postings.parquet"
    write_postings(postings)
    dbt_vars = {"raw_postings_path": str(postings), "as_of_date": "2026-11-01"}
    db = work / "warehouse.duckdb"
    # the models and data tests up to int_postings__skills_enriched
    build = run_dbt(
        [*BUILD_WITHOUT_UNIT_TESTS, "--select", "+int_postings__skills_enriched",
         "--indirect-selection", "cautious"],
        db, work, dbt_vars,
    )  # fmt: skip
    dry_run = run_dbt(["run-operation", "llm_dry_run"], db, work, dbt_vars)
    return {"db": db, "vars": dbt_vars, "build": build.stdout, "dry_run": dry_run.stdout}


@pytest.fixture
def warehouse(base: dict, tmp_path: Path) -> Path:
    """A private copy of the base warehouse, with its parse kept."""
    return warehouse_copy(base["db"], tmp_path)


def run_skills(db: Path, base: dict, server: FakeLLMServer, **env: str):
    """`dbt run` of the skills answers and int_postings__skills_enriched, against the fake."""
    llm_env = {**FAST_LLM_ENV, "OPENAI_BASE_URL": server.base_url, **env}
    return run_dbt(["run", *SELECT], db, db.parent, base["vars"], env=llm_env)


def answer_statuses(db: Path) -> dict[str, str]:
    """posting_id -> status of its skills answer."""
    return dict(
        query(
            db,
            "select r.posting_id, a.status from int_postings__llm_requests r "
            "join int_llm__skills_answers a using (input_hash) where r.task = 'skills'",
        )
    )


def llm_rows(db: Path) -> set[tuple]:
    return set(
        query(
            db,
            "select posting_id, skill, skill_category from int_postings__skills_enriched "
            "where skill_method = 'llm'",
        )
    )


def references(server: FakeLLMServer) -> set[int]:
    """The postings (reference numbers) the server was asked about."""
    return {int(posting_description(r).split("ref-s")[1][:2]) for r in server.requests}


# ---------------------------------------------------------------- tests
def test_disabled_build_passes_with_dictionary_skills_only(base: dict) -> None:
    db = base["db"]
    flagged = {f"hand-{i:02d}" for i in (1, 2, 4, 5, 6)}
    assert answer_statuses(db) == dict.fromkeys(flagged, "disabled")
    sent = query(db, "select posting_id from int_postings__llm_requests where task = 'skills'")
    assert {row[0] for row in sent} == flagged  # s03: five dictionary skills, not sent
    rule = query(db, "select count(*) from int_postings__skills_extracted")[0][0]
    assert query(db, "select count(*), count_if(skill_method = 'rule') "
                     "from int_postings__skills_enriched") == [(rule, rule)]  # fmt: skip
    assert llm_rows(db) == set()
    # the dry run counts the skills task like the others
    assert (
        "skills: 5 flagged postings, 5 distinct inputs, 0 already answered, 5 calls"
        in (base["dry_run"])
    )


def test_llm_skills_fill_what_the_dictionary_misses(warehouse: Path, base: dict) -> None:
    with FakeLLMServer(responder=SkillsResponder(LLM_SKILLS)) as server:
        # a budget of 2 calls: the other 3 inputs wait as over_budget
        run_skills(warehouse, base, server, SALARY_INSIGHTS_LLM_MAX_CALLS="2")
        assert server.request_count == 2
        first = references(server)
        assert sorted(answer_statuses(warehouse).values()).count("over_budget") == 3

        # the next run asks exactly those 3
        server.reset()
        run_skills(warehouse, base, server)
        assert len(references(server)) == server.request_count == 3
        assert first | references(server) == {1, 2, 4, 5, 6}  # s03 is never sent
        assert llm_rows(warehouse) == EXPECTED_LLM_SKILLS
        statuses = answer_statuses(warehouse)
        assert statuses.pop("hand-02") == "ungrounded"  # Haskell: nothing of s02 is used
        assert set(statuses.values()) == {"ok"}
        error = query(warehouse, "select error from int_llm__skills_answers "
                                 "where status = 'ungrounded'")  # fmt: skip
        assert error == [("not in the text: skills 'Haskell'",)]
        # Gherkin is BDD, which the dictionary found: one rule row, no llm row
        assert query(warehouse, "select skill, skill_method from int_postings__skills_enriched "
                                "where posting_id = 'hand-01' and skill = 'BDD'") == [
            ("BDD", "rule")
        ]  # fmt: skip

        # an unchanged re-run asks nothing and changes nothing
        server.reset()
        run_skills(warehouse, base, server)
        assert server.request_count == 0
        assert llm_rows(warehouse) == EXPECTED_LLM_SKILLS
