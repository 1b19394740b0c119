"""`portal serve` in Chromium: an edit reloads the open page, a broken build shows its error over the last good page.

Starts the release binary on a free loopback port with a small site of its
own, so the real Content/ and Public/ are never touched.
"""
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

from selenium.webdriver.common.by import By

from browser import csp_violations

ROOT = pathlib.Path(__file__).resolve().parents[2]
PORTAL = pathlib.Path(os.environ.get("PORTAL", ROOT / ".build/release/portal"))


def article(body):
    return f"---\ntitle: Hello\nkind: article\ndate: 2024-01-02\n---\n\n{body}\n"


def wait_for(condition, seconds=15, what="condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception:  # the page may be mid-reload
            pass
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def start(site):
    process = subprocess.Popen([str(PORTAL), "serve", "--port", "0", "--interval", "0.1"], cwd=site,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if "Serving" in line:
            return process, int(line.split("http://127.0.0.1:")[1].split("/")[0])
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError("portal serve did not start")


def test_edit_reloads_and_broken_build_shows_error(driver):
    site = pathlib.Path(tempfile.mkdtemp(prefix="portal-serve-"))
    shutil.copytree(ROOT / "Theme", site / "Theme")
    page = site / "Content/articles/hello.md"
    page.parent.mkdir(parents=True)
    page.write_text(article("First words."), encoding="utf-8")
    process, port = start(site)
    try:
        driver.get(f"http://127.0.0.1:{port}/articles/hello.html")
        assert "First words." in driver.find_element(By.ID, "main").text
        csp_violations(driver)  # start from a clean log
        driver.execute_script("window.portalTestMarker = 1")

        page.write_text(article("Second words."), encoding="utf-8")
        wait_for(lambda: "Second words." in driver.find_element(By.ID, "main").text, what="the edit to show")
        assert driver.execute_script("return window.portalTestMarker") is None, "the page was not reloaded"

        broken = site / "Content/articles/broken.md"
        broken.write_text("---\ntitle: Broken\nkind: article\ndate: 2024-13-45\n---\n", encoding="utf-8")
        wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".portal-serve-errors").is_displayed(), what="the error panel")
        panel = driver.find_element(By.CSS_SELECTOR, ".portal-serve-errors").text
        assert "Content/articles/broken.md:4:7: error:" in panel, panel
        assert "Second words." in driver.find_element(By.ID, "main").text  # the last good page stays

        broken.unlink()
        wait_for(lambda: not driver.find_elements(By.CSS_SELECTOR, ".portal-serve-errors"), what="the panel to go")
        assert not csp_violations(driver)
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
        shutil.rmtree(site, ignore_errors=True)
