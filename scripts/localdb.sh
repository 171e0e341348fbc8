#!/usr/bin/env bash
# Start (or stop) the project's own PostgreSQL cluster: Debian's PostgreSQL 15,
# a data folder inside the checkout, 127.0.0.1 on a non-default port, C.UTF-8
# locale (under locale C pg_trgm sees no Khmer). Idempotent; safe after a reboot.
set -euo pipefail
cd "$(dirname "$0")/.."

PGPORT="${CPDD_PGPORT:-54329}"
PGDB="${CPDD_PGDATABASE:-cpdd}"
DATA_ROOT="$PWD/.pgdata"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_pgbin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] && echo "$bin"
}

ensure_installed() {
  if [ -z "$(find_pgbin)" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL is not installed; run: sudo apt-get install postgresql" >&2
      exit 1
    fi
    echo "Installing PostgreSQL from Debian..."
    scripts/apt.sh postgresql postgresql-contrib
  fi
}

# The postgres user must be able to reach the data folder. A checkout under a
# private home folder (e.g. /root) is not reachable, so fall back to /var/tmp.
choose_data_root() {
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$DATA_ROOT"
    chown postgres:postgres "$DATA_ROOT"
    if ! runuser -u postgres -- test -w "$DATA_ROOT"; then
      DATA_ROOT="/var/tmp/cpdd-pgdata-$(echo "$PWD" | md5sum | cut -c1-8)"
      mkdir -p "$DATA_ROOT"
      chown postgres:postgres "$DATA_ROOT"
      echo "Checkout not readable by the postgres user; data in $DATA_ROOT" >&2
    fi
  else
    mkdir -p "$DATA_ROOT"
  fi
}

start() {
  ensure_installed
  local pgbin
  pgbin=$(find_pgbin)
  choose_data_root
  local data="$DATA_ROOT/data"
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "Creating a PostgreSQL cluster in $data (locale C.UTF-8)..."
    as_pg "$pgbin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 \
      --locale=C.UTF-8 >"$DATA_ROOT/initdb.log"
  fi
  if ! as_pg "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$pgbin/pg_ctl" -D "$data" -l "$DATA_ROOT/server.log" -w -t 60 \
      -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" \
      start >/dev/null
  fi
  if ! "$pgbin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='$PGDB'" | grep -q 1; then
    "$pgbin/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$PGDB"
  fi
  echo "PostgreSQL ready on 127.0.0.1:$PGPORT (database $PGDB)."
}

stop() {
  local pgbin
  pgbin=$(find_pgbin) || exit 0
  for data in "$DATA_ROOT/data" /var/tmp/cpdd-pgdata-*/data; do
    [ -f "$data/PG_VERSION" ] || continue
    as_pg "$pgbin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
  done
  echo "PostgreSQL stopped."
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
