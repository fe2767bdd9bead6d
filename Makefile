# DynamicGraphs — `make` builds everything and renders the site; `make test` is the full check CI runs.
SWIFT   ?= swift
LESSONS := .build/debug/lessons
## The pinned PyTorch the lessons' twins run with, in a virtual environment outside the repository.
TORCH_VERSION := 2.13.0+cpu
TORCH_VENV    ?= $(HOME)/.cache/dynamicgraphs/torch-2.13.0
TORCH_PYTHON  ?= $(TORCH_VENV)/bin/python
## SWIFT_ONLY=1: no Python needed — the twins are not run and the site is not checked (CI never sets it).
SWIFT_ONLY    ?=
TWINS         := $(if $(SWIFT_ONLY),--no-twins,--python $(TORCH_PYTHON))

.PHONY: all deps build lib docs test unit doctest sitecheck browsercheck benchcheck servecheck serve bench bench-torch bench-lessons golden fuzz clean

all: build lib docs
	$(LESSONS) build $(TWINS)

## Debian packages (OpenBLAS, cmark, Graphviz, pkg-config), installed when missing, and the pinned
## PyTorch venv (unless SWIFT_ONLY=1).
deps:
	@bash .ci/deps
	@$(if $(SWIFT_ONLY),true,bash .ci/torch "$(TORCH_VENV)" "$(TORCH_VERSION)")

## Debug build of the CLI and the library.
build: deps
	$(SWIFT) build

## The release static Autograd library that lesson programs link against.
lib: deps
	$(SWIFT) build -c release --product AutogradStatic

## Autograd's API reference as a DocC archive, which `lessons build` publishes under site/api/. The
## toolchain's swift-symbolgraph-extract and docc; any DocC warning (an undocumented parameter, a broken
## symbol link) fails, and `lessons build` refuses a public symbol without documentation.
DOCC_DIR := .build/docc
TRIPLE    = $(shell $(SWIFT) -print-target-info | sed -n 's/.*"triple": "\(.*\)".*/\1/p' | head -n 1)
docs: lib
	rm -rf $(DOCC_DIR) && mkdir -p $(DOCC_DIR)/symbol-graphs
	swift-symbolgraph-extract -module-name Autograd -target $(TRIPLE) -I .build/release/Modules -I Sources/CBLAS \
	  -minimum-access-level public -skip-synthesized-members -output-dir $(DOCC_DIR)/symbol-graphs
	docc convert Sources/Autograd/Autograd.docc --additional-symbol-graph-dir $(DOCC_DIR)/symbol-graphs \
	  --fallback-display-name Autograd --fallback-bundle-identifier autograd --enable-inherited-docs \
	  --warnings-as-errors --output-path $(DOCC_DIR)/Autograd.doccarchive

## Unit tests, the lessons' doc-tests, and the committed site: fresh, and sound in a browser.
test: unit doctest $(if $(SWIFT_ONLY),,browsercheck) benchcheck servecheck

unit: deps lib
	$(SWIFT) build --build-tests
	LESSONS_PYTHON=$(TORCH_PYTHON) $(SWIFT) test --skip-build $(if $(SWIFT_ONLY),--skip TwinTests)

doctest: build lib
	$(LESSONS) test $(TWINS)

sitecheck: build lib docs
	$(LESSONS) build --check $(TWINS)

## sitecheck, then every page loaded by headless Chromium from file:// (installs chromium if missing).
browsercheck: build lib docs
	WITH_BROWSER=1 bash .ci/deps
	$(LESSONS) build --check --browser-check $(TWINS)

## The bench built and run at a tiny scale: it must keep compiling and running (its timings are not checked).
benchcheck: deps
	$(SWIFT) build -c release --product bench
	.build/release/bench --scale 0.02 > /dev/null

## `lessons serve` end to end: HTTP refusals, cancelling, output cap, timeout, and headless Chromium
## editing, running and resetting a cell and reloading on a lesson change; then the repository's
## lessons served, every file of site/ byte for byte (not with SWIFT_ONLY=1). Tests/Serve/serve_check.py.
servecheck: build lib docs
	WITH_BROWSER=1 bash .ci/deps
	python3 Tests/Serve/serve_check.py $(LESSONS) $(if $(SWIFT_ONLY),,--python $(TORCH_PYTHON))

## The lessons on http://127.0.0.1:8000 with live reload and edit-and-run cells.
serve: build lib docs
	$(LESSONS) serve --open $(TWINS)

## The lesson runner timed on the whole curriculum (cold, warm, one edited lesson), beside Jupyter (nbclient)
## running the same twins; nbclient and ipykernel are installed into the pinned environment for it.
bench-lessons: build lib
	@$(TORCH_PYTHON) -c 'import nbclient, ipykernel' 2>/dev/null || $(TORCH_VENV)/bin/pip install --quiet nbclient ipykernel
	$(TORCH_PYTHON) Sources/bench/PyTorchScript/bench_lessons.py --lessons $(LESSONS)

## Wall-clock benchmarks against PyTorch's figures (release build).
bench: deps
	$(SWIFT) build -c release --product bench
	.build/release/bench

## The benchmarks side by side with PyTorch: torch_bench.py run with $(TORCH_PYTHON) before ours, 3 rounds.
bench-torch: deps
	$(SWIFT) build -c release --product bench
	.build/release/bench --torch-python $(TORCH_PYTHON) --torch-script Sources/bench/PyTorchScript/torch_bench.py

## Rewrites Tests/AutogradTests/Golden/pytorch-golden.json with $(TORCH_PYTHON) (pinned: torch 2.13.0+cpu).
golden: deps
	$(TORCH_PYTHON) Tests/AutogradTests/Golden/generate.py

## libFuzzer on the lesson parser and the output splitter, seeded with the real lessons and the fixtures;
## FUZZ_SECONDS bounds the campaign. New interesting inputs stay in .build/fuzz/corpus.
FUZZ_SECONDS ?= 300
FUZZ_SOURCES := $(wildcard Sources/LessonKit/Parse/*.swift) Sources/LessonKit/Run/ProgramOutput.swift \
	Sources/LessonKit/Run/CellResult.swift Tests/Fuzz/LessonFuzzer.swift
fuzz: deps
	mkdir -p .build/fuzz/corpus
	cp Lessons/*.md $$(find Tests/LessonKitTests/Fixtures -name '*.md') .build/fuzz/corpus/
	printf 'a\nbc\n\377Fatal error: x\n\377begin 0 0 0\nbegin 2 3 0\nstatus 2 134 6 15\nend 6 15\n\3772 dot 3\nabc' \
	  > .build/fuzz/corpus/seed-program-output
	swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name LessonFuzzer \
	  -I Sources/CCmark $(FUZZ_SOURCES) -o .build/fuzz/lesson-fuzzer
	.build/fuzz/lesson-fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	  -artifact_prefix=.build/fuzz/ .build/fuzz/corpus

clean:
	rm -rf .build .lessons-cache
