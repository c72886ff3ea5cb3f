#!/usr/bin/env bash
# `make install`: builds onboard in release with a statically linked Swift runtime and installs
#   $PREFIX/bin/onboard
#   $PREFIX/share/bash-completion/completions/onboard     (swift-argument-parser's
#   $PREFIX/share/zsh/site-functions/_onboard              --generate-completion-script)
#   $PREFIX/share/fish/vendor_completions.d/onboard.fish
#   $PREFIX/share/man/man1/onboard.1                       (swift-argument-parser's generate-manual;
#                                                           without it, a page made from --help)
# Environment: PREFIX (default /usr/local), DESTDIR (staging root, default none), SWIFT (swift),
# SCRATCH (build folder, default .build).
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
SWIFT=${SWIFT:-swift}
SCRATCH=${SCRATCH:-.build}
ROOT="$DESTDIR$PREFIX"

echo "install: building onboard (release, --static-swift-stdlib)" >&2
"$SWIFT" build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product onboard >&2
BINARY="$SCRATCH/release/onboard"

install -d "$ROOT/bin" "$ROOT/share/bash-completion/completions" "$ROOT/share/zsh/site-functions" \
  "$ROOT/share/fish/vendor_completions.d" "$ROOT/share/man/man1"
install -m 0755 "$BINARY" "$ROOT/bin/onboard"
# Without the symbol tables and debug information (about 88 MB with them).
command -v strip >/dev/null && strip "$ROOT/bin/onboard"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BINARY" --generate-completion-script bash >"$WORK/onboard.bash"
"$BINARY" --generate-completion-script zsh >"$WORK/_onboard"
"$BINARY" --generate-completion-script fish >"$WORK/onboard.fish"
install -m 0644 "$WORK/onboard.bash" "$ROOT/share/bash-completion/completions/onboard"
install -m 0644 "$WORK/_onboard" "$ROOT/share/zsh/site-functions/_onboard"
install -m 0644 "$WORK/onboard.fish" "$ROOT/share/fish/vendor_completions.d/onboard.fish"

# The man page: swift-argument-parser's generate-manual (the tool behind its generate-manual
# plugin, run here on the binary just built, so onboard is not built a second time), else one
# page made from the commands' --help.
mkdir -p "$WORK/man"
if "$SWIFT" build --scratch-path "$SCRATCH" --product generate-manual >"$WORK/manual.log" 2>&1 \
  && "$SCRATCH/debug/generate-manual" "$BINARY" --output-directory "$WORK/man" >>"$WORK/manual.log" 2>&1 \
  && [ -f "$WORK/man/onboard.1" ]; then
  install -m 0644 "$WORK/man/onboard.1" "$ROOT/share/man/man1/onboard.1"
else
  echo "install: generate-manual did not run; the man page is made from --help. Its log:" >&2
  tail -5 "$WORK/manual.log" >&2
  python3 scripts/manpage.py "$BINARY" >"$WORK/onboard.1"
  install -m 0644 "$WORK/onboard.1" "$ROOT/share/man/man1/onboard.1"
fi
echo "install: onboard $("$ROOT/bin/onboard" --version) in $ROOT/bin; completions and man page in $ROOT/share" >&2
