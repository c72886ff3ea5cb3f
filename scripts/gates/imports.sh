#!/usr/bin/env bash
# The imports gate: every `import` of a target is declared in Package.swift, every declared
# dependency is imported, and docs/architecture.md's imports column is true
# (scripts/gates/imports.py; reads `swift package dump-package`, builds nothing: seconds).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 scripts/gates/imports.py "$@"
