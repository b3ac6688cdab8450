#!/usr/bin/env bash
# Starts identidock in the context CONTEXT names, as the original's boot.sh did:
#   DEV          the development server in watch mode (port 5000), reloading on edits to app/
#   PROD, unset  the production server: pm2 cluster (port 9090) and worker stats (port 9191)
# Anything else is refused, as the app itself refuses it. Works from any directory,
# natively and in the container; exec hands signals to the server.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
bin="$root/node_modules/.bin"

refuse() {
  echo "boot.sh: invalid $1=\"$2\": expected $3" >&2
  exit 2
}

case "${CONTEXT:-PROD}" in
  DEV)
    echo "Running Development Server (watch mode, http://localhost:${PORT:-5000})"
    exec "$bin/tsx" watch --clear-screen=false app/main.ts
    ;;
  PROD) export CONTEXT=PROD ;;
  *) refuse CONTEXT "$CONTEXT" "DEV or PROD" ;;
esac

# pm2-runtime exits 0 on a bad process file, so the settings it reads are checked here.
if [ -n "${WEB_CONCURRENCY:-}" ] && ! [[ "$WEB_CONCURRENCY" =~ ^[1-9][0-9]{0,2}$ ]]; then
  refuse WEB_CONCURRENCY "$WEB_CONCURRENCY" "an integer from 1 to 999"
fi
if [ -n "${MAX_MEMORY_PER_WORKER:-}" ] && ! [[ "$MAX_MEMORY_PER_WORKER" =~ ^[1-9][0-9]{0,5}[KMG]$ ]]; then
  refuse MAX_MEMORY_PER_WORKER "$MAX_MEMORY_PER_WORKER" "a size such as 256M or 1G"
fi
if [ ! -f dist/app/main.js ]; then
  echo "boot.sh: dist/app/main.js is missing: run 'npm run build' first" >&2
  exit 1
fi
echo "Running Production Server (pm2 cluster, http://localhost:${PORT:-9090}, worker stats on :${STATS_PORT:-9191})"
exec "$bin/pm2-runtime" start ecosystem.config.cjs
