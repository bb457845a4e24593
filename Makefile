# The README's two commands: `make run` and `make test`. Everything else is their plumbing.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
export DEBUG ?= 1

.PHONY: run test install install-test browser system migrate seed lint

# The task worker (imports, long exports) runs beside the server; Ctrl+C stops both.
run: install system migrate seed
	@echo "UnionHub chạy tại http://$(HOST)/  (Ctrl+C để dừng cả máy chủ và bộ xử lý nền)"
	@$(BIN)/python manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

test: install-test system browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check --quiet .
	DEBUG=0 $(BIN)/pytest -n 2 -p no:cacheprovider

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# constraints.txt pins every package, indirect ones included, so installs are reproducible.
# Refresh it after changing pyproject.toml: .venv/bin/pip freeze --exclude-editable > constraints.txt
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

# WeasyPrint (PDF documents) needs Pango, and HarfBuzz's subsetter to embed fonts quickly.
SYSTEM_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
system:
	@dpkg -s $(SYSTEM_LIBS) >/dev/null 2>&1 || { \
	  echo "Installing $(SYSTEM_LIBS) for PDF documents"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) $(SYSTEM_LIBS) >/dev/null \
	  || echo "Could not install $(SYSTEM_LIBS): PDF downloads will fail until they are"; }

# The browser test drives Debian's Chromium; a fresh machine does not have it.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser test"; \
	  $(SUDO) apt-get update -qq && \
	  $(APT_INSTALL) chromium >/dev/null; }

migrate: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --verbosity 0

seed: install
	$(BIN)/python manage.py seed_demo

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
