# Two commands for a fresh machine (see README): `make serve` and `make test`.
# Each does its own set-up: a virtual environment in .venv, the package installed into it,
# the translation catalogues compiled. Nothing needs installing by hand beyond Python 3.11.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PO     := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO     := $(PO:.po=.mo)

.PHONY: serve test lint build translations extract-messages update-translations bench clean

serve: $(STAMP) translations
	$(BIN)/portal build
	$(BIN)/portal serve

test: $(STAMP) translations
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

build: $(STAMP) translations
	$(BIN)/portal build

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

translations: $(MO)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

# For translators: collect new strings into messages.pot and merge them into every catalogue.
extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .

# Collect strings, then fill every catalogue from tools/i18n/*.json (keeps PO-editor work).
update-translations: extract-messages
	$(BIN)/python tools/po_fill.py

bench: $(STAMP) translations
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) instance search_index/ja search_index/en search_index/zh-hans search_index/ko
