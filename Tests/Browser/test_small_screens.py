"""Phones and tablets, in headless Chromium from file:// (issue #27): widths, tables, calculator, skip link, axe at 375 px."""
import pathlib
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import axe_violations, file_url, too_wide_at

PUBLIC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Public").resolve()

# One page of each kind that holds a table, a form or a redline.
PAGES = [
    "index.html",
    "staffing/index.html",
    "staffing/customer-relations-2022-calculator.html",
    "letters/2022-08-30-customer-relations-coordinators.html",
    "codes/index.html",
    "codes/2345-5035.html",
    "codes/2345-5035-redline.html",
    "presentations/2022-08-30-naps-presentation.html",
    "customer-connect/questions-and-answers.html",
    "search.html",
]


def opener(driver, page):
    return lambda: driver.get(file_url(PUBLIC / page))


def at_width(driver, width, body):
    size = driver.get_window_size()
    try:
        driver.set_window_size(width, 900)
        return body()
    finally:
        driver.set_window_size(size["width"], size["height"])


def test_no_page_is_wider_than_a_phone_or_a_tablet(driver):
    pages = {page: opener(driver, page) for page in PAGES}
    problems = [p for width in (320, 375, 768) for p in too_wide_at(driver, width, pages)]
    assert not problems, "\n".join(problems)


def test_skip_link_moves_focus_to_main(driver):
    driver.get(file_url(PUBLIC / "staffing/index.html"))
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    link = driver.switch_to.active_element
    assert link.get_attribute("class") == "skip-link", link.get_attribute("outerHTML")[:80]
    link.send_keys(Keys.ENTER)
    assert driver.execute_script("return document.activeElement.id") == "main"
    # The next Tab goes on from the page's content, not from the top of the page.
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.execute_script("return document.getElementById('main').contains(document.activeElement)")


CAPTIONS = """
const found = [];
for (const frame of document.querySelectorAll('.table-wrap')) {
  const caption = frame.querySelector('caption');
  const rowHeader = frame.querySelector('tbody th');
  const wide = frame.scrollWidth > frame.clientWidth + 1;
  if (frame.getAttribute('tabindex') !== '0') found.push('a table frame cannot take focus');
  if (!wide) continue;
  if (!getComputedStyle(frame).backgroundImage.includes('gradient')) found.push('a wide table shows no shade');
  frame.scrollLeft = frame.scrollWidth;
  const box = frame.getBoundingClientRect();
  if (caption && caption.getBoundingClientRect().width > 1) {
    const text = document.createRange();
    text.selectNodeContents(caption);
    const rects = Array.from(text.getClientRects());
    if (rects.some(r => r.left < box.left - 1 || r.right > box.right + 1))
      found.push(`caption "${caption.textContent.slice(0, 30)}" leaves its frame when the table scrolls`);
  }
  if (frame.classList.contains('staffing-table') && rowHeader) {
    const left = rowHeader.getBoundingClientRect().left;
    if (Math.abs(left - box.left) > 1) found.push(`row header "${rowHeader.textContent.slice(0, 20)}" scrolls out of view`);
  }
}
return found;
"""


def test_wide_tables_scroll_in_a_frame_that_keeps_caption_and_row_headers(driver):
    problems = []
    for width in (320, 375, 768):
        def check():
            for page in ["staffing/index.html", "letters/2022-08-30-customer-relations-coordinators.html", "codes/index.html", "codes/2345-5035.html"]:
                driver.get(file_url(PUBLIC / page))
                problems.extend(f"{page} at {width}px: {p}" for p in driver.execute_script(CAPTIONS))
        at_width(driver, width, check)
    assert not problems, "\n".join(problems)
    # The district table has enough columns to scroll on a phone: the check above must have had work to do.
    driver.get(file_url(PUBLIC / "staffing/index.html"))
    wide = at_width(driver, 375, lambda: driver.execute_script(
        "return [...document.querySelectorAll('.table-wrap')].filter(f => f.scrollWidth > f.clientWidth + 1).length"))
    assert wide >= 1


def test_text_table_reflows_to_one_record_per_block_on_a_phone(driver):
    """A code page's versions table is words, not numbers: on a phone each version is a block, each cell named."""
    def measure():
        driver.get(file_url(PUBLIC / "codes/2345-5035.html"))
        return driver.execute_script("""
            const frame = document.querySelector('.table-stacked');
            const cell = frame.querySelector('td[data-label="Consultation"]');
            return {wide: frame.scrollWidth > frame.clientWidth + 1, label: getComputedStyle(cell, '::before').content,
                    display: getComputedStyle(frame.querySelector('tr')).display}""")
    phone = at_width(driver, 375, measure)
    assert not phone["wide"] and phone["display"] == "block", phone
    assert phone["label"] == '"Consultation: "', phone
    desktop = at_width(driver, 1280, measure)
    assert desktop["display"] == "table-row", desktop


def test_calculator_controls_are_big_labelled_and_fit_320_pixels(driver):
    page = PUBLIC / "staffing/customer-relations-2022-calculator.html"

    def measure():
        driver.get(file_url(page))
        return driver.execute_script("""
            return [...document.querySelectorAll('#staffing-calculator input, #staffing-calculator button')].map(e => ({
              id: e.id, height: e.getBoundingClientRect().height, font: parseFloat(getComputedStyle(e).fontSize),
              right: e.getBoundingClientRect().right, labelled: e.tagName === 'BUTTON' ? e.textContent.trim() !== '' : e.labels.length > 0,
              page: document.documentElement.scrollWidth, width: window.innerWidth}))""")
    for width in (320, 1280):
        controls = at_width(driver, width, measure)
        assert len(controls) >= 10, controls
        for control in controls:
            assert control["height"] >= 44, f"{control['id']} is {control['height']}px tall at {width}px"
            assert control["font"] >= 16, f"{control['id']} has a {control['font']}px font at {width}px"
            assert control["labelled"], f"{control['id']} has no label"
            assert control["right"] <= control["width"], f"{control['id']} runs past the window at {width}px"
            assert control["page"] <= control["width"], f"the page scrolls sideways at {width}px"
    hint = driver.find_element(By.ID, "calc-district-hint").text
    assert hint.endswith("Puerto Rico."), hint
    assert "; )" not in hint and not hint.rstrip(".").endswith((";", ",")), hint
    assert driver.find_element(By.ID, "calc-district").get_attribute("aria-describedby") == "calc-district-hint"


def test_deleted_redline_section_is_framed_apart_from_its_rows(driver):
    driver.get(file_url(PUBLIC / "codes/2345-5035-redline.html"))
    found = driver.execute_script("""
        const section = document.querySelector('section.redline-section.redline-deleted');
        if (!section) return null;
        const heading = section.querySelector('h3');
        const style = getComputedStyle(section);
        const row = getComputedStyle(section.querySelector('li.redline-row'));
        return {gap: heading.getBoundingClientRect().left - section.getBoundingClientRect().left - parseFloat(style.borderLeftWidth),
                sectionLeft: style.borderLeftStyle, rowLeft: row.borderLeftStyle}""")
    assert found, "the redline has no deleted section to look at"
    assert found["gap"] >= 8, f"the heading is {found['gap']}px from the section's border"
    assert found["sectionLeft"] != "dashed", "the section takes the deleted rows' dashed border"
    assert found["rowLeft"] == "dashed", "deleted rows lost their dashed border"


def test_axe_finds_nothing_at_375_pixels(driver):
    def run():
        report = []
        for page in PAGES:
            driver.get(file_url(PUBLIC / page))
            report += axe_violations(driver, f"{page} at 375px")
        return report
    report = at_width(driver, 375, run)
    assert not report, "axe-core violations:\n" + "\n".join(report)
