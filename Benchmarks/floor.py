#!/usr/bin/env python3
"""Measures what any build of the portal's output must spend, beside Hugo and the portal, interleaved.

The time target (#8) is a full build in at most 0.25x Hugo's wall time. This
script measures the two parts of a build that no design of the build itself
avoids, side by side with both generators in one run:

- parse: cmark-gfm's own command (Debian's `cmark-gfm`) parsing and rendering
  every Markdown file of the corpus to HTML, with the table, strikethrough and
  autolink extensions, in as many processes as there are cores;
- write: every file of the portal's output (every page, search file and the
  offline bundle) written again into a fresh folder beside it, from memory
  (read before the clock starts), in as many processes as there are cores:
  the kernel's work of creating those files with those bytes, which a build
  pays however it makes them.

It reports medians of wall and CPU time, and what the target leaves for all
the rest (front matter, the model, templates, code pages and redlines,
packets, the search index, staffing blocks) once those two are paid.

    python3 Benchmarks/floor.py --sizes 10000 --runs 5 --work /dev/shm/bw --portal .build/release/portal
"""

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import Corpus, build_portal, ensure_tools, log  # noqa: E402


def ensure_cmark():
    """Installs Debian's cmark-gfm command when it is missing."""
    if shutil.which("cmark-gfm") is None:
        log("Installing cmark-gfm from Debian …")
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "cmark-gfm"], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def split(items, parts):
    """`items` in `parts` interleaved slices of about equal length."""
    return [items[index::parts] for index in range(parts)]


def in_parallel(commands):
    """Runs `commands` at once; returns (wall seconds, CPU seconds of all of them: user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL) for command in commands]
    codes = [process.wait() for process in processes]
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    failed = [command for command, code in zip(commands, codes) if code != 0]
    if failed:
        raise SystemExit("command failed: %s" % " ".join(failed[0]))
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def markdown_files(content):
    files = []
    for folder, _, names in os.walk(content):
        files += [os.path.join(folder, name) for name in names if name.endswith(".md")]
    return sorted(files)


def parse_all(files, cores):
    """cmark-gfm over every file, the files shared out to `cores` processes (each renders them as one document)."""
    extensions = ["-e", "table", "-e", "strikethrough", "-e", "autolink"]
    return in_parallel([["cmark-gfm"] + extensions + part for part in split(files, cores)])


def write_share(root, copy, share, connection, start):
    """Loads `share` (paths under `root`) into memory, then, on `start`, writes it under `copy` as a build would:
    one folder creation per folder, and one exclusive open, write and close per file. Sends (wall, CPU) seconds."""
    contents = []
    for path in share:
        with open(os.path.join(root, path), "rb") as f:
            contents.append((path, f.read()))
    connection.send("loaded")
    start.wait()
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    made = set()
    for path, data in contents:
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(os.path.join(copy, folder), exist_ok=True)
            made.add(folder)
        descriptor = os.open(os.path.join(copy, path), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        os.close(descriptor)
    after = resource.getrusage(resource.RUSAGE_SELF)
    connection.send((time.perf_counter() - started,
                     (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)))


def write_all(public, cores):
    """Writes every file of the built site again, from memory, into a fresh folder beside it, one process per core.

    The files are shared out by size (the offline bundle is a third of the bytes) and read before the clock
    starts, so what is timed is what a build that had every byte in hand would still pay the kernel."""
    copy = public.rstrip("/") + ".floor-copy"
    shutil.rmtree(copy, ignore_errors=True)
    files = []
    for folder, _, names in os.walk(public):
        files += [os.path.relpath(os.path.join(folder, name), public) for name in names]
    shares, sizes = [[] for _ in range(cores)], [0] * cores
    for size, path in sorted(((os.path.getsize(os.path.join(public, path)), path) for path in files), reverse=True):
        lightest = sizes.index(min(sizes))
        shares[lightest].append(path)
        sizes[lightest] += size
    start = multiprocessing.Event()
    workers = []
    for share in shares:
        mine, theirs = multiprocessing.Pipe()
        process = multiprocessing.Process(target=write_share, args=(public, copy, sorted(share), theirs, start))
        process.start()
        workers.append((process, mine))
    for _, connection in workers:
        connection.recv()
    started = time.perf_counter()
    start.set()
    results = [connection.recv() for _, connection in workers]
    wall = time.perf_counter() - started
    for process, _ in workers:
        process.join()
    shutil.rmtree(copy, ignore_errors=True)
    return wall, sum(cpu for _, cpu in results)


def output_summary(public):
    count, total = 0, 0
    for folder, _, names in os.walk(public):
        for name in names:
            count += 1
            total += os.path.getsize(os.path.join(folder, name))
    return {"files": count, "bytes": total}


def measure(size, args, portal, cores):
    corpus = Corpus(size, args.work, portal)
    files = markdown_files(corpus.content)
    hugo_public = os.path.join(corpus.hugo_dir, "public")
    log("== %d documents (%.1f MB of Markdown), %d cores" % (size, corpus.stamp["markdown_bytes"] / 1e6, cores))
    runs = {"portal": [], "hugo": [], "parse": [], "write": []}
    for run in range(args.runs):
        order = ["portal", "hugo"] if run % 2 == 0 else ["hugo", "portal"]
        if args.skip_hugo:
            order.remove("hugo")
        for name in order + ["parse", "write"]:
            if name == "portal":
                wall, _, cpu = corpus.portal_full()
            elif name == "hugo":
                wall, _, cpu = corpus.hugo_full()
            elif name == "parse":
                wall, cpu = parse_all(files, cores)
            else:
                wall, cpu = write_all(corpus.public, cores)
            runs[name].append((wall, cpu))
            log("  %-6s run %d: %.2f s wall, %.2f s CPU" % (name, run + 1, wall, cpu))
    medians = {name: {"wall_s": statistics.median(r[0] for r in results), "cpu_s": statistics.median(r[1] for r in results)}
               for name, results in runs.items() if results}
    floor = medians["parse"]["wall_s"] + medians["write"]["wall_s"]
    result = {"documents": size, "markdown_bytes": corpus.stamp["markdown_bytes"], "cores": cores, "runs": runs,
              "medians": medians, "floor_s": floor, "output": {"portal": output_summary(corpus.public)}}
    if "hugo" in medians:
        result["target_s"] = 0.25 * medians["hugo"]["wall_s"]
        result["left_s"] = result["target_s"] - floor
        result["output"]["hugo"] = output_summary(hugo_public)
    return result


def report(results):
    lines = ["| documents | portal | Hugo | target (0.25× Hugo) | parse (cmark-gfm) | write (the output, from memory) | parse + write | left for the rest | portal output | Hugo output |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        m, output = r["medians"], r["output"]
        cell = lambda name: "%.2f s (%.2f s CPU)" % (m[name]["wall_s"], m[name]["cpu_s"]) if name in m else "–"
        out = lambda name: "%s files, %.0f MB" % (format(output[name]["files"], ","), output[name]["bytes"] / 1e6) if name in output else "–"
        share = " (%.0f %% of the target)" % (100 * r["floor_s"] / r["target_s"]) if "target_s" in r else ""
        lines.append("| %s | %s | %s | %s | %s | %s | %.2f s%s | %s | %s | %s |" % (
            format(r["documents"], ","), cell("portal"), cell("hugo"), "%.2f s" % r["target_s"] if "target_s" in r else "–",
            cell("parse"), cell("write"), r["floor_s"], share, "%.2f s" % r["left_s"] if "left_s" in r else "–",
            out("portal"), out("hugo")))
    lines.append("")
    lines.append("Medians of interleaved runs, wall time with CPU time (user + system); %d cores; `%s`." % (
        results[0]["cores"], " ".join(["python3", "Benchmarks/floor.py"] + sys.argv[1:])))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated document counts")
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs of each")
    parser.add_argument("--skip-hugo", action="store_true", help="no Hugo builds, so no target (a smoke run)")
    parser.add_argument("--portal", help="a built portal binary; by default builds one in release mode")
    parser.add_argument("--scratch-path", help="SwiftPM scratch path for the release build")
    parser.add_argument("--work", default=os.path.join(HERE, "work"), help="where corpora and outputs go")
    args = parser.parse_args()
    ensure_tools(hugo=not args.skip_hugo, hyperfine=False)
    ensure_cmark()
    portal = os.path.abspath(args.portal) if args.portal else build_portal(args.scratch_path)
    os.makedirs(args.work, exist_ok=True)
    cores = os.cpu_count()
    results = [measure(int(size), args, portal, cores) for size in args.sizes.split(",")]
    with open(os.path.join(args.work, "floor.json"), "w") as f:
        json.dump(results, f, indent=2)
    text = report(results)
    with open(os.path.join(args.work, "floor.md"), "w") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
