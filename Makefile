# DynamicGraphs — `make` builds everything and renders the site; `make test` is the full check CI runs.
SWIFT   ?= swift
LESSONS := .build/debug/lessons

.PHONY: all deps build lib test unit doctest sitecheck browsercheck bench clean

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

clean:
	rm -rf .build .lessons-cache
