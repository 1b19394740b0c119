"""Occupation codes in a real browser, from disk: cross-links, anchored references, the index and the redlines."""
import pathlib
import sys

from selenium.webdriver.common.by import By

from browser import axe_violations, chromium, file_url, too_wide_at

PUBLIC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Public").resolve()


def test_letter_code_links_to_code_page_and_back_to_the_place(driver):
    driver.get(file_url(PUBLIC / "letters/2019-12-12-enterprise-customer-care-restructure.html"))
    link = driver.find_element(By.CSS_SELECTOR, "main a[href$='codes/1910-0030.html']")
    assert link.text == "1910-0030"
    link.click()
    assert driver.current_url.endswith("codes/1910-0030.html"), driver.current_url
    assert "Mgr Customer Care Quality Assurance" in driver.find_element(By.TAG_NAME, "h1").text
    # The letter encloses the new description: listed as such beside its mention.
    assert "Enclosed with this letter" in driver.find_element(By.CSS_SELECTOR, ".references").text
    reference = driver.find_element(By.XPATH, "//ul[@class='references']/li/a[mark]")
    assert "1910-0030" in reference.find_element(By.TAG_NAME, "mark").text
    reference.click()
    url = driver.current_url
    assert "restructure.html#line-" in url, url
    target = driver.find_element(By.ID, url.split("#", 1)[1])
    assert "1910-0030" in target.text
    # The browser scrolled the mentioning list item into view.
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", target)
    height = driver.execute_script("return window.innerHeight")
    assert -2 <= top < height, top


def test_index_lists_every_code_sorted_and_by_grade(driver):
    driver.get(file_url(PUBLIC / "codes/index.html"))
    codes = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "table.code-index tbody th")]
    assert codes == sorted(codes) and len(codes) >= 6, codes
    groups = [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".grade-group h3")]
    assert "EAS-17" in groups and "P7-06" in groups, groups
    statuses = {row.find_element(By.CSS_SELECTOR, "th").text: row.find_elements(By.TAG_NAME, "td")[2].text
                for row in driver.find_elements(By.CSS_SELECTOR, "table.code-index tbody tr")}
    assert statuses["0340-0016"] == "Revised" and statuses["1910-0030"] == "New" and statuses["2370-0671"] == "Unchanged", statuses
    nav = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".site-nav a")]
    assert "Occupation codes" in nav, nav


def test_redline_marks_changes_visibly_and_for_screen_readers(driver):
    driver.get(file_url(PUBLIC / "codes/0340-0016-redline.html"))
    deletions = driver.find_elements(By.CSS_SELECTOR, ".redline del")
    insertions = driver.find_elements(By.CSS_SELECTOR, ".redline ins")
    assert deletions and insertions
    hidden = deletions[0].find_element(By.CSS_SELECTOR, ".visually-hidden")
    assert hidden.get_attribute("textContent") == "deleted: "
    size = hidden.size
    assert size["width"] <= 1 and size["height"] <= 1, size
    # Struck and underlined, so a greyscale printout keeps the meaning.
    assert "line-through" in deletions[0].value_of_css_property("text-decoration-line")
    assert "underline" in insertions[0].value_of_css_property("text-decoration-line")
    notes = " ".join(n.text for n in driver.find_elements(By.CSS_SELECTOR, ".redline .redline-note"))
    assert "Renumbered from item 9" in notes and "Changed; was item 6." in notes, notes
    table = driver.find_element(By.CSS_SELECTOR, ".redline-side-by-side table")
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers[0].startswith("Current version") and headers[1].startswith("Proposed version"), headers
    cells = table.find_elements(By.CSS_SELECTOR, "tbody tr td")
    left, right = cells[0].rect, cells[1].rect
    assert right["x"] > left["x"] and abs(right["y"] - left["y"]) < 2, (left, right)


def test_position_page_links_code_page_and_redline(driver):
    driver.get(file_url(PUBLIC / "positions/2345-5035-current.html"))
    driver.find_element(By.CSS_SELECTOR, "main a[href$='codes/2345-5035-redline.html']").click()
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Redline: Customer Relations Coordinator")
    assert driver.find_elements(By.CSS_SELECTOR, ".redline del")


CODE_PAGES = ["codes/index.html", "codes/2345-5035.html", "codes/0340-0016-redline.html", "codes/2345-5035-redline.html"]


def test_code_pages_pass_axe(driver):
    report = []
    for page in CODE_PAGES:
        driver.get(file_url(PUBLIC / page))
        report += axe_violations(driver, page)
    assert not report, "axe-core violations:\n" + "\n".join(report)


def test_code_pages_fit_320_pixels(driver):
    problems = too_wide_at(driver, 320, {page: (lambda page=page: driver.get(file_url(PUBLIC / page))) for page in CODE_PAGES})
    assert not problems, "\n".join(problems)


if __name__ == "__main__":
    driver = chromium()
    try:
        for name in sorted(n for n in dir() if n.startswith("test_")):
            globals()[name](driver)
            print("PASS", name)
    finally:
        driver.quit()


def test_code_badges_and_computed_tables_link_to_code_pages(driver):
    for page in ("index.html", "positions/index.html", "letters/2022-08-30-customer-relations-coordinators.html"):
        driver.get(file_url(PUBLIC / page))
        badges = driver.find_elements(By.CSS_SELECTOR, "main .code")
        assert badges, page
        for badge in badges:
            # textContent, not .text: a code in a closed <details> (a chart's table) has no visible text.
            code = badge.get_attribute("textContent").strip()
            assert badge.tag_name == "a", f"{page}: {code} is not a link"
            assert badge.get_attribute("href").endswith(f"codes/{code}.html"), (code, badge.get_attribute("href"))
    driver.get(file_url(PUBLIC / "presentations/2022-08-30-naps-presentation.html"))
    linked = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".staffing-table a.code")]
    assert "2345-5035" in linked and "2370-0671" in linked, linked
