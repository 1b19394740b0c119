#!/usr/bin/env python3
"""Builds the same generated corpus with `portal build` and with Hugo plus Pagefind, interleaved, and reports medians.

A searchable site is what the portal builds, so the other side is Hugo's build
followed by Pagefind's index of it (PyPI's pagefind-bin; `--skip-pagefind`
times Hugo alone). For each size it reports median wall time, CPU time and peak
RSS of full builds (from /usr/bin/time -v), the ratios portal/(Hugo+Pagefind),
the median one-document rebuild (the binaries taking turns, each after the
same edit of one position description), the bytes and files each tool
publishes, the build's Markdown throughput, and the search payload per query.
`--baseline-portal BIN` measures a second portal binary in the same
interleaved runs, for a before/after comparison on one noisy machine. Results
go to stdout as Markdown and to Benchmarks/work/results.json.

    python3 Benchmarks/bench.py                       # 1,000, 10,000 and 50,000 documents, 5 runs each
    python3 Benchmarks/bench.py --sizes 200 --runs 1  # smoke run
    python3 Benchmarks/bench.py --sizes 10000 --baseline-portal /tmp/before/portal
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


def output_size(folder):
    """Bytes and files under `folder`: what a tool publishes."""
    total, files = 0, 0
    for root, _, names in os.walk(folder):
        for name in names:
            total += os.lstat(os.path.join(root, name)).st_size
            files += 1
    return {"bytes": total, "files": files}


def pagefind_command():
    """The Pagefind CLI from PyPI's pagefind-bin, installed when missing; None when it cannot be had."""
    try:
        import pagefind_bin  # noqa: F401
    except ImportError:
        log("Installing pagefind-bin from PyPI …")
        if subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pagefind-bin"]).returncode != 0:
            return None
    return [sys.executable, "-m", "pagefind_bin"]


class Corpus:
    # Full builds are the published build (`make site`: with the offline bundle) unless --no-offline-bundle asks
    # for the edit loop's; one-document rebuilds are always the edit loop's. Binaries older than the flag always
    # wrote the bundle.
    offline_bundle = True

    def __init__(self, size, work, portal, name="Public", pagefind=None):
        self.size = size
        self.dir = os.path.join(work, str(size))
        self.stamp = ensure_corpus(size, self.dir)
        self.portal = portal
        self.content = os.path.join(self.dir, "portal", "Content")
        self.public = os.path.join(self.dir, "portal", name)
        self.cache = os.path.join(self.dir, "portal", ".portal-cache", name)
        self.recycle = os.path.join(self.dir, "portal", ".%s.recycle" % name)
        self.hugo_dir = os.path.join(self.dir, "hugo")
        self.pagefind = pagefind

    def portal_command(self, clean=False, publish=False):
        command = [self.portal, "build", "--content", self.content,
                   "--theme", os.path.join(ROOT, "Theme"), "--output", self.public]
        # Older binaries lack these flags; the harness still measures them.
        flags = portal_flags(self.portal)
        command += ["--quiet"] if "--quiet" in flags else []
        command += ["--offline-bundle"] if publish and self.offline_bundle and "--offline-bundle" in flags else []
        return command + (["--clean"] if clean and "--clean" in flags else [])

    def portal_full(self):
        # A full build starts from nothing: no output, no build cache, no recycled staging folder.
        shutil.rmtree(self.public, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)
        shutil.rmtree(self.recycle, ignore_errors=True)
        return timed(self.portal_command(clean=True, publish=True))

    def hugo_full(self):
        """Hugo's build, then Pagefind's index over it when Pagefind is had: a searchable site, as the portal's is.

        Wall and CPU times add up; the peak RSS is the larger of the two processes'."""
        public = os.path.join(self.hugo_dir, "public")
        shutil.rmtree(public, ignore_errors=True)
        shutil.rmtree(os.path.join(self.hugo_dir, "resources"), ignore_errors=True)
        wall, rss, cpu = timed(["hugo", "--quiet", "--source", self.hugo_dir, "--destination", public])
        if self.pagefind:
            index_wall, index_rss, index_cpu = timed(self.pagefind + ["--site", public, "--silent"])
            wall, rss, cpu = wall + index_wall, max(rss, index_rss), cpu + index_cpu
        return wall, rss, cpu

    def edited_document(self):
        positions = os.path.join(self.content, "positions")
        return os.path.join(positions, sorted(os.listdir(positions))[len(os.listdir(positions)) // 2])


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


def interleaved_rebuilds(corpora, runs):
    """Median seconds of a one-document rebuild for each corpus's binary, the binaries taking turns."""
    document = next(iter(corpora.values())).edited_document()
    original = open(document).read()
    times = {name: [] for name in corpora}
    try:
        for corpus in corpora.values():
            if not os.path.isdir(corpus.public):
                corpus.portal_full()
        for run in range(runs + 1):
            names = list(corpora) if run % 2 == 0 else list(reversed(corpora))
            for name in names:
                touch(document)
                wall = timed(corpora[name].portal_command())[0]
                if run > 0:  # the first round brings every binary's cache up to the edited corpus
                    times[name].append(wall)
    finally:
        with open(document, "w") as f:
            f.write(original)
    return {name: statistics.median(values) for name, values in times.items()}


def summarize(results):
    return {"wall_s": statistics.median(r[0] for r in results), "rss_mib": statistics.median(r[1] for r in results),
            "cpu_s": statistics.median(r[2] for r in results)}


def measure(size, args, portal):
    pagefind = None if args.skip_hugo or args.skip_pagefind else pagefind_command()
    corpora = {"portal": Corpus(size, args.work, portal, pagefind=pagefind)}
    if args.baseline_portal:
        corpora["baseline"] = Corpus(size, args.work, os.path.abspath(args.baseline_portal), name="Public-baseline")
    corpus = corpora["portal"]
    log("== %d documents (%.1f MB of Markdown)" % (size, corpus.stamp["markdown_bytes"] / 1e6))
    names = list(corpora) + ([] if args.skip_hugo else ["hugo"])
    full = {name: (lambda c=corpora.get(name): c.portal_full()) for name in corpora}
    full["hugo"] = corpus.hugo_full
    runs = {name: [] for name in names}
    for _ in range(args.warmup):  # warm the page cache for every contender
        for name in names:
            full[name]()
    for run in range(args.runs):
        # Rotate which goes first so that none always follows another's cache effects.
        order = names[run % len(names):] + names[:run % len(names)]
        for name in order:
            result = full[name]()
            runs[name].append(result)
            log("  %-8s run %d: %.2f s wall, %.2f s CPU, %.0f MiB" % (name, run + 1, result[0], result[2], result[1]))
    summary = {"documents": size, "markdown_bytes": corpus.stamp["markdown_bytes"], "runs": runs,
               "hugo_with_pagefind": pagefind is not None}
    for name, results in runs.items():
        if results:
            summary[name] = summarize(results)
    summary["output"] = {name: output_size(c.public) for name, c in corpora.items()}
    if "hugo" in summary:
        summary["output"]["hugo"] = output_size(os.path.join(corpus.hugo_dir, "public"))
        for name in corpora:
            summary[name]["ratio_wall"] = summary[name]["wall_s"] / summary["hugo"]["wall_s"]
            summary[name]["ratio_rss"] = summary[name]["rss_mib"] / summary["hugo"]["rss_mib"]
            summary[name]["ratio_cpu"] = summary[name]["cpu_s"] / summary["hugo"]["cpu_s"]
        summary["ratio_wall"], summary["ratio_rss"], summary["ratio_cpu"] = (
            summary["portal"]["ratio_wall"], summary["portal"]["ratio_rss"], summary["portal"]["ratio_cpu"])
    summary["markdown_mb_per_s"] = corpus.stamp["markdown_bytes"] / 1e6 / summary["portal"]["wall_s"]
    if args.incremental_runs > 0:
        rebuilds = interleaved_rebuilds(corpora, args.incremental_runs)
        for name, seconds in rebuilds.items():
            summary[name]["incremental_s"] = seconds
            summary[name]["incremental_ratio"] = seconds / summary[name]["wall_s"]
            log("  %-8s rebuild: %.3f s" % (name, seconds))
        summary["incremental_s"] = rebuilds["portal"]
        summary["incremental_ratio"] = summary["portal"]["incremental_ratio"]
    summary["search_payload"] = search_payload(corpus)
    return summary


def report(results, cores):
    other = "Hugo + Pagefind" if any(r.get("hugo_with_pagefind") for r in results) else "Hugo"
    lines = ["| documents | Markdown | portal wall | %s wall | wall ratio | portal CPU | %s CPU | CPU ratio | portal peak RSS | %s peak RSS | RSS ratio | incremental (÷ full) | Markdown throughput |" % (other, other, other),
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
    for r in results:
        if "baseline" in r:
            base, now = r["baseline"], r["portal"]
            lines.append("")
            lines.append("Against the baseline binary at %s documents: full build %.2f → %.2f s (×%.3f), CPU %.2f → %.2f s, "
                         "peak RSS %.0f → %.0f MiB%s%s." % (
                             format(r["documents"], ","), base["wall_s"], now["wall_s"], now["wall_s"] / base["wall_s"],
                             base["cpu_s"], now["cpu_s"], base["rss_mib"], now["rss_mib"],
                             "; ratio to Hugo %.3f → %.3f" % (base["ratio_wall"], now["ratio_wall"]) if "ratio_wall" in base else "",
                             "; rebuild %.3f → %.3f s (÷ full %.3f → %.3f)" % (
                                 base["incremental_s"], now["incremental_s"], base["incremental_ratio"], now["incremental_ratio"])
                             if "incremental_s" in base else ""))
        outputs = r.get("output", {})
        if outputs:
            lines.append("Published at %s documents: %s." % (format(r["documents"], ","), ", ".join(
                "%s %s files, %.1f MB" % (name if name != "hugo" else ("Hugo + Pagefind" if r.get("hugo_with_pagefind") else "Hugo"),
                                          format(o["files"], ","), o["bytes"] / 1e6) for name, o in outputs.items())))
            if "hugo" in outputs:
                lines.append("Output bytes ÷ %s's: %s." % (
                    "Hugo + Pagefind" if r.get("hugo_with_pagefind") else "Hugo",
                    ", ".join("%s %.2f×" % (name, o["bytes"] / outputs["hugo"]["bytes"]) for name, o in outputs.items() if name != "hugo")))
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
    parser.add_argument("--skip-pagefind", action="store_true", help="time Hugo alone, without indexing its site with Pagefind")
    parser.add_argument("--baseline-portal", help="a second portal binary, measured in the same interleaved runs")
    parser.add_argument("--portal", help="a built portal binary; by default builds one in release mode")
    parser.add_argument("--scratch-path", help="SwiftPM scratch path for the release build")
    parser.add_argument("--work", default=os.path.join(HERE, "work"), help="where corpora and outputs go")
    parser.add_argument("--no-offline-bundle", action="store_true",
                        help="full builds without the whole-site bundle (the edit loop's), not the published build's")
    args = parser.parse_args()
    Corpus.offline_bundle = not args.no_offline_bundle
    ensure_tools(hugo=not args.skip_hugo, hyperfine=False)
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
