#!/usr/bin/env python3
"""Measures search on a generated site: index size, bytes loaded per query and answer time in headless Chromium.

Generates the corpus with Benchmarks/generate_corpus.py (shared with the build
benchmark), builds it with `portal build`, then opens search.html?q=… from
file:// once per query and run, in a fresh page each time, so every index file
a query needs is counted. "Loaded" is the manifest plus every shard, code and
document file the query added; search.js itself is code, not index, and is
reported apart. "Answer" is PortalSearch.last.milliseconds: from reading the
query to the results drawn, including loading the shard and document scripts.

    python3 Benchmarks/search/measure.py                      # 10,000 documents, 5 runs
    python3 Benchmarks/search/measure.py --documents 500 --runs 1
    python3 Benchmarks/search/measure.py --site Public         # an existing site, no build

Prints a Markdown table and writes Benchmarks/work/search/results-N.json.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCHMARKS)
sys.path.insert(0, BENCHMARKS)
sys.path.insert(0, os.path.join(ROOT, "Tests", "Browser"))

# Words from the generator's vocabulary and the real content, codes it assigns,
# a prefix being typed, a query that matches nothing, and quoted phrases: one the
# generated corpus never holds, one whose two words both keep only their best parts,
# and one with a word whose list holds every part ("48") and one whose list is cut.
QUERIES = [
    "workload",
    "customer relations coordinator",
    "supervisor ratio",
    "48 hours",
    "quality assurance programs",
    "enterprise care center agents restructure",
    "2345-5035",
    "2345",
    "1000",
    "1000-01",
    "coord",
    "customer serv",
    "co",
    "re",
    "pro",
    "zyxwv",
    '"48 hours"',
    '"customer care"',
    '"district 48"',
]


def sizes(site):
    """Byte size of every file under search/, by path relative to the site."""
    found = {}
    for directory, _, files in os.walk(os.path.join(site, "search")):
        for name in files:
            path = os.path.join(directory, name)
            found[os.path.relpath(path, site)] = os.path.getsize(path)
    return found


def all_terms(site):
    """Every term of the index, read from every term shard: the full scan a prefix query is held to."""
    import re
    terms = set()
    folder = os.path.join(site, "search", "s")
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            text = handle.read()
        # Entries are "term":[…]; a term never holds a quote, and numbers in the lists are never quoted.
        terms.update(json.loads('"%s"' % match) for match in re.findall(r'"((?:[^"\\]|\\.)*)":\[', text))
    return terms


def prefix_of(query):
    """The last word as the browser takes it for a prefix, or None (the same folding for these ASCII queries)."""
    words = query.lower().split()
    return words[-1] if words and words[-1].isalnum() and len(words[-1]) >= 2 and not query.endswith(" ") else None


def index_summary(site):
    files = sizes(site)
    def group(prefix):
        return [size for path, size in files.items() if path.startswith(prefix)]
    shards, documents, codes = group("search/s/"), group("search/d/"), group("search/c/")
    positions = group("search/p/")
    return {
        "index_bytes": sum(files.values()),
        "manifest_bytes": files.get("search/manifest.js", 0),
        "shards": len(shards), "largest_shard_bytes": max(shards or [0]),
        "median_shard_bytes": int(statistics.median(shards or [0])),
        "document_files": len(documents), "largest_document_bytes": max(documents or [0]),
        "code_shards": len(codes), "largest_code_shard_bytes": max(codes or [0]),
        "position_files": len(positions), "position_bytes": sum(positions), "largest_position_bytes": max(positions or [0]),
        "search_js_bytes": os.path.getsize(os.path.join(site, "assets", "search.js")),
    }


def run_queries(site, queries, runs):
    from browser import chromium, file_url
    from selenium.webdriver.support.ui import WebDriverWait

    files = sizes(site)
    terms = all_terms(site)
    page = file_url(os.path.join(site, "search.html"))
    driver = chromium()
    rows = []
    try:
        driver.get(page)  # warm the browser process once, not per query
        for query in queries:
            times, loaded_bytes, counts, loads = [], [], [], []
            for _ in range(runs):
                driver.get(page + "?q=" + urllib.parse.quote(query))
                WebDriverWait(driver, 30).until(lambda d: d.execute_script(
                    "return window.PortalSearch && PortalSearch.last && PortalSearch.last.query === arguments[0]", query))
                last = driver.execute_script("return PortalSearch.last")
                loaded = ["search/manifest.js"] + [p for p in last["loaded"] if p != "search/manifest.js"]
                times.append(last["milliseconds"])
                loaded_bytes.append(sum(files.get(p, 0) for p in loaded))
                counts.append(last["results"])
                loads.append(len(loaded))
            prefix = prefix_of(query)
            scanned = {t for t in terms if prefix and t.startswith(prefix) and t != prefix}
            completed = set(last.get("completions") or [])
            rows.append({
                "prefix_words": len(scanned), "prefix_found": len(completed & scanned),
                "query": query, "results": counts[0], "files": loads[0],
                "loaded_bytes": max(loaded_bytes),
                "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
            })
    finally:
        driver.quit()
    return rows


def build(content, site, portal):
    started = time.time()
    subprocess.run([portal, "build", "--content", content, "--theme", os.path.join(ROOT, "Theme"), "--output", site],
                   check=True, stdout=subprocess.DEVNULL)
    return round(time.time() - started, 1)


def table(summary, rows):
    lines = [
        "| query | results | files loaded | index loaded | median answer | slowest answer | prefix words found / full scan |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append("| `%s` | %d | %d | %.1f KB | %.1f ms | %.1f ms | %s |" % (
            row["query"], row["results"], row["files"], row["loaded_bytes"] / 1000, row["median_ms"], row["max_ms"],
            "%d / %d" % (row["prefix_found"], row["prefix_words"]) if row["prefix_words"] else "—"))
    lines.append("")
    lines.append("Index: %(index_bytes)d bytes in %(shards)d term shards (largest %(largest_shard_bytes)d B), "
                 "%(document_files)d document files (largest %(largest_document_bytes)d B), "
                 "%(code_shards)d code shards (largest %(largest_code_shard_bytes)d B), "
                 "%(position_files)d position files (%(position_bytes)d B, largest %(largest_position_bytes)d B); "
                 "manifest %(manifest_bytes)d B; search.js %(search_js_bytes)d B." % summary)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default=os.path.join(BENCHMARKS, "work", "search"))
    parser.add_argument("--portal", default=os.path.join(ROOT, ".build", "release", "portal"))
    parser.add_argument("--site", help="measure this built site instead of generating one")
    args = parser.parse_args()

    result = {"documents": args.documents, "runs": args.runs}
    site = args.site
    if not site:
        from generate_corpus import ensure_corpus
        corpus = os.path.join(args.work, str(args.documents))
        result["corpus"] = ensure_corpus(args.documents, corpus)
        site = os.path.join(corpus, "public")
        result["build_seconds"] = build(os.path.join(corpus, "portal", "Content"), site, args.portal)
    result["index"] = index_summary(site)
    result["queries"] = run_queries(site, QUERIES, args.runs)
    result["max_loaded_bytes"] = max(row["loaded_bytes"] for row in result["queries"])
    result["max_median_ms"] = max(row["median_ms"] for row in result["queries"])
    os.makedirs(args.work, exist_ok=True)
    with open(os.path.join(args.work, "results-%s.json" % (args.documents if not args.site else "site")), "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
    print(table(result["index"], result["queries"]))
    print()
    print(json.dumps({"max_loaded_bytes": result["max_loaded_bytes"], "max_median_ms": result["max_median_ms"]}))


if __name__ == "__main__":
    main()
