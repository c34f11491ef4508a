#!/usr/bin/env bash
# Starts/stops a throwaway MariaDB for tests, without systemd. Data lives in .tmp/mariadb (git-ignored).
# Usage: scripts/mariadb.sh start|stop|url|running     Port: MARIADB_PORT (default 3307).
# One server per checkout: `start` while it runs reuses it and prints ITS url (its port, whatever MARIADB_PORT says).
# Tuned for throwaway data: the datadir is in RAM (/dev/shm, when it exists; MARIADB_DATA_IN_RAM=0 keeps it on disk),
# nothing is flushed or synced at commit, no doublewrite, no binary log, no buffer-pool dump/load. A crash loses the
# data, which the tests drop anyway; locking, isolation and SQL behave exactly as on a production server.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BASE="$ROOT/.tmp/mariadb"
PORT="${MARIADB_PORT:-3307}"
SOCK="$BASE/mysqld.sock"
# The datadir: in RAM when /dev/shm exists with >= 1 GiB free (containers often give it 64 MB; the redo log alone
# is 256 MB), one per checkout (named after this checkout's path); else in $BASE.
shm_free_kb() { df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }'; }
if [ "${MARIADB_DATA_IN_RAM:-1}" = 1 ] && [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(shm_free_kb || echo 0)" -ge 1048576 ] 2>/dev/null; then
  DATA="/dev/shm/nuanxin-mariadb-$(id -u)-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
else
  DATA="$BASE/data"
fi
DB=nuanxin_test
USER_NAME=nuanxin
PASS=nuanxin-test-pw
url_for() { echo "mariadb://$USER_NAME:$PASS@127.0.0.1:$1/$DB"; }
running() { [ -S "$SOCK" ] && mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1; }
# The port of the server that runs (recorded at start), else the one asked for.
current_port() { if running && [ -f "$BASE/port" ]; then cat "$BASE/port"; else echo "$PORT"; fi; }

have() { command -v "$1" >/dev/null 2>&1; }

start() {
  if ! have mariadbd && ! have mysqld; then
    echo "!!! MariaDB server not installed (apt-get install -y mariadb-server)" >&2
    return 2
  fi
  local server; server=$(command -v mariadbd || command -v mysqld)
  if running; then
    local port; port=$(current_port)
    [ "$port" != "$PORT" ] && echo "MariaDB already runs here on port $port (not $PORT): using it" >&2
    url_for "$port"; return 0
  fi
  rm -rf "$BASE" "$DATA"; mkdir -p "$BASE" "$DATA"
  echo "$DATA" >"$BASE/datadir"
  mariadb-install-db --no-defaults --datadir="$DATA" --user="$(id -un)" \
    --auth-root-authentication-method=socket --skip-test-db >"$BASE/install.log" 2>&1
  "$server" --no-defaults --datadir="$DATA" --socket="$SOCK" --pid-file="$BASE/mysqld.pid" \
    --port="$PORT" --bind-address=127.0.0.1 --user="$(id -un)" --log-error="$BASE/error.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=256M --max-connections=300 --skip-name-resolve \
    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-flush-method=nosync --skip-log-bin \
    --sync-binlog=0 --innodb-log-file-size=256M --innodb-buffer-pool-dump-at-shutdown=0 \
    --innodb-buffer-pool-load-at-startup=0 --innodb-fast-shutdown=2 >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb --no-defaults --socket="$SOCK" -uroot -e "
    CREATE DATABASE IF NOT EXISTS $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER IF NOT EXISTS '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$PASS';
    GRANT ALL ON \`nuanxin\\_%\`.* TO '$USER_NAME'@'127.0.0.1';
    GRANT ALL ON $DB.* TO '$USER_NAME'@'127.0.0.1';" || { cat "$BASE/error.log" >&2; return 1; }
  echo "$PORT" >"$BASE/port"
  url_for "$PORT"
}

stop() {
  if [ -f "$BASE/mysqld.pid" ]; then
    kill "$(cat "$BASE/mysqld.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$BASE/mysqld.pid" ] || break; sleep 0.2; done
  fi
  # A datadir in RAM holds memory until removed: drop it once the server is gone.
  if [ -f "$BASE/datadir" ] && ! [ -f "$BASE/mysqld.pid" ]; then
    case "$(cat "$BASE/datadir")" in /dev/shm/nuanxin-mariadb-*) rm -rf "$(cat "$BASE/datadir")" ;; esac
    rm -f "$BASE/datadir"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url_for "$(current_port)" ;;
  running) running ;;
  *) echo "usage: $0 start|stop|url|running" >&2; exit 64 ;;
esac
