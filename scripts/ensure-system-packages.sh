#!/usr/bin/env bash
# Makes sure the Debian packages in scripts/system-packages.txt are there for the tests.
# Prints, on stdout, the pytest markers whose packages are missing (space-separated; empty
# when everything is there); explanations go to stderr.
# Exit 0: everything usable, or missing parts named on stdout. Exit 2: something is missing
# in CI (CI=true), where nothing may be skipped.
set -u
cd "$(dirname "$0")/.."
missing_markers=()
to_install=()
while read -r executable packages marker; do
  case "$executable" in ''|'#'*) continue ;; esac
  [ -x "$executable" ] || to_install+=("$executable $packages $marker")
done < scripts/system-packages.txt

if [ ${#to_install[@]} -gt 0 ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  packages=$(printf '%s\n' "${to_install[@]}" | awk '{print $2}' | tr ',' ' ' | tr '\n' ' ')
  echo ">> Installing Debian packages for the tests: $packages" >&2
  # shellcheck disable=SC2086
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages) \
      >/tmp/lotse-system-packages.log 2>&1 \
    || echo "!! apt-get failed, see /tmp/lotse-system-packages.log" >&2
fi
for entry in "${to_install[@]}"; do
  read -r executable packages marker <<<"$entry"
  if [ ! -x "$executable" ]; then
    echo "!! $executable missing (Debian: $packages): tests marked '$marker' cannot run." >&2
    missing_markers+=("$marker")
  fi
done
if [ ${#missing_markers[@]} -gt 0 ] && [ "${CI:-}" = "true" ]; then
  echo "!! CI requires every test: failing." >&2
  exit 2
fi
echo "${missing_markers[*]:-}"
