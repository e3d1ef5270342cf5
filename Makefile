# The two commands a new user runs: `make book`, then `make test`. Everything else is set up on the way.
#   make book [DATA=dir] [AS_OF=YYYY-MM-DD] [SCENARIO=name]   build the site into _build/html
#   make test      unit and data tests, nbval on every notebook, browser tests of the built site
#   make baseline  re-run the committed notebooks on data/ after an intended change (then commit them)
#   make diff DATA=dir   which figures, pages and statements a new data folder changes
#   make pdf       one PDF of the whole book (_build/html/tradefight.pdf, linked from the Overview)
#   make bench     build times against stock Jupyter Book, page weights, and a profile
#   make audit     Lighthouse, mobile and desktop, on every page
#   make lock      recompile requirements.txt (pinned, with hashes) from requirements.in
#   make clean     remove build outputs and caches (keeps .venv)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TF := $(VENV)/bin/tradefight
DATA ?= data
AS_OF ?=
SCENARIO ?=
BOOK_ARGS := --data "$(DATA)" $(if $(AS_OF),--as-of "$(AS_OF)") $(if $(SCENARIO),--scenario "$(SCENARIO)") \
             $(if $(SITE_URL),--site-url "$(SITE_URL)")

.PHONY: book test baseline diff pdf bench audit lock clean browser venv

# The virtualenv is refreshed only when requirements.txt or pyproject.toml change. Every dependency is
# installed with its hash checked; then this project's package, editable, with no dependencies of its own.
$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

venv: $(VENV)/.installed

# The site, then its PDF edition (printed by Chromium, remade only when the site changed). Outside CI the
# build runs in a warm build server that stays for the next `make book` (it stops after 15 idle minutes;
# `make clean` or `tradefight standby --stop` stops it, after any build it is running): see
# scripts/tradefight/tools/standby.py.
book: $(VENV)/.installed browser
	@$(TF) build $(BOOK_ARGS) $(if $(CI),,--standby)
	@$(TF) pdf

# Chromium for the browser tests: Debian's package (Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests ..."; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq chromium >/dev/null; }

# Unit, data and build tests, nbval on every notebook (-v lists each cell), then the site in Chromium.
# Options live in pyproject.toml ([tool.pytest.ini_options]).
test: book browser
	$(PY) -m pytest -v

baseline: $(VENV)/.installed
	$(TF) baseline

diff: $(VENV)/.installed
	$(TF) diff --data "$(DATA)"

pdf: book

bench: $(VENV)/.installed
	$(TF) bench

audit: book browser
	$(TF) audit

lock: $(VENV)/.installed
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	  --strip-extras --no-emit-index-url --no-emit-find-links requirements.in -o requirements.txt

clean:
	@if [ -x $(TF) ]; then $(TF) standby --stop; fi
	rm -rf _build .pytest_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
