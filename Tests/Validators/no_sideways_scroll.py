"""No page of a built site scrolls sideways on a phone or tablet: python3 Tests/Validators/no_sideways_scroll.py Public

Opens every HTML page from file:// in headless Chromium at 320, 375 and 768 CSS pixels and reports each
page whose document is wider than the window, and each table caption or calculator control that does not
fit. Wide tables may scroll inside their own frame (.table-wrap); the page itself never does.
Exits 1 on any finding.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "Browser"))
from browser import chromium, file_url  # noqa: E402

WIDTHS = (320, 375, 768)

# Per page: the document's width, and every caption whose text runs past the visible part of its frame.
MEASURE = """
const width = window.innerWidth;
const found = [];
const page = document.documentElement.scrollWidth;
if (page > width + 1) found.push(`page is ${page}px wide`);
for (const caption of document.querySelectorAll('caption')) {
  const box = caption.getBoundingClientRect();
  if (box.width <= 1) continue;  // visually hidden: read by screen readers, never seen
  const frame = (caption.closest('.table-wrap') || document.body).getBoundingClientRect();
  const text = document.createRange();
  text.selectNodeContents(caption);
  const right = Math.max(...Array.from(text.getClientRects(), r => r.right), box.left);
  if (right > Math.min(frame.right, width) + 1 || box.left < Math.max(frame.left, 0) - 1)
    found.push(`caption "${caption.textContent.trim().slice(0, 40)}" is cut (${Math.round(box.left)}..${Math.round(right)}px)`);
}
return found;
"""


def main(root):
    pages = sorted(p for p in pathlib.Path(root).rglob("*.html"))
    if not pages:
        print(f"no-sideways-scroll: no pages under {root}")
        return 1
    driver = chromium()
    findings = []
    try:
        for width in WIDTHS:
            driver.set_window_size(width, 900)
            inner = driver.execute_script("return window.innerWidth")
            if inner != width:
                # A window that cannot be made this narrow would check nothing.
                findings.append(f"the window is {inner}px wide, not {width}px")
                continue
            for page in pages:
                driver.get(file_url(page))
                for problem in driver.execute_script(MEASURE):
                    findings.append(f"{page.relative_to(root)} at {width}px: {problem}")
    finally:
        driver.quit()
    for finding in findings:
        print(finding)
    print(f"no-sideways-scroll: {len(pages)} pages at {', '.join(map(str, WIDTHS))}px, {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Public"))
