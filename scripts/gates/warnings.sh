#!/usr/bin/env bash
# Gate: the debug build (with tests) has no compiler warnings in our own code.
# Our modules are compiled from scratch (their build folders are removed, the dependencies'
# are kept), so every warning is printed again; a warning whose file is under Sources/ or
# Tests/ fails the gate. Warnings in dependencies (Yams, ArgumentParser, swift-mustache) and
# the linker's are listed but do not fail it.
#
# Usage: scripts/gates/warnings.sh      Environment: SCRATCH (default .build-gates)
set -euo pipefail
cd "$(dirname "$0")/../.."

SCRATCH=${SCRATCH:-.build-gates}
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

# Our modules: every folder in Sources/ and Tests/.
for dir in Sources/*/ Tests/*/; do
  module=$(basename "$dir")
  rm -rf "$SCRATCH"/*/debug/"$module".build "$SCRATCH"/*/debug/Modules/"$module".*
done
status=0
swift build --build-tests --scratch-path "$SCRATCH" >"$LOG" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  grep -E 'error:' "$LOG" | sort -u | head -20
  echo "warnings: the build failed (exit $status)"
  exit 2
fi
ours=$({ grep -E "^($PWD/)?(Sources|Tests)/[^:]+:[0-9]+:[0-9]+: warning:" "$LOG" || true; } | sed "s|^$PWD/||" | sort -u)
others=$({ grep -E ': warning:' "$LOG" || true; } | { grep -vE "^($PWD/)?(Sources|Tests)/" || true; } | sort -u | wc -l)
count=$(printf '%s' "$ours" | grep -c . || true)
echo "warnings: $count in Sources/ and Tests/ ($others elsewhere, not counted)"
if [ "$count" -gt 0 ]; then
  printf '%s\n' "$ours"
  echo "RESULT warnings=$count"
  exit 1
fi
echo "RESULT warnings=0"
