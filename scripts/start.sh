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

echo
echo "暖新 Nuanxin: http://localhost:${PORT}/   (API: http://localhost:${PORT}/api , docs: http://localhost:${PORT}/api/docs)"
echo
cd server && PORT="$PORT" exec node dist/main.js
