# seqlab: two commands do all set-up on a fresh machine.
#   make run        — venv + install, then every notebook through papermill (small scale, best device) -> figures/
#   make test       — venv + install, export/clean/README in sync, nbdev-test each notebook on the CPU (fast cells)
#   make test-slow  — the cells marked `#| slow` too, in the notebooks that have them (CI runs it after `make test`)
#   make notebooks  — re-execute notebooks IN PLACE (CPU; components small, experiments 9x full) so the committed
#                     notebooks carry their outputs; says which changed. Pick some: make notebooks NBS="nbs/92_*.ipynb"
#   make docs       — the docs site (mkdocs-material + mkdocs-jupyter + mkdocstrings) into _docs/, strict, working
#                     offline (MathJax and plotly.js served from the site); make docs-check looks at it in Chromium
#   make docs-serve — the same, served on http://127.0.0.1:8000 while you edit
#   make structure  — the repository's structure rules (long exported cells, import cycles, private imports, figures,
#                     prose : code), each with its violations (seqlab.runner.repo_structure; 04_runner asserts them)
# The console scripts (seqlab-run, seqlab-readme, nbdev-*, mkdocs) are installed into .venv/bin: the targets call them
# there; in a shell, `source .venv/bin/activate` first (or call .venv/bin/seqlab-run, or .venv/bin/python -m seqlab.runner).
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
# torch first, so that seqlab's `torch>=2.4` is already met and pip pulls nothing more. Here the CPU wheel comes from
# the package index pip is set up with; elsewhere pass PyTorch's CPU index (the URL is in README.md's Install section)
# as TORCH_INDEX=... so that pip does not fetch the multi-GB CUDA build
TORCH       ?= torch==2.13.0
TORCH_INDEX ?=
KEY     := $(VENV)/.install-key

.PHONY: setup run test test-slow structure sync-check export clean-nbs readme readme-run notebooks docs docs-serve docs-check FORCE

# Install once; reinstall only when what pip installs from changes (pyproject.toml's [project] and [build-system],
# the torch requirement), never because a file's date moved: the key file is rewritten only when its content differs.
$(KEY): FORCE
	@mkdir -p $(VENV); k=$$(python3 .ci/install_key.py "$(TORCH)" "$(TORCH_INDEX)"); \
	if [ "$$(cat $@ 2>/dev/null)" != "$$k" ]; then echo "$$k" > $@; fi

$(VENV)/.installed: $(KEY)
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "$(TORCH)" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(PY) -m pip install -q -e ".[dev]"
	@touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/seqlab-run --device $(DEVICE) --scale $(SCALE) --out $(OUT)

# executed copies are cleaned (nbdev-clean) and written over the sources; the kernels' output only on failure
notebooks: setup
	$(BIN)/seqlab-run --in-place --device $(NB_DEVICE) --scale $(NB_SCALE) --out $(OUT)/notebooks $(NBS)

# the site is built to work offline: docs/hooks.py copies MathJax (from the jupyter-server-mathjax package) and
# plotly.js (from the plotly package) into it
docs: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# the built site in headless Chromium with the network blocked: formulas typeset, plotly figures drawn
docs-check:
	$(PY) .ci/docs_check.py _docs

docs-serve: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

export: setup
	$(BIN)/nbdev-export && $(BIN)/nbdev-clean && $(BIN)/seqlab-readme

# README.md from nbs/index.ipynb; readme-run first re-executes its examples as a plain `pip install seqlab` would
readme: setup
	$(BIN)/seqlab-readme
readme-run: setup
	$(BIN)/seqlab-readme --run

# exported code, cleaned notebooks and README must already match the notebooks
sync-check: setup
	@before=$$(find seqlab nbs README.md pyproject.toml -type f -not -path '*/__pycache__/*' | sort | xargs sha1sum | sha1sum); \
	$(BIN)/nbdev-export && $(BIN)/nbdev-clean && $(BIN)/seqlab-readme >/dev/null; \
	after=$$(find seqlab nbs README.md pyproject.toml -type f -not -path '*/__pycache__/*' | sort | xargs sha1sum | sha1sum); \
	if [ "$$before" != "$$after" ]; then \
	  echo "nbdev-export / nbdev-clean / seqlab-readme changed files: commit the regenerated files"; \
	  git status --porcelain -- seqlab nbs README.md pyproject.toml 2>/dev/null; exit 1; \
	else echo "exported code, notebooks and README are in sync"; fi

# each notebook is a test (its fast cells, each notebook under a minute on a 2-core CPU); caches go to a temp folder
test: setup sync-check
	@NBDEV_TEST=$(BIN)/nbdev-test .ci/nbtest $(if $(FLAGS),--flags "$(FLAGS)") $(NBS)

# the structure rules, reported (04_runner's test asserts those that hold; this prints all of them, exit 0)
structure: setup
	@$(PY) -c "from seqlab.runner import repo_structure; import sys; r = repo_structure('.'); \
	[print(f'{k}: {len(v)} violation(s)', *('    ' + x for x in v), sep='\n') for k, v in r.items()]"

# the cells marked `#| slow` (bigger shapes, longer trainings), in the notebooks that have any
test-slow: setup
	@NBDEV_TEST=$(BIN)/nbdev-test .ci/nbtest --flags slow --only-flagged $(NBS)
