"""Reading experience, in headless Chromium from file://: slide keys, Q&A anchors, packets, axe-core, small screens."""
import pathlib
import re
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import axe_violations, file_url, too_wide_at

PUBLIC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Public").resolve()
CONTENT = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "Content").resolve()


def first(pattern):
    found = sorted(PUBLIC.glob(pattern))
    assert found, f"no page matches {pattern} in {PUBLIC}"
    return found[0]


def visible_slides(driver):
    return [s.get_attribute("id") for s in driver.find_elements(By.CSS_SELECTOR, "section.slide") if s.is_displayed()]


def test_slide_view_keyboard_navigation(driver):
    page = first("slides/presentations/*.html")
    driver.get(file_url(page))
    slides = driver.find_elements(By.CSS_SELECTOR, "section.slide")
    count = len(slides)
    assert count >= 3, f"only {count} slides"
    assert visible_slides(driver) == ["slide-1"], visible_slides(driver)
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ARROW_RIGHT)
    assert visible_slides(driver) == ["slide-2"]
    assert driver.execute_script("return location.hash") == "#slide-2"
    assert "Slide 2 of" in driver.find_element(By.CSS_SELECTOR, ".slide-position").text
    body.send_keys(Keys.END)
    assert visible_slides(driver) == [f"slide-{count}"]
    assert driver.execute_script("return location.hash") == f"#slide-{count}"
    body.send_keys(Keys.ARROW_RIGHT)
    assert visible_slides(driver) == [f"slide-{count}"], "→ on the last slide must stay there"
    body.send_keys(Keys.ARROW_LEFT)
    assert visible_slides(driver) == [f"slide-{count - 1}"]
    body.send_keys(Keys.HOME)
    assert visible_slides(driver) == ["slide-1"]
    body.send_keys(Keys.ARROW_LEFT)
    assert visible_slides(driver) == ["slide-1"], "← on the first slide must stay there"
    # The number in the address opens that slide, on load and on a hash change.
    driver.get(file_url(page) + "#slide-3")
    assert visible_slides(driver) == ["slide-3"]
    driver.execute_script("location.hash = '#slide-2'")
    assert visible_slides(driver) == ["slide-2"]
    # The buttons work too.
    driver.find_element(By.CSS_SELECTOR, ".slide-next").click()
    assert visible_slides(driver) == ["slide-3"]


def test_handout_shows_every_slide(driver):
    page = first("presentations/*.html")
    if page.name == "index.html":
        page = sorted(p for p in PUBLIC.glob("presentations/*.html") if p.name != "index.html")[0]
    driver.get(file_url(page))
    slides = driver.find_elements(By.CSS_SELECTOR, "section.slide")
    assert slides and all(s.is_displayed() for s in slides)


def test_qa_anchors_and_question_list(driver):
    page = PUBLIC / "customer-connect" / "questions-and-answers.html"
    driver.get(file_url(page))
    links = driver.find_elements(By.CSS_SELECTOR, "nav.contents a[href^='#']")
    pairs = driver.find_elements(By.CSS_SELECTOR, "section.qa-pair")
    assert len(links) == len(pairs) >= 5, f"{len(links)} links for {len(pairs)} questions"
    for link in links:
        target = link.get_attribute("href").split("#", 1)[1]
        heading = driver.find_element(By.ID, target)
        assert heading.tag_name == "h2", f"#{target} is a {heading.tag_name}"
        assert link.text.strip() in heading.text, f"{link.text!r} does not head #{target}"
    # A question's own address lands on it: it is the :target and scrolled into view.
    for link in (links[len(links) // 2], links[-1]):
        target = link.get_attribute("href").split("#", 1)[1]
        driver.get(file_url(page) + "#" + target)
        assert driver.execute_script("return document.querySelector(':target').id") == target
        top, height = driver.execute_script(
            f"return [document.getElementById('{target}').getBoundingClientRect().top, window.innerHeight]")
        assert 0 <= top < height, f"#{target} is at {top}px, outside the {height}px window"
        if link is links[len(links) // 2]:
            assert top < 200, f"#{target} is at {top}px, not at the top of the window"
        permalink = driver.find_element(By.CSS_SELECTOR, f"#{target} a.permalink")
        assert permalink.get_attribute("href").endswith("#" + target)
    data = driver.execute_script(
        "return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "FAQPage" and len(data["mainEntity"]) == len(pairs)


def enclosures_of(letter_md):
    text = letter_md.read_text(encoding="utf-8")
    found = []
    for code, version, path in re.findall(r"\{code: (\d{4}-\d{4}), version: (\w+)\}|\{path: ([^}]+)\.md\}", text):
        found.append(f"{path}.html" if path else f"positions/{code}-{version}.html")
    return found


def test_packet_holds_every_enclosure(driver):
    letters = sorted((CONTENT / "letters").glob("*.md"))
    assert letters
    for letter in letters:
        page = PUBLIC / "packets" / "letters" / (letter.stem + ".html")
        driver.get(file_url(page))
        sections = driver.find_elements(By.CSS_SELECTOR, "section.packet-document[data-enclosure]")
        found = [s.get_attribute("data-enclosure") for s in sections]
        assert found == enclosures_of(letter), f"{page.name}: {found}"
        for section in sections:
            assert len(section.text) > 200, f"{section.get_attribute('data-enclosure')} is nearly empty in the packet"
        # Each document starts on a new sheet when printed.
        breaks = driver.execute_script("""
            var sheet = [].slice.call(document.styleSheets).filter(function (s) { return /print\\.css$/.test(s.href); })[0];
            return [].slice.call(sheet.cssRules).filter(function (r) {
              return r.selectorText === '.packet-document' && r.style.breakBefore === 'page'; }).length;""")
        assert breaks == 1, "print.css does not start each packet document on a new page"


def page_of_every_kind():
    pages = [PUBLIC / "index.html", PUBLIC / "404.html",
             first("letters/2022-*.html"), first("positions/2345-5035-proposed.html"),
             first("presentations/2022-*.html"), first("slides/presentations/*.html"),
             PUBLIC / "customer-connect" / "questions-and-answers.html",
             PUBLIC / "customer-connect" / "coordinator-duties.html",
             first("packets/letters/2022-*.html"), PUBLIC / "letters" / "index.html"]
    for optional in ("search.html", "codes/index.html"):
        if (PUBLIC / optional).exists():
            pages.append(PUBLIC / optional)
    return pages


def test_axe_reports_no_violations(driver):
    report = []
    for page in page_of_every_kind():
        driver.get(file_url(page))
        report += axe_violations(driver, page.relative_to(PUBLIC))
    assert not report, "axe-core violations:\n" + "\n".join(report)


def test_usable_at_320_pixels_and_200_percent_zoom(driver):
    """No horizontal scrolling of the page at 320 CSS px (WCAG 1.4.10); 200% zoom of 640 px is the same width."""
    pages = {page.relative_to(PUBLIC): (lambda page=page: driver.get(file_url(page))) for page in page_of_every_kind()}
    problems = too_wide_at(driver, 320, pages)
    assert not problems, "\n".join(problems)


def test_focus_is_visible(driver):
    driver.get(file_url(PUBLIC / "index.html"))
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert "skip-link" in (active.get_attribute("class") or ""), "the first Tab does not reach the skip link"
    assert active.is_displayed()
    outline = driver.execute_script("var s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]")
    assert outline[0] != "none" and outline[1] != "0px", f"focused link has no outline: {outline}"


def test_review_status_is_recomputed_in_the_browser(driver):
    driver.get(file_url(first("letters/2022-*.html")))
    window = driver.find_element(By.CSS_SELECTOR, ".summary-list [data-review-end]")
    assert window.get_attribute("data-status") == "closed"
    today = driver.execute_script(
        "var d = new Date(); return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2)")
    as_of = window.find_element(By.CSS_SELECTOR, ".as-of time").get_attribute("datetime")
    assert as_of == today, f"as-of {as_of}, browser today {today}"
    assert window.find_element(By.CSS_SELECTOR, ".status").text.strip().lower() == "closed"
