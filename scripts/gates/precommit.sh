#!/usr/bin/env bash
# The precommit gate (issue 21): builds a release binary, then runs tests/python/test_precommit.py:
#   - `pre-commit try-repo <this checkout> onboard-lint` in a temporary git repository (pre-commit
#     builds the hook itself with `swift build -c release`; its cache is .build-gates/pre-commit-home,
#     reused while the tree is unchanged);
#   - `make install PREFIX=$tmp` and the installed binary run from an empty folder.
# Needs the test venv (scripts/setup.sh, which installs pre-commit from scripts/requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/pre-commit ] || { echo "precommit: .venv/bin/pre-commit missing; run scripts/setup.sh" >&2; exit 2; }
# The same flags as `make install` (scripts/install.sh), so the installed-tree test reuses this build.
swift build -c release --static-swift-stdlib --product onboard
ONBOARD_PRECOMMIT_GATE=1 ONBOARD_RELEASE="$PWD/.build/release/onboard" PRE_COMMIT="$PWD/.venv/bin/pre-commit" \
  .venv/bin/python -m pytest -q tests/python/test_precommit.py
