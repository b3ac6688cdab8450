#!/usr/bin/env bash
# Starts identidock in the context CONTEXT names, as the original's boot.sh did:
#   DEV        the development server in watch mode (port 5000), reloading on edits to app/
#   otherwise  the production server: pm2 cluster (port 9090) and worker stats (port 9191)
# Works from any directory, natively and in the container; exec hands signals to the server.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
bin="$root/node_modules/.bin"

if [ "${CONTEXT:-}" = DEV ]; then
  echo "Running Development Server (watch mode, http://localhost:${PORT:-5000})"
  exec "$bin/tsx" watch --clear-screen=false app/main.ts
fi

if [ -n "${CONTEXT:-}" ] && [ "$CONTEXT" != PROD ]; then
  echo "boot.sh: CONTEXT=$CONTEXT is neither DEV nor PROD: starting in PROD" >&2
fi
export CONTEXT=PROD
# pm2-runtime exits 0 on a bad process file, so the worker count is checked here.
if [ -n "${WEB_CONCURRENCY:-}" ] && ! [[ "$WEB_CONCURRENCY" =~ ^[1-9][0-9]{0,2}$ ]]; then
  echo "boot.sh: invalid WEB_CONCURRENCY=\"$WEB_CONCURRENCY\": expected an integer from 1 to 999" >&2
  exit 2
fi
if [ ! -f dist/app/main.js ]; then
  echo "boot.sh: dist/app/main.js is missing: run 'npm run build' first" >&2
  exit 1
fi
echo "Running Production Server (pm2 cluster, http://localhost:${PORT:-9090}, worker stats on :${STATS_PORT:-9191})"
exec "$bin/pm2-runtime" start ecosystem.config.cjs
