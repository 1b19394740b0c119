#!/usr/bin/env python3
"""Search payload of a built site, for bench.py: one JSON line with the bytes and time per query.

    python3 Benchmarks/search_payload.py --site Benchmarks/work/10000/portal/Public

The measurement itself lives in Benchmarks/search/measure.py.
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "search"))
from measure import QUERIES, run_queries  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", required=True)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.site, "search", "manifest.js")):
        print("null")
        return
    rows = run_queries(args.site, QUERIES, args.runs)
    print(json.dumps({
        "median_bytes": int(statistics.median(r["loaded_bytes"] for r in rows)),
        "max_bytes": max(r["loaded_bytes"] for r in rows),
        "median_ms": round(statistics.median(r["median_ms"] for r in rows), 1),
        "max_ms": max(r["median_ms"] for r in rows),
    }))


if __name__ == "__main__":
    main()
