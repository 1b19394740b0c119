#!/usr/bin/env python3
"""Search quality: the portal's search against Pagefind on the same built site, query by query.

Usage: python3 Benchmarks/search_quality.py [--site Public] [--markdown]

Builds nothing: run `make site` first. Pagefind (PyPI pagefind-bin, `python3 -m pagefind_bin`) indexes a
copy of the site in a temporary folder, which is served on 127.0.0.1 only; its JavaScript API is queried
in headless Chromium from a blank page of that server. The portal is queried as a reader uses it, from
file:// (search.html?q=…). Both lists are cut to their first 10 distinct pages (anchors dropped).

For each query it reports recall@10 (the share of the expected pages among those 10) and the rank of the
first expected page (— when none is in the 10), then the mean recall and the queries where either tool
ranks its first right answer better. Exits 1 when the portal's mean recall@10 is not above Pagefind's or
its first right answer ranks lower than Pagefind's on any query.
"""
import argparse
import functools
import http.server
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Tests/Browser"))
from browser import chromium, file_url  # noqa: E402

# What readers type, each with the pages that answer it (paths from the site root). Word forms,
# abbreviations both ways, quoted phrases, job titles, and words found only in computed tables.
QUERIES = [
    ("restructuring", ["letters/2019-12-12-enterprise-customer-care-restructure.html"]),
    ("coordinating", ["positions/2345-5035-current.html", "positions/2345-5035-proposed.html"]),
    ("specialists", ["positions/2370-0671-current.html", "positions/1910-0029-proposed.html"]),
    ("CRC", ["positions/2345-5035-current.html", "positions/2345-5035-proposed.html"]),
    ("CRC staffing", ["letters/2022-08-30-customer-relations-coordinators.html",
                      "presentations/2022-08-30-naps-presentation.html"]),
    ("customer relations coordinator", ["positions/2345-5035-current.html", "positions/2345-5035-proposed.html"]),
    ("Mgr", ["positions/0340-0016-current.html", "positions/0340-0016-proposed.html", "positions/1910-0030-proposed.html"]),
    ("manager customer care", ["positions/0340-0016-current.html", "positions/0340-0016-proposed.html",
                               "positions/1910-0030-proposed.html"]),
    ("customer care quality specialist", ["positions/1910-0029-proposed.html"]),
    ("HQ", ["positions/0340-0016-current.html", "positions/0340-0016-proposed.html"]),
    ("headquarters", ["positions/0340-0016-current.html", "positions/0340-0016-proposed.html"]),
    ("RIF", ["letters/2019-12-12-enterprise-customer-care-restructure.html"]),
    ("reduction in force", ["letters/2019-12-12-enterprise-customer-care-restructure.html"]),
    ("FOIA", ["positions/2370-0671-current.html"]),
    ('"48 hours"', ["customer-connect/questions-and-answers.html"]),
    ('"lead card"', ["customer-connect/coordinator-duties.html", "customer-connect/questions-and-answers.html"]),
    ('"quality assurance"', ["positions/1910-0030-proposed.html", "positions/1910-0029-proposed.html"]),
    ("Texas", ["staffing/index.html"]),
    ("Puerto Rico", ["staffing/index.html", "presentations/2022-08-30-naps-presentation.html"]),
    ("C360 service requests", ["letters/2022-08-30-customer-relations-coordinators.html",
                               "presentations/2022-08-30-naps-presentation.html"]),
    ("business service network", ["positions/2345-5035-proposed.html",
                                  "letters/2022-08-30-customer-relations-coordinators.html"]),
    ("supervisor ratio", ["letters/2019-12-12-enterprise-customer-care-restructure.html"]),
    ("workload model", ["letters/2022-08-30-customer-relations-coordinators.html",
                        "presentations/2022-08-30-naps-presentation.html"]),
    ("postmasters", ["letters/2022-08-30-customer-relations-coordinators.html",
                     "presentations/2022-08-30-naps-presentation.html"]),
    ("postal customer council", ["positions/2345-5035-current.html", "positions/2370-0671-current.html"]),
    ("customer care agent", ["positions/2320-0010-current.html"]),
    ("Article 8", ["customer-connect/coordinator-duties.html"]),
    ("teleconferences", ["customer-connect/questions-and-answers.html"]),
    ("calibrating", ["positions/1910-0029-proposed.html"]),
    ("2345-5035", ["codes/2345-5035.html", "positions/2345-5035-current.html", "positions/2345-5035-proposed.html"]),
]

TOP = 10


def pages_of(hrefs):
    """The first TOP distinct pages of a result list, anchors and leading slashes dropped."""
    seen = []
    for href in hrefs:
        page = urllib.parse.unquote(href.split("#", 1)[0].lstrip("/"))
        if page.startswith("./"):
            page = page[2:]
        if page and page not in seen:
            seen.append(page)
    return seen[:TOP]


def wait_until(condition, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.03)
    raise TimeoutError("search did not answer in time")


def portal_results(driver, site, query):
    driver.get(file_url(site / "search.html") + "?q=" + urllib.parse.quote(query))
    wait_until(lambda: (driver.execute_script("return window.PortalSearch && window.PortalSearch.last") or {}).get("query") == query)
    return pages_of(driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#search-results .search-result-link'),"
        " function (a) { return a.getAttribute('href'); })"))


PAGEFIND_QUERY = """
const done = arguments[arguments.length - 1];
(async () => {
  if (!window.__pagefind) {
    window.__pagefind = await import("/pagefind/pagefind.js");
    await window.__pagefind.init();
  }
  const search = await window.__pagefind.search(arguments[0]);
  const data = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
  done(data.map((d) => d.url));
})().catch((e) => done("error: " + e));
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        # A blank page without the portal's Content-Security-Policy, which would block Pagefind's WebAssembly.
        if self.path == "/__probe.html":
            body = b"<!DOCTYPE html><title>probe</title>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def pagefind_results(driver, query):
    urls = driver.execute_async_script(PAGEFIND_QUERY, query)
    if isinstance(urls, str):
        raise RuntimeError(f"Pagefind failed on {query!r}: {urls}")
    return pages_of(urls)


def score(pages, expected):
    found = [page for page in expected if page in pages]
    first = next((rank for rank, page in enumerate(pages, 1) if page in expected), None)
    return len(found) / len(expected), first


def pagefind_command():
    """The Pagefind CLI from PyPI's pagefind-bin, installed when missing, as bench.py does."""
    try:
        import pagefind_bin  # noqa: F401
    except ImportError:
        print("Installing pagefind-bin from PyPI …", file=sys.stderr)
        if subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pagefind-bin"]).returncode != 0:
            sys.exit("pagefind-bin could not be installed")
    return [sys.executable, "-m", "pagefind_bin"]


def run_pagefind(site, copy):
    shutil.copytree(site, copy)
    command = pagefind_command() + ["--site", str(copy), "--output-subdir", "pagefind"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"pagefind failed:\n{result.stdout}\n{result.stderr}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="Public", help="the built site (default: Public)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown for Benchmarks/README.md")
    args = parser.parse_args()
    site = pathlib.Path(args.site).resolve()
    if not (site / "search.html").exists():
        sys.exit(f"{site} has no search.html; run `make site` first")
    with tempfile.TemporaryDirectory() as work:
        copy = pathlib.Path(work) / "site"
        run_pagefind(site, copy)
        handler = functools.partial(QuietHandler, directory=str(copy))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        driver = chromium()
        try:
            driver.set_script_timeout(30)
            rows = []
            for query, expected in QUERIES:
                portal = score(portal_results(driver, site, query), expected)
                driver.get(f"http://127.0.0.1:{server.server_address[1]}/__probe.html")
                pagefind = score(pagefind_results(driver, query), expected)
                rows.append((query, expected, portal, pagefind))
        finally:
            driver.quit()
            server.shutdown()
    report(rows, args.markdown)
    portal_mean = sum(r[2][0] for r in rows) / len(rows)
    pagefind_mean = sum(r[3][0] for r in rows) / len(rows)
    worse = [r[0] for r in rows if r[3][1] is not None and (r[2][1] is None or r[2][1] > r[3][1])]
    if portal_mean <= pagefind_mean or worse:
        print(f"FAIL: portal recall@10 {portal_mean:.2f} vs Pagefind {pagefind_mean:.2f}; first right answer ranks lower on {worse}")
        return 1
    return 0


def report(rows, markdown):
    def rank(value):
        return "—" if value is None else str(value)

    lines = ["| query | expected pages | portal recall@10 | Pagefind recall@10 | portal first right | Pagefind first right |",
             "|---|---:|---:|---:|---:|---:|"]
    for query, expected, portal, pagefind in rows:
        shown = query.replace("|", "\\|")
        lines.append(f"| `{shown}` | {len(expected)} | {portal[0]:.2f} | {pagefind[0]:.2f} | {rank(portal[1])} | {rank(pagefind[1])} |")
    portal_mean = sum(r[2][0] for r in rows) / len(rows)
    pagefind_mean = sum(r[3][0] for r in rows) / len(rows)
    portal_hits = sum(1 for r in rows if r[2][1] is not None)
    pagefind_hits = sum(1 for r in rows if r[3][1] is not None)
    lines.append(f"| **mean over {len(rows)} queries** | | **{portal_mean:.2f}** | **{pagefind_mean:.2f}** | "
                 f"{portal_hits} answered | {pagefind_hits} answered |")
    if markdown:
        print("\n".join(lines))
    else:
        for line in lines:
            print(line)
    better = sum(1 for r in rows if r[2][1] is not None and (r[3][1] is None or r[2][1] < r[3][1]))
    same = sum(1 for r in rows if r[2][1] == r[3][1])
    print(f"\nFirst right answer: portal better on {better} queries, equal on {same}, worse on "
          f"{len(rows) - better - same}.")


if __name__ == "__main__":
    sys.exit(main())
