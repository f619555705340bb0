"""The evaluation marts with the LLM columns filled: the hand-labeled set through a fake LLM.

The warehouse of `make eval` (seeds/eval/eval_postings.csv, vars model_score_all and
llm_request_all) is built first with no LLM configured, then its LLM models and everything
downstream are built again against the fake server, as a second `make eval` with
OPENAI_BASE_URL set would do (the answers tables keep their rows across --full-refresh and
ask again the rows left 'disabled'). No local model is trained (it would need a generated
warehouse to learn from): SALARY_INSIGHTS_MODEL_DIR points at an empty folder, so the model
rows stay empty and the cascade is rules, then the LLM.

The fake LLM answers each request with the seed's labels of the posting whose text it is
sent, except for planted mistakes: a wrong job family for some postings, and an invented
salary (a figure the text does not state) for others. Every expected figure below is
computed here from the seed, the planted mistakes and the salary bounds of the seeds
salary_periods, fx_rates_monthly, working_time and field_bounds (a labeled salary outside them, e.g. a 600 EUR a month
internship allowance, is used by no method), never copied from a run.

Unit tests are left out of both builds (they test model logic on fixed rows, not this
data), and data tests out of the first: that keeps the test near a minute on 2 cores.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from python_udfs.testing.fake_llm import (
    FakeLLMServer,
    answer_content,
    count_tokens,
    last_user_text,
    null_answer,
)
from python_udfs.testing.fake_llm.server import json_schema_of, message_text
from tests.conftest import BUILD_WITHOUT_UNIT_TESTS, PROJECT_ROOT, REPORTED_FIGURES, run_dbt
from tests.functional.conftest import warehouse_copy

SEEDS = PROJECT_ROOT / "seeds"
SEED = SEEDS / "eval" / "eval_postings.csv"
EVAL_VARS = {"raw_postings_path": str(SEED), "as_of_date": "2026-11-01",
             "model_score_all": True, "llm_request_all": True}  # fmt: skip
LLM_ENV = {"OPENAI_API_KEY": "sk-test-eval", "SALARY_INSIGHTS_LLM_TIMEOUT_S": "5"}
BLOCK = re.compile(r"<<<POSTING\n(.*)\nPOSTING>>>", re.DOTALL)
FAMILIES = ("Software Engineering", "Data Science", "Product Management", "Other")
GROUPS = ("job_family", "seniority", "experience_min_years", "salary")
TASK_OF_GROUP = {"job_family": "classification", "seniority": "classification",
                 "experience_min_years": "experience", "salary": "salary"}  # fmt: skip
SALARY_FIELDS = ("salary_min", "salary_max", "salary_currency", "salary_period")
# an invented salary for a posting that states none
INVENTED_SALARY = {"salary_min": 64321.0, "salary_max": 64321.0, "currency": "EUR",
                   "period": "year"}  # fmt: skip


def text_key(text: str) -> str:
    """Letters and digits only: the posting text as staging cleaned it matches the raw seed."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", html.unescape(text)).casefold())


@dataclass(frozen=True)
class Posting:
    """One row of the eval seed: the text sent to the LLM and the hand labels."""

    posting_id: str
    title: str
    description: str
    salary_text: str | None
    job_family: str
    seniority: str | None
    experience_min_years: int | None
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    salary_period: str | None

    @property
    def salary_stated(self) -> bool:
        return self.salary_min is not None or self.salary_max is not None


def load_seed() -> list[Posting]:
    rows = duckdb.sql(
        f"""
        select posting_id, title, description, salary_text, job_family, seniority,
            cast(experience_min_years as integer), cast(salary_min as double),
            cast(salary_max as double), salary_currency, salary_period
        from read_csv('{SEED}', header = true, all_varchar = true)
        order by posting_id
        """
    ).fetchall()
    return [Posting(*row) for row in rows]


@dataclass(frozen=True)
class Plan:
    """The planted mistakes: which postings the fake LLM answers wrongly, and how."""

    wrong_family: frozenset[str]
    invented_salary: frozenset[str]  # postings that state a salary: a different figure
    invented_unstated: frozenset[str]  # postings that state none: a figure from nowhere

    @classmethod
    def for_seed(cls, seed: list[Posting]) -> Plan:
        yearly = [p.posting_id for p in seed if p.salary_stated and p.salary_period == "year"]
        unstated = [p.posting_id for p in seed if not p.salary_stated]
        return cls(
            wrong_family=frozenset(p.posting_id for p in seed[3::29]),
            invented_salary=frozenset(yearly[5::23]),
            invented_unstated=frozenset(unstated[::60]),
        )


def salary_bounds() -> frozenset[str]:
    """Ids of the seed's postings whose labelled salary passes the money checks.

    Written from the seeds as macros/salary/salary_annualised.sql describes them (the
    same checks for rule and LLM values): the ECB rate of the post_date's month (seed
    fx_rates_monthly), each amount within its period's EUR range (seed salary_periods),
    annualised with hours and days a year of the country (seed working_time) within
    seed field_bounds salary_eur_annual.
    """
    rows = duckdb.sql(
        f"""
        with postings as (
            select e.posting_id, e.salary_min, e.salary_max, e.salary_currency,
                e.salary_period, cast(e.post_date as date) as post_date, c.country_code
            from read_csv('{SEED}', all_varchar = true) as e
            join read_csv('{SEEDS / "countries.csv"}') as c on c.country_name = e.country
            where e.salary_period is not null
        ),
        rated as (
            select postings.*, f.eur_per_unit
            from postings
            asof join read_csv('{SEEDS / "fx_rates_monthly.csv"}') as f
                on f.currency_code = postings.salary_currency
                and postings.post_date >= f.rate_month
        ),
        annual as (
            select * from read_csv('{SEEDS / "field_bounds.csv"}')
            where field = 'salary_eur_annual'
        )
        select r.posting_id
        from rated as r
        join read_csv('{SEEDS / "salary_periods.csv"}') as p on p.salary_period = r.salary_period
        left join read_csv('{SEEDS / "working_time.csv"}') as w on w.country_code = r.country_code
        cross join annual
        cross join lateral (
            select case r.salary_period
                when 'hour' then coalesce(w.hours_per_year, p.annual_factor)
                when 'day' then coalesce(w.days_per_year, p.annual_factor)
                else p.annual_factor end as factor
        ) as f
        where list_bool_and(
            [coalesce(cast(amount as double) * r.eur_per_unit between p.min_eur and p.max_eur
                and cast(amount as double) * r.eur_per_unit * f.factor
                    between annual.min_value and annual.max_value, true)
             for amount in [r.salary_min, r.salary_max]])
        """
    ).fetchall()
    return frozenset(posting_id for (posting_id,) in rows)


def wrong_family(family: str) -> str:
    return FAMILIES[(FAMILIES.index(family) + 1) % len(FAMILIES)]


def task_of(request: dict) -> str:
    properties = json_schema_of(request).get("properties", {})
    for task, field in (("salary", "salary_min"), ("experience", "experience_min_years"),
                        ("classification", "job_family")):  # fmt: skip
        if field in properties:
            return task
    return "other"  # a task this test does not score (e.g. skills): answered all-null


class EvalSeedResponder:
    """The fake model: the seed's labels of the posting it is sent, but for the plan's mistakes."""

    def __init__(self, seed: list[Posting], plan: Plan) -> None:
        self.plan = plan
        self.by_key: dict[str, Posting] = {}
        for posting in seed:
            self.by_key[text_key(posting.description)] = posting
            if posting.salary_text:  # the salary task sends the board's field, then the text
                self.by_key[text_key(posting.salary_text + posting.description)] = posting
        assert len(self.by_key) == len(seed) + sum(bool(p.salary_text) for p in seed)
        self.unmatched: list[str] = []

    def posting_of(self, request: dict) -> Posting | None:
        fields = json.loads(BLOCK.search(last_user_text(request)).group(1))
        text = fields.get("description") or fields.get("text") or ""
        return self.by_key.get(text_key(text))

    def __call__(self, request: dict) -> dict:
        task, posting = task_of(request), self.posting_of(request)
        if task == "other":
            return null_answer(request)
        if posting is None:
            self.unmatched.append(last_user_text(request)[:200])
            return null_answer(request)
        if task == "classification":
            family = posting.job_family
            if posting.posting_id in self.plan.wrong_family:
                family = wrong_family(family)
            return {"job_family": family, "seniority": posting.seniority}
        if task == "experience":
            return {"experience_min_years": posting.experience_min_years}
        if posting.posting_id in self.plan.invented_unstated:
            return dict(INVENTED_SALARY)
        if posting.posting_id in self.plan.invented_salary:
            return {"salary_min": invented(posting.salary_min),
                    "salary_max": invented(posting.salary_max),
                    "currency": posting.salary_currency, "period": posting.salary_period}  # fmt: skip
        return {"salary_min": posting.salary_min, "salary_max": posting.salary_max,
                "currency": posting.salary_currency, "period": posting.salary_period}  # fmt: skip


def invented(amount: float | None) -> float | None:
    """A plausible figure the posting does not state (cents: no posting writes them)."""
    return None if amount is None else amount + 1111.11


# ------------------------------------------------------------------ what the plan implies
@dataclass(frozen=True)
class Outcome:
    """One posting and field group, as the LLM alone should score it."""

    stated: bool
    decided: bool
    correct: bool


def llm_outcomes(seed: list[Posting], plan: Plan) -> dict[str, dict[str, Outcome]]:
    """group -> posting_id -> outcome; an invented salary is ungrounded, hence undecided."""
    invented_ids = plan.invented_salary | plan.invented_unstated
    bounds = salary_bounds()
    out: dict[str, dict[str, Outcome]] = {group: {} for group in GROUPS}
    for p in seed:
        pid = p.posting_id
        out["job_family"][pid] = Outcome(True, True, pid not in plan.wrong_family)
        has_seniority = p.seniority is not None
        out["seniority"][pid] = Outcome(has_seniority, has_seniority, has_seniority)
        has_years = p.experience_min_years is not None
        out["experience_min_years"][pid] = Outcome(has_years, has_years, has_years)
        salary = p.salary_stated and pid not in invented_ids and pid in bounds
        out["salary"][pid] = Outcome(p.salary_stated, salary, salary)
    return out


def ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


# ------------------------------------------------------------------ builds
def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def mart(db: Path, name: str, where: str = "true") -> dict[tuple, dict]:
    """Rows of an eval mart for eval_seed, keyed by (method, field or field group, class)."""
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute(f"select * from {name} where label_source = 'eval_seed' and {where}")
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return {(r["method"], r.get("field", r.get("field_group")), r.get("class")): r for r in rows}


def answer_statuses(db: Path) -> dict[tuple[str, str], str]:
    """(task, posting_id) -> status of the answer to the posting's input."""
    rows = query(
        db,
        "select r.task, r.posting_id, a.status from int_postings__llm_requests r join ("
        " select 'salary' as task, input_hash, status from int_llm__salary_answers union all"
        " select 'experience', input_hash, status from int_llm__experience_answers union all"
        " select 'classification', input_hash, status from int_llm__classification_answers"
        ") a using (task, input_hash)",
    )
    return {(task, pid): status for task, pid, status in rows}


@pytest.fixture(scope="module")
def eval_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("eval_llm")
    # no local model, whatever artifacts/models of the work tree holds
    env = {"SALARY_INSIGHTS_MODEL_DIR": str(work / "no-model")}
    disabled = work / "disabled" / "eval.duckdb"
    run_dbt([*BUILD_WITHOUT_UNIT_TESTS, "test"], disabled,
            disabled.parent, EVAL_VARS, env=env)  # fmt: skip
    enabled = warehouse_copy(disabled, work / "enabled")
    seed = load_seed()
    plan = Plan.for_seed(seed)
    responder = EvalSeedResponder(seed, plan)
    with FakeLLMServer(responder=responder) as server:
        llm_env = {**env, **LLM_ENV, "OPENAI_BASE_URL": server.base_url}
        run_dbt([*BUILD_WITHOUT_UNIT_TESTS, "--select", "tag:llm+"],
                enabled, enabled.parent, EVAL_VARS, env=llm_env)  # fmt: skip
        requests = list(server.requests)
        statuses = dict(server.status_counts)
    return {"disabled": disabled, "enabled": enabled, "seed": seed, "plan": plan,
            "responder": responder, "requests": requests, "statuses": statuses}  # fmt: skip


def rules_decided(db: Path) -> dict[str, set[str]]:
    """group -> postings the rules decided (int_eval__predictions, method rules)."""
    decided: dict[str, set[str]] = {group: set() for group in GROUPS}
    rows = query(db, "select field, posting_id from int_eval__predictions where method = 'rules'")
    for field, pid in rows:
        decided["salary" if field in SALARY_FIELDS else field].add(pid)
    return decided


# ------------------------------------------------------------------ tests
def test_the_fake_llm_was_asked_every_posting_once_per_task(eval_run: dict) -> None:
    seed, requests = eval_run["seed"], eval_run["requests"]
    assert eval_run["responder"].unmatched == []
    per_task = {task: sum(task_of(r) == task for r in requests) for task in TASK_OF_GROUP.values()}
    assert per_task == dict.fromkeys(per_task, len(seed))
    assert set(eval_run["statuses"]) == {200}
    plan = eval_run["plan"]
    assert len(plan.wrong_family) >= 10 and len(plan.invented_salary) >= 4
    assert len(plan.invented_unstated) >= 2


def test_invented_salaries_end_ungrounded_and_undecided(eval_run: dict) -> None:
    db, plan = eval_run["enabled"], eval_run["plan"]
    statuses = answer_statuses(db)
    invented_ids = plan.invented_salary | plan.invented_unstated
    for pid in invented_ids:
        assert statuses[("salary", pid)] == "ungrounded", pid
    # every other answer is the label, which the posting states: all usable
    others = {key: s for key, s in statuses.items() if key[1] not in invented_ids}
    assert set(others.values()) == {"ok"}, {k: s for k, s in others.items() if s != "ok"}
    llm_salaries = {pid for (pid,) in query(db, "select distinct posting_id from "
                                                "int_eval__predictions where method = 'llm' "
                                                "and field like 'salary%'")}  # fmt: skip
    assert not llm_salaries & invented_ids
    cascade = query(db, "select count(*) from fct_postings where salary_method = 'llm' and "
                        f"posting_id in {tuple(sorted(invented_ids))}")  # fmt: skip
    assert cascade == [(0,)]


def test_llm_rows_score_what_the_planted_mistakes_imply(eval_run: dict) -> None:
    db, seed, plan = eval_run["enabled"], eval_run["seed"], eval_run["plan"]
    outcomes = llm_outcomes(seed, plan)
    comparison = mart(db, "eval_methods_comparison", "method = 'llm'")
    accuracy = mart(db, "eval_field_accuracy", "method = 'llm' and source = 'all'")
    for group, by_posting in outcomes.items():
        o = list(by_posting.values())
        labeled = sum(x.stated for x in o)
        decided = sum(x.decided for x in o)
        correct = sum(x.correct for x in o)
        covered = sum(x.decided and x.stated for x in o)
        row = comparison[("llm", group, None)]
        got = (row["labeled_rows"], row["decided_rows"], row["precision"], row["coverage"])
        assert got == (labeled, decided, ratio(correct, decided), ratio(covered, labeled)), group
        for field in SALARY_FIELDS if group == "salary" else (group,):
            row = accuracy[("llm", field, "all")]
            got = (row["labeled_rows"], row["decided_rows"], row["correct_rows"],
                   row["precision"], row["coverage"])  # fmt: skip
            expected = (labeled, decided, correct, ratio(correct, decided),
                        ratio(covered, labeled))  # fmt: skip
            assert got == expected, field
    wrong = len(plan.wrong_family)
    assert comparison[("llm", "job_family", None)]["precision"] == ratio(len(seed) - wrong,
                                                                         len(seed))  # fmt: skip
    # per class: a wrong family is a decision for the next class, and a miss of its own
    answered = {p.posting_id: wrong_family(p.job_family) if p.posting_id in plan.wrong_family
                else p.job_family for p in seed}  # fmt: skip
    for family in FAMILIES:
        row = accuracy[("llm", "job_family", family)]
        labeled = sum(p.job_family == family for p in seed)
        decided = sum(v == family for v in answered.values())
        correct = sum(p.job_family == family and answered[p.posting_id] == family for p in seed)
        assert (row["labeled_rows"], row["decided_rows"], row["correct_rows"]) == (
            labeled, decided, correct), family  # fmt: skip
    REPORTED_FIGURES.append(
        f"eval_seed with a fake LLM: {wrong} wrong families planted, llm job_family precision "
        f"{comparison[('llm', 'job_family', None)]['precision']}; "
        f"{len(plan.invented_salary | plan.invented_unstated)} invented salaries, llm salary "
        f"coverage {comparison[('llm', 'salary', None)]['coverage']}"
    )


def test_llm_calls_and_tokens_follow_the_server(eval_run: dict) -> None:
    db, seed, requests = eval_run["enabled"], eval_run["seed"], eval_run["requests"]
    responder = eval_run["responder"]
    tokens: dict[str, list[int]] = {task: [] for task in TASK_OF_GROUP.values()}
    for request in requests:
        if task_of(request) in tokens:
            prompt = count_tokens(" ".join(message_text(m) for m in request["messages"]))
            completion = count_tokens(answer_content(request, responder(request)))
            tokens[task_of(request)].append(prompt + completion)
    stored = dict(query(db, " union all ".join(
        f"select task, sum(prompt_tokens + completion_tokens) from int_llm__{task}_answers "
        "where call_source = 'api' group by task" for task in tokens)))  # fmt: skip
    assert stored == {task: sum(t) for task, t in tokens.items()}
    comparison = mart(db, "eval_methods_comparison")
    sent_by_cascade = cascade_sent(db, seed)
    for group, task in TASK_OF_GROUP.items():
        per_call = sum(tokens[task]) / len(tokens[task])
        llm, cascade = comparison[("llm", group, None)], comparison[("cascade", group, None)]
        assert llm["llm_calls_per_1k_postings"] == round(1000 * len(tokens[task]) / len(seed), 1)
        assert llm["llm_tokens_per_1k_postings"] == pytest.approx(
            1000 * len(tokens[task]) / len(seed) * per_call, abs=0.5
        )
        sent = len(sent_by_cascade[task])
        assert cascade["llm_calls_per_1k_postings"] == round(1000 * sent / len(seed), 1), group
        assert cascade["llm_tokens_per_1k_postings"] == pytest.approx(
            1000 * sent / len(seed) * per_call, abs=0.5
        ), group
        assert 0 < cascade["llm_calls_per_1k_postings"] < llm["llm_calls_per_1k_postings"]
        for method in ("rules", "model"):
            row = comparison[(method, group, None)]
            assert (row["llm_calls_per_1k_postings"], row["llm_tokens_per_1k_postings"]) == (0, 0)


def cascade_sent(db: Path, seed: list[Posting]) -> dict[str, set[str]]:
    """task -> postings a production run sends to the LLM: the rules' needs_* flags (no model).

    Only postings the rules left undecided, and of those only where the text gives the
    LLM something to find (a salary or experience phrase the rules could not read).
    """
    rows = query(db, """
        select posting_id, jf.needs_job_family_enrichment or sen.needs_seniority_enrichment,
            exp.needs_experience_enrichment, sal.needs_salary_enrichment
        from int_postings__job_family_labeled as jf
        join int_postings__seniority_labeled as sen using (posting_id)
        join int_postings__experience_extracted as exp using (posting_id)
        join int_postings__salary_extracted as sal using (posting_id)""")  # fmt: skip
    sent = {task: {r[0] for r in rows if r[i]} for i, task in
            enumerate(("classification", "experience", "salary"), start=1)}  # fmt: skip
    decided = rules_decided(db)
    everyone = {p.posting_id for p in seed}
    undecided = {
        "classification": (everyone - decided["job_family"]) | (everyone - decided["seniority"]),
        "experience": everyone - decided["experience_min_years"],
        "salary": everyone - decided["salary"],
    }
    for task, postings in sent.items():
        assert postings <= undecided[task], task
    return sent


def test_cascade_takes_the_llm_only_where_the_rules_left_a_gap(eval_run: dict) -> None:
    db, seed, plan = eval_run["enabled"], eval_run["seed"], eval_run["plan"]
    outcomes = llm_outcomes(seed, plan)
    decided_by_rules = rules_decided(db)
    sent = cascade_sent(db, seed)
    comparison = mart(db, "eval_methods_comparison")
    for group, by_posting in outcomes.items():
        rules, cascade = comparison[("rules", group, None)], comparison[("cascade", group, None)]
        # the rules' counts, recovered from their row (precision and coverage: 4 decimals)
        rules_correct = round(rules["precision"] * rules["decided_rows"])
        rules_covered = round(rules["coverage"] * rules["labeled_rows"])
        # what the rules left and a production run would ask the LLM
        asked = sent[TASK_OF_GROUP[group]] - decided_by_rules[group]
        gap = [o for pid, o in by_posting.items() if pid in asked]
        decided = rules["decided_rows"] + sum(o.decided for o in gap)
        correct = rules_correct + sum(o.correct for o in gap)
        covered = rules_covered + sum(o.decided and o.stated for o in gap)
        assert sum(o.decided for o in gap) > 0, group  # the LLM filled something
        got = (cascade["decided_rows"], cascade["precision"], cascade["coverage"])
        expected = (decided, ratio(correct, decided), ratio(covered, rules["labeled_rows"]))
        assert got == expected, group
    # a planted wrong family reaches the cascade exactly where the rules had no family
    wrong_in_cascade = query(
        db,
        "select count(*) from fct_postings where job_family_method = "
        f"'llm' and posting_id in {tuple(sorted(plan.wrong_family))}",
    )
    assert wrong_in_cascade == [(len(plan.wrong_family - decided_by_rules["job_family"]),)]
    # with llm_request_all fct_postings also holds answers no production run asks for (a
    # field the rules leave NULL without a flag): the cascade rows leave them out
    for field, task, method in (("experience_min_years", "experience", "experience_method"),
                                ("salary_period", "salary", "salary_method")):  # fmt: skip
        from_llm = {pid for (pid,) in query(
            db, f"select posting_id from fct_postings where {method} = 'llm'")}  # fmt: skip
        in_cascade = {pid for (pid,) in query(
            db, "select posting_id from int_eval__predictions "
            f"where method = 'cascade' and field = '{field}'")}  # fmt: skip
        unasked = from_llm - sent[task]
        assert unasked, field  # the seed has such postings: the check means something
        assert not unasked & in_cascade, field
        assert from_llm & sent[task] <= in_cascade, field


def test_rules_and_model_rows_do_not_change_with_the_llm(eval_run: dict) -> None:
    for name in ("eval_methods_comparison", "eval_field_accuracy"):
        before = mart(eval_run["disabled"], name, "method in ('rules', 'model')")
        after = mart(eval_run["enabled"], name, "method in ('rules', 'model')")
        assert before == after, name
    # no local model: the model rows are empty
    comparison = mart(eval_run["enabled"], "eval_methods_comparison", "method = 'model'")
    for group in GROUPS:
        row = comparison[("model", group, None)]
        assert (row["decided_rows"], row["precision"], row["coverage"]) == (0, None, 0.0)


def test_with_the_llm_disabled_the_llm_rows_are_empty(eval_run: dict) -> None:
    db, seed = eval_run["disabled"], eval_run["seed"]
    assert set(answer_statuses(db).values()) == {"disabled"}
    comparison = mart(db, "eval_methods_comparison")
    enabled = mart(eval_run["enabled"], "eval_methods_comparison")
    for group in GROUPS:
        llm, cascade = comparison[("llm", group, None)], comparison[("cascade", group, None)]
        rules = comparison[("rules", group, None)]
        # nothing decided, but what the LLM would be asked is shown; no tokens yet
        assert (llm["decided_rows"], llm["precision"], llm["coverage"]) == (0, None, 0.0)
        assert llm["llm_calls_per_1k_postings"] == 1000.0
        assert llm["llm_tokens_per_1k_postings"] is None
        # the cascade is the rules alone, and would send what it sends with the LLM
        assert (cascade["decided_rows"], cascade["precision"], cascade["coverage"]) == (
            rules["decided_rows"], rules["precision"], rules["coverage"])  # fmt: skip
        assert cascade["llm_tokens_per_1k_postings"] is None
        assert (cascade["llm_calls_per_1k_postings"]
                == enabled[("cascade", group, None)]["llm_calls_per_1k_postings"])  # fmt: skip
    accuracy = mart(
        db, "eval_field_accuracy", "method = 'llm' and class = 'all' and source = 'all'"
    )
    assert len(accuracy) == 3 + len(SALARY_FIELDS)
    for row in accuracy.values():
        got = (row["decided_rows"], row["correct_rows"], row["precision"], row["coverage"])
        assert got == (0, 0, None, 0.0), row["field"]
    assert {r["postings"] for r in comparison.values()} == {len(seed)}


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def test_reports_the_methods_comparison_table(eval_run: dict) -> None:
    """The README's table of this run: every group by every method, consistent rows.

    Printed under "reported figures" (markdown rows), so the README's figures
    come from a command anyone can run (`make test`).
    """
    comparison = mart(eval_run["enabled"], "eval_methods_comparison")
    methods = ("rules", "model", "llm", "cascade")
    assert {(m, g) for m, g, _ in comparison} == {(m, g) for m in methods for g in GROUPS}
    REPORTED_FIGURES.append(
        "eval_methods_comparison, eval_seed, fake LLM, no local model:\n"
        "| field | method | precision | coverage | decided / labeled "
        "| LLM calls per 1k | LLM tokens per 1k |\n|---|---|---|---|---|---|---|"
    )
    for group in GROUPS:
        labeled = {comparison[(m, group, None)]["labeled_rows"] for m in methods}
        assert len(labeled) == 1, group  # one label set, whatever the method
        for method in methods:
            row = comparison[(method, group, None)]
            if method in ("rules", "model"):
                assert row["llm_calls_per_1k_postings"] == 0, (method, group)
            REPORTED_FIGURES.append(
                f"| {group} | {method} | {percent(row['precision'])} "
                f"| {percent(row['coverage'])} | {row['decided_rows']} / {row['labeled_rows']} "
                f"| {row['llm_calls_per_1k_postings'] or 0:,.0f} "
                f"| {row['llm_tokens_per_1k_postings'] or 0:,.0f} |"
            )
