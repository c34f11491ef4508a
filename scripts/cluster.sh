#!/usr/bin/env bash
# A production-shaped cluster on loopback, without systemd: two server replicas (server/dist) on one MariaDB,
# Redis (shared auth rate limit), an S3 protocol server (s3rver, claim photos) and Debian's nginx as the
# round-robin load balancer in front (X-Forwarded-For, TRUST_PROXY). State and logs in .tmp/cluster.
# Usage: scripts/cluster.sh start|stop|status|kill-replica a|b|start-replica a|b
# Ports: CLUSTER_PORT (default 4160) = nginx, +1/+2 replicas a/b, +3 Redis, +4 S3; MariaDB: MARIADB_PORT.
# Replica log level: CLUSTER_LOG_LEVEL (default info; the benchmark uses warn, no line per request).
# `start` prints the URL that works (nginx) as its last line; state for tests in .tmp/cluster/cluster.json.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/.tmp/cluster"
BASE_PORT="${CLUSTER_PORT:-4160}"
NGINX_PORT=$BASE_PORT
REDIS_PORT=$((BASE_PORT + 3))
S3_PORT=$((BASE_PORT + 4))
DB_NAME=nuanxin_cluster
BUCKET=nx-photos
# Short clocks so the cross-replica tests see convergence in seconds (production keeps the defaults).
POLL_MS="${CLUSTER_POLL_MS:-1000}"
SLOT_MS="${CLUSTER_SLOT_MS:-2000}"

have() { command -v "$1" >/dev/null 2>&1; }
port_of() { case "$1" in a) echo $((BASE_PORT + 1)) ;; b) echo $((BASE_PORT + 2)) ;; *) echo "replica is a or b" >&2; exit 64 ;; esac; }
alive() { [ -f "$DIR/$1.pid" ] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null; }

wait_http() { # url, what, log
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "!!! $2 did not answer at $1; log: $3" >&2; tail -20 "$3" >&2 || true; return 1
}

start_replica() { # a|b
  local name="$1" port; port=$(port_of "$1")
  alive "$name" && return 0
  (cd "$ROOT/server" && exec env \
    NODE_ENV=development DEV_LOGIN=true SEED_DEMO=true LOG_LEVEL="${CLUSTER_LOG_LEVEL:-info}" SMS_SENDER=dev \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true \
    PORT="$port" HOST=127.0.0.1 DB_URL="$(cat "$DIR/db_url")" DB_POOL_SIZE=20 \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" TRUST_PROXY=127.0.0.1 \
    S3_BUCKET=$BUCKET S3_PREFIX=photos/ S3_ENDPOINT="http://127.0.0.1:$S3_PORT" S3_FORCE_PATH_STYLE=true \
    S3_ACCESS_KEY_ID=S3RVER S3_SECRET_ACCESS_KEY=S3RVER \
    PUBLIC_BASE_URL="http://127.0.0.1:$NGINX_PORT" H5_DIST="${H5_DIST:-../miniapp/dist/h5}" \
    STATIONS_INDEX_POLL_MS="$POLL_MS" JOBS_TICK_MS=200 JOBS_LEASE_MS=3000 HOUSEKEEPING_EVERY_MS="$SLOT_MS" \
    node dist/main.js) >>"$DIR/$name.log" 2>&1 &
  echo $! >"$DIR/$name.pid"
  wait_http "http://127.0.0.1:$port/api/health" "replica $name" "$DIR/$name.log"
}

kill_replica() { # a|b: SIGKILL, the way a crashed machine goes
  alive "$1" && kill -9 "$(cat "$DIR/$1.pid")" 2>/dev/null || true
  rm -f "$DIR/$1.pid"
}

nginx_conf() {
  local user=""; [ "$(id -u)" = 0 ] && user="user root;"
  mkdir -p "$DIR/nginx/tmp"
  cat >"$DIR/nginx/nginx.conf" <<EOF
$user
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $DIR/nginx/tmp/body;
  proxy_temp_path $DIR/nginx/tmp/proxy;
  fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
  uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
  scgi_temp_path $DIR/nginx/tmp/scgi;
  upstream nuanxin {
    server 127.0.0.1:$((BASE_PORT + 1)) max_fails=1 fail_timeout=3s;
    server 127.0.0.1:$((BASE_PORT + 2)) max_fails=1 fail_timeout=3s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_max_body_size 12m;
    location / {
      proxy_pass http://nuanxin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A replica that refuses the connection or dies before answering: the next one takes the request
      # (POSTs only when nothing was sent yet; the client retries those with the same Idempotency-Key).
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
      # Which replica answered: the cross-replica tests read it.
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
EOF
}

start() {
  local missing=()
  have nginx || missing+=(nginx)
  have redis-server || missing+=(redis-server)
  have mariadbd || have mysqld || missing+=(mariadb-server)
  have curl || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "!!! missing: ${missing[*]}. Install: apt-get install -y ${missing[*]}" >&2; return 2
  fi
  mkdir -p "$DIR"; rm -f "$DIR/cluster.json"
  local pnpm="npx -y pnpm@10.34.9"; have pnpm && pnpm=pnpm
  (cd "$ROOT" && $pnpm --filter @nuanxin/shared build >/dev/null && $pnpm --filter @nuanxin/server build >/dev/null)

  # MariaDB: reuse the test command's when it runs, else start one (and stop it again on `stop`).
  local url
  if bash "$ROOT/scripts/mariadb.sh" running >/dev/null 2>&1; then url=$(bash "$ROOT/scripts/mariadb.sh" url)
  else url=$(bash "$ROOT/scripts/mariadb.sh" start); touch "$DIR/started-mariadb"; fi
  mariadb --no-defaults --socket="$ROOT/.tmp/mariadb/mysqld.sock" -uroot -e \
    "DROP DATABASE IF EXISTS $DB_NAME; CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  echo "${url%/*}/$DB_NAME" >"$DIR/db_url"

  if ! alive redis; then
    # Every background process writes to its own log, never to our stdout: `start | tail -1` must see EOF.
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --logfile "$DIR/redis.log" >/dev/null 2>&1 &
    echo $! >"$DIR/redis.pid"
  fi
  if ! alive s3; then
    rm -rf "$DIR/s3"; mkdir -p "$DIR/s3"
    node "$ROOT/server/node_modules/s3rver/bin/s3rver.js" -d "$DIR/s3" -a 127.0.0.1 -p "$S3_PORT" --silent \
      --configure-bucket "$BUCKET" >"$DIR/s3.log" 2>&1 &
    echo $! >"$DIR/s3.pid"
  fi
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  wait_http "http://127.0.0.1:$S3_PORT/" "s3rver" "$DIR/s3.log"

  # One at a time: the first applies the migrations and seeds the demo city, the second finds them done.
  start_replica a
  start_replica b

  nginx_conf
  if ! [ -f "$DIR/nginx/nginx.pid" ] || ! kill -0 "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null; then
    nginx -e "$DIR/nginx/error.log" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" >/dev/null 2>&1 </dev/null
  fi
  wait_http "http://127.0.0.1:$NGINX_PORT/api/health" nginx "$DIR/nginx/error.log"

  cat >"$DIR/cluster.json" <<EOF
{ "url": "http://127.0.0.1:$NGINX_PORT",
  "replicas": { "a": "http://127.0.0.1:$((BASE_PORT + 1))", "b": "http://127.0.0.1:$((BASE_PORT + 2))" },
  "dbUrl": "$(cat "$DIR/db_url")", "redisUrl": "redis://127.0.0.1:$REDIS_PORT/0", "s3Dir": "$DIR/s3/$BUCKET",
  "pollMs": $POLL_MS, "slotMs": $SLOT_MS }
EOF
  echo "http://127.0.0.1:$NGINX_PORT"
}

stop() {
  rm -f "$DIR/cluster.json"
  if [ -f "$DIR/nginx/nginx.pid" ]; then
    kill "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null || rm -f "$DIR/nginx/nginx.pid"
    for _ in $(seq 1 50); do [ -f "$DIR/nginx/nginx.pid" ] || break; sleep 0.1; done # nginx removes it on exit
  fi
  for p in a b redis s3; do
    if alive "$p"; then
      kill "$(cat "$DIR/$p.pid")" 2>/dev/null || true
      for _ in $(seq 1 50); do alive "$p" || break; sleep 0.1; done
      alive "$p" && kill -9 "$(cat "$DIR/$p.pid")" 2>/dev/null || true
    fi
    rm -f "$DIR/$p.pid"
  done
  if [ -f "$DIR/started-mariadb" ]; then bash "$ROOT/scripts/mariadb.sh" stop; rm -f "$DIR/started-mariadb"; fi
}

status() {
  for p in a b redis s3; do printf '%-6s %s\n' "$p" "$(alive "$p" && echo up || echo down)"; done
  curl -fsS "http://127.0.0.1:$NGINX_PORT/api/health" && echo
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill-replica) kill_replica "${2:-}" ;;
  start-replica) start_replica "${2:-}" ;;
  *) echo "usage: $0 start|stop|status|kill-replica a|b|start-replica a|b" >&2; exit 64 ;;
esac
