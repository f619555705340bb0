"""Training data from the warehouse: rule-labeled postings, split and sampled in SQL.

Why in SQL: the split, the sample and the data hash are whole-table work on up to
millions of rows; DuckDB does them in a second or two, on a read-only connection (the
warehouse is never written by training).

- Rows: canonical postings (``int_postings__deduplicated``) whose job family or
  seniority was decided by a rule (``*_method = 'rule'``); ``eval-`` postings and the
  hand-labelled real postings (seed ``real_labels``) are excluded, always: they are the
  held-out evaluation sets.
- Validation split: by *group* (lower-cased title + company), so reposts and copies of
  one job never sit on both sides: a group is in validation when the seeded md5 of its
  key falls in the first ``validation_share`` of the hash range. Why a hash and not an
  exactly stratified draw: a group's side must not change when new postings arrive, or
  a retrain would validate the current model on rows it trained on. With thousands of
  groups per class the split is stratified in expectation (the label counts of both
  sides are in the metadata; on a 100k warehouse they agree within 0.5 points).
- Sample (``max_rows``): training rows kept when the seeded md5 of their posting_id
  falls in the first ``max_rows / training rows`` of the range (the same argument).
- Data hash: sha256 of the sorted lines ``posting_id TAB job_family TAB seniority`` of
  every labeled row (before split and sample): it names the data a model learned from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

SENIORITY_BASES = ("title", "experience")  # which rule-labeled seniority rows to learn

LABELED_SQL = """
with

postings as (
    select posting_id, title, company, description
    from int_postings__deduplicated
    where not starts_with(posting_id, 'eval-')
        {real_labels_excluded}
),

job_families as (
    select posting_id, job_family from int_postings__job_family_labeled
    where job_family_method = 'rule'
),

seniorities as (
    select posting_id, seniority from int_postings__seniority_labeled
    where seniority_method = 'rule' and seniority_basis in ({bases})
),

labeled as (
    select
        postings.posting_id,
        postings.title,
        postings.description,
        lower(coalesce(postings.title, '')) || chr(31) || lower(coalesce(postings.company, ''))
            as group_key,
        job_families.job_family,
        seniorities.seniority
    from postings
    left join job_families using (posting_id)
    left join seniorities using (posting_id)
    where job_families.job_family is not null or seniorities.seniority is not null
)
"""

SPLIT_SQL = """
split as (
    select
        *,
        {validation} as is_validation,
        {sampled} as is_sampled
    from labeled
)

select
    posting_id,
    title,
    left(description, {chars}) as description,
    job_family,
    seniority,
    is_validation
from split where is_validation or is_sampled
"""

HASH_SQL = """
select
    count(*),
    sha256(string_agg(
        posting_id || chr(9) || coalesce(job_family, '') || chr(9) || coalesce(seniority, ''),
        chr(10) order by posting_id
    ))
from labeled
"""


def _hash_below(key_sql: str, share: float) -> str:
    """SQL: true for a ``share`` of keys, decided by the key's md5 alone (stable).

    Compares the md5 hex digest with the first 8 hex digits of ``share`` of the range
    (md5 text is 10x faster than DuckDB's ``md5_number`` here).
    """
    if share >= 1:
        return "true"
    return f"md5({key_sql}) < '{max(0, round(share * 16**8)):08x}'"


@dataclass
class LabeledData:
    """The rows a model is trained and validated on, and what identifies them."""

    training: pa.Table  # posting_id, title, description, job_family, seniority
    validation: pa.Table
    labeled_rows: int  # rule-labeled rows in the warehouse (before the sample)
    data_hash: str


def load_labeled(
    db_path: str | Path,
    *,
    max_rows: int | None = None,
    validation_share: float = 0.1,
    seed: int = 0,
    description_chars: int = 1000,
    seniority_bases: tuple[str, ...] = SENIORITY_BASES,
) -> LabeledData:
    """Read, split and (if ``max_rows``) sample the rule-labeled rows, read-only."""
    unknown = set(seniority_bases) - set(SENIORITY_BASES)
    if unknown:
        raise ValueError(f"unknown seniority bases {sorted(unknown)}; use {SENIORITY_BASES}")
    bases = ", ".join(f"'{b}'" for b in seniority_bases)
    con = duckdb.connect(str(db_path), read_only=True)
    con.execute("set enable_progress_bar = false")
    try:
        # the hand-labelled real postings validate the model (real_validation.py); a
        # warehouse built before their seed existed has no such table
        ((has_real_labels,),) = con.execute(
            "select count(*) from duckdb_tables() where table_name = 'real_labels'"
        ).fetchall()
        excluded = (
            "and posting_id not in (select posting_id from real_labels)" if has_real_labels else ""
        )
        labeled = LABELED_SQL.format(bases=bases or "null", real_labels_excluded=excluded)
        ((total, data_hash),) = con.sql(labeled + HASH_SQL).fetchall()
        n_training = total - round(total * validation_share)
        fraction = 1.0 if not max_rows else min(1.0, max_rows / max(n_training, 1))
        split = SPLIT_SQL.format(
            validation=_hash_below(f"group_key || '{int(seed)}'", validation_share),
            sampled=_hash_below(f"posting_id || '{int(seed)}'", fraction),
            chars=int(description_chars),
        )
        rows = con.sql(labeled + "," + split).to_arrow_table()
    finally:
        con.close()
    is_validation = rows.column("is_validation")
    columns = ["posting_id", "title", "description", "job_family", "seniority"]
    return LabeledData(
        training=rows.filter(pc.invert(is_validation)).select(columns),
        validation=rows.filter(is_validation).select(columns),
        labeled_rows=total,
        data_hash=data_hash or "",
    )
