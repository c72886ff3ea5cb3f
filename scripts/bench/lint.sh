#!/usr/bin/env bash
# Benchmark for `onboard lint` (issue 4):
#  1. lints 10,000 generated credential files (YAML, dotenv, JSON; good and bad) in one batch
#     and prints files per second (target: >= 5,000 files/s);
#  2. compares the start-up cost of linting one small YAML file with yamllint's on the same
#     file (target: onboard >= 10x faster).
# Uses a release build (swift build -c release --static-swift-stdlib: a statically linked
# runtime starts in about half the time). Values are generated fakes, never real.
set -euo pipefail
cd "$(dirname "$0")/../.."

FILES=${FILES:-10000}
RUNS=${RUNS:-30}
SCRATCH=${SCRATCH:-.build}

# ONBOARD: a binary to measure instead of building one (the installed one, say).
if [ -z "${ONBOARD:-}" ]; then
  swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product onboard >&2
fi
ONBOARD=${ONBOARD:-$SCRATCH/release/onboard}
YAMLLINT=.venv/bin/yamllint
GUIDE=guides/sp-api-self-authorisation.md

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" "$FILES" <<'PY'
import os, random, string, sys
root, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(4)
hexs = lambda n: "".join(rng.choice("0123456789abcdef") for _ in range(n))
tok = lambda: "Atzr|IwEB" + "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(330))
app = lambda: "amzn1.application-oa2-client." + hexs(32)
sec = lambda: "amzn1.oa2-cs.v1." + hexs(64)
def yaml_file(i):
    accounts = ["default", "shop_de", "shop_uk"][: 1 + i % 3]
    out = ["version: '1.0'"]
    for a in accounts:
        out.append(f"{a}:")
        out.append(f"  refresh_token: {tok()}")
        out.append(f"  lwa_app_id: {app()}")
        out.append(f"  lwa_client_secret: {sec()}")
    if i % 4 == 1: out.append("  lws_app_id: x")          # unknown key
    if i % 4 == 2: out.append(f"lwa_client_secret: {sec()}")  # lost indentation
    if i % 4 == 3: out.append("  refresh_token: no")       # duplicate + implicit type
    return "\n".join(out) + "\n"
def env_file(i):
    acct = "shop"
    out = [f"LWA_APP_ID_{acct}={app()}", f"LWA_CLIENT_SECRET_{acct}={sec()}", f"SP_API_REFRESH_TOKEN_{acct}='{tok()}'"]
    if i % 3 == 1: out[2] = f"SP_API_REFRESH_TOKEN_{acct}={tok()}"   # shell-unsafe
    if i % 3 == 2: out.append("LWA_CLIENT_ID = x")                    # spaces, unknown
    return "\n".join(out) + "\n"
def json_file(i):
    body = f'{{"LWA_APP_ID": "{app()}", "LWA_CLIENT_SECRET": "{sec()}", "SP_API_REFRESH_TOKEN": "{tok()}"}}'
    if i % 3 == 1: body = body[:-1] + ',}'                            # trailing comma
    return body + "\n"
for i in range(count):
    kind = i % 3
    if kind == 0: name, text = f"c{i}/credentials.yml", yaml_file(i)
    elif kind == 1: name, text = f"e{i}.env", env_file(i)
    else: name, text = f"s{i}/secret.json", json_file(i)
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f: f.write(text)
    os.chmod(path, 0o600)
with open(os.path.join(root, "small.yml"), "w") as f:
    f.write(f"default:\n  refresh_token: {tok()}\n  lwa_app_id: {app()}\n  lwa_client_secret: {sec()}\n")
os.chmod(os.path.join(root, "small.yml"), 0o600)
PY

now_ns() { date +%s%N; }

# 1. Batch throughput.
LIST="$WORK/list"
find "$WORK" -type f \( -name '*.yml' -o -name '*.env' -o -name '*.json' \) ! -name small.yml | sort > "$LIST"
N=$(wc -l < "$LIST")
start=$(now_ns)
# One process for the whole batch; the paths come through --files-from (a command line of
# 10,000 paths would cost ArgumentParser more than the linting).
"$ONBOARD" lint --guide "$GUIDE" --format json --files-from "$LIST" > "$WORK/report.json" || true
end=$(now_ns)
ms=$(( (end - start) / 1000000 ))
[ "$ms" -gt 0 ] || ms=1
findings=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['diagnostics']))" "$WORK/report.json")
echo "batch: $N files in ${ms} ms = $(( N * 1000 / ms )) files/s (target >= 5000), $findings findings"
RESULT="files=$N batch_ms=$ms files_per_s=$(( N * 1000 / ms ))"

# 2. Start-up cost on one small file, onboard vs yamllint.
SMALL="$WORK/small.yml"
time_runs() {
  local start end
  start=$(now_ns)
  for _ in $(seq "$RUNS"); do "$@" > /dev/null 2>&1 || true; done
  end=$(now_ns)
  echo $(( (end - start) / RUNS / 1000 ))
}
"$ONBOARD" lint --guide "$GUIDE" "$SMALL" > /dev/null 2>&1 || true
onboard_us=$(time_runs "$ONBOARD" lint --guide "$GUIDE" "$SMALL")
if [ -x "$YAMLLINT" ]; then
  yamllint_us=$(time_runs "$YAMLLINT" "$SMALL")
  echo "one small file: onboard ${onboard_us} us, yamllint ${yamllint_us} us per run ($RUNS runs each)"
  awk -v o="$onboard_us" -v y="$yamllint_us" 'BEGIN { printf "ratio: onboard is %.1fx faster than yamllint (target >= 10x)\n", y / o }'
  # CPU time (user + system) per run, which a busy machine inflates less than wall time.
  if [ -x /usr/bin/time ]; then
    cpu_ms() {
      local total=0 t
      for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" > /dev/null 2>&1 || true
        t=$(tail -1 "$WORK/cpu" | awk '{ printf "%d", ($1 + $2) * 1000 }')
        total=$(( total + ${t:-0} ))
      done
      echo $(( total / RUNS ))
    }
    onboard_cpu=$(cpu_ms "$ONBOARD" lint --guide "$GUIDE" "$SMALL")
    yamllint_cpu=$(cpu_ms "$YAMLLINT" "$SMALL")
    echo "cpu per run: onboard ${onboard_cpu} ms, yamllint ${yamllint_cpu} ms (load average: $(cut -d' ' -f1 /proc/loadavg))"
  fi
else
  echo "one small file: onboard ${onboard_us} us per run; yamllint not found at $YAMLLINT (run scripts/setup.sh)"
fi
# One machine-readable line for scripts/bench/all.sh.
echo "RESULT $RESULT onboard_startup_us=$onboard_us yamllint_startup_us=${yamllint_us:-none}"
