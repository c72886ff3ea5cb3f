#!/usr/bin/env bash
# Benchmark `onboard status` on a ledger at the design point of issue 18: 100,000 sellers and
# 10,000,000 events. The ledger's schema is made by onboard itself (`onboard ledger rotated`
# on an empty ledger); Python's sqlite3 then fills it with what packets, walks and merges would
# record (per seller: 100 events; 7 steps, of which some confirmed; 3 credentials; one rotation
# policy), keeping the summary tables consistent with the events, as onboard does. Prints the
# median wall time of $RUNS (5) runs of `status --format json`, `--format text` and
# `--format text --ics`, each beside the target, and peak memory.
#
# Target (issue 18): status answers in under a second. A benchmark, not a timed test.
#
# Usage: scripts/bench/status.sh [SELLERS] [EVENTS]     (default: 100000 10000000)
# Environment: SCRATCH (build folder, default .build), WORK (scratch folder, default a mktemp
# dir; the ledger takes about 1 GB), ONBOARD (a binary to measure instead of building one),
# KEEP (set: keep WORK and its ledger), RUNS (runs per measurement, default 5), LEDGER_IN (an
# existing ledger to measure instead of filling a new one).
set -euo pipefail
cd "$(dirname "$0")/../.."

SELLERS=${1:-100000}
EVENTS=${2:-10000000}
SCRATCH="${SCRATCH:-.build}"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/onboard-bench-status.XXXXXX")}"
mkdir -p "$WORK"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT

if [ -n "${ONBOARD:-}" ]; then :
elif echo "bench: building onboard (release, $SCRATCH)" >&2; ! swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product onboard >"$WORK/build.log" 2>&1; then
  echo "bench: the release build failed:" >&2
  tail -20 "$WORK/build.log" >&2
  exit 2
fi
ONBOARD=${ONBOARD:-$SCRATCH/release/onboard}
LEDGER="${LEDGER_IN:-$WORK/ledger.sqlite}"
if [ -n "${LEDGER_IN:-}" ]; then
  echo "bench: measuring the existing ledger $LEDGER" >&2
else

"$ONBOARD" ledger rotated bench-schema --on 2026-01-01 --credential bench --ledger "$LEDGER" >/dev/null
echo "bench: filling the ledger with $SELLERS sellers and $EVENTS events" >&2
start=$(date +%s)
python3 - "$LEDGER" "$SELLERS" "$EVENTS" <<'PY'
import json, sqlite3, sys
path, sellers, events = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode = WAL")
db.execute("DELETE FROM events"); db.execute("DELETE FROM credentials")
steps = ["open-develop-apps", "add-app-client", "lwa-credentials", "authorise", "save-credentials", "check", "done"]
steps_json = json.dumps(steps)
base = 1_767_225_600  # 2026-01-01
per = max(1, events // sellers)
guide = "sp-api-self-authorisation"
sha = "ab" * 32

def event_rows():
    for i in range(sellers):
        seller, account = f"seller-{i:06d}", f"acct_{i:06d}"
        t = base + i
        yield (t, "packet", seller, account, "ops", guide, "1", sha, None, None, None, None,
               json.dumps({"name": f"Seller {i}", "steps": steps}))
        for k in range(1, per):
            t += 60
            if k % 10 == 0:
                yield (t, "credential", seller, account, "ops", None, None, None, None, "lwa_client_secret",
                       f"{(i * 31 + k) & 0xffffffff:08x}", t, '{"source":"walk"}')
            else:
                yield (t, "step", seller, None, f"user{i % 50}", None, None, None, steps[k % 7], None, None, None, None)

with db:
    db.executemany(
        "INSERT INTO events(at, kind, seller, account, by, guide_id, guide_version, guide_sha256, step, credential,"
        " fingerprint, effective_at, detail) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", event_rows())
    db.execute("INSERT OR REPLACE INTO rotation_policies VALUES(?, 'lwa_client_secret', 180, 90)", (guide,))
    def seller_rows():
        for i in range(sellers):
            done = i % 8
            last = base + i + 60 * (per - 1)
            yield (f"seller-{i:06d}", f"acct_{i:06d}", f"Seller {i}", guide, "1", sha, base + i, steps_json, 7,
                   min(done, 7), steps[(done or 1) - 1] if done else None, f"user{i % 50}" if done else None,
                   last if done else None, last)
    db.executemany("INSERT OR REPLACE INTO sellers VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)", seller_rows())
    db.executemany("INSERT OR REPLACE INTO confirmed_steps VALUES(?,?,?,?)",
                   ((f"seller-{i:06d}", steps[s], "ops", base + i) for i in range(sellers) for s in range(i % 8 if i % 8 < 7 else 7)))
    db.executemany("INSERT OR REPLACE INTO credentials VALUES(?,?,?,?,?,?,?)",
                   ((f"acct_{i:06d}", key, "0badf00d", base + i if i % 5 else None, None, base + i, "walk")
                    for i in range(sellers) for key in ("lwa_app_id", "lwa_client_secret", "refresh_token")))
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(db.execute("SELECT count(*) FROM events").fetchone()[0], "events,",
      db.execute("SELECT count(*) FROM sellers").fetchone()[0], "sellers", file=sys.stderr)
PY
echo "bench: filled in $(($(date +%s) - start)) s; ledger $(du -h "$LEDGER" | cut -f1)" >&2
fi

RUNS=${RUNS:-5}
timed() {  # median wall seconds of $RUNS runs of: onboard status ARGS, and the peak memory of all
  local rss=0 times=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o "$WORK/time.txt" "$ONBOARD" status --ledger "$LEDGER" --now 2026-07-01 "$@" -o "$WORK/out" 2>"$WORK/stderr.txt" || {
      cat "$WORK/stderr.txt" >&2; exit 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
    times+=("$(python3 -c "import sys; p=sys.argv[1].split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))" "$wall")")
    run_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    [ "$run_rss" -gt "$rss" ] && rss=$run_rss
  done
  echo "$(python3 -c "import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))" "${times[@]}") $rss"
}
# Reference (issue 18): status answers in under a second at the design point.
read -r json_s json_rss < <(timed --format json)
read -r text_s text_rss < <(timed --format text)
read -r ics_s ics_rss < <(timed --format text --ics "$WORK/out.ics")
echo "status --format json: ${json_s} s (median of $RUNS; target < 1 s), peak memory $((json_rss / 1024)) MiB, $SELLERS sellers, $EVENTS events"
echo "status --format text: ${text_s} s (median of $RUNS; target < 1 s), peak memory $((text_rss / 1024)) MiB"
echo "status --format text --ics: ${ics_s} s (median of $RUNS; target < 1 s), peak memory $((ics_rss / 1024)) MiB"
# status_text_ms is `--format text --ics`, as scripts/bench/all.sh reports it.
echo "RESULT status_json_ms=$(python3 -c "print(round(float('$json_s') * 1000))") status_text_ms=$(python3 -c "print(round(float('$ics_s') * 1000))") status_text_only_ms=$(python3 -c "print(round(float('$text_s') * 1000))") status_target_ms=1000 status_peak_kb=$json_rss"
