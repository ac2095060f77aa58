#!/usr/bin/env bash
# Throw-away PostgreSQL and Redis for `make test` and `make bench`.
#
#   scripts/services.sh run -- <command...>
#
# starts both on free ports of 127.0.0.1 in a fresh /tmp/po-test-* directory, runs the
# command with DATABASE_URL, CELERY_BROKER_URL, REDIS_URL, CELERY_RESULT_BACKEND and the
# PO_* variables below exported, stops both by PID, removes the directory and exits with
# the command's exit code -- also when the command fails or the run is interrupted.
#
# As a library (under `set -e`): `source scripts/services.sh`, then `po_services_start`
# and, from your own EXIT trap, `po_services_stop`.
#
#   PO_SERVICES_DIR  the temporary directory (removed at the end)
#   PO_PG_BIN        bin directory of the newest /usr/lib/postgresql/*/bin (or preset)
#   PO_PG_DATA       data directory; restart with "$PO_PG_BIN/pg_ctl" -D "$PO_PG_DATA",
#   PO_PG_OWNER      as this OS user (postgres when the script runs as root)
#   PO_PG_PORT, PO_REDIS_PORT, PO_REDIS_PID

po_die() {
  echo "services: $*" >&2
  local log
  for log in "${PO_SERVICES_DIR:-/nonexistent}"/*.log; do
    [[ -f $log ]] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
  done
  exit 1
}

# Runs a command as the owner of the cluster: initdb refuses to run as root.
po_as_pg() {
  if ((EUID == 0)); then
    (cd "$PO_SERVICES_DIR" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# True while the process runs; a zombie (our exited child, not yet reaped) counts as gone.
po_alive() {
  kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# Sends a signal, waits up to 20 s, then kills.
po_stop_pid() {
  local pid=$1 signal=$2 i
  kill -s "$signal" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 40; i++)); do
    po_alive "$pid" || return 0
    sleep 0.5
  done
  echo "services: PID $pid ignored SIG$signal for 20 s, killing it" >&2
  kill -s KILL "$pid" 2>/dev/null || true
}

po_free_ports() {
  python3 -c 'import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))'
}

po_redis_ping() {
  if command -v redis-cli >/dev/null; then
    [[ $(redis-cli -h 127.0.0.1 -p "$PO_REDIS_PORT" ping 2>/dev/null) == PONG ]]
  else
    python3 -c 'import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1) as s:
    s.sendall(b"PING\r\n")
    sys.exit(s.recv(16) != b"+PONG\r\n")' "$PO_REDIS_PORT" 2>/dev/null
  fi
}

po_services_start() {
  if [[ -z ${PO_PG_BIN:-} ]]; then
    PO_PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  [[ -x $PO_PG_BIN/initdb ]] || po_die "no PostgreSQL in $PO_PG_BIN (install postgresql)"
  command -v redis-server >/dev/null || po_die "no redis-server (install redis-server)"

  PO_SERVICES_DIR=$(mktemp -d /tmp/po-test-XXXXXXXX)
  PO_PG_DATA=$PO_SERVICES_DIR/pgdata
  PO_PG_OWNER=$(id -un)
  if ((EUID == 0)); then
    PO_PG_OWNER=postgres
    chown postgres: "$PO_SERVICES_DIR"
  fi
  read -r PO_PG_PORT PO_REDIS_PORT < <(po_free_ports)
  export PO_SERVICES_DIR PO_PG_BIN PO_PG_DATA PO_PG_OWNER PO_PG_PORT PO_REDIS_PORT

  # PostgreSQL: the address, port and socket live in postgresql.conf, so a plain
  # `pg_ctl -D "$PO_PG_DATA" restart` brings the server back where the tests expect it.
  po_as_pg "$PO_PG_BIN/initdb" -D "$PO_PG_DATA" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$PO_SERVICES_DIR/initdb.log" 2>&1 || po_die "initdb failed"
  po_as_pg tee -a "$PO_PG_DATA/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PO_PG_PORT
unix_socket_directories = '$PO_SERVICES_DIR'
EOF
  po_as_pg "$PO_PG_BIN/pg_ctl" -D "$PO_PG_DATA" -l "$PO_SERVICES_DIR/postgres.log" -w -t 60 -s \
    start || po_die "PostgreSQL did not start"
  local i
  for ((i = 0; i < 60; i++)); do
    "$PO_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PO_PG_PORT" && break
    sleep 0.5
  done
  "$PO_PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PO_PG_PORT" -U postgres -d postgres \
    -c "CREATE ROLE po LOGIN SUPERUSER" -c "CREATE DATABASE project_office OWNER po" \
    >/dev/null || po_die "could not create the role po and the database project_office"

  # Redis, in the background as our child.
  redis-server --bind 127.0.0.1 --port "$PO_REDIS_PORT" --save "" --appendonly no \
    --daemonize no --dir "$PO_SERVICES_DIR" >"$PO_SERVICES_DIR/redis.log" 2>&1 &
  PO_REDIS_PID=$!
  export PO_REDIS_PID
  for ((i = 0; i < 60; i++)); do
    po_redis_ping && break
    po_alive "$PO_REDIS_PID" || po_die "Redis exited"
    sleep 0.25
  done
  po_redis_ping || po_die "Redis does not answer PING on port $PO_REDIS_PORT"

  export DATABASE_URL="postgres://po@127.0.0.1:$PO_PG_PORT/project_office"
  export CELERY_BROKER_URL="redis://127.0.0.1:$PO_REDIS_PORT/0"
  export REDIS_URL=$CELERY_BROKER_URL
  export CELERY_RESULT_BACKEND="redis://127.0.0.1:$PO_REDIS_PORT/1"

  local pg_version redis_version
  pg_version=$("$PO_PG_BIN/postgres" --version | awk '{print $3}')
  redis_version=$(redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p')
  echo "services: PostgreSQL $pg_version on 127.0.0.1:$PO_PG_PORT," \
    "Redis $redis_version on 127.0.0.1:$PO_REDIS_PORT"
}

po_services_stop() {
  trap '' INT TERM # a second Ctrl-C must not cut the cleanup short
  [[ -n ${PO_SERVICES_DIR:-} && -d $PO_SERVICES_DIR ]] || return 0
  local pg_pid=""
  # Read at stop time: the tests may have restarted PostgreSQL under a new PID.
  [[ -f $PO_PG_DATA/postmaster.pid ]] && pg_pid=$(head -n 1 "$PO_PG_DATA/postmaster.pid")
  [[ -n $pg_pid ]] && po_stop_pid "$pg_pid" INT # SIGINT: fast shutdown
  if [[ -n ${PO_REDIS_PID:-} ]]; then
    po_stop_pid "$PO_REDIS_PID" TERM
    wait "$PO_REDIS_PID" 2>/dev/null || true
  fi
  # A Redis the fault tests restarted writes its PID here.
  if [[ -f $PO_SERVICES_DIR/redis-restarted.pid ]]; then
    po_stop_pid "$(cat "$PO_SERVICES_DIR/redis-restarted.pid")" TERM
  fi
  rm -rf "$PO_SERVICES_DIR"
}

# On INT/TERM (`wait` in po_run returns at once): pass the signal on to the command, let
# it finish, then exit -- the EXIT trap stops the services. A Ctrl-C reaches the command
# by itself, so on INT the command gets 5 s before a second SIGINT could cut its cleanup.
po_on_signal() {
  trap '' INT TERM
  [[ -n ${po_child:-} ]] || exit "$2"
  local grace=0 i
  [[ $1 == INT ]] && grace=10
  for ((i = 0; i < grace; i++)); do
    po_alive "$po_child" || break
    sleep 0.5
  done
  kill -s "$1" "$po_child" 2>/dev/null || true
  wait "$po_child" || true
  exit "$2"
}

po_run() {
  local rc=0
  po_child=""
  trap 'rc=$?; po_services_stop; exit "$rc"' EXIT
  trap 'po_on_signal INT 130' INT
  trap 'po_on_signal TERM 143' TERM

  po_services_start
  # In the background so that a signal to this script is handled at once; the command
  # keeps our stdin and the default SIGINT handling that bash drops for `&` jobs.
  exec 3<&0
  (trap - INT QUIT && exec "$@") 0<&3 3<&- &
  po_child=$!
  wait "$po_child" || rc=$?
  po_child=""
  exit "$rc"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  if [[ ${1:-} != run || ${2:-} != -- || $# -lt 3 ]]; then
    echo "usage: $0 run -- <command...>" >&2
    exit 2
  fi
  shift 2
  po_run "$@"
fi
