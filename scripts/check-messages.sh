#!/usr/bin/env bash
# Every message of the portal is translated into Russian, none is fuzzy.
# Runs makemessages on a copy of the catalogue, so the work tree stays as it was.
set -euo pipefail
cd "$(dirname "$0")/.."
po=locale/ru/LC_MESSAGES/django.po
backup=$(mktemp)
cp "$po" "$backup"
trap 'cp "$backup" "$po"; rm -f "$backup"' EXIT
.venv/bin/python manage.py makemessages -l ru --no-obsolete -v0 \
  -i "node_modules/*" -i ".venv/*" -i "tests/*" -i "bench/*" -i "staticfiles/*"
.venv/bin/python scripts/po.py check
