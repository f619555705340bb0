"""LLM values on generated postings: a fake model that knows the gold labels.

The fake server answers each request with the generator's gold label of the posting it
was sent, so whatever reaches fct_postings with method 'llm' must equal the gold value:
a wrong join, a mixed-up input hash or a field taken from the wrong task shows up as a
mismatch. Answers the grounding check rejects (a gold figure the text spells in a way the
check does not read) simply stay NULL.

The gold file has no skills, so for llm_extract_skills the fake model's "gold" is the
generator's own skills vocabulary: it names every vocabulary skill written in the
description it was sent (:func:`vocabulary_skills`). Each stored skills answer must then
be exactly that list for its input text, and every LLM skill reaching
int_postings__skills_enriched must come from the answer for its own posting.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from python_udfs.llm.skills import normalise_skill_text, occurs_in
from python_udfs.sample import vocabulary
from python_udfs.sample.generate import generate
from python_udfs.testing.fake_llm import FakeLLMServer, last_user_text
from python_udfs.testing.fake_llm.skills_responder import posting_description, with_skills
from tests.conftest import BUILD_WITHOUT_UNIT_TESTS, REPORTED_FIGURES, run_dbt

ROWS = 2_000
LLM_ENV = {"OPENAI_API_KEY": "sk-test-gold", "SALARY_INSIGHTS_LLM_TIMEOUT_S": "5"}
BLOCK = re.compile(r"<<<POSTING\n(.*)\nPOSTING>>>", re.DOTALL)
# every skill the generator writes into descriptions, in a fixed order
VOCABULARY_SKILLS = sorted(
    {skill for role in vocabulary.ROLES for skills in role.skills.values() for skill in skills}
)


def vocabulary_skills(description: str) -> list[str]:
    """The generator's skills written in the description (as the UDF's grounding reads)."""
    return [skill for skill in VOCABULARY_SKILLS if occurs_in(skill, description)]


def answer_skills(request: dict) -> dict:
    """The fake model's skills answer: the vocabulary skills of the description sent."""
    return {"skills": vocabulary_skills(posting_description(request))}


def task_of(request: dict) -> str:
    text = json.dumps(request.get("response_format")) + json.dumps(request["messages"][0])
    if "salary_min" in text:
        return "salary"
    if "experience_min_years" in text:
        return "experience"
    return "classification"


class GoldResponder:
    """Answers with the gold label of the posting whose text was sent."""

    def __init__(self, db: Path, gold_path: Path) -> None:
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute(
            f"""
            select r.task, r.input_text, r.input_description, g.job_family, g.seniority,
                g.experience_min_years, g.salary_is_stated, g.salary_min, g.salary_max,
                g.salary_currency, g.salary_period
            from int_postings__llm_requests r
            join read_parquet('{gold_path}') g
                on g.posting_id = r.posting_id and g.reject_reason is null
            where r.task in ('salary', 'experience', 'classification')
            """
        ).fetchall()
        con.close()
        self.answers: dict[tuple, dict] = {}
        for task, text, description, family, seniority, years, stated, lo, hi, cur, per in rows:
            if task == "salary":
                answer = ({"salary_min": lo, "salary_max": hi, "currency": cur, "period": per}
                          if stated else dict.fromkeys(("salary_min", "salary_max", "currency",
                                                        "period")))  # fmt: skip
            elif task == "experience":
                answer = {"experience_min_years": years}
            else:
                answer = {"job_family": family, "seniority": seniority}
            self.answers[(task, text, description)] = answer

    def __call__(self, request: dict) -> dict:
        fields = json.loads(BLOCK.search(last_user_text(request)).group(1))
        task = task_of(request)
        if task == "classification":
            key = (task, fields["title"], fields["description"])
        else:
            key = (task, fields["text"], None)
        return self.answers[key]


@pytest.fixture(scope="module")
def gold_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("llm_gold")
    generated = generate(rows=ROWS, seed=11, out_dir=work / "data", as_of=date(2026, 11, 1))
    db = work / "warehouse.duckdb"
    dbt_vars = {"raw_postings_path": str(generated["postings_path"]), "as_of_date": "2026-11-01"}
    run_dbt(BUILD_WITHOUT_UNIT_TESTS, db, work, dbt_vars)  # LLM disabled: rule values only
    with duckdb.connect(str(db), read_only=True) as con:
        before = con.execute(
            "select count(salary_method), count(job_family), count(seniority), "
            "count(experience_min_years) from fct_postings"
        ).fetchone()
    # skills requests to answer_skills, the others to the gold labels
    responder = with_skills(GoldResponder(db, Path(generated["gold_path"])), answer_skills)
    with FakeLLMServer(responder=responder) as server:
        env = {**LLM_ENV, "OPENAI_BASE_URL": server.base_url}
        run_dbt(BUILD_WITHOUT_UNIT_TESTS, db, work, dbt_vars, env=env)
        first_requests = server.request_count
        server.reset()
        run_dbt(["run"], db, work, dbt_vars, env=env)
        rerun_requests = server.request_count
    return {"db": db, "gold": Path(generated["gold_path"]), "before": before,
            "first_requests": first_requests, "rerun_requests": rerun_requests}  # fmt: skip


def test_llm_values_reach_fct_postings_and_match_gold(gold_run: dict) -> None:
    con = duckdb.connect(str(gold_run["db"]), read_only=True)
    con.execute(f"create temp view gold as select * from read_parquet('{gold_run['gold']}') "
                "where reject_reason is null")  # fmt: skip
    checks = {
        "job_family": ("job_family_method", "f.job_family = g.job_family"),
        "seniority": ("seniority_method", "f.seniority = g.seniority"),
        "experience": ("experience_method", "f.experience_min_years = g.experience_min_years"),
        "salary": ("salary_method", ("f.salary_min is not distinct from g.salary_min and "
                   "f.salary_max is not distinct from g.salary_max and "
                   "f.salary_currency = g.salary_currency and f.salary_period = g.salary_period")),
    }  # fmt: skip
    for field, (method, same) in checks.items():
        llm_rows, correct = con.execute(
            f"select count(*), count_if({same}) from fct_postings f "
            f"join gold g using (posting_id) where f.{method} = 'llm'"
        ).fetchone()
        REPORTED_FIGURES.append(f"llm gold check ({ROWS} rows): {field}: {llm_rows} values "
                                f"from the LLM, {correct} equal to gold")  # fmt: skip
        assert llm_rows > 0, field
        assert correct == llm_rows, field
    after = con.execute(
        "select count(salary_method), count(job_family), count(seniority), "
        "count(experience_min_years) from fct_postings"
    ).fetchone()
    # every field gained values over the rule-only build
    assert all(a > b for a, b in zip(after, gold_run["before"], strict=True))
    # the salary tables now count the LLM's salaries too
    llm_salaries = con.execute(
        "select count(*) from fct_postings where salary_method = 'llm' "
        "and salary_min_eur_annual is not null"
    ).fetchone()[0]
    assert llm_salaries > 0
    con.close()


def test_unchanged_rerun_makes_zero_requests(gold_run: dict) -> None:
    assert gold_run["first_requests"] > 100
    assert gold_run["rerun_requests"] == 0
    con = duckdb.connect(str(gold_run["db"]), read_only=True)
    last = con.execute(
        "select sum(calls), sum(rows_asked), sum(warehouse_hits), sum(distinct_inputs), "
        "sum(tokens_saved_by_cache) from llm_usage "
        "where run_started_at = (select max(run_started_at) from llm_usage)"
    ).fetchone()
    con.close()
    calls, asked, hits, distinct, saved = last
    assert calls == 0 and asked == 0
    assert hits == distinct > 0
    assert saved > 0


def test_llm_skills_are_the_answers_for_their_own_posting(gold_run: dict) -> None:
    con = duckdb.connect(str(gold_run["db"]), read_only=True)
    answers = con.execute(
        "select r.posting_id, r.input_text, a.status, a.skills "
        "from int_postings__llm_requests r "
        "join int_llm__skills_answers a using (input_hash) where r.task = 'skills'"
    ).fetchall()
    llm_skills = con.execute(
        "select posting_id, skill, skill_category from int_postings__skills_enriched "
        "where skill_method = 'llm'"
    ).fetchall()
    con.close()
    # every skills input was answered ok with exactly the fake's list for that text
    # (a mixed-up input hash would store another posting's list)
    assert answers and {status for _, _, status, _ in answers} == {"ok"}
    for posting_id, text, _, skills in answers:
        assert sorted(skills) == sorted(vocabulary_skills(text)), posting_id
    named = {
        posting_id: {normalise_skill_text(s) for s in skills}
        for posting_id, _, _, skills in answers
    }
    REPORTED_FIGURES.append(
        f"llm gold check ({ROWS} rows): skills: {len(answers)} postings asked, "
        f"{sum(map(bool, named.values()))} with vocabulary skills, {len(llm_skills)} skills "
        "added by the LLM"
    )
    assert any(named.values())
    # an LLM skill kept as written (no dictionary match) is one its own posting's answer named
    for posting_id, skill, category in llm_skills:
        assert posting_id in named, posting_id
        if category is None:
            assert normalise_skill_text(skill) in named[posting_id], (posting_id, skill)
