#!/usr/bin/env bash
# Benchmark for `onboard runbook` (issue 5): the time to print one seller's runbook to PDF with
# headless Chromium (the browser's start, layout and printing), and the HTML alone to show the
# browser's share. Prints the median and the fastest of RUNS runs, in seconds. Then times
# `onboard packets --pdf` for the example roster, which starts the browser once and prints every
# packet's runbook through it, and prints the seconds per packet.
# Uses the release build `make install` installs (swift build -c release --static-swift-stdlib). Screenshots: ../shared/screenshots if present.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
SCRATCH=${SCRATCH:-.build}
SELLER=${SELLER:-north-trail-outfitters}

swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product onboard >&2
ONBOARD="$SCRATCH/release/onboard"
GUIDE=guides/sp-api-self-authorisation.md
SHOTS=()
[ -d ../shared/screenshots ] && SHOTS=(--screenshots ../shared/screenshots)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

measure() { # label, then the onboard arguments; prints "label: median X s, fastest Y s"
  local label=$1
  shift
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    "$ONBOARD" "$@" >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  local line
  line=$(printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v runs="$RUNS" '
    { t[NR] = $1 }
    END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
          printf "%s: median %.2f s, fastest %.2f s (%d runs)\n", label, m, t[1], runs }')
  echo "$line"
  MEDIAN=$(sed -nE 's/.*median ([0-9.]+) s.*/\1/p' <<<"$line")
}

COMMON=(runbook "$GUIDE" --roster examples/sellers.yml --seller "$SELLER" "${SHOTS[@]}" --date 2025-03-31)
measure "runbook HTML for one seller" "${COMMON[@]}" --format html -o "$WORK/runbook.html"
html_median=$MEDIAN
measure "runbook PDF for one seller " "${COMMON[@]}" --format pdf -o "$WORK/runbook.pdf"
pdf_median=$MEDIAN
start=$(date +%s.%N)
"$ONBOARD" packets "$GUIDE" --roster examples/sellers.yml --out "$WORK/packets" "${SHOTS[@]}" --pdf --quiet
end=$(date +%s.%N)
count=$(ls "$WORK"/packets/*/runbook.pdf | wc -l)
echo "$end $start $count" | awk '{ printf "packets --pdf: %d packets in %.2f s, %.2f s per packet (one browser)\n", $3, $1 - $2, ($1 - $2) / $3 }'
per_packet=$(echo "$end $start $count" | awk '{ printf "%.2f", ($1 - $2) / $3 }')
echo "PDF: $(pdfinfo "$WORK/runbook.pdf" | awk '/^Pages:/ { print $2 }') pages, $(stat -c %s "$WORK/runbook.pdf") bytes; browser: $(chromium --version 2>/dev/null | head -1)"
# One machine-readable line for scripts/bench/all.sh.
echo "RESULT html_median_s=$html_median pdf_median_s=$pdf_median packets_pdf_s_per_packet=$per_packet"
