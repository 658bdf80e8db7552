# Two commands: `make run` starts the dashboard, `make test` runs every test.
# Both create .venv and install what they need first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast bench bench-export bench-load lint chromium basemap control clean

$(BIN)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.dev: requirements-dev.txt $(BIN)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Browser tests need Chromium. Playwright's own browser download does not work offline, so we
# use the system one: Debian's `chromium` package, installed here when missing and we are root.
chromium:
	@if [ -n "$$ZONES_CHROMIUM" ] && [ -x "$$ZONES_CHROMIUM" ]; then \
		echo "Chromium: $$ZONES_CHROMIUM"; \
	elif command -v chromium >/dev/null 2>&1; then \
		echo "Chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium)"; \
		echo "or point ZONES_CHROMIUM at a Chromium or Chrome executable, then run make test again."; \
		exit 1; \
	fi

test: $(BIN)/.dev chromium
	$(BIN)/python -m pytest

test-fast: $(BIN)/.dev
	$(BIN)/python -m pytest -m "not browser"

lint: $(BIN)/.dev
	$(BIN)/ruff check zones tests bench app.py

bench: $(BIN)/.dev chromium
	$(BIN)/python -m bench.dashboard

bench-export: $(BIN)/.dev chromium
	$(BIN)/python -m bench.export

bench-load: $(BIN)/.dev chromium
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.load_ws

# Rebuild the offline basemap from the shared open data (the output is committed).
basemap: $(BIN)/.runtime
	$(BIN)/python -m zones build-basemap ../shared/data/basemap

# Rebuild the town-control layers from Wikipedia's marks of July 2017 (CC BY-SA 3.0; committed).
control: $(BIN)/.runtime
	$(BIN)/python -m zones build-control ../shared/data/reference/wikipedia-town-control-2017-07

clean:
	rm -rf $(VENV) .pytest_cache artifacts
