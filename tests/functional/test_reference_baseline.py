"""int_postings__job_family_baseline equals the reference query, row for row.

The reference SQL is run verbatim (only CURRENT_DATE replaced by the run's
as_of_date) over a `job_postings` table holding the staged postings, and
compared with the model in both directions.
"""

from __future__ import annotations

REFERENCE_QUERY = """
SELECT title, description,
  CASE
    WHEN title LIKE '%Software Engineer%' OR description LIKE '%software developer%' THEN 'Software Engineering'
    WHEN title LIKE '%Data Scientist%' OR description LIKE '%machine learning%' THEN 'Data Science'
    WHEN title LIKE '%Product Manager%' THEN 'Product Management'
    ELSE 'Other'
  END AS job_family
FROM job_postings
WHERE country IN ('Germany', 'France', 'United Kingdom', 'Netherlands')
  AND post_date > CURRENT_DATE - INTERVAL '3 months'
"""


def test_baseline_equals_reference_row_for_row(warehouse_100k):
    query = REFERENCE_QUERY.replace("CURRENT_DATE", f"DATE '{warehouse_100k.as_of}'")
    with warehouse_100k.connect() as con:
        con.execute(
            "create temp table job_postings as "
            "select * from int_postings__validated where reject_reason is null"
        )
        reference = f"select title, description, job_family from ({query})"
        model = "select title, description, job_family from int_postings__job_family_baseline"
        only_in_reference = con.execute(f"{reference} except all {model}").fetchall()
        only_in_model = con.execute(f"{model} except all {reference}").fetchall()
        n_rows = con.execute(f"select count(*) from ({model})").fetchone()[0]
        families = dict(
            con.execute(
                "select job_family, count(*) from int_postings__job_family_baseline group by 1"
            ).fetchall()
        )
    assert not only_in_reference and not only_in_model
    # A real comparison: thousands of rows and every branch of the CASE taken.
    assert n_rows > 5_000
    assert set(families) == {
        "Software Engineering",
        "Data Science",
        "Product Management",
        "Other",
    }
