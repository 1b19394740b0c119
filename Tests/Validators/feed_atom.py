"""The Atom feed, read as a feed reader would: python3 Tests/Validators/feed_atom.py SITE BASE_URL

SITE must be built with --base-url BASE_URL. Parses SITE/feed.xml with feedparser, which must not flag it
(bozo), then checks RFC 4287's rules that readers rely on: a rel="self" link to the feed's own address, an
absolute IRI as the id of the feed and of each entry (ids unique), an updated date on the feed and on each
entry, an author for every entry, and absolute alternate links under BASE_URL. Exits 1 on any finding.
"""
import pathlib
import sys
import urllib.parse

import feedparser


def is_absolute_iri(text):
    """RFC 3987's IRI: a scheme, then anything; tag: and urn: ids count, relative references do not."""
    scheme = urllib.parse.urlsplit(text or "").scheme
    return bool(scheme) and text.startswith(scheme + ":") and len(text) > len(scheme) + 1


def main(site, base):
    path = pathlib.Path(site) / "feed.xml"
    if not path.exists():
        print(f"feed: {path} is missing")
        return 1
    parsed = feedparser.parse(path.read_bytes())
    findings = []
    if parsed.bozo:
        findings.append(f"feedparser cannot read it cleanly: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        findings.append(f"not Atom 1.0 but {parsed.version!r}")
    feed = parsed.feed
    prefix = base.rstrip("/") + "/"
    self_links = [link.href for link in feed.get("links", []) if link.get("rel") == "self"]
    if self_links != [prefix + "feed.xml"]:
        findings.append(f"the feed's self link is {self_links}, not [{prefix}feed.xml]")
    if not is_absolute_iri(feed.get("id")):
        findings.append(f"the feed's id {feed.get('id')!r} is not an absolute IRI")
    if not feed.get("updated_parsed"):
        findings.append("the feed has no updated date")
    if not feed.get("title"):
        findings.append("the feed has no title")
    ids = []
    for number, entry in enumerate(parsed.entries, 1):
        name = f"entry {number} ({entry.get('title', 'untitled')})"
        ids.append(entry.get("id"))
        if not is_absolute_iri(entry.get("id")):
            findings.append(f"{name}: id {entry.get('id')!r} is not an absolute IRI")
        if not entry.get("updated_parsed"):
            findings.append(f"{name}: no updated date")
        if not (entry.get("author") or feed.get("author")):
            findings.append(f"{name}: no author")
        for link in entry.get("links", []):
            if link.get("rel", "alternate") == "alternate" and not link.href.startswith(prefix):
                findings.append(f"{name}: link {link.href!r} is not absolute under {prefix}")
    if len(ids) != len(set(ids)):
        findings.append("two entries share an id")
    if not parsed.entries:
        findings.append("the feed has no entries")
    for finding in findings:
        print(f"feed: {finding}")
    print(f"feed: {len(parsed.entries)} entries, {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
