#!/usr/bin/env bash
# Installs whatever onboard's build, tests and demo need and is missing:
# Debian packages (libcmark-dev, libssl-dev, libcurl4-openssl-dev, libsqlite3-dev, cmark, chromium, poppler, graphviz, tmux) and a Python
# virtual environment (.venv) with python-amazon-sp-api, selenium, pytest, yamllint, python-dotenv, pre-commit and icalendar.
# Safe to run again: it only installs what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in libcmark-dev libssl-dev libcurl4-openssl-dev libsqlite3-dev cmark pkg-config graphviz poppler-utils chromium chromium-driver fonts-dejavu-core tmux bsdextrautils python3-venv time; do
  have_pkg "$pkg" || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

VENV=.venv
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV" >&2
  python3 -m venv "$VENV"
fi
# Reinstall when scripts/requirements.txt changes (its hash is kept inside the venv).
want=$(sha256sum scripts/requirements.txt | cut -d' ' -f1)
have=$(cat "$VENV/.requirements.sha256" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  echo "setup: installing Python packages into $VENV" >&2
  "$VENV/bin/pip" install -q --disable-pip-version-check -r scripts/requirements.txt
  echo "$want" > "$VENV/.requirements.sha256"
fi
