"""The Content-Security-Policy: every page carries it, none logs a violation, and the site still works under it."""
import pathlib
import sys
import tempfile

from selenium.webdriver.common.by import By

from browser import csp_violations, file_url

PUBLIC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Public").resolve()
POLICY_PREFIX = "default-src 'none'; script-src 'self'; style-src 'self'"


def pages():
    return sorted(PUBLIC.rglob("*.html"))


def policy_of(driver):
    metas = driver.find_elements(By.CSS_SELECTOR, 'meta[http-equiv="Content-Security-Policy"]')
    return metas[0].get_attribute("content") if metas else None


def test_every_page_has_the_policy_and_logs_no_violation(driver):
    assert pages(), f"no pages in {PUBLIC}"
    driver.get_log("browser")  # start from an empty log
    problems = []
    for page in pages():
        driver.get(file_url(page))
        policy = policy_of(driver)
        if not policy or not policy.startswith(POLICY_PREFIX):
            problems.append(f"{page.relative_to(PUBLIC)}: policy {policy!r}")
        for message in csp_violations(driver):
            problems.append(f"{page.relative_to(PUBLIC)}: {message}")
    assert not problems, "\n".join(problems)


def test_styles_and_scripts_still_work_under_the_policy(driver):
    driver.get_log("browser")
    failed = []
    for page in pages():
        driver.get(file_url(page))
        color = driver.execute_script(
            "return getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        if color != "rgb(22, 46, 81)":
            failed.append(f"{page.relative_to(PUBLIC)}: site.css not applied (header {color})")
        for entry in driver.get_log("browser"):
            if entry["level"] == "SEVERE":
                failed.append(f"{page.relative_to(PUBLIC)}: {entry['message']}")
    assert not failed, "\n".join(failed)


def test_a_violation_would_be_detected(driver):
    """Control: the site's own policy on a page with inline script and style logs violations and runs nothing."""
    driver.get(file_url(PUBLIC / "index.html"))
    policy = policy_of(driver)
    with tempfile.TemporaryDirectory() as folder:
        page = pathlib.Path(folder) / "control.html"
        page.write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            "<script>window.__ran = 1</script></head>"
            '<body><p style="color: red">x</p><img src="missing.png" onerror="window.__ran = 2"></body></html>',
            encoding="utf-8")
        driver.get_log("browser")
        driver.get(file_url(page))
        ran = driver.execute_script("return window.__ran === undefined ? null : window.__ran")
        violations = csp_violations(driver)
    assert ran is None, f"inline code ran under the policy: {ran}"
    assert len(violations) >= 2, f"expected the inline script and style to be reported, got {violations}"
