# make build: venv from pinned requirements -> strict site build into site/ (regenerating docs/)
# make test:  the whole test suite (what .ci/run runs)
# make serve: live preview; saving a file in faq_source/ regenerates and reloads

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Reproducible site/: the only dates MkDocs writes (sitemap.xml <lastmod>, the sitemap.xml.gz
# header) come from SOURCE_DATE_EPOCH when it is set, so default it to the time of the last
# commit: two builds of one commit are byte-identical, on any day.
# https://reproducible-builds.org/specs/source-date-epoch/
ifeq ($(strip $(SOURCE_DATE_EPOCH)),)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
ifneq ($(strip $(SOURCE_DATE_EPOCH)),)
export SOURCE_DATE_EPOCH
else
unexport SOURCE_DATE_EPOCH  # set but empty would make MkDocs fail on int('')
endif

.PHONY: build test serve check clean bench browser search-eval lighthouse html-check

# The hook (src/helpcenter/mkdocs_hook.py) checks faq_source/ and regenerates docs/ first: one
# process, one generation (a bad source stops the build with the located problems).
build: $(VENV)/.site-installed $(VENV)/.compiled
	$(BIN)/mkdocs build --strict
	@echo "site/ is ready."

test: $(VENV)/.test-installed browser
	$(BIN)/python -m pytest

serve: $(VENV)/.site-installed $(VENV)/.compiled
	$(BIN)/mkdocs serve

check: $(VENV)/.site-installed
	$(BIN)/python scripts/build_faq.py --check

# Timings on synthetic sources of 100, 1,000 and 5,000 questions (several minutes); prints a
# table and writes .bench/bench-<time>.json. BENCH_ARGS="--sizes 100,1000 --runs 3" to narrow.
bench: $(VENV)/.site-installed
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Debian's chromium for the browser tests (tests/browser); nothing downloads a browser of its own.
# With a Korean font (fonts-nanum), so that Korean pages are laid out with real glyphs (line
# breaking is measured on them). As root (CI) both are installed when missing; otherwise the
# tests say how to install them.
CHROMIUM ?= /usr/bin/chromium
KOREAN_FONT := /usr/share/fonts/truetype/nanum/NanumGothic.ttf
browser:
	@if [ ! -x "$(CHROMIUM)" ] || [ ! -f "$(KOREAN_FONT)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum; \
	  else echo "make browser: sudo apt-get install chromium fonts-nanum"; fi; \
	fi

# Search engines compared on the browser tests' queries (recall, index size, bytes fetched).
search-eval: $(VENV)/.test-installed browser
	$(BIN)/python scripts/search_eval.py

# Lighthouse (mobile) scores of the home and FAQ pages in both languages; pinned in
# tools/lighthouse (npm). Not part of make test.
lighthouse: $(VENV)/.test-installed browser tools/lighthouse/node_modules/.package-lock.json
	$(BIN)/python scripts/lighthouse.py

# Nu Html Checker (vnu.jar from npm vnu-jar, pinned in tools/lighthouse; needs java) over site/.
# The one error it reports is the theme's, not ours, and is filtered: Material's base.html puts
# autocomplete="off" on its checkbox toggles.
html-check: build tools/lighthouse/node_modules/.package-lock.json
	java -jar tools/lighthouse/node_modules/vnu-jar/build/dist/vnu.jar --errors-only \
	  --skip-non-html \
	  --filterpattern '.*Attribute “autocomplete” is only allowed when the input type is.*' site/

tools/lighthouse/node_modules/.package-lock.json: tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund

$(VENV)/.site-installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

# The package's bytecode, as a regular (not editable) install compiles it: where Python does not
# write it itself (PYTHONDONTWRITEBYTECODE, as in CI), each build would compile ~9,000 lines
# again (~60 ms). Made again when a source file changes.
$(VENV)/.compiled: $(VENV)/.site-installed $(wildcard src/helpcenter/*.py src/helpcenter/*/*.py)
	$(BIN)/python -m compileall -q src
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(BIN)/python -m pip install -q -r requirements-test.txt
	touch $@

clean:
	rm -rf site $(VENV)
