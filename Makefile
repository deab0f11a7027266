# newskg: `make demo` builds the seed articles, `make test` runs the tests.
# Each target sets up the virtual environment it needs in .venv.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed

.PHONY: setup demo test test-fast bench clean vocab

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(KG) build seeds --out build
	$(KG) query build/graph.ttl roles
	@echo
	@echo "Interactive view: $(CURDIR)/build/graph.html"

test: $(STAMP)
	$(PY) -m pytest -q

# Rule tests only, without the spaCy model runs.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not model"

vocab: $(STAMP)
	$(PY) -m kg._genvocab

clean:
	rm -rf build .pytest_cache
