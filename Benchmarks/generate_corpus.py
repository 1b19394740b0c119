#!/usr/bin/env python3
"""Writes a synthetic consultation corpus of N documents, twice: as portal Content/ and as a Hugo site.

The portal side follows docs/authoring-guide.md: letters that enclose position
descriptions and mention several occupation codes, position descriptions with
the standard headed sections, numbered duties and requirements, Q&A, articles,
and presentations with tables, strikethrough and staffing blocks, plus the
staffing data files (model, districts CSV and sidecar, complement, ratio) in
the shapes of Content/data/. The Hugo side carries the same bodies with
equivalent minimal templates: one page per document, a listing per section and
a taxonomy on occupation codes.

Output is deterministic for a given N and seed, so runs are comparable.

    python3 Benchmarks/generate_corpus.py --documents 10000 --out Benchmarks/work/10000
"""

import argparse
import json
import os
import random
import shutil

GENERATOR_VERSION = "7"

# Share of each kind, from the shape of a real consultation archive: most
# documents are position descriptions, enclosed in letters about five at a time.
SHARES = {"letter": 0.12, "position": 0.60, "presentation": 0.08, "qa": 0.10, "article": 0.10}

WORDS = (
    "customer service delivery retail revenue address programs consumer affairs claims relations local business "
    "community media district area post office postal products services coordinates assists identifies supplies "
    "leads referrals contact network representatives planning developing initiatives awareness generate mailer "
    "accounts acceptance expedited mail piece design readability inquiries complaints schedules meets regularly "
    "ensuring information preparation equipment materials mailings problems troubleshoots issues recommendations "
    "improvements implementation policies level plans meetings events prepares presentation forums council "
    "investigates prompt resolution initiated responds orally writing liaison support guidance advice internal "
    "stakeholders external training field employees courteous reliable supervision manager selection method "
    "handbook section nonbargaining knowledge sufficient technical managers supervisors ability coordinate "
    "participate designed increase understanding potential communicate present cooperatively interact positively "
    "workload model factors weights bands standardized allocation complement authorization criteria proposal "
    "consultation enterprise care center agents ratio restructure operations headquarters region functional "
    "purpose responsibilities duties requirements bargaining unit the of and to in for with on by a as at"
).split()

DUTY_VERBS = ["Coordinates", "Plans", "Directs", "Reviews", "Analyzes", "Prepares", "Serves", "Provides",
              "Monitors", "Develops", "Ensures", "Investigates", "Maintains", "Represents", "Evaluates"]

GRADES = ["EAS-11", "EAS-13", "EAS-15", "EAS-17", "EAS-19", "EAS-21", "EAS-23", "P7-01", "P7-02"]

SEED_CODES = ["2345-5035", "2370-0671"]  # codes the copied Content/data/ complement refers to


class Writer:
    """Builds both trees for one corpus."""

    def __init__(self, documents, out, seed, seed_data):
        self.n = documents
        self.out = out
        self.rng = random.Random(seed)
        self.seed_data = seed_data
        self.content = os.path.join(out, "portal", "Content")
        self.hugo = os.path.join(out, "hugo")
        self.markdown_bytes = 0
        self.current_positions = {}

    # ---- text

    def words(self, count):
        return " ".join(self.rng.choices(WORDS, k=count))

    def sentence(self, low=10, high=24):
        text = self.words(self.rng.randint(low, high))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences=4):
        return " ".join(self.sentence() for _ in range(sentences))

    def mention(self, codes):
        picked = self.rng.sample(codes, min(len(codes), self.rng.randint(2, 4)))
        return picked, "This concerns occupation codes " + ", ".join(picked[:-1]) + " and " + picked[-1] + "."

    # ---- layout

    def plan(self):
        n = self.n
        counts = {kind: max(1, int(n * share)) for kind, share in SHARES.items()}
        counts["article"] += n - sum(counts.values())
        # Positions: most codes have a current and a proposed version, some only a proposed one.
        positions = []
        index = 0
        while len(positions) < counts["position"]:
            code = SEED_CODES[index] if index < len(SEED_CODES) else "%04d-%04d" % (1000 + index // 9000, index % 9000 + 100)
            versions = ["current", "proposed"] if index % 10 < 7 else ["proposed"]
            for version in versions:
                if len(positions) < counts["position"]:
                    positions.append((code, version))
            index += 1
        self.positions = positions
        self.codes = sorted({code for code, _ in positions})
        self.titles = {code: self.words(3).title() for code in self.codes}
        self.letters = []
        for i in range(counts["letter"]):
            year = 2010 + i % 15
            month = 1 + (i // 15) % 12
            day = 1 + (i // 180) % 28
            self.letters.append("letters/%04d-%02d-%02d-consultation-%05d.md" % (year, month, day, i))
        # Position i is enclosed by letter i mod L; presentation j by letter j mod L.
        self.enclosures = {letter: [] for letter in self.letters}
        for i, (code, version) in enumerate(positions):
            self.enclosures[self.letters[i % len(self.letters)]].append(("position", code, version))
        self.presentations = []
        for j in range(counts["presentation"]):
            letter = self.letters[j % len(self.letters)]
            path = "presentations/%s-presentation-%05d.md" % (os.path.basename(letter)[:10], j)
            self.presentations.append((path, letter))
            self.enclosures[letter].append(("path", path, None))
        self.counts = counts
        self.datasets = max(1, n // 1000)

    # ---- files

    def write(self, relative, front, body, hugo_front):
        text = "---\n" + front + "---\n\n" + body
        self.markdown_bytes += len(text.encode())
        path = os.path.join(self.content, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        section, name = relative.split("/", 1)
        hugo_path = os.path.join(self.hugo, "content", section, name)
        os.makedirs(os.path.dirname(hugo_path), exist_ok=True)
        lines = ["---"] + ["%s: %s" % (key, json.dumps(value)) for key, value in hugo_front] + ["---", "", body]
        with open(hugo_path, "w") as f:
            f.write("\n".join(lines))

    def letter_date(self, letter):
        return os.path.basename(letter)[:10]

    def write_letter(self, i, letter):
        date = self.letter_date(letter)
        dataset = "bench-%03d" % (i % self.datasets)
        enclosed = self.enclosures[letter]
        enclosure_lines = []
        codes = []
        for kind, a, b in enclosed:
            if kind == "position":
                enclosure_lines.append("  - {code: %s, version: %s}" % (a, b))
                codes.append(a)
            else:
                enclosure_lines.append("  - {path: %s}" % a)
        mentioned, mention = self.mention(self.codes)
        title = "Consultation %05d on %s" % (i, self.words(3))
        front = (
            "title: %s\nkind: letter\ndate: %s\nsummary: %s\nfrom:\n  name: Pat Example\n  title: Manager, Labor Relations Policy Administration\n"
            "  organization: United States Postal Service, Labor Relations\nto:\n  name: Sam Example\n  title: President\n"
            "  organization: National Association of Postal Supervisors\n  address:\n    - 1727 King Street, Suite 400\n"
            "    - Alexandria, VA 22314-2753\nsalutation: \"Dear Mr. Example:\"\nclosing: Sincerely,\nstatute: 39 U.S.C. §1004(d)\n"
            "contact: Lee Example\ntracking: \"9114901496451617%06d\"\nenclosures:\n%s\n"
        ) % (title, date, self.sentence(), i, "\n".join(enclosure_lines) if enclosure_lines else "  []")
        if not enclosure_lines:
            front = front.replace("enclosures:\n  []\n", "enclosures: []\n")
        parts = [self.paragraph(5), mention + " " + self.paragraph(2),
                 "| Position | Grade | Occupation code |\n|---|---|---|\n"
                 + "".join("| %s | %s | %s |\n" % (self.title_of(c), self.grade_of(c), c) for c in codes[:6]),
                 self.paragraph(3),
                 "```staffing factors model=%s\n```" % dataset,
                 self.paragraph(2),
                 "```staffing bands model=%s\n```" % dataset,
                 self.paragraph(4),
                 "Please contact Lee Example if you have any questions concerning this proposal."]
        body = "\n\n".join(parts) + "\n"
        self.write(letter, front, body, [("title", title), ("date", date), ("summary", "Letter %d" % i),
                                         ("codes", sorted(set(codes + mentioned)))])

    def write_position(self, code, version, letter):
        date = self.letter_date(letter)
        current = self.current_positions.pop(code, None)
        if current:
            # A proposed version edits the current one, as real proposals do.
            title, body = current[0], self.revise(current[1])
        else:
            title = self.title_of(code)
            duties = "\n".join("%d. %s %s" % (k + 1, self.rng.choice(DUTY_VERBS), self.sentence(14, 30).lower())
                               for k in range(self.rng.randint(8, 13)))
            requirements = "\n".join(
                "%d. **%s - Essential**\\\n   Scale: Yes/No Qualification Proficiency: Yes\\\n   Ability to %s" % (
                    k + 1, self.words(2).upper(), self.sentence(12, 26).lower()) for k in range(self.rng.randint(5, 8)))
            body = ("## Functional Purpose\n\n%s\n\n## Duties and Responsibilities\n\n%s\n\n## Supervision\n\n%s\n\n"
                    "## Selection Method\n\nSee Handbook EL-312, Section 740 - Selection Policies For Nonbargaining Positions.\n\n"
                    "## Requirements\n\n%s\n") % (self.paragraph(5), duties, self.words(3).title(), requirements)
        if version == "current":
            self.current_positions[code] = (title, body)
        grade = self.grade_of(code)
        front = ("title: %s\nkind: position\ndate: %s\nsummary: %s position description for %s, %s.\noccupation_code: %s\n"
                 "grade: %s\nversion: %s\nconsultation: %s\n") % (title, date, version.title(), title, grade, code, grade, version, letter)
        path = "positions/%s-%s.md" % (code, version)
        self.write(path, front, body, [("title", title), ("date", date), ("summary", "%s %s" % (code, version)),
                                       ("codes", [code])])

    def title_of(self, code):
        """The position title of a code, the same wherever a letter names it, so tables agree with descriptions."""
        return self.titles[code]

    def grade_of(self, code):
        return GRADES[int(code[-4:]) % len(GRADES)]

    def revise(self, body):
        """A proposed revision: a few words changed in some lines, one duty dropped and one added, lists renumbered."""
        lines = body.split("\n")
        out = []
        add_duty = False
        for line in lines:
            if line.startswith("## Duties"):
                add_duty = True
            if line[:1].isdigit() and add_duty:
                out.append("0. %s %s" % (self.rng.choice(DUTY_VERBS), self.sentence(14, 30).lower()))
                add_duty = False
            if line[:1].isdigit() and self.rng.random() < 0.08:
                continue
            words = line.split(" ")
            if len(words) > 3 and not line.startswith("#") and self.rng.random() < 0.25:
                # Never the first or last word: they carry list numbers and line-break backslashes.
                words[self.rng.randrange(1, len(words) - 1)] = self.rng.choice(WORDS)
                line = " ".join(words)
            out.append(line)
        number = 0
        for i, line in enumerate(out):
            head, _, rest = line.partition(". ")
            if head.isdigit() and rest:
                number += 1
                out[i] = "%d. %s" % (number, rest)
            elif not line.startswith("   ") and line:
                number = 0
        return "\n".join(out)

    def write_presentation(self, j, path, letter):
        date = self.letter_date(letter)
        dataset = "bench-%03d" % (j % self.datasets)
        title = "Presentation %05d: %s" % (j, self.words(3))
        front = "title: %s\nkind: presentation\ndate: %s\nsummary: %s\nconsultation: %s\n" % (
            json.dumps(title), date, self.sentence(), letter)
        codes = [a for kind, a, _ in self.enclosures[letter] if kind == "position"][:3] or self.codes[:2]
        slides = ["## %s\n\nNAPS Presentation" % title.split(":")[0]]
        for s in range(self.rng.randint(6, 9)):
            slides.append("## %s\n\n- %s\n- ~~%s~~ %s\n- %s" % (
                self.words(4).title(), self.sentence(), self.words(5), self.sentence(), self.sentence()))
        slides.append("## Current and proposed\n\n| Position | Current | Proposed |\n|---|---|---|\n"
                      + "".join("| %s | ~~%s~~ | %s |\n" % (c, self.words(2), self.words(2)) for c in codes))
        slides.append("## Staffing\n\n```staffing complement complement=%s\n```\n\n%s" % (dataset, self.paragraph(2)))
        body = "\n\n".join(slides) + "\n"
        self.write(path, front, body, [("title", title), ("date", date), ("summary", "Presentation %d" % j),
                                       ("codes", codes)])

    def write_qa(self, k):
        title = "Program questions %05d" % k
        path = "customer-connect/questions-%05d.md" % k
        date = "20%02d-%02d-%02d" % (10 + k % 15, 1 + k % 12, 1 + k % 28)
        front = "title: %s\nkind: qa\ndate: %s\nsummary: %s\n" % (title, date, self.sentence())
        parts = [self.paragraph(3), "- **M-%05d**—%s\n- **M-%05d**—%s" % (k, self.words(4), k + 1, self.words(4))]
        for q in range(self.rng.randint(6, 10)):
            parts.append("## %s?\n\n%s" % (self.sentence(8, 14)[:-1], self.paragraph(4)))
        body = "\n\n".join(parts) + "\n"
        self.write(path, front, body, [("title", title), ("date", date), ("summary", "Q&A %d" % k), ("codes", [])])

    def write_article(self, k):
        title = "Program article %05d" % k
        path = "customer-connect/article-%05d.md" % k
        date = "20%02d-%02d-%02d" % (10 + k % 15, 1 + k % 12, 1 + k % 28)
        front = "title: %s\nkind: article\ndate: %s\nsummary: %s\n" % (title, date, self.sentence())
        steps = "\n".join("%d. %s" % (s + 1, self.sentence(6, 14)) for s in range(self.rng.randint(5, 10)))
        bullets = "\n".join("- %s\n  - %s" % (self.sentence(), self.sentence()) for _ in range(4))
        body = "\n\n".join([self.paragraph(5), steps, "**%s**" % self.sentence(), bullets, self.paragraph(4),
                            "See <https://www.example.org/programs/%05d> for details." % k]) + "\n"
        self.write(path, front, body, [("title", title), ("date", date), ("summary", "Article %d" % k), ("codes", [])])

    def write_data(self):
        data = os.path.join(self.content, "data")
        os.makedirs(data, exist_ok=True)
        for name in sorted(os.listdir(self.seed_data)):
            with open(os.path.join(self.seed_data, name)) as f:
                text = f.read()
            # Seed data may name the seed's letters, which this corpus does not have.
            text = "".join(line for line in text.splitlines(True) if not line.startswith("consultation:"))
            with open(os.path.join(data, name), "w") as f:
                f.write(text)
        model = open(os.path.join(self.seed_data, "customer-relations-2022.model.yaml")).read()
        csv_lines = open(os.path.join(self.seed_data, "customer-relations-2022.districts.csv")).read().splitlines()
        for d in range(self.datasets):
            stem = "bench-%03d" % d
            with open(os.path.join(data, stem + ".model.yaml"), "w") as f:
                f.write(model.replace("(proposed 2022)", "(benchmark %d)" % d))
            rows = [csv_lines[0]]
            for r in range(50):
                base = self.rng.randint(40, 220)
                rows.append("District %02d,%d,%d,%d,%d" % (r, base * 100, base // 2 + 1, base * 30000, base * 15))
            with open(os.path.join(data, stem + ".districts.csv"), "w") as f:
                f.write("\n".join(rows) + "\n")
            codes = self.codes[(2 * d) % len(self.codes):][:2] or self.codes[:2]
            with open(os.path.join(data, stem + ".complement.yaml"), "w") as f:
                f.write("name: Benchmark complement %d\npositions:\n" % d)
                for c in codes:
                    f.write("  - {code: \"%s\", current: %d, proposed: %d}\n" % (c, 10 + d, 12 + d))

    def write_hugo_skeleton(self):
        layouts = os.path.join(self.hugo, "layouts", "_default")
        os.makedirs(layouts, exist_ok=True)
        with open(os.path.join(self.hugo, "config.toml"), "w") as f:
            f.write('baseURL = "/"\ntitle = "Consultation Portal"\ndisableKinds = ["RSS", "sitemap", "robotsTXT", "404"]\n'
                    '[taxonomies]\n  code = "codes"\n')
        templates = {
            "baseof.html": '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>'
                           '<link rel="stylesheet" href="{{ "site.css" | relURL }}"></head>\n<body><nav>'
                           '<a href="{{ "/" | relURL }}">Home</a>{{ range .Site.Sections }} <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
                           '</nav>\n<main>{{ block "main" . }}{{ end }}</main></body></html>\n',
            "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "January 2, 2006" }}</p>'
                           '{{ with .Params.codes }}<ul class="codes">{{ range . }}<li><a href="{{ print "/codes/" (urlize .) "/" | relURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}'
                           '{{ .Content }}{{ end }}\n',
            "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> '
                         '{{ .Date.Format "January 2, 2006" }} {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}\n',
            "terms.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}\n',
        }
        for name, text in templates.items():
            with open(os.path.join(layouts, name), "w") as f:
                f.write(text)
        with open(os.path.join(self.hugo, "layouts", "index.html"), "w") as f:
            f.write('{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>{{ end }}\n')
        os.makedirs(os.path.join(self.hugo, "static"), exist_ok=True)
        with open(os.path.join(self.hugo, "static", "site.css"), "w") as f:
            f.write("body { font-family: sans-serif; }\n")
        for section, title in [("letters", "Consultation letters"), ("positions", "Position descriptions"),
                               ("presentations", "Presentations"), ("customer-connect", "Customer Connect")]:
            os.makedirs(os.path.join(self.hugo, "content", section), exist_ok=True)
            with open(os.path.join(self.hugo, "content", section, "_index.md"), "w") as f:
                f.write("---\ntitle: %s\n---\n" % json.dumps(title))

    def run(self):
        for tree in (os.path.join(self.out, "portal"), self.hugo):
            shutil.rmtree(tree, ignore_errors=True)
        self.plan()
        os.makedirs(self.content, exist_ok=True)
        with open(os.path.join(self.content, "site.yaml"), "w") as f:
            f.write('title: Consultation Portal\ndescription: Benchmark corpus of consultations.\nbase_url: ""\n')
        self.write_data()
        self.write_hugo_skeleton()
        for i, letter in enumerate(self.letters):
            self.write_letter(i, letter)
        for i, (code, version) in enumerate(self.positions):
            self.write_position(code, version, self.letters[i % len(self.letters)])
        for j, (path, letter) in enumerate(self.presentations):
            self.write_presentation(j, path, letter)
        for k in range(self.counts["qa"]):
            self.write_qa(k)
        for k in range(self.counts["article"]):
            self.write_article(k)
        stamp = {"version": GENERATOR_VERSION, "documents": self.n, "markdown_bytes": self.markdown_bytes,
                 "counts": self.counts, "codes": len(self.codes)}
        with open(os.path.join(self.out, "corpus.json"), "w") as f:
            json.dump(stamp, f, indent=2, sort_keys=True)
        return stamp


def ensure_corpus(documents, out, seed=8, seed_data=None):
    """Generates the corpus unless `out` already holds this generator version's corpus of that size."""
    seed_data = seed_data or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Content", "data")
    stamp_path = os.path.join(out, "corpus.json")
    if os.path.exists(stamp_path):
        with open(stamp_path) as f:
            stamp = json.load(f)
        if stamp.get("version") == GENERATOR_VERSION and stamp.get("documents") == documents:
            return stamp
    return Writer(documents, out, seed, seed_data).run()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    stamp = Writer(args.documents, args.out, args.seed,
                   os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Content", "data")).run()
    print(json.dumps(stamp, sort_keys=True))


if __name__ == "__main__":
    main()
