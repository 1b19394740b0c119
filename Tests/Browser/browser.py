"""Shared headless Chromium setup for the browser checks (Debian's chromium and chromium-driver)."""
import os
import pathlib

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def chromium(width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}", "--allow-file-access-from-files"):
        options.add_argument(flag)
    # Console messages, CSP violations among them, for driver.get_log("browser").
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def file_url(path):
    return pathlib.Path(path).resolve().as_uri()


def csp_violations(driver):
    """Content-Security-Policy violations Chromium logged since the last call (reading the log clears it)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if "Content Security Policy" in entry["message"] or "Content-Security-Policy" in entry["message"]]


def axe_script():
    """The newest axe-core on the machine.

    axe-selenium-python 2.1.6 (the last release for Python 3.11) bundles axe-core 3.1.1 from 2018, which flags
    valid markup (visually hidden labels, dt/dd grouped in div). axe-playwright-python, installed with --no-deps
    by `make browser-deps`, ships a current axe-core; the selenium driver code is the same either way.
    """
    import importlib.util

    spec = importlib.util.find_spec("axe_playwright_python")
    if spec and spec.origin:
        script = pathlib.Path(spec.origin).parent / "axe.min.js"
        if script.exists():
            return str(script)
    return None


def axe_violations(driver, label):
    """axe-core's violations on the page the driver shows, one line each, prefixed with `label`."""
    from axe_selenium_python import Axe

    driver.set_script_timeout(60)
    script = axe_script()
    axe = Axe(driver, script) if script else Axe(driver)
    axe.inject()
    report = []
    for violation in axe.run()["violations"]:
        nodes = "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                          for n in violation["nodes"][:3])
        report.append(f"{label}: {violation['id']} ({violation['impact']}): {nodes}")
    return report


def too_wide_at(driver, width_px, pages):
    """Pages that scroll sideways at `width_px` CSS pixels: `pages` maps a label to a function that opens it."""
    size = driver.get_window_size()
    problems = []
    try:
        driver.set_window_size(width_px, 800)
        width = driver.execute_script("return window.innerWidth")
        for label, open_page in pages.items():
            open_page()
            scroll = driver.execute_script("return document.documentElement.scrollWidth")
            if scroll > width + 1:
                problems.append(f"{label}: {scroll}px wide at {width}px")
    finally:
        driver.set_window_size(size["width"], size["height"])
    return problems
