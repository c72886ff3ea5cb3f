#!/usr/bin/env bash
# Gate: the Swift test suite passes under AddressSanitizer (with LeakSanitizer).
# Builds into its own folder (.build-asan) so the normal build is untouched. Known
# LeakSanitizer false positives are suppressed in Tests/CommonMarkTests/LeakSanitizerSuppressions.swift.
#
# Usage: scripts/gates/asan.sh [swift test options, e.g. --filter PacketsTests]
# Environment: SCRATCH (default .build-asan)
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build-asan}
# Swift's own backtracer would race AddressSanitizer's report of a crash.
export SWIFT_BACKTRACE=enable=no
exec swift test --sanitize=address --scratch-path "$SCRATCH" "$@"
