# The two commands a new user runs: `make book`, then `make test`. Everything else is set up on the way.
#   make book [DATA=dir] [AS_OF=YYYY-MM-DD] [SCENARIO=name]   build the site into _build/html
#   make test      unit + data tests, nbval on every notebook, browser tests of the built site
#   make baseline  re-run the committed notebooks on data/ after an intended data change (then commit)
#   make bench     time cold, no-change and one-CSV builds against stock Jupyter Book
#   make audit     Lighthouse scores for every page
#   make clean     remove build outputs and caches (keeps .venv)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= data
AS_OF ?=
SCENARIO ?=
BOOK_ARGS := --data "$(DATA)" $(if $(AS_OF),--as-of "$(AS_OF)") $(if $(SCENARIO),--param scenario=$(SCENARIO)) \
             $(if $(SITE_URL),--site-url "$(SITE_URL)")

.PHONY: book test baseline bench audit clean browser venv

# The virtualenv is rebuilt only when requirements.txt changes. The .pth file puts scripts/ on the
# path, so `import tradefight` works in notebooks, kernels and tests alike.
$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'tradefight-scripts.pth').write_text('$(CURDIR)/scripts\n')"
	@touch $@

venv: $(VENV)/.installed

book: $(VENV)/.installed
	@$(PY) -m tradefight.build $(BOOK_ARGS)

# Chromium for the browser tests: Debian's package (Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests ..."; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq chromium >/dev/null; }

# Unit, data and build tests, nbval on every notebook (-v lists each cell), then the site in Chromium.
# pytest-playwright's own base_url fixture triggers a pytest deprecation warning; it is not ours.
test: book browser
	$(PY) -m pytest -v -p no:cacheprovider -W "ignore::pytest.PytestRemovedIn10Warning" --nbval tests book

baseline: $(VENV)/.installed
	$(PY) -m tradefight.build --baseline

bench: $(VENV)/.installed
	$(PY) -m tradefight.bench

audit: book browser
	$(PY) -m tradefight.audit

clean:
	rm -rf _build .pytest_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
