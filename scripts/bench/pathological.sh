#!/usr/bin/env bash
# Benchmark (issue 7): pathological inputs must take time linear in their size. For each kind
# of input this generates a small and a large case (the large one FACTOR times the size, default
# 10) and times the release build on both, as CPU time (user + system, from /usr/bin/time),
# which a loaded machine disturbs less than wall-clock time. Linear growth shows as a time
# ratio near FACTOR; quadratic growth as near FACTOR squared.
#
# Target: every ratio at most 2 x FACTOR (so 20 for the default FACTOR of 10).
# Usage: scripts/bench/pathological.sh      Environment: SCRATCH (default .build), FACTOR (10)
set -euo pipefail
cd "$(dirname "$0")/../.."

SCRATCH=${SCRATCH:-.build}
FACTOR=${FACTOR:-10}
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (scripts/setup.sh installs 'time')" >&2; exit 2; }

echo "bench: building onboard (release, $SCRATCH)" >&2
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product onboard >/dev/null
ONBOARD="$PWD/$SCRATCH/release/onboard"
GUIDE="$PWD/guides/sp-api-self-authorisation.md"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# gen KIND SIZE FILE: writes one pathological input.
gen() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
head = "---\nid: p\ntitle: P\nversion: 1\n---\n# P\n\n## <a id=\"s\"></a>Stage\n\n"
bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
prev = "a"
for c in "bcdefghi":
    bomb += f"{c}: &{c} [" + ",".join(["*" + prev] * 9) + "]\n"
    prev = c
with open(path, "w", encoding="utf-8") as f:
    if kind == "steps":
        f.write(head + "".join(f"{i}. <a id=\"s{i}\"></a>Step {i}.\n" for i in range(1, n + 1)))
    elif kind == "nesting":
        f.write(head + "1. Step\n\n" + "> " * n + "deep\n")
    elif kind == "long-line":
        f.write(head + "1. <a id=\"long\"></a>" + "word " * (n // 5) + "\n")
    elif kind == "keys":
        f.write("default:\n" + "".join(f"  key_{i}: value\n" for i in range(n)))
    elif kind == "accounts":
        f.write("".join(f"account_{i}:\n  lwa_app_id: x\n" for i in range(n)))
    elif kind == "dotenv-accounts":
        f.write("".join(f"LWA_APP_ID_acct{i}=x\n" for i in range(n)))
    elif kind == "flow-keys":
        f.write("default: {" + ", ".join(f"k\u00e9{i}: v" for i in range(n)) + "}\n")
    elif kind == "roster-rows":
        f.write("id,marketplace\n" + "".join(f"s{i},DE\n" for i in range(n)) + "bad id,DE\n")
    elif kind == "roster-flow":
        f.write("- {id: \"bad id\", " + ", ".join(f"f\u00e9{i}: v" for i in range(n)) + "}\n")
    elif kind == "alias-bomb":
        f.write(bomb + "default:\n  refresh_token: *i\n")
PY
}

# cpu_ms CMD...: CPU milliseconds (user + system) of one run; the exit status is ignored.
cpu_ms() {
  /usr/bin/time -f "%U %S" -o "$WORK/time" "$@" >/dev/null 2>&1 || true
  # The last line: /usr/bin/time writes "Command exited with non-zero status N" first when the
  # command fails (lint with findings), which must not become a second figure.
  tail -1 "$WORK/time" | awk '{ printf "%d\n", ($1 + $2) * 1000 }'
}

results=()
ok=1
# measure NAME KIND SMALL EXT COMMAND-ARGS...: times both sizes ({} in the arguments is the file).
measure() {
  local name=$1 kind=$2 small=$3 ext=$4
  shift 4
  local large=$((small * FACTOR)) times=()
  for size in "$small" "$large"; do
    local file="$WORK/$kind-$size.$ext"
    gen "$kind" "$size" "$file"
    local args=()
    for arg in "$@"; do args+=("${arg//\{\}/$file}"); done
    times+=("$(cpu_ms "$ONBOARD" "${args[@]}")")
  done
  local ratio
  ratio=$(awk -v a="${times[0]}" -v b="${times[1]}" 'BEGIN { printf "%.1f", b / (a < 10 ? 10 : a) }')
  local verdict=ok
  awk -v r="$ratio" -v f="$FACTOR" 'BEGIN { exit !(r <= 2 * f) }' || { verdict=SLOW; ok=0; }
  printf '%-34s %9s -> %-9s %7s ms -> %7s ms  x%-6s %s\n' "$name" "$small" "$large" "${times[0]}" "${times[1]}" "$ratio" "$verdict"
  results+=("${name// /_}=$ratio")
}

printf '%-34s %23s %24s  %-7s\n' "input" "size (x$FACTOR)" "CPU time" "ratio"
measure "guide steps (graph)" steps 10000 md graph {} --format json
measure "guide block quotes deep (graph)" nesting 10000 md graph {} --format json
measure "guide single line bytes (graph)" long-line 100000 md graph {} --format json
measure "credential keys (lint)" keys 1000 yml lint --guide "$GUIDE" {}
measure "credential accounts (lint)" accounts 1000 yml lint --guide "$GUIDE" {}
measure "dotenv accounts (lint)" dotenv-accounts 1000 env lint --guide "$GUIDE" {}
measure "flow keys on one line (lint)" flow-keys 5000 yml lint --guide "$GUIDE" {}
measure "roster rows (packets check)" roster-rows 100000 csv packets "$GUIDE" --roster {} --out "$WORK/out" --quiet
measure "roster fields on one line" roster-flow 2000 yml packets "$GUIDE" --roster {} --out "$WORK/out" --quiet
gen alias-bomb 0 "$WORK/bomb.yml"
bomb_ms=$(cpu_ms "$ONBOARD" lint --guide "$GUIDE" "$WORK/bomb.yml")
printf '%-34s %23s %7s ms\n' "alias bomb, 9 levels (lint)" "9^9 if expanded" "$bomb_ms"
if [ -d "$WORK/out" ] && [ -n "$(ls -A "$WORK/out" 2>/dev/null)" ]; then
  echo "bench: packets were written although the last roster row is invalid" >&2
  ok=0
fi
echo "target: every ratio <= $((2 * FACTOR)) (linear); a quadratic path shows as ~$((FACTOR * FACTOR))"
echo "RESULT factor=$FACTOR ${results[*]} alias_bomb_ms=$bomb_ms linear=$([ $ok -eq 1 ] && echo yes || echo no)"
