#!/usr/bin/env python3
"""Validates deadlines.ics with the icalendar package (RFC 5545), on the real site and on a fixture.

Usage: check-deadlines.py PORTAL CONTENT THEME [PUBLIC]

The fixture is a copy of CONTENT with a decision on the 2022 letter added, built twice with
SOURCE_DATE_EPOCH inside that letter's review period, so the calendar holds an open review period
and two due steps; both builds must give the same bytes and UIDs. PUBLIC, when given, is a built
site whose deadlines.ics must parse too (the real content has nothing due, so no event).
"""
import datetime
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import icalendar

LETTER = "letters/2022-08-30-customer-relations-coordinators.md"
DECISION = f"""---
title: Fixture decision (not a real document)
kind: decision
date: 2022-09-15
decides: {LETTER}
implements_on: 2023-03-01
---

A fixture for the calendar check.
"""
# 2022-10-19T00:00:00Z: ten days before the 2022 letter's review period ends on 2022-10-29.
EPOCH = "1666137600"
EXPECTED = {
    f"reviewPeriodEnds/{LETTER}@consultation-portal": datetime.date(2022, 10, 29),
    f"recommendationsOnDecision/{LETTER}@consultation-portal": datetime.date(2023, 3, 1),
    f"implementation/{LETTER}@consultation-portal": datetime.date(2023, 3, 1),
}


def fail(message):
    print(f"check-deadlines: {message}", file=sys.stderr)
    sys.exit(1)


def parse(path):
    """The events of one calendar, by UID, after the checks icalendar leaves to us."""
    data = path.read_bytes()
    if not data.endswith(b"\r\n") or b"\n" in data.replace(b"\r\n", b""):
        fail(f"{path}: every line must end with CRLF")
    for line in data.split(b"\r\n"):
        if len(line) > 75:
            fail(f"{path}: a line is {len(line)} octets, over RFC 5545's 75: {line[:40]!r}")
    calendar = icalendar.Calendar.from_ical(data)
    if calendar.get("VERSION") != "2.0" or not calendar.get("PRODID"):
        fail(f"{path}: VERSION:2.0 and PRODID are required")
    events = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID"))
        if uid in events:
            fail(f"{path}: UID {uid} appears twice")
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
            fail(f"{path}: {uid} is not an all-day event")
        if end - start != datetime.timedelta(days=1):
            fail(f"{path}: {uid} does not last one day")
        if not event.get("SUMMARY") or not event.get("DTSTAMP"):
            fail(f"{path}: {uid} lacks SUMMARY or DTSTAMP")
        events[uid] = start
    return data, events


def build(portal, content, theme, output):
    environment = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    subprocess.run([portal, "build", "--content", str(content), "--theme", str(theme), "--output", str(output)],
                   check=True, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return parse(output / "deadlines.ics")


def main():
    if len(sys.argv) not in (4, 5):
        fail(__doc__.strip().splitlines()[2])
    portal, content, theme = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    if len(sys.argv) == 5:
        parse(pathlib.Path(sys.argv[4]) / "deadlines.ics")
    with tempfile.TemporaryDirectory() as scratch:
        fixture = pathlib.Path(scratch) / "Content"
        shutil.copytree(content, fixture)
        (fixture / "decisions").mkdir()
        (fixture / "decisions/2022-09-15-fixture-decision.md").write_text(DECISION, encoding="utf-8")
        first, events = build(portal, fixture, theme, pathlib.Path(scratch) / "one")
        second, again = build(portal, fixture, theme, pathlib.Path(scratch) / "two")
        if first != second or events != again:
            fail("two builds of the same content wrote different calendars")
        if events != EXPECTED:
            fail(f"expected events {EXPECTED}, found {events}")
        check = subprocess.run([portal, "check", "--content", str(fixture), "--theme", str(theme)],
                               capture_output=True, text=True)
        if "decision dated 2022-09-15 is within the review period" not in check.stdout:
            fail(f"portal check did not warn of the early decision: {check.stdout}")
    print(f"check-deadlines: {len(EXPECTED)} events parse with icalendar {icalendar.__version__}; UIDs and bytes stable across builds")


if __name__ == "__main__":
    main()
