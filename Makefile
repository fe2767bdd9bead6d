# DynamicGraphs — `make` builds everything and renders the site; `make test` is the full check CI runs.
SWIFT   ?= swift
LESSONS := .build/debug/lessons
TORCH_PYTHON ?= /tmp/torch/bin/python

.PHONY: all deps build lib test unit doctest sitecheck browsercheck servecheck serve bench bench-torch clean

all: build lib
	$(LESSONS) build

## Debian packages (OpenBLAS, cmark, Graphviz, pkg-config): installed when missing.
deps:
	@bash .ci/deps

## Debug build of the CLI and the library.
build: deps
	$(SWIFT) build

## The release static Autograd library that lesson programs link against.
lib: deps
	$(SWIFT) build -c release --product AutogradStatic

## Unit tests, the lessons' doc-tests, and the committed site: fresh, and sound in a browser.
test: unit doctest browsercheck servecheck

unit: deps lib
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

doctest: build lib
	$(LESSONS) test

sitecheck: build lib
	$(LESSONS) build --check

## sitecheck, then every page loaded by headless Chromium from file:// (installs chromium if missing).
browsercheck: build lib
	WITH_BROWSER=1 bash .ci/deps
	$(LESSONS) build --check --browser-check

## `lessons serve` end to end: HTTP refusals, cancelling, output cap, and headless Chromium editing,
## running and resetting a cell and reloading on a lesson change (Tests/Serve/serve_check.py).
servecheck: build
	WITH_BROWSER=1 bash .ci/deps
	python3 Tests/Serve/serve_check.py $(LESSONS)

## The lessons on http://127.0.0.1:8000 with live reload and edit-and-run cells.
serve: build lib
	$(LESSONS) serve --open

## Wall-clock benchmarks against PyTorch's figures (release build).
bench: deps
	$(SWIFT) build -c release --product bench
	.build/release/bench

## The benchmarks side by side with PyTorch: torch_bench.py run with $(TORCH_PYTHON) before ours, 3 rounds.
bench-torch: deps
	@$(TORCH_PYTHON) -c 'import torch' 2>/dev/null || { \
	  echo "bench-torch: $(TORCH_PYTHON) cannot import torch. Install it with"; \
	  echo "  python3 -m venv /tmp/torch && /tmp/torch/bin/pip install torch numpy"; \
	  echo "(a CPU wheel may be in /opt/wheels: add --find-links /opt/wheels), or pass TORCH_PYTHON=<python with torch>."; \
	  exit 1; }
	$(SWIFT) build -c release --product bench
	.build/release/bench --torch-python $(TORCH_PYTHON)

clean:
	rm -rf .build .lessons-cache
