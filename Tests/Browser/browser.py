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
