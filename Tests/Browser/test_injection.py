"""The injection corpus, built through the real pipeline: in Chromium nothing it smuggled runs, and no injected element exists.

Each page is checked twice: once with the Content-Security-Policy bypassed, so
that a payload which escaped escaping would run and be caught even though the
policy would have blocked it, and once under the policy, which must log no
violation (an injected inline script or handler would log one).
"""
import os
import pathlib
import subprocess
import tempfile
import time
import urllib.parse

from browser import csp_violations, file_url

REPO = pathlib.Path(__file__).resolve().parents[2]
CORPUS = REPO / "Tests" / "Fixtures" / "injection" / "Content"
PORTAL = pathlib.Path(os.environ.get("PORTAL", REPO / ".build" / "release" / "portal"))

# Elements and attributes no page may hold; returns a description of each one found.
# arguments[0] is the site's file:// root: scripts the search page adds from inside it are its own.
FIND_INJECTED = """
const found = [];
if (window.__pwned !== undefined) found.push('window.__pwned = ' + window.__pwned);
for (const el of document.querySelectorAll('*')) {
  const name = el.localName;
  if (['iframe', 'object', 'embed', 'svg', 'style', 'base', 'frame', 'math'].includes(name)) found.push('<' + name + '>');
  if (name === 'script' && !el.src && !/^application\\/(ld\\+)?json$/.test(el.type)) found.push('inline <script>');
  if (el.id === 'injected') found.push('<' + name + ' id=injected>');
  for (const attr of el.attributes) {
    if (/^on/i.test(attr.name)) found.push('<' + name + ' ' + attr.name + '>');
    if (attr.name === 'style') found.push('<' + name + ' style>');
    if (['href', 'src', 'action', 'formaction'].includes(attr.name)
        && (/^\\s*(javascript|vbscript|data):/i.test(attr.value)
            || (/^\\s*file:/i.test(attr.value) && !attr.value.startsWith(arguments[0])))) found.push('<' + name + ' ' + attr.name + '=' + attr.value + '>');
  }
}
return found;
"""

_site = None


def site():
    """Builds the corpus once, into a temporary folder, with the release binary `make browser-test` built."""
    global _site
    if _site is None:
        output = pathlib.Path(tempfile.mkdtemp(prefix="portal-injection-")) / "Public"
        subprocess.run([str(PORTAL), "build", "--content", str(CORPUS), "--theme", str(REPO / "Theme"),
                        "--output", str(output)], check=True, capture_output=True, text=True)
        _site = output
    return _site


def pages():
    found = sorted(site().rglob("*.html"))
    assert len(found) >= 7, f"the corpus built only {len(found)} pages"
    return found


def check_page(driver, url):
    driver.get(url)
    time.sleep(0.05)  # let deferred scripts and load handlers run
    return driver.execute_script(FIND_INJECTED, file_url(site()) + "/")


def test_nothing_runs_or_is_injected_with_the_policy_bypassed(driver):
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    try:
        problems = []
        for page in pages():
            problems += [f"{page.relative_to(site())}: {p}" for p in check_page(driver, file_url(page))]
        assert not problems, "\n".join(problems)
    finally:
        driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})


# 404.html links its assets at the corpus's base_url, the page's own origin once published; opened from
# file:// that is another origin, which the policy rightly blocks.
PUBLISHED_ASSETS = "'https://example.org/portal&x='y'/assets/"


def test_no_page_logs_a_policy_violation(driver):
    driver.get_log("browser")
    problems = []
    for page in pages():
        problems += [f"{page.relative_to(site())}: {p}" for p in check_page(driver, file_url(page))]
        problems += [f"{page.relative_to(site())}: {m}" for m in csp_violations(driver)
                     if not (page.name == "404.html" and PUBLISHED_ASSETS in m)]
    assert not problems, "\n".join(problems)


def test_search_shows_payloads_as_text(driver):
    """The search page draws titles and the query into the page; neither may become markup."""
    search = site() / "search.html"
    if not search.exists():
        return  # the site has no search page yet
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    try:
        problems = []
        for query in ["letter", "coordinator", "pwned", "script", "<img src=x onerror=window.__pwned='query'>"]:
            url = file_url(search) + "?q=" + urllib.parse.quote(query)
            driver.get(url)
            time.sleep(0.3)
            problems += [f"search {query!r}: {p}" for p in driver.execute_script(FIND_INJECTED, file_url(site()) + "/")]
        assert not problems, "\n".join(problems)
    finally:
        driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})


def test_payloads_arrive_as_visible_text(driver):
    """The payloads reach the pages, as text: the checks above are not passing on pages that lack them."""
    expectations = {
        "letters/2024-01-02-payload-letter.html": ["window.__pwned='letter-title'", "window.__pwned='to-name'"],
        "staffing/payload-2024-calculator.html": ["window.__pwned='factor-label'", "window.__pwned='js-string'"],
        "articles/bidi.html": ["fdp.exe"],
    }
    missing = []
    for page, texts in expectations.items():
        driver.get(file_url(site() / page))
        shown = driver.execute_script("return document.body.innerText")
        missing += [f"{page}: {text}" for text in texts if text not in shown]
    assert not missing, "payload text not shown: " + ", ".join(missing)
