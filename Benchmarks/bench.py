#!/usr/bin/env python3
"""Builds the same generated corpus with `portal build` and with Hugo, interleaved, and reports medians.

For each size it reports median wall time and peak RSS of full builds (from
/usr/bin/time -v), the ratios portal/Hugo, the median one-document incremental
rebuild (hyperfine, with a prepare step that edits one position description),
the build's Markdown throughput, and the search payload per query when the
site has a search index. Results go to stdout as Markdown and to
Benchmarks/work/results.json.

    python3 Benchmarks/bench.py                       # 1,000, 10,000 and 50,000 documents, 5 runs each
    python3 Benchmarks/bench.py --sizes 200 --runs 1  # smoke run
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from generate_corpus import ensure_corpus  # noqa: E402

EDIT_MARKER = "Benchmark edit "


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_tools(hugo=True, hyperfine=True):
    """Installs hugo, hyperfine and GNU time from Debian when they are missing (only those the run uses)."""
    wanted = [("hugo", "hugo")] * hugo + [("hyperfine", "hyperfine")] * hyperfine + [("/usr/bin/time", "time")]
    missing = [package for command, package in wanted if shutil.which(command) is None]
    if missing:
        log("Installing %s from Debian …" % " ".join(missing))
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq"] + missing, check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def build_portal(scratch):
    command = ["swift", "build", "-c", "release", "--product", "portal"]
    if scratch:
        command += ["--scratch-path", scratch]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    path = subprocess.run(command + ["--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "portal")


def timed(command, cwd=None):
    """Runs `command` under /usr/bin/time -v; returns (wall seconds, peak RSS in MiB, CPU seconds: user + system).

    CPU time is reported beside wall time because it barely moves when other
    work shares the machine, while wall time does."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit("command failed (%d): %s\n%s" % (result.returncode, " ".join(command), result.stderr[-3000:]))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    cpu = sum(float(re.search(r"%s time \(seconds\): ([\d.]+)" % kind, result.stderr).group(1)) for kind in ("User", "System"))
    return wall, rss / 1024, cpu


def portal_flags(portal, known={}):
    """The long options `portal build` accepts."""
    if portal not in known:
        help_text = subprocess.run([portal, "build", "--help"], capture_output=True, text=True).stdout
        known[portal] = set(re.findall(r"--[a-z-]+", help_text))
    return known[portal]


class Corpus:
    def __init__(self, size, work, portal):
        self.size = size
        self.dir = os.path.join(work, str(size))
        self.stamp = ensure_corpus(size, self.dir)
        self.portal = portal
        self.content = os.path.join(self.dir, "portal", "Content")
        self.public = os.path.join(self.dir, "portal", "Public")
        self.cache = os.path.join(self.dir, "portal", ".portal-cache")
        self.hugo_dir = os.path.join(self.dir, "hugo")

    def portal_command(self, clean=False):
        command = [self.portal, "build", "--content", self.content,
                   "--theme", os.path.join(ROOT, "Theme"), "--output", self.public]
        # Older binaries lack these flags; the harness still measures them.
        flags = portal_flags(self.portal)
        command += ["--quiet"] if "--quiet" in flags else []
        return command + (["--clean"] if clean and "--clean" in flags else [])

    def portal_full(self):
        # A full build starts from nothing: no output, no build cache, no recycled staging folder.
        shutil.rmtree(self.public, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)
        shutil.rmtree(os.path.join(os.path.dirname(self.public), ".Public.recycle"), ignore_errors=True)
        return timed(self.portal_command(clean=True))

    def hugo_full(self):
        public = os.path.join(self.hugo_dir, "public")
        shutil.rmtree(public, ignore_errors=True)
        shutil.rmtree(os.path.join(self.hugo_dir, "resources"), ignore_errors=True)
        return timed(["hugo", "--quiet", "--source", self.hugo_dir, "--destination", public])

    def edited_document(self):
        positions = os.path.join(self.content, "positions")
        return os.path.join(positions, sorted(os.listdir(positions))[len(os.listdir(positions)) // 2])

    def incremental(self, runs, warmup):
        """Median seconds of a rebuild after a one-document edit, measured by hyperfine."""
        document = self.edited_document()
        original = open(document).read()
        if not os.path.isdir(self.public):
            self.portal_full()
        export = os.path.join(self.dir, "incremental.json")
        prepare = "%s %s touch %s" % (sys.executable, os.path.abspath(__file__), document)
        try:
            subprocess.run(["hyperfine", "--style", "none", "--runs", str(runs), "--warmup", str(warmup), "--prepare", prepare,
                            "--export-json", export, " ".join(self.portal_command())],
                           check=True, stdout=subprocess.DEVNULL)
        finally:
            with open(document, "w") as f:
                f.write(original)
        with open(export) as f:
            return statistics.median(json.load(f)["results"][0]["times"])


def ensure_browser():
    """Installs headless Chromium, its driver and selenium (`make browser-deps`) when any is missing."""
    try:
        import selenium  # noqa: F401
        have_selenium = True
    except ImportError:
        have_selenium = False
    if not have_selenium or shutil.which("chromium") is None or shutil.which("chromedriver") is None:
        log("Installing headless Chromium and selenium (make browser-deps) …")
        subprocess.run(["make", "--no-print-directory", "-C", ROOT, "browser-deps"], check=True, stdout=subprocess.DEVNULL)


def search_payload(corpus):
    """Median bytes a search query loads, from the search engineer's script when there is one."""
    script = os.path.join(HERE, "search_payload.py")
    if not os.path.exists(script):
        return None
    ensure_browser()
    result = subprocess.run([sys.executable, script, "--site", corpus.public], capture_output=True, text=True)
    if result.returncode != 0:
        log("search_payload.py failed: %s" % result.stderr[-500:])
        return None
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else None


def measure(size, args, portal):
    corpus = Corpus(size, args.work, portal)
    log("== %d documents (%.1f MB of Markdown)" % (size, corpus.stamp["markdown_bytes"] / 1e6))
    runs = {"portal": [], "hugo": []}
    for _ in range(args.warmup):  # warm the page cache for both
        corpus.portal_full()
        if not args.skip_hugo:
            corpus.hugo_full()
    for run in range(args.runs):
        # Alternate which goes first so that neither always follows the other's cache effects.
        order = ["portal", "hugo"] if run % 2 == 0 else ["hugo", "portal"]
        for name in order:
            if name == "hugo" and args.skip_hugo:
                continue
            result = corpus.portal_full() if name == "portal" else corpus.hugo_full()
            runs[name].append(result)
            log("  %-6s run %d: %.2f s wall, %.2f s CPU, %.0f MiB" % (name, run + 1, result[0], result[2], result[1]))
    summary = {"documents": size, "markdown_bytes": corpus.stamp["markdown_bytes"], "runs": runs}
    for name, results in runs.items():
        if results:
            summary[name] = {"wall_s": statistics.median(r[0] for r in results),
                             "rss_mib": statistics.median(r[1] for r in results),
                             "cpu_s": statistics.median(r[2] for r in results)}
    if "hugo" in summary:
        summary["ratio_wall"] = summary["portal"]["wall_s"] / summary["hugo"]["wall_s"]
        summary["ratio_rss"] = summary["portal"]["rss_mib"] / summary["hugo"]["rss_mib"]
        summary["ratio_cpu"] = summary["portal"]["cpu_s"] / summary["hugo"]["cpu_s"]
    summary["markdown_mb_per_s"] = corpus.stamp["markdown_bytes"] / 1e6 / summary["portal"]["wall_s"]
    if args.incremental_runs > 0:
        summary["incremental_s"] = corpus.incremental(args.incremental_runs, min(args.warmup, 1))
        summary["incremental_ratio"] = summary["incremental_s"] / summary["portal"]["wall_s"]
        log("  incremental: %.3f s" % summary["incremental_s"])
    summary["search_payload"] = search_payload(corpus)
    return summary


def report(results, cores):
    lines = ["| documents | Markdown | portal wall | Hugo wall | wall ratio | portal CPU | Hugo CPU | CPU ratio | portal peak RSS | Hugo peak RSS | RSS ratio | incremental (÷ full) | Markdown throughput |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        hugo = r.get("hugo")
        lines.append("| %s | %.1f MB | %.2f s | %s | %s | %.2f s | %s | %s | %.0f MiB | %s | %s | %s | %.1f MB/s |" % (
            format(r["documents"], ","), r["markdown_bytes"] / 1e6, r["portal"]["wall_s"],
            "%.2f s" % hugo["wall_s"] if hugo else "–", "%.2f×" % r["ratio_wall"] if hugo else "–",
            r["portal"]["cpu_s"], "%.2f s" % hugo["cpu_s"] if hugo else "–", "%.2f×" % r["ratio_cpu"] if hugo else "–",
            r["portal"]["rss_mib"], "%.0f MiB" % hugo["rss_mib"] if hugo else "–",
            "%.2f×" % r["ratio_rss"] if hugo else "–",
            "%.3f s (%.2f×)" % (r["incremental_s"], r["incremental_ratio"]) if "incremental_s" in r else "–",
            r["markdown_mb_per_s"]))
    if len(results) > 1:
        first, last = results[0], results[-1]
        scale = last["documents"] / first["documents"]
        lines.append("")
        lines.append("Growth from %s to %s documents (×%g): portal wall ×%.1f, peak RSS ×%.1f." % (
            format(first["documents"], ","), format(last["documents"], ","), scale,
            last["portal"]["wall_s"] / first["portal"]["wall_s"], last["portal"]["rss_mib"] / first["portal"]["rss_mib"]))
    payloads = [(r["documents"], r["search_payload"]) for r in results if r.get("search_payload") is not None]
    for documents, payload in payloads:
        lines.append("Search payload per query at %s documents: %s" % (format(documents, ","), json.dumps(payload)))
    lines.append("")
    lines.append("Medians of the runs; %d cores; `%s`." % (cores, " ".join(["python3", "Benchmarks/bench.py"] + sys.argv[1:])))
    return "\n".join(lines)


def touch(path):
    """Makes a one-document content change: rewrites the document's benchmark edit line with a new counter."""
    text = open(path).read()
    match = re.search(EDIT_MARKER + r"(\d+)\.\n$", text)
    if match:
        text = text[:match.start()] + "%s%d.\n" % (EDIT_MARKER, int(match.group(1)) + 1)
    else:
        text += "\n%s1.\n" % EDIT_MARKER
    with open(path, "w") as f:
        f.write(text)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "touch":
        touch(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated document counts")
    parser.add_argument("--runs", type=int, default=5, help="full builds of each generator per size")
    parser.add_argument("--incremental-runs", type=int, default=5, help="one-document rebuilds per size (0 skips)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured builds of each before the runs")
    parser.add_argument("--skip-hugo", action="store_true")
    parser.add_argument("--portal", help="a built portal binary; by default builds one in release mode")
    parser.add_argument("--scratch-path", help="SwiftPM scratch path for the release build")
    parser.add_argument("--work", default=os.path.join(HERE, "work"), help="where corpora and outputs go")
    args = parser.parse_args()
    ensure_tools(hugo=not args.skip_hugo, hyperfine=args.incremental_runs > 0)
    portal = os.path.abspath(args.portal) if args.portal else build_portal(args.scratch_path)
    os.makedirs(args.work, exist_ok=True)
    results = [measure(int(size), args, portal) for size in args.sizes.split(",")]
    cores = os.cpu_count()
    with open(os.path.join(args.work, "results.json"), "w") as f:
        json.dump({"cores": cores, "results": results}, f, indent=2)
    text = report(results, cores)
    with open(os.path.join(args.work, "results.md"), "w") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
