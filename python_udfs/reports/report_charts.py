"""Altair (Vega-Lite) charts of the HTML report, built from mart rows as they are.

Why Altair: a declarative, well-kept charting library whose specs render the
same in the browser (vega-embed, inlined in the page) and offline to PNG
(vl-convert) for slides. The charts only lay out the marts' figures; the
data of each chart is the list of rows report_queries read.
"""

from __future__ import annotations

import altair as alt

from python_udfs.reports.report_queries import Row

SENIORITIES = ["Entry", "Mid", "Senior"]
SENIORITY_COLOURS = ["#4c78a8", "#f58518", "#e45756"]
METHODS = ["rule", "model", "llm", "undecided", "not stated"]
METHOD_COLOURS = ["#4c78a8", "#72b7b2", "#f58518", "#e45756", "#bab0ac"]
EUR_AXIS = alt.Axis(
    title="EUR per year",
    labelExpr="'€' + format(datum.value / 1000, ',') + 'k'",
    grid=True,
)


def _eur(field: str, title: str) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:Q", title=title, format=",.0f")


def salary_range_chart(cells: list[Row]) -> alt.FacetChart:
    """Per job family, one row per country x seniority: median min to median max.

    A thick bar spans the cell's median minimum to median maximum; a thin line
    behind it the 25th percentile of the minimum to the 75th of the maximum.
    Suppressed cells (is_reportable false, NULL figures) get a grey label with
    their counts at the axis start instead of a bar.
    """
    y = alt.Y("country:N", title=None, sort="ascending")
    offset = alt.YOffset("seniority:N", sort=SENIORITIES)
    colour = alt.Color(
        "seniority:N",
        title="Seniority",
        scale=alt.Scale(domain=SENIORITIES, range=SENIORITY_COLOURS),
        legend=alt.Legend(orient="top"),
    )
    tooltip = [
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("seniority:N", title="Seniority"),
        alt.Tooltip("postings:Q", title="Postings", format=","),
        alt.Tooltip("salaried_postings:Q", title="Salaried postings", format=","),
        _eur("salary_min_eur_annual_p25", "Min p25 (EUR/yr)"),
        _eur("salary_min_eur_annual_median", "Min median (EUR/yr)"),
        _eur("salary_min_eur_annual_p75", "Min p75 (EUR/yr)"),
        _eur("salary_max_eur_annual_p25", "Max p25 (EUR/yr)"),
        _eur("salary_max_eur_annual_median", "Max median (EUR/yr)"),
        _eur("salary_max_eur_annual_p75", "Max p75 (EUR/yr)"),
    ]
    reportable = alt.Chart().transform_filter("datum.is_reportable")
    spread = reportable.mark_rule(strokeWidth=1.5, opacity=0.55).encode(
        x=alt.X("salary_min_eur_annual_p25:Q", axis=EUR_AXIS),
        x2="salary_max_eur_annual_p75:Q",
        y=y,
        yOffset=offset,
        color=colour,
        tooltip=tooltip,
    )
    median_range = reportable.mark_bar(height=5).encode(
        x="salary_min_eur_annual_median:Q",
        x2="salary_max_eur_annual_median:Q",
        y=y,
        yOffset=offset,
        color=colour,
        tooltip=tooltip,
    )
    suppressed = (
        alt.Chart()
        .transform_filter("!datum.is_reportable")
        .transform_calculate(
            label="datum.seniority + ': suppressed (' + datum.salaried_postings + ' salaried / '"
            " + datum.postings + ')'"
        )
        .mark_text(align="left", baseline="middle", fontSize=9, color="#777777")
        .encode(x=alt.value(3), y=y, yOffset=offset, text="label:N", tooltip=tooltip[:4])
    )
    return (
        alt.layer(spread, median_range, suppressed, data=alt.Data(values=cells))
        # ~13 px per country x seniority line: room for a suppressed cell's label
        .properties(width=330, height=13 * len({(c["country"], c["seniority"]) for c in cells}))
        .facet(facet=alt.Facet("job_family:N", title=None), columns=2)
        .properties(
            title=alt.Title(
                "Salary ranges by country and seniority, EUR per year",
                subtitle=[
                    (
                        "Bar: median minimum to median maximum of the cell's postings; "
                        "thin line: 25th percentile of the minimum to 75th of the maximum."
                    ),
                    (
                        "Source: mart salary_insights. Grey text: cells below min_cell_size "
                        "salaried postings (figures suppressed; salaried / all postings)."
                    ),
                ],
                anchor="start",
            )
        )
        .configure_axis(labelFontSize=11, titleFontSize=12)
        .configure_header(labelFontSize=13, labelFontWeight="bold")
    )


def method_share_chart(shares: list[Row]) -> alt.Chart:
    """Per fct_postings field, the share of postings decided by each method."""
    return (
        alt.Chart(alt.Data(values=shares))
        .mark_bar()
        .encode(
            y=alt.Y("field:N", title=None),
            x=alt.X("share:Q", title="Share of postings", axis=alt.Axis(format="%")),
            color=alt.Color(
                "method:N",
                title="Method",
                scale=alt.Scale(domain=METHODS, range=METHOD_COLOURS),
                legend=alt.Legend(orient="top"),
            ),
            order=alt.Order("method_rank:Q"),
            tooltip=[
                alt.Tooltip("field:N", title="Field"),
                alt.Tooltip("method:N", title="Method"),
                alt.Tooltip("postings:Q", title="Postings", format=","),
                alt.Tooltip("share:Q", title="Share", format=".1%"),
            ],
        )
        .transform_calculate(method_rank=f"indexof({METHODS!r}, datum.method)")
        .properties(
            width=520,
            height=140,
            title=alt.Title(
                "How each field was decided (fct_postings *_method)",
                subtitle="rule → local model → LLM; undecided: text with a value no method read",
                anchor="start",
            ),
        )
    )
