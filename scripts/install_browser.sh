#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (Playwright drives it with
# executable_path=/usr/bin/chromium; never `playwright install`). Idempotent and quiet:
# does nothing when /usr/bin/chromium is already there.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    else
        echo "install_browser.sh: $CHROMIUM missing and not root; install Debian's chromium package" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-noto-color-emoji >/dev/null
test -x "$CHROMIUM" || { echo "install_browser.sh: $CHROMIUM still missing after apt-get" >&2; exit 1; }
