# onboard: the two commands in the README are `make demo` and `make test`.
SWIFT ?= swift
ONBOARD = .build/debug/onboard

.PHONY: setup build demo test test-swift test-python bench fuzz gates install install-data clean

setup:
	bash scripts/setup.sh

build: setup
	$(SWIFT) build

## demo: set up, build, and write onboarding packets for the bundled example roster.
demo: build
	$(ONBOARD) packets guides/sp-api-self-authorisation.md --roster examples/sellers.yml --out packets --screenshots ../shared/screenshots

## test: set up, build, and run the whole test suite (Swift tests, then Python agreement and browser tests).
test: build
	$(SWIFT) test --parallel
	.venv/bin/python -m pytest -q tests/python

## bench: every benchmark in one report (installs cmark and yamllint itself, builds release once).
bench:
	bash scripts/bench/all.sh

## fuzz: build the libFuzzer targets in Fuzz/ and run each for FUZZ_SECONDS (default 60).
FUZZ_SECONDS ?= 60
fuzz: setup
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

## gates: the CI gates (swift-format, warnings, ASan, TSan, fuzzing), one after the other, timed.
gates: setup
	bash scripts/gates/ci.sh

## install: build release (static Swift runtime) and install the binary, shell completions, the
## man page (scripts/install.sh) and the bundled guides and template sets (install-data) under
## PREFIX (default /usr/local; DESTDIR for staging).
PREFIX ?= /usr/local
install:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" SWIFT="$(SWIFT)" bash scripts/install.sh
	$(MAKE) install-data PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)"

## install-data: the bundled guides and template sets into $(PREFIX)/share/onboard (PREFIX
## default /usr/local; DESTDIR for staging), where an installed onboard finds them; the guides'
## screenshots are copied from SCREENSHOTS (default ../shared/screenshots) when that folder exists.
DATADIR = $(DESTDIR)$(PREFIX)/share/onboard
SCREENSHOTS ?= ../shared/screenshots
install-data:
	install -d "$(DATADIR)/guides" "$(DATADIR)/templates"
	cp -R guides/. "$(DATADIR)/guides/"
	cp -R templates/. "$(DATADIR)/templates/"
	if [ -d "$(SCREENSHOTS)" ]; then \
	  install -d "$(DATADIR)/guides/images" && \
	  find "$(SCREENSHOTS)" -maxdepth 1 -type f -exec install -m 0644 {} "$(DATADIR)/guides/images/" \; ; \
	fi

clean:
	rm -rf .build packets
