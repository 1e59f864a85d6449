# seqlab: two commands do all set-up on a fresh machine.
#   make run        — venv + install, then every notebook through papermill (small scale, best device) -> figures/
#   make test       — venv + install, export/clean/README in sync, nbdev-test each notebook on the CPU
#   make notebooks  — re-execute notebooks IN PLACE (CPU; components small, experiments 9x full) so the committed
#                     notebooks carry their outputs; says which changed. Pick some: make notebooks NBS="nbs/92_*.ipynb"
#   make docs       — the docs site (mkdocs-material + mkdocs-jupyter + mkdocstrings) into _docs/, strict
#   make docs-serve — the same, served on http://127.0.0.1:8000 while you edit
VENV    ?= .venv
PY      := $(VENV)/bin/python
BIN     := $(VENV)/bin
DEVICE  ?= auto
SCALE   ?= small
OUT     ?= runs
NBS     ?= $(sort $(wildcard nbs/*.ipynb))
FLAGS   ?=
NB_SCALE  ?= auto
NB_DEVICE ?= cpu

.PHONY: setup run test sync-check export clean-nbs readme notebooks docs docs-serve

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# the CPU wheel first: seqlab's torch requirement is one 2.13.0 satisfies, so nothing CUDA is pulled
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e ".[dev]"
	@touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/seqlab-run --device $(DEVICE) --scale $(SCALE) --out $(OUT)

# executed copies are cleaned (nbdev-clean) and written over the sources; the kernels' output only on failure
notebooks: setup
	$(BIN)/seqlab-run --in-place --device $(NB_DEVICE) --scale $(NB_SCALE) --out $(OUT)/notebooks $(NBS)

docs: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

docs-serve: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

export: setup
	$(BIN)/nbdev-export && $(BIN)/nbdev-clean && $(BIN)/seqlab-readme

# exported code, cleaned notebooks and README must already match the notebooks
sync-check: setup
	@before=$$(find seqlab nbs README.md -type f -not -path '*/__pycache__/*' | sort | xargs sha1sum | sha1sum); \
	$(BIN)/nbdev-export && $(BIN)/nbdev-clean && $(BIN)/seqlab-readme >/dev/null; \
	after=$$(find seqlab nbs README.md -type f -not -path '*/__pycache__/*' | sort | xargs sha1sum | sha1sum); \
	if [ "$$before" != "$$after" ]; then \
	  echo "nbdev-export / nbdev-clean / seqlab-readme changed files: commit the regenerated files"; \
	  git status --porcelain -- seqlab nbs README.md 2>/dev/null; exit 1; \
	else echo "exported code, notebooks and README are in sync"; fi

test: setup sync-check
	@pass=0; fail=0; failed=""; \
	for nb in $(NBS); do \
	  start=$$(date +%s); \
	  if $(BIN)/nbdev-test "$$nb" $(if $(FLAGS),--flags "$(FLAGS)") > "$$nb.log" 2>&1; then \
	    pass=$$((pass+1)); echo "PASS $$nb ($$(( $$(date +%s) - start ))s)"; rm -f "$$nb.log"; \
	  else \
	    fail=$$((fail+1)); failed="$$failed $$nb"; echo "FAIL $$nb ($$(( $$(date +%s) - start ))s)"; \
	    grep -v USDT "$$nb.log" | tail -n 40; rm -f "$$nb.log"; \
	  fi; \
	done; \
	echo "$$pass passed, $$fail failed"; \
	test $$fail -eq 0
