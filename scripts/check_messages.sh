#!/usr/bin/env bash
# Fail when makemessages would change a catalogue, or a catalogue has untranslated or fuzzy
# entries. The catalogues are restored afterwards. Usage: scripts/check_messages.sh en it fi …
set -euo pipefail
backup=$(mktemp -d)
trap 'rm -rf "$backup"' EXIT
cp -a locale "$backup/"
make --no-print-directory messages >/dev/null
status=0
if ! diff -r -q -I '^"POT-Creation-Date' "$backup/locale" locale >/dev/null; then
  diff -r -u -I '^"POT-Creation-Date' "$backup/locale" locale | head -40 || true
  echo "The .po catalogues are out of date: run 'make messages' and translate the new entries." >&2
  status=1
fi
rm -rf locale && cp -a "$backup/locale" locale
for lang in "$@"; do
  po="locale/$lang/LC_MESSAGES/django.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
  echo "$lang: $stats"
  if grep -qE 'untranslated|fuzzy' <<<"$stats"; then status=1; fi
done
[ $status = 0 ] || echo "Some catalogues are incomplete or out of date." >&2
exit $status
