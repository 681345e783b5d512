# One-command workflows. `make serve` takes a fresh clone to a served site; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# A test run starts many Python processes (workers, builds, the command line): each compiles a module once
# and the rest read its bytecode (__pycache__, ignored by git), even where the environment turns that off.
test test-fast: export PYTHONDONTWRITEBYTECODE :=

.PHONY: serve build test test-fast lint bench paraphrase clean venv npm

serve: venv npm ## build and serve at http://127.0.0.1:8000, rebuilding on changes
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 \
	  --watch toolkit_content --watch pyscript_tools --watch plugins --watch overrides

build: venv npm ## build site/ for publishing (strict: any warning fails)
	$(BIN)/mkdocs build --strict --clean

test: lint venv npm ## every test: linters and type check, Node unit tests, engine, content, build, Pyodide, browser
	node --test tests/js/
	$(BIN)/pytest

test-fast: lint ## the tests that need no browser
	node --test tests/js/
	$(BIN)/pytest -m "not browser"

lint: venv ## ruff (style and mistakes) and mypy (types) over the Python code
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: venv npm ## performance figures (prints, never fails on timing)
	$(BIN)/python tests/bench/run.py

paraphrase: ## sentences that closely paraphrase ../shared/sources (standard library only; needs that folder)
	$(PYTHON) -m tests.support.paraphrase docs toolkit_content --sources ../shared/sources

venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

npm: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

clean:
	rm -rf site .pytest_cache
