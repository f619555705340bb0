"""Tests of the sample-posting generator: determinism, contract and realism of the gold.

The generator is the ground truth for every accuracy figure of the project, so these
tests check that the truth is self-consistent (and that the raw text really carries what
the gold says), not just that files appear.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from python_udfs.sample import generate as G
from python_udfs.sample.vocabulary import COUNTRIES, NUMBER_WORDS, SENIORITY_BANDS

AS_OF = date(2026, 11, 25)
ROWS = 60_000
LABELS = [
    "language", "country_code", "job_family", "seniority", "experience_min_years",
    "salary_min", "salary_max", "salary_currency", "salary_period", "salary_is_stated",
    "salary_form", "experience_form", "title_has_family_marker", "title_has_seniority_marker",
]  # fmt: skip
REASONS = {
    "missing_posting_id", "missing_title_and_description", "unparseable_post_date",
    "unknown_country", "duplicate_posting_id",
}  # fmt: skip
TAG_RE = re.compile(r"<[^>]*>")
ENTITIES = (("&nbsp;", " "), ("&euro;", "€"), ("&pound;", "£"), ("&amp;", "&"))
# Money in a sentence: a currency next to a number, or k-notation ('60k', '45-55 k').
MONEY_RE = re.compile(
    r"(?:[€£$]|\b(?:EUR|GBP|CHF|PLN|SEK|DKK|NOK|USD|zł|kr)\b)\s?\d"
    r"|\d\s?(?:[€£$]|(?:EUR|GBP|CHF|PLN|SEK|DKK|NOK|USD|zł|kr)\b|[kK]\b)"
)
# Sentences where money is deliberately not pay: bonuses, learning budgets, funding rounds.
NOT_PAY_RE = re.compile(r"(?i)bonus|prämie|prime|budget|presupuesto|s[ée]rie")
# Thousands separators between digit groups ('35,000', '29 000', "5'000", '3.050,00').
THOUSANDS_RE = re.compile("(?<=\\d)[.,' \u00a0\u202f](?=\\d{3}(?!\\d))")
MARKER_RE = (
    r"(?i)(^|[^a-zà-ÿ])(junior|jr\.|graduate|trainee|entry\s+level|berufseinsteiger|"
    r"débutant|starter|mid-level|intermediate|medior|confirmé|semi.senior|senior|sénior|"
    r"sr\.|lead|principal|staff|leitender?)([^a-zà-ÿ]|$)"
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return G.generate(ROWS, 7, tmp_path_factory.mktemp("gen"), AS_OF, workers=2)


@pytest.fixture(scope="module")
def con(sample: dict) -> duckdb.DuckDBPyConnection:
    """raw, gold and j (raw joined to gold by row position; raw columns prefixed r_)."""
    db = duckdb.connect()
    for name, key in (("raw", "postings_path"), ("gold", "gold_path")):
        db.execute(
            f"create view {name} as select * exclude (file_row_number), file_row_number as rn "
            f"from read_parquet('{sample[key]}', file_row_number = true)"
        )
    db.execute(
        """
        create view j as
        select g.*, r.posting_id as r_posting_id, r.source, r.title, r.company,
               r.description, r.country, r.city, r.post_date, r.salary_text
        from gold g join raw r using (rn)
        """
    )
    return db


def one(db: duckdb.DuckDBPyConnection, sql: str):
    return db.execute(sql).fetchone()[0]


def test_output_is_identical_whatever_the_worker_count(tmp_path: Path) -> None:
    runs = {w: G.generate(30_000, 5, tmp_path / f"w{w}", AS_OF, workers=w) for w in (1, 2)}
    for key in ("postings_path", "gold_path"):
        assert runs[1][key].read_bytes() == runs[2][key].read_bytes(), key
    other = G.generate(30_000, 6, tmp_path / "seed6", AS_OF, workers=2)
    assert other["postings_path"].read_bytes() != runs[1]["postings_path"].read_bytes()


def test_files_follow_the_contract(sample: dict) -> None:
    raw = pq.read_table(sample["postings_path"])
    gold = pq.read_table(sample["gold_path"])
    assert raw.schema.names == [
        "posting_id", "source", "title", "company", "description", "country", "city",
        "post_date", "salary_text",
    ]  # fmt: skip
    assert gold.schema == G.GOLD_SCHEMA
    assert raw.num_rows == gold.num_rows == ROWS == sample["rows"]
    assert raw.column("posting_id").to_pylist() == gold.column("posting_id").to_pylist()


def test_reject_reasons_have_expected_shares(con, sample) -> None:
    counts = dict(con.execute("select reject_reason, count(*) from gold group by 1").fetchall())
    total_bad = sum(v for k, v in counts.items() if k is not None)
    assert set(counts) - {None} == REASONS
    assert 0.004 <= total_bad / ROWS <= 0.009
    for reason in REASONS:
        assert 0.0002 <= counts[reason] / ROWS <= 0.003, reason
    assert sample["rejects"] == {k: v for k, v in counts.items() if k is not None}


def test_each_bad_row_shows_its_defect_and_good_rows_do_not(con) -> None:
    known = {c.name.lower() for c in COUNTRIES} | {c.code.lower() for c in COUNTRIES}
    rows = con.execute(
        "select rn, reject_reason, r_posting_id, title, description, country, post_date "
        "from j order by rn"
    ).fetchall()
    seen: set[str] = set()
    for rn, reason, pid, title, desc, country, post_date in rows:
        checks = {
            "missing_posting_id": not pid,
            "missing_title_and_description": not title and not desc,
            "unparseable_post_date": _unparseable(post_date),
            "unknown_country": (country or "").lower() not in known,
            "duplicate_posting_id": bool(pid) and pid in seen,
        }
        assert [k for k, bad in checks.items() if bad] == ([reason] if reason else []), rn
        seen.add(pid)


def _unparseable(text: str | None) -> bool:
    try:
        date.fromisoformat(text or "")
    except ValueError:
        return True
    return False


def test_stated_salaries_are_consistent(con) -> None:
    currency_of = {c.code: c.currency for c in COUNTRIES}
    rows = con.execute(
        "select country_code, salary_min, salary_max, salary_currency, salary_period, "
        "salary_is_stated, salary_form from gold"
    ).fetchall()
    for code, lo, hi, cur, period, stated, form in rows:
        if not stated:
            assert (lo, hi, cur, period) == (None, None, None, None)
            assert form in {"missing", "negotiable", "competitive"}
            continue
        assert period in G.PERIOD_DIVISOR
        assert code is None or cur in {currency_of[code], "USD"}
        assert lo is not None or hi is not None
        assert (lo is None or lo > 0) and (hi is None or hi > 0)
        assert lo is None or hi is None or lo <= hi
        assert (lo is None) == (form == "up_to") and (hi is None) == (form == "from")


def test_salary_is_written_where_the_gold_says(con) -> None:
    """Canonical good rows: board-field forms live in salary_text, prose in the text."""
    base = "from j where reject_reason is null and r_posting_id = canonical_posting_id"
    assert one(con, f"select count(*) {base} and salary_form = 'missing' "
                    "and salary_text is not null") == 0  # fmt: skip
    bare = con.execute(f"select salary_text {base} and salary_form = 'salary_text_bare'")
    assert all(re.fullmatch(r"\d{2,3},?\d{3}", t) for (t,) in bare.fetchall())
    phr = con.execute(f"select salary_text {base} and salary_form = 'salary_text_phr'")
    assert all(re.fullmatch(r"\d+\.\d\d p\.hr", t) for (t,) in phr.fetchall())
    prose = con.execute(f"select description {base} and salary_form = 'prose'").fetchall()
    words = re.compile(r"thousand|tausend|mille|duizend|\bmil\b")
    assert prose and all(words.search(d) for (d,) in prose)
    stated_share = one(con, "select avg(salary_is_stated::int) from gold")
    text_share = one(con, "select avg((salary_text is not null)::int) from j")
    assert 0.5 <= stated_share <= 0.6 and 0.2 <= text_share <= 0.3


def test_reposts_share_labels_and_differ_in_id_and_source(con) -> None:
    labels = ", ".join(f"count(distinct {c}::varchar)" for c in LABELS)
    groups = con.execute(
        f"""
        select canonical_posting_id, count(*), count(distinct r_posting_id),
               count(distinct source), count(distinct company), count(distinct city),
               min(rn) = min(rn) filter (where r_posting_id = canonical_posting_id),
               max(post_date::date) - min(post_date::date),
               min(post_date::date) = min(post_date::date)
                   filter (where r_posting_id = canonical_posting_id),
               {labels}
        from j where reject_reason is null
        group by 1 having count(*) > 1
        """
    ).fetchall()
    repost_rows = sum(g[1] - 1 for g in groups)
    assert 0.06 <= repost_rows / ROWS <= 0.13
    for cid, n, ids, sources, companies, cities, first, spread, earliest, *distinct in groups:
        assert ids == sources == n and companies == cities == 1, cid
        assert first and earliest and 0 <= spread <= 7, cid
        assert all(d <= 1 for d in distinct), cid


def _decoded(text: str | None) -> str:
    """Text as the warehouse reads it: tags become breaks, board entities characters."""
    text = TAG_RE.sub("\n", text or "")
    for entity, char in ENTITIES:
        text = text.replace(entity, char)
    return text


def normalise(text: str | None) -> str:
    """The warehouse's de-duplication form: decoded, lower case, no white space at all."""
    return "".join(_decoded(text).lower().split())


CANONICAL_JOIN = """
    from j as r
    left join (
        select * from j where reject_reason is null and r_posting_id = canonical_posting_id
    ) as c on c.r_posting_id = r.canonical_posting_id and r.r_posting_id <> c.r_posting_id
"""


def test_reposts_keep_the_words_of_title_and_description(con) -> None:
    """Reposts differ only in markup/white space/case, so the documented dedup key merges
    them; the salary never moves between salary_text and the description."""
    rows = con.execute(
        f"""
        select r.rn, c.title, r.title, c.description, r.description,
               c.salary_text, r.salary_text, c.salary_form
        {CANONICAL_JOIN}
        where r.reject_reason is null and c.rn is not null
        """
    ).fetchall()
    assert len(rows) > 0.05 * ROWS
    raw_differs = dropped = 0
    for rn, c_title, r_title, c_desc, r_desc, c_salary, r_salary, form in rows:
        assert normalise(r_title) == normalise(c_title), rn
        assert normalise(r_desc) == normalise(c_desc), rn
        assert r_salary in (c_salary, None), rn
        raw_differs += r_desc != c_desc
        dropped += c_salary is not None and r_salary is None
    # The check is not vacuous: most reposts change markup or spacing, some drop the field.
    assert raw_differs > 0.5 * len(rows) and dropped > 0


def _numbers(text: str) -> set[str]:
    """Every number in the text, thousands separators removed ('3.050,00' -> '3050,00')."""
    return set(re.findall(r"\d+(?:[.,]\d+)?", THOUSANDS_RE.sub("", text)))


def _spellings(value: float) -> set[str]:
    """How a gold amount may be written: 35000, 35 (k-notation), 11.00, 4200,50."""
    cents = f"{value:.2f}"
    out = {cents, cents.replace(".", ",")}
    if value == int(value):
        out.add(str(int(value)))
        if value % 1000 == 0:
            out.add(str(int(value) // 1000))
    return out


def test_row_text_states_exactly_the_gold_salary(con) -> None:
    """Each row's own text (salary_text + description) carries its gold salary: the gold
    amounts when stated (unless a repost dropped the board field), no pay otherwise."""
    rows = con.execute(
        f"""
        select r.rn, r.language, r.salary_form, r.salary_min, r.salary_max,
               r.salary_is_stated, r.salary_text, r.description,
               coalesce(c.salary_text is not null and r.salary_text is null, false)
        {CANONICAL_JOIN}
        """
    ).fetchall()
    checked = unstated = 0
    for rn, lang, form, lo, hi, stated, salary_text, desc, dropped in rows:
        text = f"{_decoded(salary_text)}\n{_decoded(desc)}"
        if not stated:
            assert form in {"missing", "negotiable", "competitive"}, rn
            assert not re.search(r"\d", salary_text or ""), rn
            pay = [
                sentence
                for sentence in re.split(r"(?<=\.)\s+|\n", text)
                if MONEY_RE.search(sentence) and not NOT_PAY_RE.search(sentence)
            ]
            assert not pay, (rn, form, pay)
            unstated += 1
        elif not dropped:
            if form == "prose":
                words = NUMBER_WORDS[lang]
                found = [words[int(v // 1000)] in text for v in (lo, hi)]
            else:
                numbers = _numbers(text)
                found = [v is None or bool(_spellings(v) & numbers) for v in (lo, hi)]
            assert all(found), (rn, form, lo, hi, salary_text, desc)
            checked += 1
    assert checked > 0.4 * ROWS and unstated > 0.3 * ROWS


def test_experience_stays_in_the_seniority_band(con) -> None:
    rows = con.execute(
        "select seniority, experience_min_years, title_has_seniority_marker from gold "
        "where experience_min_years is not null"
    ).fetchall()
    for seniority, years, _ in rows:
        low, high = SENIORITY_BANDS[seniority]
        assert low <= years <= high
    undecidable = one(
        con,
        "select avg((not title_has_seniority_marker and experience_min_years is null)::int) "
        "from gold where reject_reason is null",
    )
    assert 0.10 <= undecidable <= 0.20


def test_title_marker_flags_match_the_titles(con) -> None:
    rows = con.execute(
        "select title, title_has_seniority_marker from j where title <> ''"
    ).fetchall()
    for title, flagged in rows:
        assert bool(re.search(MARKER_RE, title)) == flagged, title
    ambiguous = one(con, "select avg((not title_has_family_marker)::int) from gold")
    assert 0.025 <= ambiguous <= 0.055


def test_families_include_the_naive_rule_traps(con) -> None:
    shares = dict(con.execute(
        "select job_family, count(*) / sum(count(*)) over () from gold group by 1"
    ).fetchall())  # fmt: skip
    expected = {"Software Engineering": 0.30, "Data Science": 0.15,
                "Product Management": 0.12, "Other": 0.43}  # fmt: skip
    for family, share in expected.items():
        assert abs(shares[family] - share) < 0.02, family
    other = {t for (t,) in con.execute("select title from j where job_family = 'Other'").fetchall()}
    for trap in ("Product Marketing Manager", "Sales Engineer", "Data Entry Clerk",
                 "Project Manager Software"):  # fmt: skip
        assert any(trap in (t or "") for t in other), trap
    se_missed_by_like = one(
        con,
        "select count(*) from j where job_family = 'Software Engineering' "
        "and title not ilike '%software engineer%'",
    )
    assert se_missed_by_like > 0.5 * one(
        con, "select count(*) from j where job_family = 'Software Engineering'"
    )


def test_languages_countries_and_dates_cover_the_spec(con) -> None:
    langs = {r[0] for r in con.execute("select distinct language from gold").fetchall()}
    assert langs == {"en", "de", "fr", "nl", "es"}
    codes = {r[0] for r in con.execute("select distinct country_code from gold").fetchall()}
    assert len(codes - {None}) >= 10
    de_share = one(con, "select avg((country_code = 'DE')::int) from gold")
    assert 0.19 <= de_share <= 0.25
    ages = [
        (AS_OF - date.fromisoformat(d)).days
        for (d,) in con.execute("select post_date from j where reject_reason is null").fetchall()
    ]
    assert min(ages) >= 0 and max(ages) < G.DATE_SPAN_DAYS
    recent = sum(a <= 91 for a in ages) / len(ages)
    older = sum(a > 365 for a in ages) / len(ages)
    assert 0.15 <= recent <= 0.26 and 0.12 <= older <= 0.25


@pytest.mark.parametrize(("fmt", "reader"), [("csv", "read_csv_auto"),
                                             ("ndjson", "read_json_auto")])  # fmt: skip
def test_csv_and_ndjson_are_readable_by_duckdb(tmp_path: Path, fmt: str, reader: str) -> None:
    text = G.generate(3_000, 9, tmp_path / fmt, AS_OF, fmt=fmt, workers=1)
    binary = G.generate(3_000, 9, tmp_path / "pq", AS_OF, workers=1)
    db = duckdb.connect()
    cols = [r[0] for r in db.execute(
        f"describe select * from {reader}('{text['postings_path']}')"
    ).fetchall()]  # fmt: skip
    assert cols == G.RAW_SCHEMA.names
    query = (
        "select coalesce(posting_id, ''), coalesce(description, ''), "
        "coalesce(post_date::varchar, ''), coalesce(salary_text, '') from {}"
    )
    got = db.execute(query.format(f"{reader}('{text['postings_path']}')")).fetchall()
    want = db.execute(query.format(f"read_parquet('{binary['postings_path']}')")).fetchall()
    assert got == want
    assert text["gold_path"].read_bytes() == binary["gold_path"].read_bytes()


def test_cli_writes_both_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    args = ["--rows", "500", "--seed", "1", "--out", str(tmp_path), "--as-of", "2026-01-31"]
    assert G.main([*args, "--format", "ndjson", "--workers", "1"]) == 0
    assert (tmp_path / "postings.ndjson").exists() and (tmp_path / "gold.parquet").exists()
    assert '"rows": 500' in capsys.readouterr().out
