"""Benchmark: the same random California cases through every Python path, and the CLI.

    python benches/python/bench_batch.py [--rows 1000000] [--cli PATH/TO/childsupport] [--dask]

Each part runs in a fresh process (so its peak memory is its own) on the same rows (seeded):

- ``batch``: ``childsupport.batch.california_guideline`` on a pyarrow table (all rows);
- ``pure``: the pure-Python ``decimal`` implementation (``california_decimal.py``, all rows),
  and how many of its amounts differ from the library's;
- ``scalar``: the typed ``childsupport.california_guideline`` in a loop (the first
  ``--scalar-rows``, with its worksheet);
- ``many``: ``childsupport.compute_many`` (the first ``--many-rows``);
- ``cli``: ``childsupport batch`` on the rows as CSV (``--cli``);
- ``dask``: ``childsupport.dask.california_guideline`` on a LocalCluster of two one-thread
  workers (``--dask``).

Prints a Markdown table: rows a second, and peak resident memory of the process (ru_maxrss),
which includes the generated input.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ["calculation_date", "parent_a_net_income_cents", "parent_b_net_income_cents",
           "time_share.parent", "time_share.fraction", "children"]


def rows(n: int, seed: int = 2026) -> dict[str, list]:
    """Random cases on dates from 2025-01-01 to 2026-12-31 (the SB 343 table and a minimum wage
    in force), incomes 0 to 20,000.00 a month, time shares 0 to 1 in hundredths, 1-5 children."""
    rng = random.Random(seed)
    start = datetime.date(2025, 1, 1).toordinal()
    dates = [datetime.date.fromordinal(start + d) for d in range(730)]
    return {
        "calculation_date": [rng.choice(dates) for _ in range(n)],
        "parent_a_net_income_cents": [rng.randint(0, 2_000_000) for _ in range(n)],
        "parent_b_net_income_cents": [rng.randint(0, 2_000_000) for _ in range(n)],
        "time_share.parent": [rng.choice(("parent_a", "parent_b")) for _ in range(n)],
        "time_share.fraction": [rng.randint(0, 100) for _ in range(n)],  # hundredths
        "children": [rng.randint(1, 5) for _ in range(n)],
    }


def table(cols: dict[str, list]):
    import pyarrow as pa

    return pa.table({
        "calculation_date": pa.array(cols["calculation_date"], pa.date32()),
        "parent_a_net_income_cents": pa.array(cols["parent_a_net_income_cents"], pa.int64()),
        "parent_b_net_income_cents": pa.array(cols["parent_b_net_income_cents"], pa.int64()),
        "time_share.parent": pa.array(cols["time_share.parent"]).dictionary_encode(),
        "time_share.fraction": pa.array([Decimal(f) / 100 for f in cols["time_share.fraction"]],
                                        pa.decimal128(3, 2)),
        "children": pa.array(cols["children"], pa.int8()),
    })


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def part(name: str, n: int, args: argparse.Namespace) -> dict:
    cols = rows(n)
    info: dict = {"part": name}
    if name == "batch":
        import childsupport.batch as b

        t = table(cols)
        secs, out = timed(lambda: b.california_guideline(t))
        info.update(rows=n, seconds=secs,
                    errors=n - out.column("error_code").null_count)
    elif name == "pure":
        import childsupport
        from california_decimal import California

        rules = childsupport.Rules.embedded_toml()
        by_date: dict = {}
        hundred = Decimal(100)

        def run() -> list:
            out = []
            for d, a, b, p, f, c in zip(*(cols[k] for k in COLUMNS)):
                ca = by_date.get(d)
                if ca is None:
                    ca = by_date[d] = California(rules, d)
                out.append(ca.guideline(Decimal(a) / hundred, Decimal(b) / hundred, p,
                                        Decimal(f) / hundred, c)[1])
            return out

        secs, amounts = timed(run)
        # Reading the rules per date is setup, not computing: time it apart.
        setup, _ = timed(lambda: [California(rules, d) for d in by_date])
        import childsupport.batch as bt

        lib = bt.california_guideline(table(cols)).column("amount").to_pylist()
        info.update(rows=n, seconds=secs - setup,
                    differ=sum(x != y for x, y in zip(amounts, lib)))
    elif name == "scalar":
        import childsupport

        k = min(n, args.scalar_rows)
        share = [childsupport.TimeShare(p, Decimal(f) / 100)
                 for p, f in zip(cols["time_share.parent"][:k], cols["time_share.fraction"][:k])]
        a = [Decimal(c) / 100 for c in cols["parent_a_net_income_cents"][:k]]
        b = [Decimal(c) / 100 for c in cols["parent_b_net_income_cents"][:k]]

        def run() -> None:
            for i in range(k):
                childsupport.california_guideline(cols["calculation_date"][i], a[i], b[i],
                                                  share[i], cols["children"][i])

        secs, _ = timed(run)
        info.update(rows=k, seconds=secs)
    elif name == "many":
        import childsupport

        k = min(n, args.many_rows)
        reqs = [{"kind": "california_guideline", "input": {
            "calculation_date": cols["calculation_date"][i],
            "parent_a_net_income": Decimal(cols["parent_a_net_income_cents"][i]) / 100,
            "parent_b_net_income": Decimal(cols["parent_b_net_income_cents"][i]) / 100,
            "time_share": {"parent": cols["time_share.parent"][i],
                           "fraction": Decimal(cols["time_share.fraction"][i]) / 100},
            "children": cols["children"][i]}} for i in range(k)]
        secs, _ = timed(lambda: childsupport.compute_many(reqs))
        info.update(rows=k, seconds=secs)
    elif name == "cli":
        import pyarrow.csv as pcsv

        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "cases.csv"
            pcsv.write_csv(table(cols).cast(table(cols).schema.set(
                3, table(cols).schema.field(3).with_type(__import__("pyarrow").string()))), src)
            del cols
            t0 = time.perf_counter()
            proc = subprocess.run([args.cli, "batch", "california_guideline", str(src),
                                   "--output", str(Path(tmp) / "out.csv"), "--no-progress"],
                                  capture_output=True, text=True, check=True)
            secs = time.perf_counter() - t0
            child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        info.update(rows=n, seconds=secs, cli_peak_mib=child / 1024, stderr=proc.stderr.strip())
    elif name == "dask":
        import dask.dataframe as dd
        from dask.distributed import Client, LocalCluster

        import childsupport.dask as csd

        import pandas as pd

        frame = table(cols).to_pandas(types_mapper=pd.ArrowDtype)
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
                Client(cluster):
            ddf = dd.from_pandas(frame, npartitions=8).persist()
            secs, _ = timed(lambda: csd.california_guideline(ddf).compute())
        info.update(rows=n, seconds=secs)
    info["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--scalar-rows", type=int, default=20_000)
    ap.add_argument("--many-rows", type=int, default=100_000)
    ap.add_argument("--cli", help="path of the childsupport binary (release build)")
    ap.add_argument("--dask", action="store_true")
    ap.add_argument("--part", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.part:
        print(json.dumps(part(args.part, args.rows, args)))
        return
    parts = ["pure", "batch", "scalar", "many"] + (["cli"] if args.cli else []) \
        + (["dask"] if args.dask else [])
    results = []
    for name in parts:
        cmd = [sys.executable, __file__, "--part", name, *sys.argv[1:]]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE,
                             env={**os.environ, "PYTHONPATH": str(HERE)})
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            raise SystemExit(f"part {name} failed")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    pure = next(r for r in results if r["part"] == "pure")
    pure_rate = pure["rows"] / pure["seconds"]
    print(f"{args.rows:,} random California rows, {datetime.date.today()}, "
          f"{os.cpu_count()} cores\n")
    print("| path | rows timed | seconds | rows/s | × pure Python | peak memory (MiB) |")
    print("|---|---|---|---|---|---|")
    for r in results:
        rate = r["rows"] / r["seconds"]
        peak = r.get("cli_peak_mib", r["peak_mib"])
        print(f"| {r['part']} | {r['rows']:,} | {r['seconds']:.2f} | {rate:,.0f} | "
              f"{rate / pure_rate:.2f} | {peak:,.0f} |")
    print(f"\npure-Python amounts differing from the library's: {pure['differ']:,}")


if __name__ == "__main__":
    main()
