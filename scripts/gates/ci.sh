#!/usr/bin/env bash
# All CI gates of issue 7, one after the other, with the time each took:
#   imports   each target's imports = its declared dependencies     (scripts/gates/imports.sh)
#   format    swift-format lint with .swift-format                 (scripts/gates/format.sh)
#   warnings  no compiler warnings in Sources/ and Tests/           (scripts/gates/warnings.sh)
#   asan      the Swift tests under AddressSanitizer                (scripts/gates/asan.sh)
#   tsan      the Swift tests under ThreadSanitizer                 (scripts/gates/tsan.sh)
#   fuzz      every fuzz target for FUZZ_SECONDS (default 60) each  (scripts/fuzz.sh)
#   precommit pre-commit try-repo of the hook, and an installed tree (scripts/gates/precommit.sh)
# Every gate runs even when an earlier one fails; the exit status is 1 if any failed.
# .ci/run calls this after `make test`. docs/gates.md describes each gate.
#
# Usage: scripts/gates/ci.sh [GATE...]          (default: all, in the order above)
# Environment: FUZZ_SECONDS (60), GATES_SCRATCH (build folder of the warnings gate,
# default .build-gates; .build reuses what `make test` built).
set -uo pipefail
cd "$(dirname "$0")/../.."

GATES=("$@")
[ ${#GATES[@]} -gt 0 ] || GATES=(imports format warnings asan tsan fuzz precommit)
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
LOGS=.build-gates/logs   # ignored by git (.build-*/)
mkdir -p "$LOGS"

run_gate() {
  case "$1" in
    imports) scripts/gates/imports.sh ;;
    format) scripts/gates/format.sh ;;
    warnings) SCRATCH="${GATES_SCRATCH:-.build-gates}" scripts/gates/warnings.sh ;;
    asan) scripts/gates/asan.sh ;;
    tsan) scripts/gates/tsan.sh ;;
    fuzz) scripts/fuzz.sh "$FUZZ_SECONDS" ;;
    precommit) scripts/gates/precommit.sh ;;
    *) echo "ci: unknown gate '$1' (imports, format, warnings, asan, tsan, fuzz, precommit)" >&2; return 2 ;;
  esac
}

names=()
times=()
results=()
failed=0
total_start=$(date +%s)
for gate in "${GATES[@]}"; do
  echo "=== gate: $gate ($(date -u +%H:%M:%S) UTC; log: $LOGS/$gate.log)"
  start=$(date +%s)
  run_gate "$gate" >"$LOGS/$gate.log" 2>&1
  status=$?
  seconds=$(($(date +%s) - start))
  tail -25 "$LOGS/$gate.log"
  names+=("$gate")
  times+=("$seconds")
  if [ "$status" -eq 0 ]; then results+=(pass); else results+=("FAIL (exit $status)"); failed=1; fi
  echo "=== gate: $gate: ${results[-1]} in $((seconds / 60)) min $((seconds % 60)) s"
done
total=$(($(date +%s) - total_start))

echo
printf '%-10s %10s  %s\n' gate time result
for i in "${!names[@]}"; do
  printf '%-10s %6d:%02d  %s\n' "${names[$i]}" $((times[i] / 60)) $((times[i] % 60)) "${results[$i]}"
done
printf '%-10s %6d:%02d\n' total $((total / 60)) $((total % 60))
exit "$failed"
