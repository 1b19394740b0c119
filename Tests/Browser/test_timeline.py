"""The dossier's §1004(d) timeline in Chromium: timeline.js moves due steps on to the reader's own day.

The real site has nothing due, so a small site of its own is built with the release binary, with
SOURCE_DATE_EPOCH inside one letter's review period (long past by the reader's day) and another
letter far in the future: the first's due steps must turn done / not on file, the second's must
count the days left from the browser's today.
"""
import datetime
import os
import pathlib
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By

from browser import csp_violations, file_url

ROOT = pathlib.Path(__file__).resolve().parents[2]
PORTAL = pathlib.Path(os.environ.get("PORTAL", ROOT / ".build/release/portal"))
PUBLIC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Public").resolve()


def letter(title, date):
    return (f"---\ntitle: {title}\nkind: letter\ndate: {date}\nfrom: {{name: B. Sender}}\nto: {{name: I. Reader}}\n"
            f"statute: 39 U.S.C. §1004(d)\nenclosures: []\n---\n\nWe propose.\n")


def build_site():
    site = pathlib.Path(tempfile.mkdtemp(prefix="portal-timeline-"))
    (site / "Content/letters").mkdir(parents=True)
    (site / "Content/letters/2022-08-30-past.md").write_text(letter("Past proposal", "2022-08-30"), encoding="utf-8")
    (site / "Content/letters/2199-01-01-future.md").write_text(letter("Future proposal", "2199-01-01"), encoding="utf-8")
    # 2022-10-19: the past proposal's review period (ends 2022-10-29) is open on the build day.
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1666137600")
    subprocess.run([str(PORTAL), "build", "--content", str(site / "Content"), "--theme", str(ROOT / "Theme"),
                    "--output", str(site / "Public")], check=True, env=environment, stdout=subprocess.DEVNULL)
    return site / "Public"


def step(driver, label):
    for item in driver.find_elements(By.CSS_SELECTOR, ".timeline-step"):
        if item.find_element(By.CSS_SELECTOR, ".step-label").text == label:
            return item
    raise AssertionError(f"no step {label}")


def browser_today(driver):
    text = driver.execute_script(
        "var d = new Date(); return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2)")
    return datetime.date.fromisoformat(text)


def test_real_dossier_shows_every_step_and_nothing_invented(driver):
    driver.get(file_url(sorted(PUBLIC.glob("letters/2022-*.html"))[0]))
    states = [(item.find_element(By.CSS_SELECTOR, ".step-label").text, item.find_element(By.CSS_SELECTOR, ".step-state").text)
              for item in driver.find_elements(By.CSS_SELECTOR, ".timeline-step")]
    assert states == [("Proposal sent", "Done"), ("Review period ends", "Done"), ("Recommendations received", "Not on file"),
                      ("Decision to implement", "Not on file"), ("Recommendations on the decision", "Not on file"),
                      ("Implementation", "Not on file")], states
    as_of = driver.find_element(By.CSS_SELECTOR, ".timeline-as-of").get_attribute("datetime")
    assert as_of == browser_today(driver).isoformat(), f"as-of {as_of}"
    assert not csp_violations(driver)


def test_due_steps_are_recomputed_for_the_readers_day(driver):
    public = build_site()
    driver.get(file_url(public / "letters/2022-08-30-past.html"))
    ended = step(driver, "Review period ends")
    assert "step-done" in ended.get_attribute("class") and ended.find_element(By.CSS_SELECTOR, ".step-state").text == "Done"
    answered = step(driver, "Recommendations received")
    assert "step-not-on-file" in answered.get_attribute("class")
    assert answered.find_element(By.CSS_SELECTOR, ".step-state").text == "Not on file"
    assert answered.find_element(By.CSS_SELECTOR, ".days-left").text == ""
    driver.get(file_url(public / "letters/2199-01-01-future.html"))
    left = (datetime.date(2199, 3, 2) - browser_today(driver)).days
    due = step(driver, "Review period ends")
    assert "step-due" in due.get_attribute("class")
    assert due.find_element(By.CSS_SELECTOR, ".days-left").text == f"({left} days left)"
    assert not csp_violations(driver)
