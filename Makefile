# Two commands a learner or an instructor needs, and a few the team uses.
#   make lab    set everything up (first time only) and open the course in JupyterLab
#   make test   set everything up (first time only) and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test notebooks lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: $(STAMP)
	$(BIN)/ruff check gdlib tests notebooks scripts
	$(BIN)/pytest

# Re-execute every notebook in place, top to bottom, each in a fresh kernel.
notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

lint: $(STAMP)
	$(BIN)/ruff check gdlib tests notebooks scripts

clean:
	rm -rf $(VENV) build
