#!/bin/sh
# Renders the HTML mock-ups in scripts/mockups/<guide>/ into the PNG screenshots of the bundled
# guides (guides/images/<guide>/NAME.png) with headless Chromium. The mock-ups are made by the
# project; the service they show (Fernhill Pay) is fictional. Run from the checkout:
#   scripts/make-mockup-screenshots.sh [BROWSER]
# then optimise nothing by hand: the PNGs are committed as Chromium writes them.
set -eu
browser="${1:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
cd "$(dirname "$0")/.."
for folder in scripts/mockups/*/; do
  guide="$(basename "$folder")"
  mkdir -p "guides/images/$guide"
  for page in "$folder"*.html; do
    name="$(basename "$page" .html)"
    out="guides/images/$guide/$name.png"
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
      --window-size=760,360 --screenshot="$PWD/$out" "file://$PWD/$page" >/dev/null 2>&1
    echo "wrote $out ($(wc -c <"$out") bytes)"
  done
done
