#!/usr/bin/env bash
# Runs every check and test: lint, type checks, shared + server tests on SQLite and on a real MariaDB
# (started here, stopped at the end), mini-program component tests, weapp/H5 builds with size budgets and
# WeChat's own compilers, browser journeys, and the cluster tier (two replicas behind nginx, scripts/cluster.sh).
# Installs what it needs when it can (root with apt-get); otherwise prints the one command to run and fails.
# A tier that cannot run is a failure unless skipped on purpose: SKIP_MARIADB=1 (also skips the cluster),
# SKIP_CLUSTER=1. TIERS=a,b runs only those tiers (checks, shared, server-sqlite, server-mariadb, miniapp,
# builds, journeys, cluster). Ends with one line: "N passed, N failed[, N skipped]" in distinct tests.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RESULTS="$ROOT/.tmp/results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
FAILED_STEPS=()
SKIPPED_TIERS=()
STARTED_MARIADB=0
STARTED_CLUSTER=0
want() { [ -z "${TIERS:-}" ] || [[ ",$TIERS," == *",$1,"* ]]; }
[ "${SKIP_MARIADB:-}" = 1 ] && SKIP_CLUSTER=1

step() {
  local name="$1"; shift
  echo; echo "=== $name"
  local t0=$SECONDS
  if "$@"; then echo "--- $name ok ($((SECONDS - t0)) s)"; else echo "!!! $name FAILED ($((SECONDS - t0)) s)"; FAILED_STEPS+=("$name"); fi
}
# Jest/Vitest results are counted from their JSON reports; a crash without a report counts as a failed step.
tests() {
  local name="$1"; shift
  step "$name" "$@"
  [ -f "$RESULTS/$name.json" ] || FAILED_STEPS+=("$name (no report)")
}
cleanup() {
  [ "$STARTED_CLUSTER" = 1 ] && bash scripts/cluster.sh stop
  [ "$STARTED_MARIADB" = 1 ] && bash scripts/mariadb.sh stop
}
trap cleanup EXIT

has_miniapp() { [ -f miniapp/package.json ] && grep -q '"build:h5"' miniapp/package.json; }
banner() {
  echo; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!! $*"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
}

# System packages the tiers need: installed here when we may (root with apt-get), else one command to run.
need=()
missing() { command -v "$1" >/dev/null 2>&1 || need+=("$2"); }
if want server-sqlite || want server-mariadb || want cluster; then missing redis-server redis-server; fi
if { want server-mariadb && [ "${SKIP_MARIADB:-}" != 1 ]; } || { want cluster && [ "${SKIP_CLUSTER:-}" != 1 ]; }; then
  command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1 || need+=(mariadb-server)
fi
if want journeys || { want cluster && [ "${SKIP_CLUSTER:-}" != 1 ]; }; then
  missing chromium chromium
  # grep without -q reads to the end: an early exit would kill fc-list with SIGPIPE, a failure under pipefail.
  fc-list 2>/dev/null | grep -i 'noto sans cjk' >/dev/null || need+=(fonts-noto-cjk)
fi
if want cluster && [ "${SKIP_CLUSTER:-}" != 1 ]; then missing nginx nginx; missing curl curl; fi
if [ ${#need[@]} -gt 0 ]; then
  echo "=== installing ${need[*]}"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 &&
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }; then
    echo "--- installed ${need[*]}"
  else
    banner "Missing system packages. Run once: sudo apt-get install -y ${need[*]}   (or SKIP_MARIADB=1 / SKIP_CLUSTER=1)"
    FAILED_STEPS+=("setup: missing ${need[*]}")
  fi
fi

if want checks; then
  step build-shared pnpm --filter @nuanxin/shared build
  step lint pnpm exec eslint shared server $(has_miniapp && echo miniapp/src miniapp/test)
  step typecheck-shared pnpm --filter @nuanxin/shared typecheck
  step typecheck-server pnpm --filter @nuanxin/server typecheck
  has_miniapp && step typecheck-miniapp pnpm --filter @nuanxin/miniapp typecheck
else
  pnpm --filter @nuanxin/shared build >/dev/null
fi

want shared && tests shared pnpm --filter @nuanxin/shared exec jest --json --outputFile="$RESULTS/shared.json"
want server-sqlite && tests server-sqlite pnpm --filter @nuanxin/server exec jest --runInBand --json --outputFile="$RESULTS/server-sqlite.json"

if want server-mariadb; then
  if [ "${SKIP_MARIADB:-}" = 1 ]; then
    SKIPPED_TIERS+=(server-mariadb)
  elif MARIADB_URL=$(bash scripts/mariadb.sh start); then
    STARTED_MARIADB=1
    TEST_DB_URL="$MARIADB_URL" tests server-mariadb pnpm --filter @nuanxin/server exec jest --runInBand --json --outputFile="$RESULTS/server-mariadb.json"
  else
    banner "MariaDB did not start: the concurrency tests only race on MariaDB. Install mariadb-server, or SKIP_MARIADB=1 on purpose"
    FAILED_STEPS+=("server-mariadb: MariaDB unavailable")
  fi
fi

if has_miniapp; then
  want miniapp && tests miniapp pnpm --filter @nuanxin/miniapp exec vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS/miniapp.json"
  if want builds; then
    step build-weapp pnpm --filter @nuanxin/miniapp build:weapp
    step weapp-wechat-compilers node miniapp/scripts/weapp-compile.mjs
    step build-h5 pnpm --filter @nuanxin/miniapp build:h5
    step size-budget pnpm --filter @nuanxin/miniapp size
  fi
  if want journeys && [ -f server/test-e2e/jest.config.js ]; then
    tests journeys pnpm --filter @nuanxin/server exec jest -c test-e2e/jest.config.js --runInBand --json --outputFile="$RESULTS/journeys.json"
  fi
fi

# The cluster: two replicas (server/dist) on one MariaDB, Redis, S3 (s3rver) and nginx; API tests through nginx and
# one browser journey (the H5 app from the build above, served by the replicas through nginx).
if want cluster; then
  if [ "${SKIP_CLUSTER:-}" = 1 ]; then
    SKIPPED_TIERS+=(cluster)
  elif CLUSTER_URL=$(bash scripts/cluster.sh start | tail -1) && [ -n "$CLUSTER_URL" ]; then
    STARTED_CLUSTER=1
    tests cluster pnpm --filter @nuanxin/server exec jest -c test-cluster/jest.config.js --runInBand --json --outputFile="$RESULTS/cluster.json"
    if has_miniapp; then
      # The failover test leaves replica B down: the journey runs with both replicas behind nginx.
      bash scripts/cluster.sh start-replica b >/dev/null
      JOURNEY_BASE_URL="$CLUSTER_URL" tests cluster-journey pnpm --filter @nuanxin/server exec jest -c test-e2e/jest.config.js --runInBand \
        test-e2e/claims.journey.test.ts --json --outputFile="$RESULTS/cluster-journey.json"
    fi
    bash scripts/cluster.sh stop; STARTED_CLUSTER=0
  else
    banner "The cluster did not start (logs in .tmp/cluster). SKIP_CLUSTER=1 to skip it on purpose"
    FAILED_STEPS+=("cluster: did not start")
  fi
fi

echo
echo "=== summary"
node scripts/count-results.mjs "$RESULTS" "$(IFS=,; echo "${FAILED_STEPS[*]:-}")" "$(IFS=,; echo "${SKIPPED_TIERS[*]:-}")"
