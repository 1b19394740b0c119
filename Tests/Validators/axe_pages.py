"""axe-core over every page of a built site, on a phone and on a desktop: python3 Tests/Validators/axe_pages.py Public

Opens each HTML page from file:// in headless Chromium, 375 px wide and then 1280 px wide, and runs axe-core
(the newest on the machine, see Tests/Browser/browser.py) with its default WCAG rules. Exits 1 on any violation.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "Browser"))
from browser import axe_violations, chromium, file_url  # noqa: E402

WIDTHS = (375, 1280)


def main(root):
    root = pathlib.Path(root)
    pages = sorted(root.rglob("*.html"))
    if not pages:
        print(f"axe: no pages under {root}")
        return 1
    driver = chromium()
    findings = []
    try:
        for width in WIDTHS:
            driver.set_window_size(width, 900)
            for page in pages:
                driver.get(file_url(page))
                findings += axe_violations(driver, f"{page.relative_to(root)} at {width}px")
    finally:
        driver.quit()
    for finding in findings:
        print(f"axe: {finding}")
    print(f"axe: {len(pages)} pages at {', '.join(map(str, WIDTHS))}px, {len(findings)} violation(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Public"))
