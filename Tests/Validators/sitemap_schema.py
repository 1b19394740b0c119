"""The sitemap against the sitemaps.org 0.9 schema: python3 Tests/Validators/sitemap_schema.py SITE BASE_URL

SITE must be built with --base-url BASE_URL. Validates SITE/sitemap.xml with xmlschema against the vendored
schema (sitemap-0.9.xsd), then checks what the schema cannot: every <loc> is an absolute http(s) address under
BASE_URL, and the pages it lists are the site's HTML pages. Exits 1 on any finding.
"""
import pathlib
import sys
import urllib.parse

import xml.etree.ElementTree as ElementTree

import xmlschema

SCHEMA = pathlib.Path(__file__).resolve().parent / "sitemap-0.9.xsd"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def main(site, base):
    site = pathlib.Path(site)
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        print(f"sitemap: {sitemap} is missing; build with --base-url")
        return 1
    schema = xmlschema.XMLSchema(str(SCHEMA))
    findings = [f"schema: {error.reason} at {error.path}" for error in schema.iter_errors(str(sitemap))]
    locs = [element.text or "" for element in ElementTree.parse(sitemap).getroot().iter(NS + "loc")]
    prefix = base.rstrip("/") + "/"
    for loc in locs:
        parts = urllib.parse.urlsplit(loc)
        if parts.scheme not in ("http", "https") or not parts.netloc or not loc.startswith(prefix):
            findings.append(f"loc {loc!r} is not an absolute address under {prefix}")
    listed = {urllib.parse.unquote(loc[len(prefix):]) for loc in locs if loc.startswith(prefix)}
    pages = {str(p.relative_to(site)) for p in site.rglob("*.html")} - {"404.html"}
    findings += [f"page {page} is not in the sitemap" for page in sorted(pages - listed)]
    findings += [f"sitemap lists {page}, which is not a page" for page in sorted(listed - pages)]
    if len(locs) != len(set(locs)):
        findings.append("some addresses are listed twice")
    for finding in findings:
        print(f"sitemap: {finding}")
    print(f"sitemap: {len(locs)} addresses against {SCHEMA.name}, {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
