"""The offline staffing calculator agrees with `portal staffing` on the same inputs."""
import csv
import io
import json
import os
import pathlib
import subprocess
import tempfile

from selenium.webdriver.common.by import By

from browser import file_url

ROOT = pathlib.Path(__file__).resolve().parents[2]
PUBLIC = ROOT / "Public"
PORTAL = pathlib.Path(os.environ.get("PORTAL", ROOT / ".build/release/portal"))
MODEL = ROOT / "Content/data/customer-relations-2022.model.yaml"
DISTRICTS = ROOT / "Content/data/customer-relations-2022.districts.csv"
PAGE = PUBLIC / "staffing/customer-relations-2022-calculator.html"
FACTORS = ["c360_service_requests", "congressional_and_pcc", "possible_deliveries", "bsn_requests"]


def cli(districts_csv):
    output = subprocess.run(
        [str(PORTAL), "staffing", "--model", str(MODEL), "--districts", str(districts_csv), "--format", "json"],
        check=True, capture_output=True, text=True).stdout
    return {row["district"]: row for row in json.loads(output)}


def fill_and_submit(driver, district, counts, means=None):
    driver.find_element(By.ID, "calc-district").clear()
    driver.find_element(By.ID, "calc-district").send_keys(district)
    for key in FACTORS:
        field = driver.find_element(By.ID, "count-" + key)
        field.clear()
        field.send_keys(str(counts[key]))
        if means is not None:
            mean = driver.find_element(By.ID, "mean-" + key)
            mean.clear()
            mean.send_keys(means[key])
    driver.find_element(By.CSS_SELECTOR, "#staffing-calculator button[type=submit]").click()


def calculate(driver, district, counts, means=None):
    fill_and_submit(driver, district, counts, means)
    text = lambda i: driver.find_element(By.ID, i).text
    flags = text("calc-flags")
    return {
        "score": text("calc-score"),
        "band": None if text("calc-band") == "none" else text("calc-band"),
        "earned": {code: int(text("calc-earned-" + code)) for code in ("2345-5035", "2370-0671")},
        "flags": [] if flags == "none" else flags.split("; "),
    }


def assert_agrees(got, expected, district):
    for key in ("score", "band", "earned", "flags"):
        assert got[key] == expected[key], f"{district}: calculator {key}={got[key]!r}, portal staffing {key}={expected[key]!r}"


def test_calculator_agrees_with_cli_on_the_site_data(driver):
    expected = cli(DISTRICTS)
    driver.get(file_url(PAGE))
    with open(DISTRICTS, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 10
    for row in rows:
        got = calculate(driver, row["district"], {k: int(row[k]) for k in FACTORS})
        assert_agrees(got, expected[row["district"]], row["district"])


def test_calculator_agrees_with_cli_on_what_if_inputs(driver):
    # Four districts whose means are exact decimals, so they can be typed into the form.
    rows = [
        ("Hawaii", 1000, 10, 100000, 100),
        ("Puerto Rico", 3000, 50, 500000, 500),
        ("Metro", 9000, 90, 900000, 900),
        ("Small", 100, 2, 10000, 8),
    ]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["district"] + FACTORS)
    writer.writerows(rows)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
        handle.write(text.getvalue())
    try:
        expected = cli(handle.name)
    finally:
        os.unlink(handle.name)
    means = {key: str(sum(r[i + 1] for r in rows) / len(rows)) for i, key in enumerate(FACTORS)}
    driver.get(file_url(PAGE))
    for row in rows:
        got = calculate(driver, row[0], dict(zip(FACTORS, row[1:])), means)
        assert_agrees(got, expected[row[0]], row[0])
    flags = {flag for row in expected.values() for flag in row["flags"]}
    assert "below-minimum" in flags and "above-maximum" in flags, f"what-if inputs should cover both flags, got {flags}"


def test_calculator_rejects_bad_input(driver):
    driver.get(file_url(PAGE))
    fill_and_submit(driver, "Ohio", {"c360_service_requests": "lots", "congressional_and_pcc": 1,
                               "possible_deliveries": 1, "bsn_requests": 1})
    assert "must be a number" in driver.find_element(By.ID, "calc-message").text
    assert driver.find_element(By.ID, "count-c360_service_requests").get_attribute("aria-invalid") == "true"
    assert not driver.find_element(By.ID, "calc-summary").is_displayed()
