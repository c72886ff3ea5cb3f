#!/usr/bin/env bash
# Gate: the Swift test suite passes under AddressSanitizer, and the test process leaks nothing
# (LeakSanitizer). Builds into its own folder (.build-asan), so the normal build is untouched.
#
# Leak checking, precisely:
# - The test process: a leak fails the gate. Known false positives are suppressed: a Swift
#   object's weak-reference side table (llvm/llvm-project#56751, in
#   Tests/CommonMarkTests/LeakSanitizerSuppressions.swift) and swift-foundation's
#   FileManager.contents(atPath:) on an empty file, which leaks its 4 KiB read buffer
#   (readBytesFromFile, Foundation 6.3.1; reproduced with a three-line program), and Debian's
#   libcurl, which FoundationNetworking's URLSession initialises once per process and never
#   tears down (about 50 bytes of its global state, allocated inside libcurl.so.4: `verify`'s
#   loopback tests).
# - The onboard processes the CLI tests start: LeakSanitizer runs at their exit, when the
#   guide they loaded is still alive (onboard skips tearing it down), and it cannot follow
#   pointers that Swift keeps in an enum's spare bits (indirect enums: conditions, patterns),
#   so it reports that memory as leaked. Their leak reports therefore do not change their exit
#   status (exitcode=0), which the tests check; memory errors still do.
#
# Usage: scripts/gates/asan.sh [swift test options, e.g. --filter PacketsTests]
# Environment: SCRATCH (default .build-asan)
set -uo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build-asan}
mkdir -p "$SCRATCH"
SUPPRESSIONS="$PWD/$SCRATCH/lsan-suppressions.txt"
printf 'leak:readBytesFromFile\nleak:libcurl.so\n' >"$SUPPRESSIONS"
export LSAN_OPTIONS="suppressions=$SUPPRESSIONS:exitcode=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# Swift's own backtracer would race AddressSanitizer's report of a crash.
export SWIFT_BACKTRACE=enable=no
LOG="$SCRATCH/asan-test.log"

swift test --sanitize=address --scratch-path "$SCRATCH" "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
# The test process's own leak report (children's output is captured by the tests).
if grep -q "ERROR: LeakSanitizer: detected memory leaks" "$LOG"; then
  echo "asan: LeakSanitizer found leaks in the test process (above)"
  exit 1
fi
if grep -q "ERROR: AddressSanitizer" "$LOG"; then
  echo "asan: AddressSanitizer found a memory error (above)"
  exit 1
fi
exit "$status"
