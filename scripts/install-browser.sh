#!/bin/sh
# Install what the browser tests need: Debian's Chromium (Playwright drives it through
# executable_path; Playwright's own browser download is not used) and the playwright package.
# Idempotent and quiet: does nothing when both are present. Needs root for apt-get.
set -eu
PYTHON="${PYTHON:-.venv/bin/python}"
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-browser: chromium is missing and this is not root; run: sudo apt-get install -y chromium" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if ! "$PYTHON" -c "import playwright" >/dev/null 2>&1; then
    "$PYTHON" -m pip install -q "playwright>=1.40"
fi
