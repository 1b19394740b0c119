"""A proposal's ZIP, extracted into a fresh folder and opened from file://: styled, CSP intact, links working, print rules."""
import pathlib
import sys
import tempfile
import zipfile

from selenium.webdriver.common.by import By

from browser import csp_violations, file_url

PUBLIC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Public").resolve()


def zips():
    found = sorted(PUBLIC.glob("packets/letters/*.zip"))
    assert found, f"no proposal ZIP in {PUBLIC}/packets/letters"
    return found


def extracted(archive, folder):
    with zipfile.ZipFile(archive) as z:
        assert z.testzip() is None, f"{archive.name} is damaged"
        z.extractall(folder)
    roots = [p for p in pathlib.Path(folder).iterdir() if p.is_dir()]
    assert len(roots) == 1, f"{archive.name} should extract into one folder, not {roots}"
    return roots[0]


def test_each_zip_opens_from_disk_with_styles_and_working_links(driver):
    for archive in zips():
        with tempfile.TemporaryDirectory() as folder:
            root = extracted(archive, folder)
            driver.get_log("browser")
            driver.get(file_url(root / "index.html"))
            # site.css applied: the skip link is moved off screen and the main column has its maximum width.
            skip = driver.find_element(By.CSS_SELECTOR, ".skip-link")
            assert skip.location["y"] < 0 or skip.size["height"] <= 1 or skip.location["x"] < 0, f"{archive.name}: site.css not applied"
            wrap = driver.execute_script("return getComputedStyle(document.querySelector('main')).maxWidth")
            assert wrap not in ("none", ""), f"{archive.name}: site.css not applied (max-width {wrap})"
            assert not csp_violations(driver), f"{archive.name}: CSP violations"
            # Every link goes to a file in the copy, and every fragment to an element there.
            links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href]")]
            assert len(links) > 5, f"{archive.name}: only {len(links)} links"
            for href in links:
                assert href.startswith("file://"), f"{archive.name}: {href} leaves the copy"
                path, _, fragment = href[len("file://"):].partition("#")
                target = pathlib.Path(path)
                assert target.is_file() and str(target).startswith(str(root)), f"{archive.name}: {href} leads nowhere"
            # Follow the contents' first enclosure link and the redline link when there is one.
            driver.find_element(By.CSS_SELECTOR, "nav.contents a[href^='#enclosure-']").click()
            assert driver.execute_script("return location.hash").startswith("#enclosure-")
            redlines = driver.find_elements(By.CSS_SELECTOR, "nav.contents a[href*='-redline.html']")
            if redlines:
                redlines[0].click()
                assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Redline:")
                assert driver.execute_script("return getComputedStyle(document.querySelector('del')).textDecorationLine") == "line-through"
                assert not csp_violations(driver), f"{archive.name}: CSP violations on the redline"


def test_printed_packet_names_link_targets_not_file_paths(driver):
    """Printed, a link shows its page's title or its web address, never a file:// path (print.css)."""
    packet = sorted(PUBLIC.glob("packets/letters/*.html"))[0]
    driver.get(file_url(packet))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        after = driver.execute_script("""
            return Array.from(document.querySelectorAll('main a[href]')).map(a => getComputedStyle(a, '::after').content);
        """)
        assert not any("file:" in text for text in after), [t for t in after if "file:" in t][:3]
        hidden = driver.execute_script("return getComputedStyle(document.querySelector('.downloads')).display")
        assert hidden == "none", "the download links are not printed"
        breaks = driver.execute_script("""
            return Array.from(document.querySelectorAll('.packet-document')).slice(1)
                .map(s => getComputedStyle(s).breakBefore);
        """)
        assert breaks and all(b == "page" for b in breaks), breaks
        slides = driver.execute_script("""
            return Array.from(document.querySelectorAll('.packet-document .slide'))
                .map(s => [getComputedStyle(s).breakBefore, getComputedStyle(s).breakInside]);
        """)
        # No slide forces or avoids a break: they flow, so no sheet is left half empty between two of them.
        assert all(b != "page" and i == "auto" for b, i in slides), slides
        named = driver.execute_script("""
            return Array.from(document.querySelectorAll('main a[data-destination]'))
                .filter(a => !a.closest('.packet-label, h2'))  // labels and headings print without it (print.css)
                .map(a => getComputedStyle(a, '::after').content);
        """)
        assert named and all(text.startswith('" (') for text in named), named[:3]
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
