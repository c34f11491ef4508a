#!/usr/bin/env bash
# Runs every check and test: lint, type checks, shared + server tests on SQLite and on a real MariaDB
# (started here, stopped at the end), mini-program component tests, weapp/H5 builds with size budgets and
# browser journeys. Ends with one line: "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RESULTS="$ROOT/.tmp/results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
FAILED_STEPS=()
STARTED_MARIADB=0

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
cleanup() { [ "$STARTED_MARIADB" = 1 ] && bash scripts/mariadb.sh stop; }
trap cleanup EXIT

has_miniapp() { [ -f miniapp/package.json ] && grep -q '"build:h5"' miniapp/package.json; }

step build-shared pnpm --filter @nuanxin/shared build
step lint pnpm exec eslint shared server $(has_miniapp && echo miniapp/src miniapp/test)
step typecheck-shared pnpm --filter @nuanxin/shared typecheck
step typecheck-server pnpm --filter @nuanxin/server typecheck
has_miniapp && step typecheck-miniapp pnpm --filter @nuanxin/miniapp typecheck

tests shared pnpm --filter @nuanxin/shared exec jest --json --outputFile="$RESULTS/shared.json"
tests server-sqlite pnpm --filter @nuanxin/server exec jest --runInBand --json --outputFile="$RESULTS/server-sqlite.json"

if MARIADB_URL=$(bash scripts/mariadb.sh start); then
  STARTED_MARIADB=1
  TEST_DB_URL="$MARIADB_URL" tests server-mariadb pnpm --filter @nuanxin/server exec jest --runInBand --json --outputFile="$RESULTS/server-mariadb.json"
else
  echo
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!! MariaDB is not available: only the SQLite tier ran. Install it: apt-get install -y mariadb-server"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  [ "${CI:-}" = "true" ] && FAILED_STEPS+=("mariadb-unavailable")
fi

if has_miniapp; then
  tests miniapp pnpm --filter @nuanxin/miniapp exec vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS/miniapp.json"
  step build-weapp pnpm --filter @nuanxin/miniapp build:weapp
  step build-h5 pnpm --filter @nuanxin/miniapp build:h5
  step size-budget pnpm --filter @nuanxin/miniapp size
  if [ -f server/test-e2e/jest.config.js ]; then
    tests journeys pnpm --filter @nuanxin/server exec jest -c test-e2e/jest.config.js --runInBand --json --outputFile="$RESULTS/journeys.json"
  fi
fi

echo
echo "=== summary"
node scripts/count-results.mjs "$RESULTS" "$(IFS=,; echo "${FAILED_STEPS[*]:-}")"
