"""One self-contained HTML report of a built warehouse (and a PNG of its main chart).

    python -m python_udfs.reports.html_report --db data/salary_insights.duckdb \
        --out data/report.html [--png data/report.png]

Why one static file: it is mailed, attached to a ticket or opened from a share
without a server or network, so the Vega JavaScript is inlined once (from
vl-convert's bundle) and each chart's data sits in its spec. The warehouse is
opened read-only: making a report never changes it. Figures
come from the marts only (report_queries); the key-numbers table carries each
value raw in `data-value` so a test can compare the page with the mart.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any

import altair as alt
import duckdb
import vl_convert

from python_udfs.reports import report_charts, report_llm, report_page
from python_udfs.reports.report_queries import ReportData, load_report_data
from python_udfs.reports.salary_table import warehouse_path


def vega_bundle() -> str:
    """vega-embed, Vega-Lite and Vega in one script, for Altair's Vega-Lite version."""
    major_minor = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
    bundle = vl_convert.javascript_bundle(vl_version=major_minor)
    if "</script" in bundle.lower():
        raise ValueError("the Vega bundle would close its <script> tag early")
    return bundle


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element (no `</` that could end it)."""
    return json.dumps(value, default=str).replace("</", "<\\/")


def embed_script(specs: dict[str, dict]) -> str:
    """Render each spec into its container as SVG, then mark the body as rendered.

    `data-charts-rendered` tells a browser test (or a screenshot tool) when all
    charts are drawn; an error goes to the console, which the test watches.
    """
    return (
        f"const specs = {_script_json(specs)};\n"
        "Promise.all(Object.entries(specs).map(([id, spec]) =>\n"
        "  vegaEmbed('#' + id, spec, {actions: false, renderer: 'svg'})))\n"
        "  .then(() => document.body.setAttribute('data-charts-rendered', 'true'))\n"
        "  .catch((error) => console.error(error));\n"
    )


def render_html(data: ReportData, generated_at: datetime) -> str:
    """The whole page: sections from report_page, charts embedded with inlined Vega."""
    specs = {
        "chart-salary-ranges": report_charts.salary_range_chart(data.cells).to_dict(),
        "chart-methods": report_charts.method_share_chart(data.method_shares).to_dict(),
    }
    stamp = generated_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Salary insights report</title>
<style>{report_page.CSS}</style>
<script>{vega_bundle()}</script>
</head>
<body>
<h1>Salary insights report</h1>
<p class="note">Generated {escape(stamp)} from the warehouse's marts. Synthetic sample data
shows the pipeline working, not the market.</p>
{report_page.freshness_section(data.freshness)}
<section id="salary-ranges">
<h2>Salary ranges</h2>
<div id="chart-salary-ranges" class="chart"></div>
{report_page.key_numbers_table(data.cells)}
</section>
{report_page.suppressed_section(data.cells)}
<section id="methods">
<h2>Coverage and method shares</h2>
<div id="chart-methods" class="chart"></div>
{report_page.method_table(data.method_shares)}
</section>
{report_llm.llm_section(data.llm_runs)}
<script>
{embed_script(specs)}</script>
</body>
</html>
"""


def write_report(db: Path, out: Path, png: Path | None = None) -> ReportData:
    """Read the marts (read-only), write the HTML and, if asked, the main chart's PNG."""
    with duckdb.connect(str(db), read_only=True) as con:
        data = load_report_data(con)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(data, datetime.now(timezone.utc)), encoding="utf-8")
    if png is not None:
        png.parent.mkdir(parents=True, exist_ok=True)
        report_charts.salary_range_chart(data.cells).save(str(png), scale_factor=2)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=warehouse_path())
    parser.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    parser.add_argument("--png", type=Path, help="also the main chart as PNG (for slides)")
    args = parser.parse_args()
    write_report(args.db, args.out, args.png)
    if args.png:
        print(f"main chart (PNG): {args.png}")
    # the page's path last and alone on its line: `make run` ends with it, and a
    # script can open it (e.g. xdg-open "$(make -s report | tail -n 1)")
    print(args.out)


if __name__ == "__main__":
    main()
