#!/usr/bin/env bash
# Backup of the portal: the PostgreSQL database (pg_dump custom format) and the uploaded files.
#
#   scripts/backup.sh DIR        writes DIR/database.dump and DIR/media.tar.gz
#
# Reads DATABASE_URL (postgres://…) and MEDIA_ROOT (default ./media) from the environment;
# PG_SNAPSHOT (optional) dumps an exported snapshot (reports/backups.py counts the rows in it).
# Any failure (a full disk, a missing target) exits non-zero; the caller keeps older copies.
set -euo pipefail
out=${1:?usage: scripts/backup.sh DIR}
: "${DATABASE_URL:?set DATABASE_URL to the portal database (postgres://…)}"
media=${MEDIA_ROOT:-$(dirname "$0")/../media}
mkdir -p "$out"
pg_dump --format=custom --no-owner --no-privileges ${PG_SNAPSHOT:+--snapshot="$PG_SNAPSHOT"} \
  --file="$out/database.dump" "$DATABASE_URL"
if [[ -d $media ]]; then
  tar -czf "$out/media.tar.gz" -C "$media" .
fi
echo "backup: $out/database.dump${media:+ and $out/media.tar.gz}"
