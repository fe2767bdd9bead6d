# DynamicGraphs — `make` builds everything and renders the site; `make test` is the full check CI runs.
SWIFT   ?= swift
LESSONS := .build/debug/lessons
TORCH_PYTHON ?= /tmp/torch/bin/python

.PHONY: all deps build lib test unit doctest sitecheck browsercheck bench bench-torch fuzz clean

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
test: unit doctest browsercheck

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

## libFuzzer on the lesson parser and the output splitter, seeded with the real lessons and the fixtures;
## FUZZ_SECONDS bounds the campaign. New interesting inputs stay in .build/fuzz/corpus.
FUZZ_SECONDS ?= 300
FUZZ_SOURCES := $(wildcard Sources/LessonKit/Parse/*.swift) Sources/LessonKit/Run/ProgramOutput.swift \
	Sources/LessonKit/Run/CellResult.swift Fuzz/LessonFuzzer.swift
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
