#!/usr/bin/env bash
# Runs every check and test: lint, type checks, shared + server tests on SQLite and on a real MariaDB
# (started here, stopped at the end), mini-program component tests, weapp/H5 builds with size budgets and
# WeChat's own compilers, browser journeys, and the cluster tier (two replicas behind nginx, scripts/cluster.sh).
# Installs what it needs when it can (root with apt-get); otherwise prints the one command to run and fails.
# A tier that cannot run is a failure unless skipped on purpose: SKIP_MARIADB=1 (also skips the cluster),
# SKIP_CLUSTER=1. TIERS=a,b runs only those tiers (checks, shared, server-sqlite, server-mariadb, miniapp,
# builds, journeys, cluster). Ends with one line: "N passed, N failed[, N skipped]" in distinct tests.
# The tiers run in two lanes at once (a 2-core machine idles half the time with one): lane A = checks, shared,
# server-sqlite, journeys; lane B = builds, miniapp, MariaDB, server-mariadb, cluster. Each step's output goes to
# .tmp/test-logs/<step>.log and is printed whole, in the fixed order below, once it is done. TEST_LANES=1 runs
# the lanes one after the other (same output).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RESULTS="$ROOT/.tmp/results"
LOGS="$ROOT/.tmp/test-logs"
rm -rf "$RESULTS" "$LOGS"; mkdir -p "$RESULTS" "$LOGS"
FAILED_STEPS=()
SKIPPED_TIERS=()
LANE_PIDS=()
want() { [ -z "${TIERS:-}" ] || [[ ",$TIERS," == *",$1,"* ]]; }
[ "${SKIP_MARIADB:-}" = 1 ] && SKIP_CLUSTER=1

# Steps run inside the lanes: output to $LOGS/<name>.log; <name>.status (written last) = ok | failed | none.
# <name>.extra holds further failed-step lines, <name>.skipped marks a tier skipped on purpose.
step() {
  local name="$1"; shift
  local log="$LOGS/$name.log" t0=$SECONDS
  { echo; echo "=== $name"; } >>"$log"
  if "$@" >>"$log" 2>&1; then
    echo "--- $name ok ($((SECONDS - t0)) s)" >>"$log"; echo ok >"$LOGS/$name.status"
  else
    echo "!!! $name FAILED ($((SECONDS - t0)) s)" >>"$log"; echo failed >"$LOGS/$name.status"
  fi
}
# Jest/Vitest results are counted from their JSON reports; a crash without a report counts as a failed step.
tests() {
  local name="$1"; shift
  [ -f "$RESULTS/$name.json" ] && rm -f "$RESULTS/$name.json"
  local status="$LOGS/$name.status"
  step "$name" "$@"
  if ! [ -f "$RESULTS/$name.json" ]; then
    mv "$status" "$status.tmp"; echo "$name (no report)" >>"$LOGS/$name.extra"; mv "$status.tmp" "$status"
  fi
}
# A tier that did not run: a banner in its place and a failed step, or skipped on purpose.
not_run() { # name, failed-step line, banner text
  banner "$3" >>"$LOGS/$1.log"; echo "$2" >>"$LOGS/$1.extra"; echo none >"$LOGS/$1.status"
}
skipped() { touch "$LOGS/$1.skipped"; echo none >"$LOGS/$1.status"; }
cleanup() {
  for pid in "${LANE_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  [ -f "$LOGS/started-cluster" ] && bash scripts/cluster.sh stop
  [ -f "$LOGS/started-mariadb" ] && bash scripts/mariadb.sh stop
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

# Both lanes need the shared package built: first, alone.
if want checks; then
  step build-shared pnpm --filter @nuanxin/shared build
else
  pnpm --filter @nuanxin/shared build >/dev/null
fi

lane_a() {
  if want checks; then
    step lint pnpm exec eslint shared server $(has_miniapp && echo miniapp/src miniapp/test)
    step typecheck-shared pnpm --filter @nuanxin/shared typecheck
    step typecheck-server pnpm --filter @nuanxin/server typecheck
    has_miniapp && step typecheck-miniapp pnpm --filter @nuanxin/miniapp typecheck
  fi
  want shared && tests shared pnpm --filter @nuanxin/shared exec jest --forceExit --json --outputFile="$RESULTS/shared.json"
  want server-sqlite && tests server-sqlite pnpm --filter @nuanxin/server exec jest --forceExit --runInBand --json --outputFile="$RESULTS/server-sqlite.json"
  if has_miniapp && want journeys && [ -f server/test-e2e/jest.config.js ]; then
    wait_for_builds # the journeys serve lane B's H5 build
    tests journeys pnpm --filter @nuanxin/server exec jest --forceExit -c test-e2e/jest.config.js --runInBand --json --outputFile="$RESULTS/journeys.json"
  fi
}

lane_b() {
  if has_miniapp && want builds; then
    step build-weapp pnpm --filter @nuanxin/miniapp build:weapp
    step weapp-wechat-compilers node miniapp/scripts/weapp-compile.mjs
    step build-h5 pnpm --filter @nuanxin/miniapp build:h5
    step size-budget pnpm --filter @nuanxin/miniapp size
  fi
  touch "$LOGS/builds.done"
  # The component tests run here, not in lane A: lane A (server on SQLite, then the journeys) is the longer one.
  has_miniapp && want miniapp && tests miniapp pnpm --filter @nuanxin/miniapp exec vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS/miniapp.json"

  if want server-mariadb; then
    local url
    if [ "${SKIP_MARIADB:-}" = 1 ]; then
      skipped server-mariadb
    elif url=$(bash scripts/mariadb.sh start 2>>"$LOGS/server-mariadb.log"); then
      touch "$LOGS/started-mariadb"
      TEST_DB_URL="$url" tests server-mariadb pnpm --filter @nuanxin/server exec jest --forceExit --runInBand --json --outputFile="$RESULTS/server-mariadb.json"
    else
      not_run server-mariadb "server-mariadb: MariaDB unavailable" \
        "MariaDB did not start: the concurrency tests only race on MariaDB. Install mariadb-server, or SKIP_MARIADB=1 on purpose"
    fi
  fi

  # The cluster: two replicas (server/dist) on the MariaDB above (one datadir: never two `mariadb.sh start` at once),
  # Redis, S3 (s3rver) and nginx; API tests through nginx and one browser journey (the H5 app built above, which the
  # replicas find at boot).
  if want cluster; then
    local url
    if [ "${SKIP_CLUSTER:-}" = 1 ]; then
      skipped cluster
    elif url=$(bash scripts/cluster.sh start 2>>"$LOGS/cluster.log" | tail -1) && [ -n "$url" ]; then
      touch "$LOGS/started-cluster"
      tests cluster pnpm --filter @nuanxin/server exec jest --forceExit -c test-cluster/jest.config.js --runInBand --json --outputFile="$RESULTS/cluster.json"
      if has_miniapp; then
        # The failover test leaves replica B down: the journey runs with both replicas behind nginx.
        bash scripts/cluster.sh start-replica b >/dev/null
        JOURNEY_BASE_URL="$url" tests cluster-journey pnpm --filter @nuanxin/server exec jest --forceExit -c test-e2e/jest.config.js --runInBand \
          test-e2e/claims.journey.test.ts --json --outputFile="$RESULTS/cluster-journey.json"
      fi
      bash scripts/cluster.sh stop >/dev/null; rm -f "$LOGS/started-cluster"
    else
      bash scripts/cluster.sh stop >/dev/null 2>&1 # what did start (Redis, S3, a replica) goes
      not_run cluster "cluster: did not start" "The cluster did not start (logs in .tmp/cluster). SKIP_CLUSTER=1 to skip it on purpose"
    fi
  fi
}

# Lane A's journeys serve lane B's H5 build: wait for it (or for lane B to end).
wait_for_builds() {
  while ! [ -f "$LOGS/builds.done" ] && kill -0 "$LANE_B_PID" 2>/dev/null; do sleep 1; done
}

if [ "${TEST_LANES:-2}" = 1 ]; then
  ( lane_b; lane_a ) </dev/null & LANE_B_PID=$!; LANE_PIDS+=("$LANE_B_PID")
else
  lane_b </dev/null & LANE_B_PID=$!; LANE_PIDS+=("$LANE_B_PID")
  lane_a </dev/null & LANE_PIDS+=($!)
fi

# Print each step's log in this order as soon as it is done (and the ones before it).
ORDER=(build-shared lint typecheck-shared typecheck-server typecheck-miniapp build-weapp weapp-wechat-compilers build-h5
  size-budget miniapp shared server-sqlite server-mariadb journeys cluster cluster-journey)
lanes_running() { for pid in "${LANE_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && return 0; done; return 1; }
for name in "${ORDER[@]}"; do
  while ! [ -f "$LOGS/$name.status" ] && lanes_running; do sleep 1; done
  [ -f "$LOGS/$name.log" ] && cat "$LOGS/$name.log"
  [ -f "$LOGS/$name.status" ] || continue
  [ "$(cat "$LOGS/$name.status")" = failed ] && FAILED_STEPS+=("$name")
  if [ -f "$LOGS/$name.extra" ]; then while IFS= read -r line; do FAILED_STEPS+=("$line"); done <"$LOGS/$name.extra"; fi
  [ -f "$LOGS/$name.skipped" ] && SKIPPED_TIERS+=("$name")
done
wait
LANE_PIDS=()

echo
echo "=== summary"
node scripts/count-results.mjs "$RESULTS" "$(IFS=,; echo "${FAILED_STEPS[*]:-}")" "$(IFS=,; echo "${SKIPPED_TIERS[*]:-}")"
