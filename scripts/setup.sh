#!/usr/bin/env bash
# Makes this machine ready to run golive: the browser and fonts (apt), a virtual
# environment at .venv with golive installed editable, and the Allure report tool (npm).
# Idempotent: run it again at any time; it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

# --- system packages: Debian's Chromium (Playwright cannot download its own browser
# on a closed network) and a CJK font, so Chinese pages do not render as boxes.
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${need_apt[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    say "missing system packages: ${need_apt[*]}"
    say "  on Debian/Ubuntu run as root: apt-get install -y ${need_apt[*]}"
    say "  elsewhere: install a Chromium and set GOLIVE_BROWSER=/path/to/chromium, or"
    say "  GOLIVE_BROWSER=playwright after '.venv/bin/playwright install chromium'"
    if [ -z "${GOLIVE_BROWSER:-}" ]; then exit 1; fi
  fi
fi
# Chromium's headless shell: what headless runs use where it is installed (much lighter;
# golive falls back to /usr/bin/chromium without it), so install it where we can
if [ ! -x /usr/bin/chromium-headless-shell ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing chromium-headless-shell with apt-get"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null 2>&1 ||
    { apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; }; } ||
    say "chromium-headless-shell unavailable; headless runs use /usr/bin/chromium (slower)"
fi
# wrk only serves bench/load_generator.py as a yardstick: install it where we can
if ! command -v wrk >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing wrk (for the load-generator benchmark) with apt-get"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }; } ||
    say "wrk unavailable; bench/load_generator.py will skip it"
fi

# --- Python: golive and everything it drives, in .venv
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  say "golive needs Python 3.11 or newer; $("$python" --version 2>&1) found (set PYTHON=...)"
  exit 1
fi
[ -x .venv/bin/python ] || { say "creating .venv"; "$python" -m venv .venv; }
stamp=.venv/.golive-installed
# constraints.txt pins every package to the version golive was tested with; installing
# again when it changes moves .venv to the new pins
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  say "installing golive and its dependencies into .venv (versions from constraints.txt)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c constraints.txt -e '.[sandbox,dev,test]'
  touch "$stamp"
fi

# --- the Allure report tool (npm package "allure"), pinned in package-lock.json
if [ ! -x node_modules/.bin/allure ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! command -v npm >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Node.js and npm with apt-get (for the Allure report tool)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  if command -v npm >/dev/null; then
    say "installing the Allure report tool with npm"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  else
    say "npm not found: install Node.js 20+ (apt-get install -y nodejs npm) for Allure reports"
    exit 1
  fi
fi
say "ready"
