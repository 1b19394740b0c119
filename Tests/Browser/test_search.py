"""Search from file://: the header box, search.html, ranking, filters, keyboard use and the live count."""
import os
import pathlib
import subprocess
import sys
import tempfile
import urllib.parse

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import axe_violations, file_url, too_wide_at

PUBLIC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Public").resolve()
ROOT = pathlib.Path(__file__).resolve().parents[2]
PORTAL = pathlib.Path(os.environ.get("PORTAL", ROOT / ".build/release/portal"))

LETTER_2022 = "letters/2022-08-30-customer-relations-coordinators.html"
LETTER_2019 = "letters/2019-12-12-enterprise-customer-care-restructure.html"
PRESENTATION = "presentations/2022-08-30-naps-presentation.html"
ARTICLE = "customer-connect/coordinator-duties.html"
QA = "customer-connect/questions-and-answers.html"


def wait(driver, condition, message=""):
    """Waits generously (CI machines are slow), retrying while results are being redrawn."""
    return WebDriverWait(driver, 20, ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)


def open_search(driver, query=""):
    url = file_url(PUBLIC / "search.html") + ("?q=" + urllib.parse.quote(query) if query else "")
    driver.get(url)
    if query:
        wait_for(driver, query)


def wait_for(driver, query):
    wait(driver, lambda d: d.find_element(By.ID, "search-results").get_attribute("data-query") == query,
         f"no results drawn for {query!r}")


def type_query(driver, query):
    box = driver.find_element(By.ID, "search-query")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(query)
    wait_for(driver, query)


def results(driver):
    """(page relative to Public/, fragment, title text, whole result text) for every drawn result."""
    found = []
    for item in driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result"):
        link = item.find_element(By.CSS_SELECTOR, "a.search-result-link")
        parsed = urllib.parse.urlparse(link.get_attribute("href"))
        page = str(pathlib.Path(urllib.parse.unquote(parsed.path)).relative_to(PUBLIC))
        found.append((page, parsed.fragment, link.text, item.text))
    return found


def pages(driver):
    return [page for page, _, _, _ in results(driver)]


def status(driver):
    return driver.find_element(By.ID, "search-status").text


def test_header_box_on_every_page_leads_to_search_with_query_in_url(driver):
    driver.get(file_url(PUBLIC / LETTER_2019))
    box = driver.find_element(By.ID, "site-search-query")
    box.send_keys("workload", Keys.ENTER)
    wait(driver, lambda d: "search.html" in d.current_url)
    assert "q=workload" in driver.current_url, driver.current_url
    wait_for(driver, "workload")
    assert driver.find_element(By.ID, "search-query").get_attribute("value") == "workload"


def test_workload_finds_the_2022_letter_and_the_presentation(driver):
    open_search(driver)
    type_query(driver, "workload")
    found = pages(driver)
    assert LETTER_2022 in found, found
    assert PRESENTATION in found, found
    assert LETTER_2019 not in found, found
    marks = driver.find_elements(By.CSS_SELECTOR, "#search-results mark")
    assert marks and all(m.text.lower().startswith("workload") for m in marks), [m.text for m in marks]


def test_whole_code_puts_the_customer_relations_coordinator_first(driver):
    open_search(driver)
    type_query(driver, "2345-5035")
    first = results(driver)[0]
    assert "Customer Relations Coordinator" in first[2], first
    assert first[0] == "codes/2345-5035.html", first
    assert "2345-5035" in first[3] and "EAS-17" in first[3], first
    assert {"positions/2345-5035-current.html", "positions/2345-5035-proposed.html"} <= set(pages(driver)), pages(driver)


def test_partial_code_from_a_shared_url_puts_that_code_first(driver):
    open_search(driver, "2345")
    first = results(driver)[0]
    assert first[0] == "codes/2345-5035.html", first
    assert driver.find_element(By.ID, "search-query").get_attribute("value") == "2345"


def test_article_8_finds_the_coordinator_article(driver):
    open_search(driver)
    type_query(driver, "Article 8")
    assert ARTICLE in pages(driver)[:3], pages(driver)


def test_48_hours_lands_on_the_answer(driver):
    open_search(driver)
    type_query(driver, "48 hours")
    found = results(driver)
    answer = next((r for r in found if r[0] == QA and r[1]), None)
    assert answer, found
    assert found.index(answer) == 0, found
    link = driver.find_elements(By.CSS_SELECTOR, "#search-results a.search-result-link")[0]
    link.click()
    wait(driver, lambda d: QA in urllib.parse.unquote(d.current_url))
    fragment = urllib.parse.urlparse(driver.current_url).fragment
    assert fragment == answer[1], driver.current_url
    target = driver.find_element(By.ID, fragment)
    section_text = driver.execute_script(
        "var n = arguments[0], t = ''; do { t += n.textContent; n = n.nextElementSibling; }"
        " while (n && n.tagName !== 'H2'); return t;", target)
    assert "48 hours" in section_text, section_text


def test_supervisor_ratio_finds_the_2019_restructure(driver):
    open_search(driver)
    type_query(driver, "supervisor ratio")
    assert pages(driver)[0] == LETTER_2019, pages(driver)


def test_a_query_with_no_results_says_so(driver):
    open_search(driver)
    type_query(driver, "zyxwv qqqq")
    assert results(driver) == []
    assert "No results" in status(driver), status(driver)


def test_count_is_announced_in_a_live_region(driver):
    open_search(driver)
    type_query(driver, "coordinator")
    region = driver.find_element(By.ID, "search-status")
    assert region.get_attribute("aria-live") == "polite"
    count = len(driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result"))
    assert count > 0
    assert status(driver).split()[0].isdigit() and "result" in status(driver), status(driver)


def test_prefix_of_the_last_word_matches_while_typing(driver):
    open_search(driver)
    type_query(driver, "supervisor rat")
    assert LETTER_2019 in pages(driver)[:3], pages(driver)


def test_plural_and_singular_match(driver):
    open_search(driver)
    type_query(driver, "ratios")
    assert LETTER_2019 in pages(driver), pages(driver)


def test_filters_by_kind_and_grade(driver):
    open_search(driver)
    type_query(driver, "customer")
    Select(driver.find_element(By.ID, "search-kind")).select_by_value("Position description")
    wait(driver, lambda d: all("Position description" in r[3] for r in results(d)) and results(d))
    assert all(r[0].startswith("positions/") for r in results(driver)), pages(driver)
    assert "kind=Position" in driver.current_url, driver.current_url
    Select(driver.find_element(By.ID, "search-grade")).select_by_value("EAS-17")
    wait(driver, lambda d: results(d) and all("EAS-17" in r[3] for r in results(d)))
    assert all(r[0].startswith("positions/2345-5035-") for r in results(driver)), pages(driver)


def test_keyboard_slash_arrows_and_enter(driver):
    driver.get(file_url(PUBLIC / ARTICLE))
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    assert driver.switch_to.active_element.get_attribute("id") == "site-search-query"
    open_search(driver)
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    assert driver.switch_to.active_element.get_attribute("id") == "search-query"
    type_query(driver, "workload")
    links = driver.find_elements(By.CSS_SELECTOR, "#search-results a.search-result-link")
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == links[0]
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == links[1]
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP, Keys.ARROW_UP)
    assert driver.switch_to.active_element.get_attribute("id") == "search-query"
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    expected = urllib.parse.urlparse(links[0].get_attribute("href")).path
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait(driver, lambda d: urllib.parse.urlparse(d.current_url).path == expected)


def test_index_text_is_shown_as_text_not_markup(driver):
    open_search(driver)
    type_query(driver, "workload")
    snippets = driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result-snippet")
    assert snippets
    for snippet in snippets:
        tags = driver.execute_script(
            "return Array.prototype.map.call(arguments[0].querySelectorAll('*'), function (e) { return e.tagName; });",
            snippet)
        assert set(tags) <= {"MARK"}, tags


def test_results_page_passes_axe_and_fits_320_pixels(driver):
    open_search(driver, "workload")
    violations = axe_violations(driver, "search.html?q=workload")
    assert not violations, "\n".join(violations)
    problems = too_wide_at(driver, 320, {"search.html": lambda: open_search(driver, "customer relations coordinator")})
    assert not problems, "\n".join(problems)


def test_javascript_tokenizer_matches_swift(driver):
    """search.js makes the same terms as SearchTokenizer.swift (pinned by SearchTests.TokenizerParityTests)."""
    import json

    fixtures = pathlib.Path(__file__).resolve().parents[1] / "Fixtures/search"
    inputs = json.loads((fixtures / "tokenizer-inputs.json").read_text(encoding="utf-8"))
    expected = json.loads((fixtures / "tokenizer-terms.json").read_text(encoding="utf-8"))
    open_search(driver)
    mismatches = []
    for text in inputs:
        got = driver.execute_script("return window.PortalSearch.terms(arguments[0])", text)
        if got != expected[text]:
            mismatches.append(f"{text!r}: search.js {got} but Swift {expected[text]}")
    assert not mismatches, "\n".join(mismatches)



def test_javascript_stemmer_matches_snowball(driver):
    """search.js stems as Snowball's English stemmer does (EnglishStemmer.swift is held to the same file)."""
    fixtures = pathlib.Path(__file__).resolve().parents[1] / "Fixtures/search"
    pairs = [line.split("\t") for line in (fixtures / "english-stems.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    open_search(driver)
    got = driver.execute_script(
        "return arguments[0].map(function (w) { return window.PortalSearch.stem(w); })", [w for w, _ in pairs])
    mismatches = [f"{w}: search.js {g} but Snowball {s}" for (w, s), g in zip(pairs, got) if g != s]
    assert len(pairs) > 2000
    assert not mismatches, "\n".join(mismatches[:20])


def top_pages(driver, query, count=5):
    open_search(driver, query)
    return pages(driver)[:count]


def test_forms_of_a_word_find_each_other(driver):
    assert LETTER_2019 in top_pages(driver, "restructuring")
    assert "positions/2345-5035-current.html" in top_pages(driver, "coordinating")
    assert "positions/2370-0671-current.html" in top_pages(driver, "specialists")


def test_abbreviations_find_their_expansions_and_the_reverse(driver):
    assert "positions/2345-5035-current.html" in top_pages(driver, "CRC")
    assert "positions/0340-0016-current.html" in top_pages(driver, "manager customer care ops")
    # The glossary's entry is found by its expansion, and ranks below the documents.
    open_search(driver, "customer relations coordinator")
    found = pages(driver)
    assert "glossary.html" in found and found[0] != "glossary.html", found


def test_quoted_phrase_returns_only_parts_holding_it(driver):
    open_search(driver, '"lead card"')
    found = pages(driver)
    assert found and set(found) <= {"customer-connect/coordinator-duties.html", "customer-connect/questions-and-answers.html"}, found
    open_search(driver, '"card lead"')
    assert not results(driver), "the words in the other order are not the phrase"


def test_words_only_in_computed_tables_are_found(driver):
    assert "staffing/index.html" in top_pages(driver, "Texas")


def test_results_a_stem_matches_rank_the_exact_word_first(driver):
    open_search(driver, "coordinating")
    first = results(driver)[0][3].lower()
    assert "coordinating" in first, first


def test_codes_in_results_link_to_their_pages(driver):
    open_search(driver, "customer relations coordinator")
    badges = driver.find_elements(By.CSS_SELECTOR, "#search-results .code")
    assert badges, "no code badge in the results"
    for badge in badges:
        assert badge.tag_name == "a" and badge.get_attribute("href").endswith(f"codes/{badge.text}.html"), badge.text


def build_site(title, files):
    """Builds a one-off site of Customer Connect `files` (name → Markdown) in a temporary folder; returns its Public/."""
    site = pathlib.Path(tempfile.mkdtemp(prefix="portal-search-"))
    (site / "Content/customer-connect").mkdir(parents=True)
    (site / "Content/site.yaml").write_text(
        f'title: {title}\ndescription: A search test.\nbase_url: ""\nid_authority: example.org\nid_date: 2024-01-01\n',
        encoding="utf-8")
    for name, text in files.items():
        (site / "Content/customer-connect" / name).write_text(text, encoding="utf-8")
    subprocess.run([str(PORTAL), "build", "--content", str(site / "Content"), "--theme", str(ROOT / "Theme"),
                    "--output", str(site / "Public")], check=True, stdout=subprocess.DEVNULL)
    return site / "Public"


def capped_site():
    """A site where "hours" and "office" are in more parts than a word's list keeps (1,200, SearchRanking's
    maximumPostingsPerTerm): 1,300 short answers hold "office hours", and a long last one, whose low impacts
    leave it out of both cut lists, holds "48 hours" and "office hours"; "48" is in no other answer."""
    filler = " ".join(["Routes, mail and parcels are sorted before the carriers leave."] * 12)
    lines = ["---", "title: Office questions", "kind: qa", "date: 2024-01-02", "---", "", "Questions on the office.", ""]
    for number in range(1, 1301):
        lines += [f"## Question {number}", "", "Office hours are posted.", ""]
    lines += ["## A long answer", "", f"{filler} A representative calls back within 48 hours; office hours change. {filler}", ""]
    return build_site("Capped", {"office.md": "\n".join(lines)})


def search_site(driver, site, query):
    """Runs `query` on a one-off site: the drawn results' part titles, the status line, and PortalSearch.last."""
    driver.get(file_url(site / "search.html") + "?q=" + urllib.parse.quote(query))
    wait(driver, lambda d: d.find_element(By.ID, "search-results").get_attribute("data-query") == query,
         f"no results drawn for {query!r}")
    titles = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result-part")]
    return titles, status(driver), driver.execute_script("return PortalSearch.last")


def test_quoted_phrase_finds_parts_a_common_words_cut_list_leaves_out(driver):
    site = capped_site()

    def search(query):
        return search_site(driver, site, query)[:2]

    # "48" lists every part that holds it, so every part holding the phrase is found, and the count is whole.
    titles, line = search('"48 hours"')
    assert titles == ["\u2014 A long answer"], (titles, line)
    assert line.startswith("1 result for") and line.endswith("\u201d."), line
    # Both words of "office hours" are cut: the parts in both lists are checked and the line says there may be more.
    titles, line = search('"office hours"')
    assert titles and "there may be more" in line, line
    titles, line = search('"hours office"')
    assert not titles and "No results" in line and "other parts may hold it" in line, line


def spread_site():
    """A site where the parts holding both words of "office hours" are spread over 30 documents, more than the
    ten whose text a query reads for its first results: each document has the phrase in one part, its words with
    a stop word between them in another, the words reversed in a third, and "office" ending a heading whose text
    starts with "hours" in a fourth."""
    return build_site("Spread", {f"office-{number:02d}.md": "\n".join([
        "---", f"title: Branch {number} questions", "kind: qa", f"date: 2024-01-{number % 28 + 1:02d}", "---", "",
        "Questions from one branch.", "",
        "## Posted", "", "Office hours are posted at the window.", "",
        "## Between", "", "The office of the hours clerk opens early.", "",
        "## Reversed", "", "Hours at the office vary by season.", "",
        "## Front office", "", "Hours of the front desk are shorter.", "",
    ]) for number in range(30)})


def test_quoted_phrase_is_settled_by_word_positions_without_reading_every_document(driver):
    site = spread_site()

    def search(query):
        titles, line, last = search_site(driver, site, query)
        return last, set(titles), line

    # Each document's "Posted" and "Between" parts (stop words are skipped, as the text check skips them); never
    # the reversed words, nor a heading's last word followed by its text's first.
    last, parts, line = search('"office hours"')
    assert last["results"] == 60, last
    assert line.startswith("60 results for") and "may be more" not in line, line
    assert parts and parts <= {"\u2014 Posted", "\u2014 Between"}, parts
    loaded = last["loaded"]
    assert any(path.startswith("search/p/") for path in loaded), loaded
    documents = [path for path in loaded if path.startswith("search/d/")]
    assert len(documents) <= 10, f"{len(documents)} document files read to settle the phrase: {documents}"
    last, parts, _ = search('"office hours" clerk')
    assert last["results"] == 30 and parts == {"\u2014 Between"}, (last, parts)
    for other in ("season", "desk"):
        last, parts, line = search('"office hours" ' + other)
        assert last["results"] == 0 and not parts, (other, last, line)
