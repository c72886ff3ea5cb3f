#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (with AddressSanitizer) and runs each one, one after the
# other, for SECONDS (default 60). Each target starts from its committed seed corpus in
# Fuzz/Corpus/<target>/ plus what earlier runs found (fuzz-artifacts/corpus/<target>/, not
# committed). A crash, a leak, an input slower than 10 s (-timeout: the readers must be linear)
# or more than 2 GB of memory is a finding: libFuzzer saves the input under
# fuzz-artifacts/<target>/ and this script exits 1 after running every target.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]        (make fuzz [FUZZ_SECONDS=60])
# Environment: SCRATCH (build folder, default .build-fuzz), CONFIG (release or debug, default
# release: about 10x more executions per second than debug), FUZZ_FLAGS (extra libFuzzer flags).
#
# Reproduce a finding:  .build-fuzz/release/<Target> fuzz-artifacts/<Target>/crash-...
# Every target and what it covers: docs/gates.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
ALL_TARGETS=(FuzzGuide FuzzFrontMatter FuzzCredentialsBlock FuzzRosterYAML FuzzRosterCSV FuzzLintYAML FuzzLintDotenv FuzzLintJSON FuzzPaths)
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
SCRATCH=${SCRATCH:-.build-fuzz}
CONFIG=${CONFIG:-release}
OUT=fuzz-artifacts

for target in "${TARGETS[@]}"; do
  [ -d "Fuzz/Sources/$target" ] || { echo "fuzz: no target '$target' (have: ${ALL_TARGETS[*]})" >&2; exit 2; }
done

mkdir -p "$OUT"
: >"$OUT/summary.txt"
echo "fuzz: building ${#TARGETS[@]} target(s) ($CONFIG, -sanitize=fuzzer,address, $SCRATCH)" >&2
build_start=$(date +%s)
# The gold linker warns once per ASan symbol it cannot export; those lines are noise.
if ! swift build --package-path Fuzz --scratch-path "$SCRATCH" -c "$CONFIG" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$OUT/build.log" 2>&1; then
  grep -v "Cannot export local symbol" "$OUT/build.log" | tail -40 >&2
  echo "fuzz: build failed (full log: $OUT/build.log)" >&2
  exit 2
fi
echo "fuzz: built in $(($(date +%s) - build_start)) s" >&2
BIN="$SCRATCH/$CONFIG"

# LeakSanitizer false positives, and nothing else: it cannot follow a Swift object's tagged
# pointer to its weak-reference side table (llvm/llvm-project#56751), nor pointers kept in an
# enum's spare bits, which is how the shared set-up (the bundled guide, loaded once by
# FuzzEnvironment.loadSharedSetUp before the first input) looks leaked at exit. And one leak in
# Foundation, not ours: NSRegularExpression(pattern:) loses 524 bytes allocated in
# _CFRegularExpressionCreate when the pattern does not compile (a credential spec's `pattern:`
# that is not a valid regular expression, which onboard reports as a diagnostic).
SUPPRESSIONS="$OUT/lsan-suppressions.txt"
printf 'leak:formWeakReference\nleak:loadSharedSetUp\nleak:_CFRegularExpressionCreate\n' > "$SUPPRESSIONS"
export LSAN_OPTIONS="suppressions=$PWD/$SUPPRESSIONS:print_suppressions=0"
# A fatal error (a broken invariant) is reported by libFuzzer as a deadly signal; Swift's own
# backtracer would race it and trips AddressSanitizer.
export SWIFT_BACKTRACE=enable=no

failed=()
printf '%-22s %8s %8s %7s %7s %7s %8s  %s\n' target runs exec/s cov ft corpus rss_mb result
for target in "${TARGETS[@]}"; do
  corpus="$OUT/corpus/$target"
  mkdir -p "$corpus" "$OUT/$target"
  log="$OUT/$target.log"
  status=0
  # shellcheck disable=SC2086
  "$BIN/$target" "$corpus" "Fuzz/Corpus/$target" \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$OUT/$target/" -print_final_stats=1 ${FUZZ_FLAGS:-} >"$log" 2>&1 || status=$?
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  field() { sed -nE "s/.* $1: ([0-9]+).*/\\1/p" <<<"$last"; }
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  speed=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -1)
  rss=$(sed -nE 's/^stat::peak_rss_mb: *([0-9]+)/\1/p' "$log" | tail -1)
  cov=$(field cov)
  ft=$(field ft)
  corp=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$last")
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    artifact=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | tail -1)
    kind=$(grep -oE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z-]+' "$log" | head -1 | awk '{print $NF}')
    result="FAILED (${kind:-exit $status}) ${artifact:-see $log}"
    failed+=("$target")
  fi
  printf '%-22s %8s %8s %7s %7s %7s %8s  %s\n' "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}" "$result"
  echo "FUZZ target=$target seconds=$SECONDS_PER_TARGET runs=${runs:-0} exec_per_s=${speed:-0} cov=${cov:-0} ft=${ft:-0} corpus=${corp:-0} rss_mb=${rss:-0} result=$([ "$status" -eq 0 ] && echo ok || echo failed)" >>"$OUT/summary.txt"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs and logs under $OUT/)" >&2
  exit 1
fi
echo "fuzz: no findings in ${#TARGETS[@]} target(s), ${SECONDS_PER_TARGET} s each" >&2
