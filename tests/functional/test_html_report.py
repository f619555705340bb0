"""The HTML report of a built warehouse, opened in a real headless Chromium.

Why a browser: the page is only useful if its inlined Vega draws the charts
with no network, and only a browser runs that JavaScript. The test drives the
system Chromium (Debian package `chromium`, installed by
scripts/install_browser.sh) with Playwright; a missing browser fails the test,
it does not skip it, because CI must run it. The page's tables are read back
(data-column / data-value of each cell) and compared with the marts they show:
salary_insights value by value, fct_postings, llm_usage.
"""

from __future__ import annotations

import base64
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from python_udfs.reports.html_report import write_report
from python_udfs.reports.report_charts import SENIORITY_COLOURS
from python_udfs.reports.report_queries import is_cost, llm_columns
from tests.conftest import REPORTED_FIGURES
from tests.functional.conftest import Warehouse

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = (
    f"Chromium not found at {CHROMIUM}: `make browser` installs it (scripts/install_browser.sh,"
    " as root, apt-get); this browser test is part of `make test` and CI, so it fails, not skips"
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
QUANTILES = ("p25", "median", "p75")

# distinct RGB colours of a PNG, the variance of its grey levels and whether given
# colours occur, counted in the browser (a canvas decodes the PNG: no image library)
COUNT_COLOURS_JS = """
async ([b64, wanted]) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Set();
  let sum = 0, sumSquares = 0;
  for (let i = 0; i < px.length; i += 4) {
    seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    const grey = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
    sum += grey;
    sumSquares += grey * grey;
  }
  const n = px.length / 4;
  return {
    colours: seen.size,
    variance: sumSquares / n - (sum / n) ** 2,
    found: wanted.map((hex) => seen.has(parseInt(hex.slice(1), 16))),
  };
}
"""
# a blank or single-colour image has a grey-level variance near 0; the charts are
# mostly white with coloured bars, text and grid lines (well above 100 in practice)
MIN_VARIANCE = 100.0
# the key-numbers table as {data-column: data-value} per row, with the row's keys
READ_TABLE_JS = """
(selector) => Array.from(document.querySelectorAll(selector + ' tbody tr')).map((tr) => ({
  keys: [tr.dataset.countryCode, tr.dataset.jobFamily, tr.dataset.seniority],
  values: Object.fromEntries(Array.from(tr.querySelectorAll('td')).map(
    (td) => [td.dataset.column, [td.dataset.value, td.textContent]])),
}))
"""


@dataclass
class Report:
    html: Path
    png: Path
    seconds: float


@dataclass
class OpenedPage:
    """The report loaded in Chromium, with what the browser saw on the way."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def report(warehouse_small: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> Report:
    out = tmp_path_factory.mktemp("html_report")
    started = time.perf_counter()
    write_report(warehouse_small.db_path, out / "report.html", out / "report.png")
    seconds = time.perf_counter() - started
    size_kb = (out / "report.html").stat().st_size / 1024
    REPORTED_FIGURES.append(
        f"html report (5k warehouse): written in {seconds:.1f} s, {size_kb:.0f} KB"
    )
    return Report(out / "report.html", out / "report.png", seconds)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(INSTALL_HINT)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def opened(browser: Browser, report: Report) -> Iterator[OpenedPage]:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    seen = OpenedPage(page)
    page.on("console", lambda m: m.type == "error" and seen.console_errors.append(m.text))
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
    page.on("requestfailed", lambda request: seen.failed_requests.append(request.url))

    def only_local(route, request) -> None:
        # anything but the file itself would be the network: record it and refuse it
        if request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            seen.outside_requests.append(request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(report.html.as_uri())
    page.wait_for_selector('body[data-charts-rendered="true"]', timeout=60_000)
    yield seen
    page.close()


def colours(browser: Browser, png: bytes, wanted: list[str]) -> dict:
    page = browser.new_page()
    try:
        return page.evaluate(COUNT_COLOURS_JS, [base64.b64encode(png).decode(), wanted])
    finally:
        page.close()


def number(raw: str) -> int | float | None:
    if raw == "":
        return None
    return float(raw) if "." in raw or "e" in raw else int(raw)


def test_chromium_is_installed() -> None:
    assert CHROMIUM.exists(), INSTALL_HINT


def test_page_loads_without_errors_or_network(opened: OpenedPage) -> None:
    assert opened.console_errors == []
    assert opened.failed_requests == []
    assert opened.outside_requests == []


def test_charts_render_one_bar_per_reportable_cell(opened: OpenedPage, warehouse_small) -> None:
    with warehouse_small.connect() as con:
        reportable, suppressed = con.execute(
            "select count(*) filter (where is_reportable), count(*) filter (where not"
            " is_reportable) from salary_insights"
        ).fetchone()
    chart = opened.page.locator("#chart-salary-ranges svg")
    assert chart.count() == 1
    assert chart.locator("g.mark-rect.role-mark path").count() == reportable
    assert chart.locator("g.mark-text.role-mark text").count() == suppressed
    assert opened.page.locator("#chart-methods svg g.mark-rect.role-mark path").count() > 0


def test_screenshot_is_not_blank(opened: OpenedPage, browser: Browser) -> None:
    shot = opened.page.locator("#chart-salary-ranges").screenshot(timeout=10_000)
    seen = colours(browser, shot, SENIORITY_COLOURS)
    assert seen["variance"] > MIN_VARIANCE and seen["colours"] > 50, seen
    assert seen["found"] == [True, True, True], "a seniority's bar colour is missing"


def test_key_numbers_equal_the_mart(opened: OpenedPage, warehouse_small: Warehouse) -> None:
    columns = [
        "country",
        "postings",
        "salaried_postings",
        *(f"salary_{end}_eur_annual_{q}" for end in ("min", "max") for q in QUANTILES),
    ]
    with warehouse_small.connect() as con:
        mart = {
            tuple(row[:3]): tuple(row[3:])
            for row in con.execute(
                f"select country_code, job_family, seniority, {', '.join(columns)}"
                " from salary_insights"
            ).fetchall()
        }
    rows = opened.page.evaluate(READ_TABLE_JS, "#key-numbers")
    page = {
        tuple(r["keys"]): (r["values"]["country"][0],)
        + tuple(number(r["values"][c][0]) for c in columns[1:])
        for r in rows
    }
    assert len(rows) == len(mart) > 0
    assert page == mart
    for r in rows:  # what a reader sees: the same figures, "suppressed" for NULL
        for column in columns[3:]:
            raw, text = r["values"][column]
            assert text == (f"€{float(raw):,.0f}" if raw else "suppressed")


def test_suppressed_cells_are_listed_with_counts(
    opened: OpenedPage, warehouse_small: Warehouse
) -> None:
    with warehouse_small.connect() as con:
        hidden = {
            tuple(row[:3]): (row[3], row[4])
            for row in con.execute(
                "select country_code, job_family, seniority, postings, salaried_postings"
                " from salary_insights where not is_reportable"
            ).fetchall()
        }
    rows = opened.page.evaluate(READ_TABLE_JS, "#suppressed-cells")
    listed = {
        tuple(r["keys"]): (
            int(r["values"]["postings"][0]),
            int(r["values"]["salaried_postings"][0]),
        )
        for r in rows
    }
    assert listed == hidden
    assert opened.page.locator("#suppressed-none").count() == (0 if hidden else 1)


def test_method_shares_match_fct_postings(opened: OpenedPage, warehouse_small: Warehouse) -> None:
    with warehouse_small.connect() as con:
        total, by_rule = con.execute(
            "select count(*), count(*) filter (where salary_method = 'rule') from fct_postings"
        ).fetchone()
    row = opened.page.locator('#method-shares tr[data-field="salary"]')
    values = [
        int(v)
        for v in row.locator("td[data-column]").evaluate_all(
            "(tds) => tds.slice(2).map((td) => td.dataset.value)"
        )
    ]
    assert sum(values) == total
    assert row.locator('td[data-column="rule"]').get_attribute("data-value") == str(by_rule)


class _Sources(HTMLParser):
    """src/href of script, link, img and iframe elements, and whether a script has src."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "link", "img", "iframe"}:
            self.sources += [v or "" for k, v in attrs if k in {"src", "href"}]


def test_html_loads_nothing_from_outside(report: Report) -> None:
    parser = _Sources()
    parser.feed(report.html.read_text(encoding="utf-8"))
    assert parser.sources == []
    size = report.html.stat().st_size
    assert 100_000 < size < 3_000_000, f"{size} bytes: no inlined Vega, or far too much data"


def test_png_is_a_real_chart(report: Report, browser: Browser) -> None:
    data = report.png.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])  # IHDR: the first chunk
    assert data[12:16] == b"IHDR" and width >= 800 and height >= 800, (width, height)
    seen = colours(browser, data, SENIORITY_COLOURS)
    assert seen["variance"] > MIN_VARIANCE and seen["colours"] > 50, seen
    assert seen["found"] == [True, True, True], "a seniority's bar colour is missing"


def test_llm_usage_equals_the_mart(opened: OpenedPage, warehouse_small: Warehouse) -> None:
    """Rows of the latest runs, with whatever columns llm_usage has (cost when it has one)."""
    with warehouse_small.connect() as con:
        columns = llm_columns(con)
        mart = con.execute(
            f"select {', '.join(columns)} from llm_usage where run_id in (select run_id"
            " from llm_usage group by run_id order by max(run_started_at) desc limit 5)"
        ).fetchall()
    headers = opened.page.locator("#llm-usage thead th").all_inner_texts()
    cells = opened.page.locator("#llm-usage tbody tr").evaluate_all(
        "(trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'),"
        " (td) => [td.dataset.column, td.dataset.value]))"
    )
    assert len(headers) == len(columns) and len(cells) == len(mart) > 0
    assert {tuple(c for c, _ in row) for row in cells} == {tuple(columns)}
    # every numeric column, summed on both sides: calls, tokens and cost (if any)
    numeric = [
        c
        for i, c in enumerate(columns)
        if all(isinstance(row[i], int | float | Decimal | None) for row in mart)
        and not any(isinstance(row[i], bool) for row in mart)
    ]
    assert {"calls", "prompt_tokens", "completion_tokens"} <= set(numeric)
    page_sums = {c: sum(number(v) or 0 for row in cells for k, v in row if k == c) for c in numeric}
    mart_sums = {c: float(sum(row[columns.index(c)] or 0 for row in mart)) for c in numeric}
    assert page_sums == pytest.approx(mart_sums)
    title = opened.page.locator("#llm h2").inner_text()
    has_cost = any(is_cost(c) for c in numeric)
    assert ("cost" in title) == has_cost, title
    assert ("$" in opened.page.locator("#llm-totals").inner_text()) == has_cost


def test_freshness_equals_the_marts(opened: OpenedPage, warehouse_small: Warehouse) -> None:
    with warehouse_small.connect() as con:
        first, last, postings = con.execute(
            "select min(post_date)::varchar, max(post_date)::varchar, count(*) from fct_postings"
        ).fetchone()
    shown = dict(
        opened.page.locator("#freshness td[data-column]").evaluate_all(
            "(tds) => tds.map((td) => [td.dataset.column, td.dataset.value])"
        )
    )
    assert (shown["first_post_date"], shown["last_post_date"]) == (first, last)
    assert int(shown["postings"]) == postings
