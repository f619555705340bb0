#!/usr/bin/env bash
# Install headless Chromium (Debian package `chromium`) for the browser test of
# the HTML report (tests/functional/test_html_report.py). The test drives this
# system binary with Playwright; Playwright's own browser download is not used
# (only PyPI and Debian are reachable). Idempotent: does nothing when
# /usr/bin/chromium is already there.
set -euo pipefail

BROWSER=/usr/bin/chromium

if [ -x "$BROWSER" ]; then
    echo "install_browser: $BROWSER already installed ($("$BROWSER" --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no apt-get on this machine; install Chromium by hand so that $BROWSER exists" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo)
else
    echo "install_browser: not root and no password-less sudo; run as root:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends chromium" >&2
    exit 1
fi

echo "install_browser: installing the Debian package chromium ..."
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

if [ ! -x "$BROWSER" ]; then
    echo "install_browser: apt-get finished but $BROWSER is missing" >&2
    exit 1
fi
echo "install_browser: installed $("$BROWSER" --version 2>/dev/null || echo "$BROWSER")"
