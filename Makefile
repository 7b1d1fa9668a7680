# nuiawase: the two commands of the README.
#   make demo   set up (venv, packages), seed a demo workspace and serve the apps
#   make test   set up (venv, packages, system packages) and run every test
#
# Everything a fresh Debian machine needs is installed from here; nothing is assumed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMPS := .stamps
WORKSPACE ?= workspace
PORT ?= 8866

.PHONY: demo test lint typecheck unit setup system-deps hub-deps bench clean

setup: $(STAMPS)/venv

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	@# Debian's own python3 ships venv separately (python3-venv); install it when missing.
	$(PYTHON) -m venv $(VENV) || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv && \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@# GiNZA's word vectors, read once into a compact cache (~3 s) so no interview waits for it.
	$(PY) -m simulator.interview.vectors
	@touch $@

# Debian packages the tests drive for real: a browser, Japanese fonts, PostgreSQL.
SYSTEM_PACKAGES := chromium fonts-noto-cjk postgresql
system-deps: $(STAMPS)/system

$(STAMPS)/system:
	@mkdir -p $(STAMPS)
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@touch $@

# JupyterHub (tests/hub and a one-machine hub): the `hub` extra into the venv, and
# configurable-http-proxy from npm into .chp/ in the project (not a global install).
# node and npm come from Debian (or NodeSource's nodejs, which has npm in it).
CHP_VERSION := 5.3.0
hub-deps: $(STAMPS)/hub

$(STAMPS)/hub: $(STAMPS)/venv pyproject.toml
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm; }
	$(PY) -m pip install --quiet -e '.[dev,hub]'
	npm install --prefix .chp --no-audit --no-fund --silent configurable-http-proxy@$(CHP_VERSION)
	@touch $@

lint: setup
	$(VENV)/bin/ruff check simulator tests benchmarks scripts
	$(VENV)/bin/ruff format --check simulator tests benchmarks scripts

typecheck: setup
	$(VENV)/bin/mypy

# Unit, property, golden, notebook (nbval), browser (Playwright + Debian chromium) tests.
unit: setup system-deps hub-deps
	$(VENV)/bin/pytest -q tests curriculum voila_apps --nbval-lax --nbval-current-env -p no:cacheprovider

test: setup system-deps hub-deps lint typecheck unit

# nuiawase refuses to serve as root unless told --allow-root; a root shell (CI's container,
# a fresh machine's first login) says so here, explicitly, rather than nuiawase guessing.
ALLOW_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

demo: setup
	$(VENV)/bin/nuiawase demo --workspace $(WORKSPACE) --port $(PORT) $(ALLOW_ROOT)

# Each benchmark prints its figures; benchmarks/README.md records them with the machine.
bench: setup system-deps
	$(PY) benchmarks/personas.py
	$(PY) benchmarks/interview.py
	$(PY) benchmarks/classifier.py
	$(PY) benchmarks/rubric.py
	$(PY) benchmarks/store.py
	$(PY) benchmarks/demo_startup.py

clean:
	rm -rf $(VENV) $(STAMPS) .chp .pytest_cache .mypy_cache .ruff_cache
