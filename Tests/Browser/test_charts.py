"""The staffing charts: SVG images that load under the CSP, fit 320 px, pass axe, and the calculator's band scale."""
import csv
import pathlib
import re
import xml.etree.ElementTree as ET

from selenium.webdriver.common.by import By

from browser import axe_violations, csp_violations, file_url, too_wide_at

ROOT = pathlib.Path(__file__).resolve().parents[2]
PUBLIC = ROOT / "Public"
MODEL = ROOT / "Content/data/customer-relations-2022.model.yaml"
DISTRICTS = ROOT / "Content/data/customer-relations-2022.districts.csv"
STAFFING = PUBLIC / "staffing/index.html"
DOSSIER = PUBLIC / "letters/2022-08-30-customer-relations-coordinators.html"
CALCULATOR = PUBLIC / "staffing/customer-relations-2022-calculator.html"
SCORES_SVG = PUBLIC / "staffing/charts/customer-relations-2022-scores.svg"
SVG = "{http://www.w3.org/2000/svg}"
FACTORS = ["c360_service_requests", "congressional_and_pcc", "possible_deliveries", "bsn_requests"]


def model_edges():
    """The band edges read straight from the model file: every band's min and the highest max."""
    text = MODEL.read_text(encoding="utf-8")
    mins = [float(m) for m in re.findall(r"min:\s*([0-9.]+)", text)]
    maxes = [float(m) for m in re.findall(r"max:\s*([0-9.]+)", text)]
    return sorted(set(mins) | {max(maxes)})


def label(value):
    return str(int(value)) if value == int(value) else str(value)


def chart_images(driver):
    return [img for img in driver.find_elements(By.CSS_SELECTOR, "figure.staffing-chart img")]


def test_charts_load_under_the_policy_with_their_findings(driver):
    for page in (STAFFING, DOSSIER):
        csp_violations(driver)
        driver.get(file_url(page))
        images = chart_images(driver)
        assert len(images) == 2, f"{page.name}: expected a score chart and a complement chart, found {len(images)}"
        for image in images:
            assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image), \
                f"{page.name}: {image.get_attribute('src')} did not load"
        assert "Nearest a band edge: California" in images[0].get_attribute("alt")
        assert "Total: 117 to 127 (+10)" in images[1].get_attribute("alt")
        assert not csp_violations(driver), f"{page.name}: CSP violations"


def test_score_chart_edges_come_from_the_model(driver):
    tree = ET.parse(SCORES_SVG)
    labels = [t.text for t in tree.iter(SVG + "text") if t.get("class") == "edge-label"]
    assert labels == [label(e) for e in model_edges()]


def submit(driver, row):
    driver.find_element(By.ID, "calc-district").clear()
    driver.find_element(By.ID, "calc-district").send_keys(row["district"])
    for key in FACTORS:
        field = driver.find_element(By.ID, "count-" + key)
        field.clear()
        field.send_keys(row[key])
    driver.find_element(By.CSS_SELECTOR, "#staffing-calculator button[type=submit]").click()


def test_calculator_band_scale_agrees_with_the_build_chart(driver):
    """Each district typed into the calculator lands where the build's chart puts it: same edges, same position."""
    tree = ET.parse(SCORES_SVG)
    marks = {}
    for group in tree.iter(SVG + "g"):
        if group.get("class") != "district":
            continue
        name = next(t.text for t in group.iter(SVG + "text") if t.get("class") == "district-label").split(":")[0]
        marks[name] = " ".join(t.text for t in group.iter(SVG + "text") if t.get("class") == "district-marks")
    with open(DISTRICTS, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    driver.get(file_url(CALCULATOR))
    edges = model_edges()
    for row in rows:
        submit(driver, row)
        scale = driver.find_element(By.ID, "calc-band-scale")
        assert scale.is_displayed()
        svg = scale.find_element(By.TAG_NAME, "svg")
        got = [t.text for t in svg.find_elements(By.CSS_SELECTOR, "text.edge-label")]
        assert got == [label(e) for e in edges], got
        position = svg.find_element(By.CSS_SELECTOR, "text.position-label").text
        score = driver.find_element(By.ID, "calc-score").text
        assert svg.find_element(By.CSS_SELECTOR, "text.score-label").text == f"{row['district']}: {score}"
        if "near the edge" in marks[row["district"]]:
            expected = marks[row["district"]].split("near the edge: ")[1]
            assert position == f"{expected} · near the edge", (row["district"], position, expected)
        else:
            assert "near the edge" not in position, (row["district"], position)
        # The marker sits at the score on the axis rule both share: 0 to the top edge or score, plus 5 %, to tens.
        maximum = max(10, -(-max(edges[-1], float(score)) * 1.05 // 10) * 10)
        marker = svg.find_element(By.CSS_SELECTOR, "path.marker").get_attribute("d")
        x = float(marker.split()[0][1:])
        assert abs(x - (8 + 324 * min(float(score), maximum) / maximum)) < 0.02, (row["district"], x)
        assert row["district"] in svg.get_attribute("aria-label") or score in svg.get_attribute("aria-label")
    submit(driver, dict(rows[0], **{FACTORS[0]: "lots"}))
    assert not driver.find_element(By.ID, "calc-band-scale").is_displayed()


def test_chart_pages_fit_320_pixels_and_pass_axe(driver):
    pages = {
        "staffing": lambda: driver.get(file_url(STAFFING)),
        "dossier": lambda: driver.get(file_url(DOSSIER)),
    }
    problems = too_wide_at(driver, 320, pages)
    assert not problems, "sideways scroll: " + "; ".join(problems)
    report = []
    for name, open_page in pages.items():
        open_page()
        report += axe_violations(driver, name)
    calculator_with_result(driver)
    report += axe_violations(driver, "calculator with a result")
    assert not report, "axe-core violations:\n" + "\n".join(report)


def calculator_with_result(driver):
    driver.get(file_url(CALCULATOR))
    with open(DISTRICTS, newline="", encoding="utf-8") as handle:
        submit(driver, next(csv.DictReader(handle)))


def test_band_scale_fits_320_pixels(driver):
    """The band scale itself never widens the page (the calculator's input table is another matter)."""
    size = driver.get_window_size()
    try:
        driver.set_window_size(320, 800)
        calculator_with_result(driver)
        right, width = driver.execute_script(
            "return [document.getElementById('calc-band-scale').getBoundingClientRect().right, window.innerWidth]")
        assert right <= width, f"the band scale reaches {right}px at {width}px"
    finally:
        driver.set_window_size(size["width"], size["height"])
