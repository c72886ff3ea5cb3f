#!/usr/bin/env bash
# Benchmark `onboard graph` (issue 2): generates a guide of MEGABYTES (default 5) with
# scripts/bench/gen_guide.py, then times `onboard graph GUIDE --format json` against the cmark
# command-line tool rendering the same file to HTML, in the same run, and prints the ratio.
#
# Target: onboard at most 2x cmark's time (one thread per guide since issue 15).
# Uses a release build linked as onboard is shipped (swift build -c release --static-swift-stdlib:
# a statically linked Swift runtime and Foundation start in about half the time, 9 ms instead of
# 19, and calls into them are direct), as scripts/bench/lint.sh does.
# Usage: scripts/bench/graph.sh [MEGABYTES]    Environment: SCRATCH (default .build), RUNS (default 5),
# ONBOARD (a binary to measure instead of building one, e.g. the installed one)
set -euo pipefail
cd "$(dirname "$0")/../.."

MEGABYTES=${1:-5}
RUNS=${RUNS:-5}
SCRATCH=${SCRATCH:-.build}
command -v cmark >/dev/null || { echo "bench: cmark is missing (scripts/setup.sh installs it)" >&2; exit 2; }

echo "bench: building onboard (release, $SCRATCH)" >&2
if [ -z "${ONBOARD:-}" ]; then
  swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product onboard >/dev/null
fi
ONBOARD=${ONBOARD:-$SCRATCH/release/onboard}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 scripts/bench/gen_guide.py "$WORK/guide.md" "$MEGABYTES" >&2

# Best of RUNS wall-clock times, in milliseconds.
best() {
  local best_ms=""
  for _ in $(seq "$RUNS"); do
    local start end ms
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ]; then best_ms=$ms; fi
  done
  echo "$best_ms"
}

# Best of RUNS CPU times (user + system), in milliseconds: a busy machine inflates them less
# than wall time. Empty when /usr/bin/time is missing.
best_cpu() {
  [ -x /usr/bin/time ] || return 0
  local best_ms="" ms
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" > /dev/null 2>&1 || true
    ms=$(tail -1 "$WORK/cpu" | awk '{ printf "%d", ($1 + $2) * 1000 }')
    if [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ]; then best_ms=$ms; fi
  done
  echo "$best_ms"
}

onboard_ms=$(best "$ONBOARD" graph "$WORK/guide.md" --format json)
cmark_ms=$(best cmark "$WORK/guide.md")
ratio=$(python3 -c "print(f'{$onboard_ms / max($cmark_ms, 1):.2f}')")
onboard_cpu=$(best_cpu "$ONBOARD" graph "$WORK/guide.md" --format json)
cmark_cpu=$(best_cpu cmark "$WORK/guide.md")
size=$(du -h "$WORK/guide.md" | cut -f1)
echo "graph: onboard graph --format json on a $size guide: ${onboard_ms} ms (best of $RUNS)"
echo "graph: cmark to HTML on the same file:            ${cmark_ms} ms (best of $RUNS)"
echo "graph: ratio onboard/cmark: ${ratio}x (target <= 2x)"
if [ -n "$onboard_cpu" ] && [ -n "$cmark_cpu" ]; then
  cpu_ratio=$(python3 -c "print(f'{$onboard_cpu / max($cmark_cpu, 1):.2f}')")
  echo "graph: cpu (user + sys, best of $RUNS): onboard ${onboard_cpu} ms, cmark ${cmark_cpu} ms, ratio ${cpu_ratio}x (load average: $(cut -d' ' -f1 /proc/loadavg))"
fi
echo "RESULT graph_ms=$onboard_ms cmark_ms=$cmark_ms ratio=$ratio graph_cpu_ms=${onboard_cpu:-none} cmark_cpu_ms=${cmark_cpu:-none} cpu_ratio=${cpu_ratio:-none}"
