#!/usr/bin/env bash
# Gate: swift-format lint with the committed configuration (.swift-format: 2-space indent,
# 120 columns, no force unwraps, no force try, no implicitly unwrapped optionals).
# Sources and the fuzz package are linted with .swift-format as it is; Tests with the same
# configuration except NeverForceUnwrap and NeverUseForceTry, which the house rules allow in
# tests. Fails on any finding and prints the findings per file.
#
# Fix formatting findings with:  swift format format -i -r --configuration .swift-format <paths>
# Usage: scripts/gates/format.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$WORK/tests.swift-format" <<'PY'
import json, sys
config = json.load(open(".swift-format"))
config["rules"]["NeverForceUnwrap"] = False
config["rules"]["NeverUseForceTry"] = False
json.dump(config, open(sys.argv[1], "w"), indent=2)
PY

swift format lint -r --configuration .swift-format Sources Fuzz/Sources Fuzz/Package.swift >"$WORK/findings" 2>&1 || true
swift format lint -r --configuration "$WORK/tests.swift-format" Tests >>"$WORK/findings" 2>&1 || true
grep -E ':[0-9]+:[0-9]+: (warning|error):' "$WORK/findings" >"$WORK/list" || true
count=$(wc -l <"$WORK/list")
if [ "$count" -gt 0 ]; then
  echo "format: $count finding(s) by rule:"
  grep -oE '\[[A-Za-z]+\]' "$WORK/list" | sort | uniq -c | sort -rn
  echo "format: by file:"
  cut -d: -f1 "$WORK/list" | sort | uniq -c | sort -rn
  echo "format: the first findings:"
  head -20 "$WORK/list"
  echo "RESULT format_findings=$count"
  exit 1
fi
echo "format: no findings"
echo "RESULT format_findings=0"
