"""Compare the tables a Spark build wrote (Parquet folders) with a DuckDB warehouse.

A first step towards issue 16's equality test: DuckDB reads each Parquet
folder under the Spark warehouse's schema directory and compares it with the
DuckDB table of the same name, row for row both ways (EXCEPT ALL), on the
columns both have, without the columns that differ by design: load
timestamps and the md5 keys (DuckDB's UHUGEINT md5_number, Spark's hex md5;
docs/spark.md).

    python scripts/compare_spark_duckdb.py data/spark-warehouse/salary_insights.db \
        data/salary_insights.duckdb
"""

from __future__ import annotations

import argparse
import glob
import os

import duckdb

SKIPPED = {"loaded_at", "seen_at", "dedup_key", "raw_row_key", "file_modified_at"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spark_schema_dir", help="e.g. data/spark-warehouse/salary_insights.db")
    parser.add_argument("duckdb_path", help="the DuckDB warehouse built from the same input")
    args = parser.parse_args()
    con = duckdb.connect()
    con.execute(f"attach '{args.duckdb_path}' as d (read_only)")
    differing = 0
    for name in sorted(os.listdir(args.spark_schema_dir)):
        folder = f"{args.spark_schema_dir}/{name}"
        if not glob.glob(f"{folder}/*.parquet"):
            continue
        in_duckdb = con.execute(
            "select count(*) from duckdb_tables() where database_name = 'd' and table_name = ?",
            [name],
        ).fetchone()[0]
        if not in_duckdb:
            continue
        spark = f"read_parquet('{folder}/*.parquet')"
        spark_columns = {r[0] for r in con.execute(f"describe select * from {spark}").fetchall()}
        duck_columns = [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_catalog = 'd'"
                " and table_name = ? order by ordinal_position",
                [name],
            ).fetchall()
        ]
        columns = [c for c in duck_columns if c in spark_columns and c not in SKIPPED]
        missing = [c for c in duck_columns if c not in spark_columns]
        select = ", ".join(f'"{c}"' for c in columns)
        s, t = f"select {select} from {spark}", f'select {select} from d.main."{name}"'
        only_spark = con.execute(f"select count(*) from ({s} except all {t})").fetchone()[0]
        only_duck = con.execute(f"select count(*) from ({t} except all {s})").fetchone()[0]
        same = only_spark == only_duck == 0 and not missing
        differing += not same
        rows = con.execute(f"select count(*) from {spark}").fetchone()[0]
        print(
            f"{'SAME' if same else 'DIFF'} {name}: {rows} rows; only in Spark {only_spark}, "
            f"only in DuckDB {only_duck}; columns missing on Spark {missing}"
        )
    print(f"differing tables: {differing}")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
