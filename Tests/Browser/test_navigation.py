"""From Public/index.html, opened from disk, every source document is reachable in two clicks or fewer."""
import pathlib
import re
import sys
import urllib.parse

from selenium.webdriver.common.by import By

from browser import chromium, file_url

PUBLIC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Public").resolve()
CONTENT = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "Content").resolve()


def documents():
    """Every Markdown document under Content/ with its output page and title."""
    found = {}
    for path in sorted(CONTENT.rglob("*.md")):
        relative = path.relative_to(CONTENT)
        if relative.parts[0] == "data":
            continue
        match = re.search(r"^title:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
        title = match.group(1).strip().strip('"') if match else ""
        found[str(relative.with_suffix(".html"))] = title
    return found


def links(driver):
    hrefs = set()
    for anchor in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = anchor.get_attribute("href")
        if href and href.startswith("file://"):
            hrefs.add(href.split("#")[0])
    return hrefs


def page_of(url):
    path = pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(url).path))
    try:
        return str(path.relative_to(PUBLIC))
    except ValueError:
        return None


def test_every_document_within_two_clicks(driver):
    start = file_url(PUBLIC / "index.html")
    driver.get(start)
    assert driver.find_element(By.TAG_NAME, "h1").text, "home page has no h1"
    depth = {start: 0}
    frontier = [start]
    for level in (1, 2):
        next_frontier = []
        for url in frontier:
            driver.get(url)
            for href in links(driver):
                if href not in depth:
                    depth[href] = level
                    next_frontier.append(href)
        frontier = next_frontier
    reached = {page_of(url): d for url, d in depth.items() if page_of(url)}
    missing = []
    for page, title in documents().items():
        if page not in reached:
            missing.append(page)
            continue
        driver.get(file_url(PUBLIC / page))
        heading = driver.find_element(By.TAG_NAME, "h1").text
        assert title.split(":")[0][:20] in heading, f"{page}: h1 {heading!r} does not show title {title!r}"
        body = driver.find_element(By.TAG_NAME, "main").text
        assert len(body) > 200, f"{page}: main text is only {len(body)} characters"
    assert not missing, f"not reachable in two clicks from index.html: {missing}"


def test_stylesheet_loads_from_file(driver):
    driver.get(file_url(PUBLIC / "index.html"))
    color = driver.execute_script(
        "return getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert color == "rgb(22, 46, 81)", f"site.css not applied from file://: header is {color}"
