# onboard: the two commands in the README are `make demo` and `make test`.
SWIFT ?= swift
ONBOARD = .build/debug/onboard

.PHONY: setup build demo test test-swift test-python bench clean

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

clean:
	rm -rf .build packets
