#!/usr/bin/env bash
# Refresh the catalogues after adding or changing user-facing strings:
#   scripts/i18n.sh            extract into locales/sabaq.pot and merge into kk/ru/en .po files
# Then translate the new empty msgstr entries in locales/{kk,ru}/LC_MESSAGES/sabaq.po
# (English is the source language; its catalogue stays empty). tests/test_i18n.py fails
# while a string in the code is missing from the catalogues or untranslated.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
"$PYBABEL" extract -F babel.cfg -k N_ -k _ --no-location --sort-output \
  --project=sabaq --copyright-holder="Sabaq" -o locales/sabaq.pot .
for lang in kk ru en; do
  po="locales/$lang/LC_MESSAGES/sabaq.po"
  if [ -f "$po" ]; then
    "$PYBABEL" update --no-fuzzy-matching --ignore-obsolete -i locales/sabaq.pot -d locales -D sabaq -l "$lang"
  else
    "$PYBABEL" init -i locales/sabaq.pot -d locales -D sabaq -l "$lang"
  fi
done
