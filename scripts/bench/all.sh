#!/usr/bin/env bash
# One benchmark report (`make bench`, issue 7): installs the comparison tools (scripts/setup.sh:
# cmark, yamllint in .venv, /usr/bin/time, chromium), builds onboard in release once, runs every
# benchmark in scripts/bench/ with that build (SCRATCH is passed on), and prints one table:
# figure | value | target | what it was compared against, measured in the same run | result.
#
#   realistic.sh     onboard check and graph on a 150 KB guide shaped like a real one vs cmark
#   graph.sh         onboard graph on a 5 MB guide vs cmark to HTML
#   packets.sh       packets per second and peak memory, 10,000 and 100,000 sellers
#   lint.sh          lint files per second (10,000 files); start-up on one file vs yamllint
#   runbook.sh       runbook PDF time for one seller (headless Chromium)
#   pathological.sh  time growth of pathological inputs (linear, issue 7)
#   status.sh        onboard status on a ledger of 100,000 sellers and 10 million events (issue 18)
#
# Each script's own output is kept in $SCRATCH/bench-logs/<name>.log; the table reads the
# `RESULT key=value ...` line each prints last. Exit status 1 when a figure misses its target or
# a benchmark fails. The machine's load is printed with the table: these are wall-clock figures
# (except pathological.sh's CPU time), so other work on the machine slows them.
#
# Usage: scripts/bench/all.sh [NAME...]      (default: all seven)
# Environment: SCRATCH (release build folder, default .build-bench).
set -uo pipefail
cd "$(dirname "$0")/../.."

NAMES=("$@")
[ ${#NAMES[@]} -gt 0 ] || NAMES=(realistic graph packets lint runbook pathological status)
export SCRATCH=${SCRATCH:-.build-bench}
LOGS="$SCRATCH/bench-logs"
mkdir -p "$LOGS"

echo "bench: installing what is missing (scripts/setup.sh)" >&2
bash scripts/setup.sh >&2 || { echo "bench: scripts/setup.sh failed" >&2; exit 2; }
echo "bench: building onboard in release ($SCRATCH)" >&2
if ! swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product onboard >"$LOGS/build.log" 2>&1; then
  grep -E 'error:' "$LOGS/build.log" | head -20 >&2
  echo "bench: the release build failed (log: $LOGS/build.log)" >&2
  exit 2
fi

declare -A R         # key -> value, from every RESULT line
declare -A SECONDS_OF STATUS_OF
for name in "${NAMES[@]}"; do
  script="scripts/bench/$name.sh"
  [ -x "$script" ] || { echo "bench: no $script" >&2; exit 2; }
  echo "bench: running $name.sh (log: $LOGS/$name.log)" >&2
  start=$(date +%s)
  bash "$script" >"$LOGS/$name.log" 2>&1
  STATUS_OF[$name]=$?
  SECONDS_OF[$name]=$(($(date +%s) - start))
  line=$(grep '^RESULT ' "$LOGS/$name.log" | tail -1)
  for pair in ${line#RESULT }; do
    R["$name.${pair%%=*}"]=${pair#*=}
  done
  [ "${STATUS_OF[$name]}" -eq 0 ] || { echo "bench: $name.sh failed (exit ${STATUS_OF[$name]}):" >&2; tail -5 "$LOGS/$name.log" >&2; }
done

failures=0
rows=()
# row FIGURE VALUE TARGET COMPARED RESULT
row() { rows+=("$1|$2|$3|$4|$5"); [ "$5" != FAIL ] || failures=$((failures + 1)); }
# verdict EXPRESSION: pass or FAIL by an awk condition on numbers.
verdict() { awk "BEGIN { exit !($*) }" 2>/dev/null && echo pass || echo FAIL; }
get() { echo "${R[$1]:-}"; }
mib() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }' || echo "-"; }
missing() { [ -z "$1" ] || [ "$1" = none ]; }

if [[ " ${NAMES[*]} " == *" realistic "* ]]; then
  c=$(get realistic.check_ms) g=$(get realistic.graph_ms) s=$(get realistic.startup_ms) m=$(get realistic.cmark_ms)
  if missing "$c"; then row "onboard check, 150 KB real-shaped guide" "-" "<= 3x cmark, less start-up" "cmark to HTML" "FAIL"
  else
    ratio=$(get realistic.work_ratio)
    row "onboard check, 150 KB real-shaped guide" "$c ms CPU" "<= 3x cmark, less start-up" "cmark $m ms; --version $s ms (onboard ${ratio}x)" "$(verdict "$ratio <= 3")"
    row "onboard graph, 150 KB real-shaped guide" "$g ms CPU" "no target (reported)" "less start-up: $(get realistic.graph_ratio)x cmark" "-"
  fi
fi
if [[ " ${NAMES[*]} " == *" graph "* ]]; then
  g=$(get graph.graph_ms) c=$(get graph.cmark_ms) ratio=$(get graph.ratio)
  if missing "$g"; then row "onboard graph, 5 MB guide" "-" "<= 2x cmark" "cmark to HTML" "FAIL"
  else row "onboard graph, 5 MB guide" "$g ms" "<= 2x cmark" "cmark $c ms (onboard ${ratio}x)" "$(verdict "$ratio <= 2")"; fi
fi
if [[ " ${NAMES[*]} " == *" packets "* ]]; then
  for size in 10000 100000; do
    p=$(get "packets.packets_per_s_$size")
    if missing "$p"; then row "packets/s, $size sellers" "-" ">= 2000/s" "-" "FAIL"
    else row "packets/s, $size sellers" "$p/s" ">= 2000/s" "-" "$(verdict "$p >= 2000")"; fi
  done
  a=$(get packets.peak_kb_10000) b=$(get packets.peak_kb_100000) ratio=$(get packets.peak_ratio)
  if missing "$ratio"; then row "peak memory, 100000 sellers" "$(mib "$b")" "<= 1.2x the 10k peak" "10k: $(mib "$a")" "FAIL"
  else row "peak memory, 100000 sellers" "$(mib "$b")" "<= 1.2x the 10k peak" "10k sellers: $(mib "$a") (${ratio}x)" "$(verdict "$ratio <= 1.2")"; fi
fi
if [[ " ${NAMES[*]} " == *" lint "* ]]; then
  f=$(get lint.files_per_s)
  if missing "$f"; then row "lint batch, 10000 files" "-" ">= 5000 files/s" "-" "FAIL"
  else row "lint batch, $(get lint.files) files" "$f files/s" ">= 5000 files/s" "-" "$(verdict "$f >= 5000")"; fi
  o=$(get lint.onboard_startup_us) y=$(get lint.yamllint_startup_us)
  if missing "$o" || missing "$y"; then row "lint start-up, one small file" "${o:--} us" ">= 10x faster than yamllint" "yamllint: not measured" "FAIL"
  else
    ratio=$(awk -v o="$o" -v y="$y" 'BEGIN { printf "%.1f", y / o }')
    row "lint start-up, one small file" "$o us" ">= 10x faster than yamllint" "yamllint $y us (onboard ${ratio}x faster)" "$(verdict "$ratio >= 10")"
  fi
fi
if [[ " ${NAMES[*]} " == *" runbook "* ]]; then
  pdf=$(get runbook.pdf_median_s) html=$(get runbook.html_median_s) each=$(get runbook.packets_pdf_s_per_packet)
  if missing "$pdf"; then row "runbook PDF, one seller" "-" "no target (reported)" "-" "FAIL"
  else
    row "runbook PDF, one seller (median)" "$pdf s" "no target (reported)" "the HTML alone: $html s" "-"
    row "packets --pdf, per packet" "$each s" "no target (reported)" "one browser for all packets" "-"
  fi
fi
if [[ " ${NAMES[*]} " == *" status "* ]]; then
  j=$(get status.status_json_ms) t=$(get status.status_text_ms)
  if missing "$j"; then row "status, 100k sellers / 10M events" "-" "< 1 s" "-" "FAIL"
  else
    row "status --format json, 100k sellers / 10M events" "$j ms" "< 1000 ms" "peak $(mib "$(get status.status_peak_kb)")" "$(verdict "$j < 1000")"
    row "status --format text --ics, same ledger" "$t ms" "< 1000 ms" "-" "$(verdict "$t < 1000")"
  fi
fi
if [[ " ${NAMES[*]} " == *" pathological "* ]]; then
  line=$(grep '^RESULT ' "$LOGS/pathological.log" | tail -1)
  factor=$(get pathological.factor)
  worst=$(tr ' ' '\n' <<<"${line#RESULT }" | grep -vE '^(factor|alias_bomb_ms|linear)=' | sort -t= -k2 -g | tail -1)
  if missing "$factor" || [ -z "$worst" ]; then row "pathological inputs, time growth" "-" "linear" "-" "FAIL"
  else
    row "pathological inputs, worst growth" "x${worst#*=} for x$factor size" "<= x$((2 * factor)) (linear)" "${worst%%=*}" \
      "$([ "$(get pathological.linear)" = yes ] && echo pass || echo FAIL)"
    row "YAML alias bomb (9 levels), lint" "$(get pathological.alias_bomb_ms) ms CPU" "ends at once" "9^9 nodes if expanded" \
      "$(verdict "$(get pathological.alias_bomb_ms) < 2000")"
  fi
fi
for name in "${NAMES[@]}"; do
  [ "${STATUS_OF[$name]}" -eq 0 ] || row "$name.sh" "exit ${STATUS_OF[$name]}" "runs" "log: $LOGS/$name.log" "FAIL"
done

echo
echo "onboard benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "figure|value|target|compared against (same run)|result"
  echo "---|---|---|---|---"
  printf '%s\n' "${rows[@]}"
} | column -t -s'|' -o ' | '
echo
for name in "${NAMES[@]}"; do printf '%s.sh %d s; ' "$name" "${SECONDS_OF[$name]}"; done
echo "logs in $LOGS/"
[ "$failures" -eq 0 ]
