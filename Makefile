# Two commands a learner or an instructor needs, and a few the team uses.
#   make lab    set everything up (first time only) and open the course in JupyterLab
#   make test   set everything up (first time only) and run the whole test suite
# In class: `make present NOTEBOOK=notebooks/03_learning_rate.ipynb` shows one notebook as an app
# (Voila: text, sliders and figures, no code); `make handouts` writes HTML pages to build/handouts/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The lowest versions pyproject.toml allows, for make test-lowest.
LOWEST := .venv-lowest
# JupyterLite's build tools, kept out of .venv: JupyterLab must not load Lite's kernel extension.
LITE_VENV := .venv-lite

.PHONY: lab test test-lowest notebooks lint bench present handouts lite mutants clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[lab,test]'
	touch $(STAMP)

# JupyterLab refuses to run as root unless told to; containers and cloud machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) notebooks/00_start_here.ipynb

# One worker per core; --dist loadfile keeps each file on one worker, so a notebook's cells
# run in order in one kernel and the browser tests share one server and one browser.
test: $(STAMP) $(LOWEST)/.installed $(LITE_VENV)/.installed
	$(BIN)/ruff check gdlib tests notebooks scripts benchmarks
	$(BIN)/pytest -n auto --dist loadfile
	$(MAKE) --no-print-directory test-lowest

# The lowest versions pyproject.toml allows (uv's lowest-direct resolution), in a venv of their own.
# The notebooks and the unit tests run there too, so every declared lower bound is a tested promise
# (the browser, quick-start and Lite tests, which start servers, run with the newest versions only).
# Old releases meet the newest of their own dependencies there and warn of deprecations (matplotlib
# 3.8.4 and today's pyparsing do), so deprecation warnings are not errors in this run.
$(LOWEST)/.installed: pyproject.toml tests/lowest-constraints.txt $(STAMP)
	rm -rf $(LOWEST)
	$(BIN)/uv venv --quiet --python $(PYTHON) $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct \
		--constraint tests/lowest-constraints.txt -e '.[lab,test]'
	touch $@

test-lowest: $(LOWEST)/.installed
	$(LOWEST)/bin/pytest -n auto --dist loadfile -W ignore::DeprecationWarning \
		--ignore=tests/test_browser.py --ignore=tests/test_quickstart.py --ignore=tests/test_lite.py

# A notebook as an app: Voila runs it and shows its text, sliders and figures, not its code.
NOTEBOOK ?= notebooks/00_start_here.ipynb
VOILA_PORT ?= 8866
present: $(STAMP)
	$(BIN)/voila --port=$(VOILA_PORT) $(NOTEBOOK)

# The course as a static site that runs in a browser tab, offline (JupyterLite and Pyodide).
$(LITE_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LITE_VENV)/bin/python -m pip install --quiet -e '.[lite]'
	touch $@

lite: $(LITE_VENV)/.installed
	$(LITE_VENV)/bin/python scripts/build_lite.py --out build/lite

# Static HTML handouts of every notebook, with their figures, from the saved outputs.
handouts: $(STAMP)
	$(BIN)/python scripts/export_handouts.py --out build/handouts

# Re-execute every notebook in place, top to bottom, each in a fresh kernel.
notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

lint: $(STAMP)
	$(BIN)/ruff check gdlib tests notebooks scripts benchmarks

# Measure speed (benchmarks/run.py): gdlib against its floor, sliders, notebooks, scikit-learn.
# The bench extra (scikit-learn, threadpoolctl) is only for the benchmarks.
$(VENV)/.bench-installed: $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[lab,test,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/run.py --quick --json build/benchmarks/figures.json

# Mutation testing (scripts/mutants.py): mutmut plants one small bug at a time in gdlib's math,
# topic models and exercise checkers and runs the unit tests against each (no nbval, no browser);
# the score per module and every surviving mutant land in build/mutants/report.md. One worker at
# low priority by default (MUTANTS_JOBS=2 on an idle machine); mutants/ keeps the results, so a
# second run re-tests only what changed and the survivors (rm -rf mutants for a fresh start).
MUTANTS_JOBS ?= 1
$(VENV)/.mutants-installed: $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[lab,test,mutants]'
	touch $@

mutants: $(VENV)/.mutants-installed
	nice -n 19 $(BIN)/python scripts/mutants.py run --jobs $(MUTANTS_JOBS)

clean:
	rm -rf $(VENV) $(LOWEST) $(LITE_VENV) build mutants
