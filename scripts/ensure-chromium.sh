#!/usr/bin/env bash
# Makes sure Debian's headless Chromium is there for the browser tests.
# Exit 0: Chromium is usable. Exit 1: it is not (and we say why).
# In CI (CI=true) a missing Chromium is an error, never a silent skip.
set -u
chromium_bin="${LOTSE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium_bin" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo ">> Chromium missing: installing Debian's chromium package for the browser tests ..."
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
      >/tmp/lotse-chromium-install.log 2>&1 && [ -x "$chromium_bin" ]; then
    exit 0
  fi
  echo "!! Installing chromium failed, see /tmp/lotse-chromium-install.log"
else
  echo "!! No Chromium at $chromium_bin. Install it with: sudo apt-get install chromium"
fi
if [ "${CI:-}" = "true" ]; then
  echo "!! CI requires the browser tests: failing."
  exit 2
fi
exit 1
