# newskg: `make demo` builds the seed articles, `make test` runs the tests.
# Each target sets up the virtual environment it needs in .venv.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup demo test test-fast lint bench clean vocab chromium screenshots

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# setuptools warns that an editable install maps kg.ontology to ontology/; that is intended
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(KG) build seeds --out build
	$(KG) query build/graph.ttl roles
	@echo
	@echo "Interactive view: $(CURDIR)/build/graph.html"

test: $(STAMP) chromium
	$(PY) -m pytest -q

# The linter's and the type checker's settings are in pyproject.toml ([tool.ruff], [tool.mypy]).
lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests benchmarks
	$(VENV)/bin/mypy

# The browser tests drive Debian's Chromium; Playwright never downloads a browser here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

# Rule tests only, without the spaCy model or the browser.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not model and not browser"

# Benchmarks print figures; they are never timed assertions in the tests.
# The whole set takes about half an hour on two cores.
bench: $(STAMP) chromium
	$(PY) benchmarks/bench_build.py
	$(PY) benchmarks/bench_parallel.py
	$(PY) benchmarks/bench_store.py --lead 2
	$(PY) benchmarks/bench_long.py
	$(PY) benchmarks/bench_query.py
	$(PY) benchmarks/view_bench.py

# The pictures in docs/, from the development corpus.
screenshots: $(STAMP) chromium
	$(PY) docs/screenshots.py

vocab: $(STAMP)
	$(PY) -m kg._genvocab
	$(PY) -m kg.jsonld

clean:
	rm -rf build .pytest_cache
