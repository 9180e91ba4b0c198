#!/usr/bin/env bash
# The browser tests drive Debian's chromium headless. Install it when missing and we may.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian chromium for the browser tests (apt-get)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null) \
    || echo "warning: could not install chromium - browser tests will be skipped"
else
  echo "warning: /usr/bin/chromium missing (apt-get install chromium) - browser tests will be skipped"
fi
exit 0
