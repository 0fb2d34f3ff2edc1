#!/usr/bin/env bash
# Refresh the English catalogue after changing UI strings (msgids are German).
#   1. makemessages: collects new/changed msgids into lotse/locale/en/LC_MESSAGES/django.po
#   2. translate the new entries (msgattrib --untranslated / --only-fuzzy list them)
#   3. compilemessages: writes django.mo (committed alongside the .po)
# Run from anywhere: bash scripts/messages.sh
set -euo pipefail

cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
PO=lotse/locale/en/LC_MESSAGES/django.po

"$PY" manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=bench --no-obsolete
"$PY" manage.py compilemessages -l en --ignore=.venv

if command -v msgattrib >/dev/null 2>&1; then
	todo=$( { msgattrib --untranslated "$PO"; msgattrib --only-fuzzy "$PO"; } | grep -c '^msgid ' || true)
	if [ "$todo" -gt 0 ]; then
		echo "!! $PO has untranslated or fuzzy entries; translate them and run this script again:" >&2
		msgattrib --untranslated "$PO" >&2
		msgattrib --only-fuzzy "$PO" >&2
		exit 1
	fi
fi
echo "English catalogue up to date: $PO"
