"""FAQPage structured data against what the page shows: python3 Tests/Validators/faq_jsonld.py SITE

Reads every page's JSON-LD with extruct. Each FAQPage must have one Question, with a name and an accepted
answer's text, for each question the page shows (a section.qa-pair, named by its heading), in the same order
and with the same wording; and a page that shows questions must carry a FAQPage. Exits 1 on any finding.
"""
import html.parser
import pathlib
import sys

import extruct


class VisibleQuestions(html.parser.HTMLParser):
    """The text of each heading that names a section.qa-pair (aria-labelledby), in page order, without its
    permalink (the "#" link beside it)."""

    VOID = {"br", "img", "wbr", "input", "hr", "meta", "link", "source"}

    def __init__(self):
        super().__init__()
        self.wanted, self.questions, self.current, self.depth = set(), [], None, 0
        self.skipping = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "qa-pair" in (attrs.get("class") or "").split():
            self.wanted.add(attrs.get("aria-labelledby"))
        if self.current is not None and tag not in self.VOID:
            self.depth += 1
            if self.skipping is None and "permalink" in (attrs.get("class") or "").split():
                self.skipping = self.depth
        elif attrs.get("id") in self.wanted and tag in ("h2", "h3", "h4"):
            self.current, self.depth = [], 0

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if self.depth == 0:
            self.questions.append(" ".join("".join(self.current).split()))
            self.current = None
        else:
            if self.skipping == self.depth:
                self.skipping = None
            self.depth -= 1

    def handle_data(self, data):
        if self.current is not None and self.skipping is None:
            self.current.append(data)


def main(site):
    site = pathlib.Path(site)
    findings, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        data = extruct.extract(text, syntaxes=["json-ld"], uniform=True)["json-ld"]
        faqs = [item for item in data if item.get("@type") == "FAQPage"]
        visible = VisibleQuestions()
        visible.feed(text)
        name = page.relative_to(site)
        if visible.questions and not faqs:
            findings.append(f"{name}: shows {len(visible.questions)} questions but has no FAQPage")
        for faq in faqs:
            checked += 1
            entities = faq.get("mainEntity") or []
            entities = entities if isinstance(entities, list) else [entities]
            names = [" ".join((entity.get("name") or "").split()) for entity in entities]
            if len(entities) != len(visible.questions):
                findings.append(f"{name}: FAQPage has {len(entities)} questions, the page shows {len(visible.questions)}")
            for number, (entity, shown) in enumerate(zip(entities, visible.questions), 1):
                answer = entity.get("acceptedAnswer") or {}
                if entity.get("@type") != "Question" or not (answer.get("text") or "").strip():
                    findings.append(f"{name}: question {number} is not a Question with an accepted answer's text")
                if names[number - 1] != shown:
                    findings.append(f"{name}: question {number} is {names[number - 1]!r} in the data but {shown!r} on the page")
    if checked == 0:
        findings.append("no page carries a FAQPage")
    for finding in findings:
        print(f"faq: {finding}")
    print(f"faq: {checked} FAQPage(s), {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Public"))
