#!/usr/bin/env bash
# Start (or stop) the project's own PostgreSQL cluster: Debian's PostgreSQL 15,
# a data folder inside the checkout, 127.0.0.1 on a non-default port, C.UTF-8
# locale (under locale C pg_trgm sees no Khmer). Idempotent; safe after a reboot.
set -euo pipefail
cd "$(dirname "$0")/.."

PGPORT="${CPDD_PGPORT:-54329}"
PGDB="${CPDD_PGDATABASE:-cpdd}"
DATA_ROOT="$PWD/.pgdata"
# Where the data goes when the postgres user cannot reach the checkout.
FALLBACK_ROOT="/var/tmp/cpdd-pgdata-$(echo "$PWD" | md5sum | cut -c1-8)"

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
      DATA_ROOT="$FALLBACK_ROOT"
      mkdir -p "$DATA_ROOT"
      chown postgres:postgres "$DATA_ROOT"
      echo "Checkout not readable by the postgres user; data in $DATA_ROOT" >&2
    fi
  else
    mkdir -p "$DATA_ROOT"
  fi
}

# The cluster of this checkout, whether running or not (nothing is created).
our_data() {
  local root
  for root in "$PWD/.pgdata" "$FALLBACK_ROOT"; do
    if [ -f "$root/data/PG_VERSION" ]; then
      readlink -f "$root/data"
      return
    fi
  done
}

# The data folder of the PostgreSQL that answers on our port: empty when none
# answers, "unknown" when one answers but will not say (not ours either way).
data_on_port() {
  local pgbin=$1 dir
  "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -t 3 || return 0
  dir=$("$pgbin/psql" -X -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -tAc \
    "SHOW data_directory" 2>/dev/null || true)
  if [ -n "$dir" ]; then readlink -f "$dir"; else echo unknown; fi
}

refuse() {
  echo "$1" >&2
  echo "This checkout's commands only start and stop its own cluster: set CPDD_PGPORT" \
    "to a free port (or DATABASE_URL to use that server)." >&2
  exit 1
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
  data=$(readlink -f "$data")
  local on_port
  on_port=$(data_on_port "$pgbin")
  if as_pg "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    if [ "$on_port" != "$data" ]; then
      refuse "This checkout's PostgreSQL ($data) runs, but not on 127.0.0.1:$PGPORT" \
        "(its port: $(sed -n 4p "$data/postmaster.pid" 2>/dev/null))."
    fi
  else
    if [ -n "$on_port" ]; then
      refuse "Another checkout's PostgreSQL (data in $on_port) already listens on" \
        "127.0.0.1:$PGPORT; this checkout's cluster is $data."
    fi
    as_pg "$pgbin/pg_ctl" -D "$data" -l "$DATA_ROOT/server.log" -w -t 60 \
      -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" \
      start >/dev/null
  fi
  if ! "$pgbin/psql" -X -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='$PGDB'" | grep -q 1; then
    "$pgbin/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$PGDB"
  fi
  echo "PostgreSQL ready on 127.0.0.1:$PGPORT (database $PGDB, data in $data)."
}

# Stops this checkout's cluster, and nothing else: never another checkout's,
# whatever listens on CPDD_PGPORT.
stop() {
  local pgbin data on_port
  pgbin=$(find_pgbin) || exit 0
  data=$(our_data)
  if [ -n "$data" ] && as_pg "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$pgbin/pg_ctl" -D "$data" -m fast stop >/dev/null
    echo "PostgreSQL stopped (data in $data)."
    return
  fi
  on_port=$(data_on_port "$pgbin")
  if [ -n "$on_port" ]; then
    refuse "The PostgreSQL on 127.0.0.1:$PGPORT is not this checkout's (data in" \
      "$on_port; ours: ${data:-none yet}): left running."
  fi
  echo "This checkout's PostgreSQL is not running."
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
