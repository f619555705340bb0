"""Adversarial and random postings: `dbt build` passes and every raw row is accounted for.

A seeded generator mixes what real boards send and what rules trip on: company histories
and ages next to "years", dates, postal codes and phone numbers next to currencies,
currencies in odd places, Unicode dashes, spaces and digits, HTML and entities, control and
zero-width characters, right-to-left text, emoji, numbers far out of any range, a 1 MB
description, empty strings and NULLs, in every field. One build of the whole file; every
data test of the project must pass on it (a test that such text can make fail is a defect
of the model that produced the value). FUZZ_SEED=<n> explores other draws locally.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import BUILD_WITHOUT_UNIT_TESTS, run_dbt

SEED = int(os.environ.get("FUZZ_SEED", "20261203"))
ROWS = 600
COUNTRIES = ["Germany", "uk", "FRANCE", " España ", "Schweiz", "Atlantis", "", None, "US", "nl"]
FRAGMENTS = [
    "We are over 75 years of experience in the trade.",
    "Founded in 1887, with more than 130 years of history.",
    "Applicants must be at least 18 years old; 21 years of age for drivers.",
    "Mit über 40 Jahren Erfahrung sind wir Marktführer.",
    "Tenemos más de 50 años de experiencia.",
    "Depuis 35 ans nous accompagnons des enfants de 6 à 12 ans.",
    "Call 0049 30 123456 or +44 20 7946 0958 before 31/12/2026.",
    "Office: 75008 Paris, 10115 Berlin, SW1A 1AA London, 1012 AB Amsterdam.",
    "€€€ 5 £ $ CHF kr zł 0 € per ??? year",
    "Salary: 60.000 — 75.000 € brutto/Jahr plus 10% bonus and 3,000,000 EUR funding.",
    "Pay £45,000 – £50,000 plus bonuses, or £3,250 - £6,500 for sleep-ins.",
    "Up to $999999999999 per hour!!! or from -5 EUR a day",
    "1e308 EUR per month, NaN per year, Infinity €",
    "3–5 years, 3‑5 years, 3−5 years, 3\u20115 years of experience.",
    "Gehalt:\u00a060\u202f000\u2009€ im Jahr; 99 years of experience required.",
    "<p>Senior&nbsp;Staff&amp;Nurse</p><script>alert(1)</script><br/><li>5+ years</li>",
    "&lt;b&gt;bold&lt;/b&gt; &#39;quoted&#39; &euro; 50.000 &pound;40k",
    "\u200b\u200c\u200d\ufeffzero width\u2028line\u2029para\x0b\x0c",
    "مرحبا بكم 5 سنوات خبرة الراتب 1000 دولار",
    "٣ سنوات ٤٥٠٠٠ €, ３年 ５０万円, ५ वर्ष",
    "👩‍💻 Rockstar ninja 🚀 10x engineer 💰💰💰 1000000 €",
    "Sur 12 mois, 13e mois, 14 pagas, x13, 13th month salary.",
    "Bachelor's, or 4 years in lieu; 2+ years preferred; 30 years is a plus.",
    "Vergütung nach TVöD E13, Band 5, P8, Schaal 11, FWG 45.",
    "2025-02-30 2026-13-01 1800-01-01 9999-12-31",
    "Java 17, C++20, DO-178C, ISO 9001:2015, 24/7 support, 100% remote.",
    "   ",
    "\n\n\t\t\r\n",
]
TITLES = [
    "Senior Software Engineer", "Staff Nurse", "Bar/Waiting Staff", "Lead Generation Rep",
    "Care Home Manager", "DATA SCIENTIST (m/w/d)", "Chef de projet H/F", "", None,
    "👨‍🍳", "<b>Head</b> of Data", "x" * 5000, "Product Owner – 3–5 yrs",
]  # fmt: skip


def random_unicode(rng: random.Random, length: int) -> str:
    """Random code points from every plane a board might send (no surrogates)."""
    pools = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF),
             (0x2000, 0x206F), (0x20A0, 0x20BF), (0x3000, 0x30FF), (0x4E00, 0x4FFF),
             (0x1F300, 0x1F64F), (0x0, 0x1F)]  # fmt: skip
    out = []
    for _ in range(length):
        low, high = rng.choice(pools)
        out.append(chr(rng.randint(low, high)))
    return "".join(out)


def fuzz_rows(seed: int, rows: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(rows):
        parts = rng.sample(FRAGMENTS, rng.randint(0, 6))
        if rng.random() < 0.3:
            parts.append(random_unicode(rng, rng.randint(1, 300)))
        description = rng.choice([" ".join(parts), "\n".join(parts), None, ""])
        if i == 0:
            description = ("Salary 60,000 EUR a year. 5 years of experience. " * 20_000)[: 1 << 20]
        salary_text = rng.choice([None, "", rng.choice(FRAGMENTS), random_unicode(rng, 20),
                                  "45000 - 55000", "£28,000 - £32,000 per annum 28-32K",
                                  "$53K-$91K (Glassdoor est.)", "0", "-1", "1.934.232",
                                  "Horaire de 11.88 Euros sur 12 mois"])  # fmt: skip
        # half of the rows are valid postings, so that their text reaches every model
        valid = i % 2 == 0
        out.append({
            "posting_id": f"fz-{i}" if valid else rng.choice([f"fz-{i // 2}", "", None]),
            "source": rng.choice(["fuzz", "", None, random_unicode(rng, 8)]),
            "title": (rng.choice(TITLES) or "Engineer") if valid or rng.random() < 0.8
            else random_unicode(rng, 40),
            "company": rng.choice(["Acme", None, "", random_unicode(rng, 12)]),
            "description": description,
            "country": rng.choice(COUNTRIES[:6] if valid else COUNTRIES),
            "city": rng.choice(["Berlin", None, "", random_unicode(rng, 10)]),
            "post_date": "2026-05-01" if valid else rng.choice(
                ["2026-02-30", "", None, "yesterday", "2026-11-31", "01/05/2026",
                 "2025-12-24T10:00:00Z", "2026-05-01"]),
            "salary_text": salary_text,
        })  # fmt: skip
    return out


@pytest.fixture(scope="module")
def fuzz_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work: Path = tmp_path_factory.mktemp("fuzz")
    rows = fuzz_rows(SEED, ROWS)
    names = list(rows[0])
    table = pa.table({name: pa.array([r[name] for r in rows], pa.string()) for name in names})
    pq.write_table(table, work / "postings.parquet")
    dbt_vars = {"raw_postings_path": str(work / "postings.parquet"), "as_of_date": "2026-11-01"}
    result = run_dbt(BUILD_WITHOUT_UNIT_TESTS, work / "warehouse.duckdb", work, dbt_vars,
                     check=False)  # fmt: skip
    return {"db": work / "warehouse.duckdb", "rows": len(rows), "result": result}


def test_dbt_build_passes_on_adversarial_text(fuzz_build: dict) -> None:
    result = fuzz_build["result"]
    assert result.returncode == 0, f"seed {SEED}:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    assert "ERROR=0" in result.stdout


def test_every_raw_row_is_accepted_or_rejected(fuzz_build: dict) -> None:
    with duckdb.connect(str(fuzz_build["db"]), read_only=True) as con:
        accepted, rejected = con.execute(
            "select count(*) filter (where reject_reason is null),"
            " count(*) filter (where reject_reason is not null) from int_postings__validated"
        ).fetchall()[0]
        reasons = dict(con.execute(
            "select reject_reason, count(*) from rejected_postings group by 1"
        ).fetchall())  # fmt: skip
        canonical = con.execute("select count(*) from fct_postings").fetchall()[0][0]
    assert accepted + rejected == fuzz_build["rows"]
    assert (
        canonical > ROWS // 3
    )  # the draw keeps enough usable rows for the marts to mean something
    assert {"missing_posting_id", "unknown_country", "unparseable_post_date"} <= set(reasons)


def test_derived_values_stay_in_their_bounds(fuzz_build: dict) -> None:
    with duckdb.connect(str(fuzz_build["db"]), read_only=True) as con:
        out_of_bounds = con.execute(
            """
            select count(*) from fct_postings
            where experience_min_years not between 0 and 20
                or salary_min_eur_annual not between 5000 and 1000000
                or salary_max_eur_annual not between 5000 and 1000000
                or salary_min > salary_max
            """
        ).fetchall()[0][0]
    assert out_of_bounds == 0
