#!/usr/bin/env bash
# Benchmark `onboard packets`: generates rosters of 10,000 and 100,000 sellers, writes their
# packets with a release build, and prints packets per second and peak memory (maximum resident
# set size from /usr/bin/time -v) for each, and the ratio of the two peaks.
#
# Targets (issue 3): at least 2,000 packets/s; peak memory for 100k within 1.2x of 10k.
#
# Usage: scripts/bench/packets.sh [SIZES...]     (default: 10000 100000)
# Environment: SCRATCH (build folder, default .build), WORK (scratch folder, default a mktemp dir;
# needs about 6 GB free for 10k and 100k packets, kept until the end), SCREENSHOTS (default
# ../shared/screenshots), LEDGER (1: record into a fresh ledger in WORK, as a user's run does;
# default: --no-ledger, so nothing is written to ~/.local/state).
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
SCRATCH="${SCRATCH:-.build}"
SCREENSHOTS="${SCREENSHOTS:-../shared/screenshots}"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/onboard-bench.XXXXXX")}"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT

if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing (scripts/setup.sh installs the 'time' package)" >&2
  exit 2
fi

# ONBOARD: a binary to measure instead of building one (the installed one, say).
if [ -n "${ONBOARD:-}" ]; then :
elif echo "bench: building onboard (release, $SCRATCH)" >&2; ! swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product onboard >"$WORK/build.log" 2>&1; then
  echo "bench: the release build failed:" >&2
  tail -20 "$WORK/build.log" >&2
  exit 2
fi
ONBOARD=${ONBOARD:-$SCRATCH/release/onboard}

generate() {
  # A roster of $1 sellers across marketplaces and credential sources, with owners and, for every
  # third seller, a known (fake, format-valid) LWA client identifier.
  python3 - "$1" "$2" <<'PY'
import sys
count, path = int(sys.argv[1]), sys.argv[2]
markets = ["US", "CA", "MX", "BR", "UK", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "JP", "AU", "SG", "IN"]
sources = ["file", "env", "code"]
with open(path, "w", encoding="utf-8") as out:
    for i in range(count):
        out.write(f"- id: seller-{i:06d}\n  name: Seller {i} & Sons <Ltd>\n  marketplace: {markets[i % len(markets)]}\n")
        out.write(f"  owner:\n    name: Owner {i}\n    email: owner{i}@example.com\n  credential_source: {sources[i % 3]}\n")
        if i % 3 == 0:
            out.write(f"  lwa_app_id: amzn1.application-oa2-client.{i:032x}\n")
PY
}

declare -A RSS
RESULT=()
for size in "${SIZES[@]}"; do
  roster="$WORK/roster-$size.yml"
  out="$WORK/out-$size"
  generate "$size" "$roster"
  if [ "${LEDGER:-}" = 1 ]; then ledger=(--ledger "$WORK/ledger-$size.sqlite"); else ledger=(--no-ledger); fi
  /usr/bin/time -v -o "$WORK/time-$size.txt" "$ONBOARD" packets guides/sp-api-self-authorisation.md \
    --roster "$roster" --out "$out" --screenshots "$SCREENSHOTS" --quiet "${ledger[@]}" 2>"$WORK/stderr-$size.txt" || {
    echo "bench: onboard failed for $size sellers:" >&2
    cat "$WORK/stderr-$size.txt" >&2
    exit 1
  }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time-$size.txt")
  seconds=$(python3 -c "import sys; p=sys.argv[1].split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))" "$wall")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$size.txt")
  RSS[$size]=$rss
  written=$(find "$out" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | wc -l)
  python3 -c "import sys; n,s,r=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'{n:>7} sellers: {s:7.2f} s, {n/s:8.0f} packets/s, peak memory {r/1024:7.1f} MiB')" "$written" "$seconds" "$rss"
  RESULT+=("packets_per_s_$size=$(python3 -c "import sys; print(round(int(sys.argv[1]) / float(sys.argv[2])))" "$written" "$seconds")" "peak_kb_$size=$rss")
  # The output folders are removed at exit, not here: on a file system without a journal ext4
  # skips inodes freed in the last minutes when it allocates new ones, so deleting 10,000 packets
  # just before the next size made that run measurably slower (seen in a profile).
done

if [ ${#SIZES[@]} -ge 2 ]; then
  first=${SIZES[0]}
  last=${SIZES[${#SIZES[@]}-1]}
  python3 -c "import sys; a,b=int(sys.argv[1]),int(sys.argv[2]); print(f'peak memory ratio {sys.argv[4]}/{sys.argv[3]}: {b/a:.2f}x (target <= 1.20x)')" "${RSS[$first]}" "${RSS[$last]}" "$first" "$last"
  RESULT+=("peak_ratio=$(python3 -c "import sys; print(f'{int(sys.argv[2]) / int(sys.argv[1]):.2f}')" "${RSS[$first]}" "${RSS[$last]}")")
fi
# One machine-readable line for scripts/bench/all.sh.
echo "RESULT ${RESULT[*]}"
