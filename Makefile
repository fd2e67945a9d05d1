# eventwire developer commands. `make demo` and `make test` are the two set-up commands in README.md.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= build/eventwire.duckdb
SAMPLE := examples/000_f76d077bb8374fe8.txt
# The sample report carries no date of its own: it is the AFP wire of Saturday 4 January 2020.
SAMPLE_DATE := 2020-01-04

.PHONY: install install-test install-lint install-train demo test lint train eval eval-heldout bench screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

install-train: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[train]'

install-lint: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,lint]'

demo: install
	@mkdir -p build
	$(BIN)/eventwire ingest $(SAMPLE) --db $(DB) --date $(SAMPLE_DATE)
	$(BIN)/eventwire events --db $(DB) --format table

# pytest exits 5 when it collected no tests: that is a failure here, like any other non-zero code.
test: install-test
	$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected" >&2; exit 1; fi; exit $$rc

# Lint, format check, types (src/) and the layering contracts, all configured in pyproject.toml.
lint: install-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Rebuilds the shipped event-type/modality model (src/eventwire/data/models/event_types.npz) from the project's own
# annotated sentences in train/events/ (never from ../shared/eval). Deterministic for a given lexicon and data.
train: install-train
	$(BIN)/python train/train_event_classifier.py

# The project's own held-out sentences (train/heldout/: written apart from the training set, never trained on):
# how the coder does on sentences it has never seen, without ../shared.
eval-heldout: install
	@mkdir -p build
	$(BIN)/python train/heldout_to_gold.py train/heldout/events_heldout.jsonl > build/heldout_gold.jsonl
	$(BIN)/python -c "import json,sys; [print(json.dumps({'id': d['doc_id'], 'text': d['text']})) for d in map(json.loads, open('build/heldout_gold.jsonl'))]" > build/heldout_in.jsonl
	$(BIN)/eventwire extract build/heldout_in.jsonl --format jsonl > build/heldout_pred.jsonl
	$(BIN)/python train/score_types.py build/heldout_gold.jsonl build/heldout_pred.jsonl

EVAL := ../shared/eval
eval: install
	@mkdir -p build
	$(BIN)/python $(EVAL)/to_input.py $(EVAL)/events/dev.jsonl > build/ev_in.jsonl
	$(BIN)/eventwire extract build/ev_in.jsonl --format jsonl > build/ev_pred.jsonl
	$(BIN)/python $(EVAL)/score_events.py $(EVAL)/events/dev.jsonl build/ev_pred.jsonl
	$(BIN)/python $(EVAL)/split_half.py $(EVAL)/events/dev.jsonl build/ev_pred.jsonl
	@for set in rams wikievents; do \
	  echo "== events_ext/$$set"; \
	  $(BIN)/python $(EVAL)/to_input.py $(EVAL)/events_ext/$$set.jsonl > build/$${set}_in.jsonl && \
	  $(BIN)/eventwire extract build/$${set}_in.jsonl --format jsonl > build/$${set}_pred.jsonl && \
	  $(BIN)/python $(EVAL)/score_events.py $(EVAL)/events_ext/$$set.jsonl build/$${set}_pred.jsonl && \
	  $(BIN)/python $(EVAL)/split_half.py $(EVAL)/events_ext/$$set.jsonl build/$${set}_pred.jsonl || exit 1; \
	done
	$(BIN)/python $(EVAL)/to_input.py $(EVAL)/geo/dev.jsonl > build/geo_in.jsonl
	$(BIN)/eventwire geoparse build/geo_in.jsonl --format jsonl > build/geo_pred.jsonl
	$(BIN)/python $(EVAL)/score_geo.py $(EVAL)/geo/dev.jsonl build/geo_pred.jsonl
	$(BIN)/python $(EVAL)/split_half.py $(EVAL)/geo/dev.jsonl build/geo_pred.jsonl
	@echo "== geo, counting adjectival place names as toponyms (GeoWebNews' scheme)"
	$(BIN)/eventwire geoparse build/geo_in.jsonl --format jsonl --adjectival > build/geo_pred_adj.jsonl
	$(BIN)/python $(EVAL)/score_geo.py $(EVAL)/geo/dev.jsonl build/geo_pred_adj.jsonl

bench: install
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# The README's picture (docs/screenshot.png) from real reports: the sample and a slice of ../shared/corpus (read
# now, never copied here) ingested into a temporary DuckDB, served, and captured with headless /usr/bin/chromium.
screenshot: install-test
	$(BIN)/python scripts/screenshot.py --out docs/screenshot.png

clean:
	rm -rf build .pytest_cache
