#!/usr/bin/env bash
# One command for the whole app: builds shared + server, builds the H5 app when missing or stale, then starts
# the server (embedded SQLite in server/data/, demo city seeded) serving the API and the H5 app on one URL.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PORT="${PORT:-3000}"

pnpm --filter @nuanxin/shared build >/dev/null
pnpm --filter @nuanxin/server build >/dev/null

if [ -f miniapp/package.json ] && grep -q '"build:h5"' miniapp/package.json; then
  stamp=miniapp/dist/h5/index.html
  newest=$(find miniapp/src shared/src miniapp/config -type f -newer "$stamp" 2>/dev/null | head -1 || true)
  if [ ! -f "$stamp" ] || [ -n "$newest" ]; then
    echo "构建 H5 应用（约 30 秒）…"
    pnpm --filter @nuanxin/miniapp build:h5 >/dev/null
  fi
fi

# Dev login (any openid, demo users on the login page) is an explicit opt-in: this demo command gives it for the
# embedded SQLite demo only. With a DB_URL or in production it stays off unless DEV_LOGIN=true is set by hand.
if [ -z "${DB_URL:-}" ] && [ "${NODE_ENV:-development}" != production ]; then
  export DEV_LOGIN="${DEV_LOGIN:-true}"
fi

echo
echo "暖新 Nuanxin: http://localhost:${PORT}/   (API: http://localhost:${PORT}/api , docs: http://localhost:${PORT}/api/docs)"
[ "${DEV_LOGIN:-}" = true ] && echo "演示模式：开发登录已开启（DEV_LOGIN=true），登录页列出演示用户"
echo
cd server && PORT="$PORT" exec node dist/main.js
