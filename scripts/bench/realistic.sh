#!/usr/bin/env bash
# Benchmark `onboard check` and `onboard graph` on a guide shaped like a real developer guide
# (issue 15): about 150 KB of prose sections, about 150 steps, about 150 links to anchors that
# are not ids (each gets a did-you-mean search) and code samples, from
# `scripts/bench/gen_guide.py --realistic`. Compares process time (user + system, the median of
# RUNS runs) with the cmark command-line tool rendering the same file to HTML.
#
# Target: onboard's own work, `check`'s time less the start-up of `onboard --version`, at most
# 3x cmark's process time.
# Usage: scripts/bench/realistic.sh [KILOBYTES]   Environment: SCRATCH (default .build), RUNS (default 21),
# ONBOARD (a binary to measure instead of building one, e.g. the installed one)
set -euo pipefail
cd "$(dirname "$0")/../.."

KILOBYTES=${1:-150}
RUNS=${RUNS:-21}
SCRATCH=${SCRATCH:-.build}
command -v cmark >/dev/null || { echo "bench: cmark is missing (scripts/setup.sh installs it)" >&2; exit 2; }

if [ -z "${ONBOARD:-}" ]; then
  swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product onboard >&2
fi
ONBOARD=${ONBOARD:-$SCRATCH/release/onboard}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 scripts/bench/gen_guide.py --realistic "$WORK/guide.md" "$KILOBYTES"

measure() { python3 scripts/bench/proctime.py "$RUNS" "$@"; }
read -r check_ms check_min check_max < <(measure "$ONBOARD" check "$WORK/guide.md")
read -r graph_ms graph_min graph_max < <(measure "$ONBOARD" graph "$WORK/guide.md" --format json)
read -r start_ms start_min start_max < <(measure "$ONBOARD" --version)
read -r cmark_ms cmark_min cmark_max < <(measure cmark "$WORK/guide.md")

ratios=$(python3 -c "
c, g, s, m = $check_ms, $graph_ms, $start_ms, max($cmark_ms, 0.01)
print(f'{max(c - s, 0) / m:.2f} {max(g - s, 0) / m:.2f} {c / m:.2f}')")
read -r work_ratio graph_ratio check_ratio <<<"$ratios"
echo "realistic: process time, median of $RUNS runs (min-max), user + system"
echo "realistic: onboard check:      $check_ms ms ($check_min-$check_max)"
echo "realistic: onboard graph:      $graph_ms ms ($graph_min-$graph_max)"
echo "realistic: onboard --version:  $start_ms ms ($start_min-$start_max)"
echo "realistic: cmark to HTML:      $cmark_ms ms ($cmark_min-$cmark_max)"
echo "realistic: check less start-up: ${work_ratio}x cmark (target <= 3x); graph less start-up: ${graph_ratio}x; check whole: ${check_ratio}x"
echo "RESULT check_ms=$check_ms graph_ms=$graph_ms startup_ms=$start_ms cmark_ms=$cmark_ms work_ratio=$work_ratio graph_ratio=$graph_ratio check_ratio=$check_ratio"
