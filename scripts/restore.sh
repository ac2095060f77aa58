#!/usr/bin/env bash
# Restore of a backup made by scripts/backup.sh into the database of DATABASE_URL (its tables
# are replaced) and the files into MEDIA_ROOT.
#
#   scripts/restore.sh DIR
set -euo pipefail
in=${1:?usage: scripts/restore.sh DIR}
: "${DATABASE_URL:?set DATABASE_URL to the database to restore into (postgres://…)}"
media=${MEDIA_ROOT:-$(dirname "$0")/../media}
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
  --dbname="$DATABASE_URL" "$in/database.dump"
if [[ -f $in/media.tar.gz ]]; then
  mkdir -p "$media"
  tar -xzf "$in/media.tar.gz" -C "$media"
fi
echo "restore: $in into the database and $media"
