#!/usr/bin/env bash
# The images and both compose stacks, tested against a real Docker engine (npm run test:compose).
# Each stack runs under its own project name and is removed (down -v) whatever happens.
# Published ports are reached on 127.0.0.1 only. Ends with "N passed, N failed".
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run_id="$$"
dev_project="identidock-dev-$run_id"
prod_project="identidock-prod-$run_id"
work="$(mktemp -d)"
# shellcheck source=test/support/checks.sh
. "$root/test/support/checks.sh"

# Where the app keeps an 80 px PNG in Redis, less the name (app/monsters/monster-service.ts:
# monsterKey, with the art version of dnmonster/art-version.ts).
png_key="identidock:monster:v1:png:80:"

dc_dev() { docker compose -p "$dev_project" --project-directory "$work/dev" -f "$work/dev/docker-compose.yml" "$@"; }
dc_prod() { docker compose -p "$prod_project" --env-file "$work/prod.env" -f "$root/docker-compose.prod.yml" "$@"; }

cleanup() {
  say "cleaning up"
  dc_dev down -v --remove-orphans >/dev/null 2>&1
  dc_prod down -v --remove-orphans >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# All of a stack's containers report healthy.
all_healthy() {
  local ids status
  ids="$("$1" ps -q)"
  [ -n "$ids" ] || return 1
  for id in $ids; do
    status="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")"
    [ "$status" = healthy ] || return 1
  done
}
# Brings a stack up and prints how long it took to be healthy.
up_and_time() {
  local stack="$1" label="$2" started=$SECONDS
  "$stack" up -d >/dev/null 2>"$work/up.log" || { cat "$work/up.log"; return 1; }
  if eventually 120 all_healthy "$stack"; then
    echo "time to healthy ($label): $((SECONDS - started)) s"
  else
    "$stack" ps
    "$stack" logs --no-color --tail 30
    return 1
  fi
}

# GET with headers saved to $work/headers and body to $work/body; prints the status.
get() { curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@"; }
header() { grep -i "^$1:" "$work/headers" | tail -n 1 | cut -d' ' -f2- | tr -d '\r'; }
is_png() { [ "$(head -c 8 "$work/body" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }

# ------------------------------------------------------------------------------------------
say "compose files"
check "docker-compose.yml passes 'config'" docker compose -f "$root/docker-compose.yml" config -q
cat >"$work/prod.env" <<EOF
REDIS_PASSWORD=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
REDIS_COMMANDER_USER=operator
REDIS_COMMANDER_PASSWORD=commander-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
WEB_CONCURRENCY=2
IDENTIDOCK_IMAGE=identidock:compose-test
DNMONSTER_IMAGE=identidock-dnmonster:compose-test
REDIS_COMMANDER_IMAGE=identidock-redis-commander:compose-test
EOF
# shellcheck disable=SC1091
. "$work/prod.env"
check "docker-compose.prod.yml passes 'config'" dc_prod config -q
: >"$work/empty.env"
no_password_error="$(env -u REDIS_PASSWORD docker compose --env-file "$work/empty.env" -f "$root/docker-compose.prod.yml" config -q 2>&1)"
check "prod config without REDIS_PASSWORD says to set it" grep -q 'set REDIS_PASSWORD in .env' <<<"$no_password_error"

# ------------------------------------------------------------------------------------------
say "dev stack (docker-compose.yml), from a temporary copy of the repository"
mkdir "$work/dev"
tar -C "$root" --exclude=./node_modules --exclude=./dist --exclude=./.git \
  --exclude=./coverage --exclude=./test-output -cf - . | tar -C "$work/dev" -xf -
check "dev images build" dc_dev build -q
check "dev stack comes up healthy" up_and_time dc_dev dev

page_status="$(get http://127.0.0.1:5000/)"
check "GET :5000/ answers 200" equals "$page_status" 200
check "the page shows the default name" contains "$work/body" 'value="Joe Bloggs"'
hash="$(grep -o '/monster/[0-9a-f]\{64\}' "$work/body" | head -n 1 | cut -d/ -f3)"
check "the page links its monster" equals "${#hash}" 64

misses() { dc_dev logs --no-color identidock 2>/dev/null | grep -c 'Cache miss'; }
# Counts the misses afresh at every call, so `eventually` can watch the number change.
misses_are() { equals "$(misses)" "$1"; }
check "the first monster request: 200" equals "$(get "http://127.0.0.1:5000/monster/$hash")" 200
check "the first monster request: X-Cache MISS" equals "$(header X-Cache)" MISS
check "the first monster request: a PNG" is_png
check "exactly one 'Cache miss' in identidock's logs" eventually 5 misses_are 1
check "the second monster request: X-Cache HIT" equals "$(get "http://127.0.0.1:5000/monster/$hash" >/dev/null; header X-Cache)" HIT
sleep 1
check "no new 'Cache miss' for the hit" misses_are 1
keys="$(dc_dev exec -T redis redis-cli --scan --pattern 'identidock:*' | tr -d '\r')"
check "the monster is in Redis as ${png_key}HASH" grep -qx "$png_key$hash" <<<"$keys"

sed -i 's#<h1>Identidock</h1>#<h1>Identidock, edited live</h1>#' "$work/dev/app/views/page.ts"
edit_started=$SECONDS
edit_served() { curl -fsS http://127.0.0.1:5000/ 2>/dev/null | grep -q 'Identidock, edited live'; }
if eventually 10 edit_served; then
  pass "an edit under app/ is served without a rebuild ($((SECONDS - edit_started)) s)"
else
  fail "an edit under app/ is served within 10 s"
fi
# Layer order: the edit above changed app code only, so the image rebuilds without npm ci
# (npm prints "added N packages" whenever it installs; a cached layer prints nothing).
dc_dev build identidock >"$work/rebuild.log" 2>&1
check "rebuilding after an app edit does not re-run npm ci" bash -c "! grep -qE 'added [0-9]+ packages' '$work/rebuild.log'"
check "... and does rebuild the app" grep -q 'tsc -p .' "$work/rebuild.log"
dc_dev down -v --remove-orphans >/dev/null 2>&1

# ------------------------------------------------------------------------------------------
say "prod stack (docker-compose.prod.yml)"
check "prod images build" dc_prod build -q
check "prod stack comes up healthy" up_and_time dc_prod prod

check "GET :9090/ answers 200" equals "$(get http://127.0.0.1:9090/)" 200
# sha256("UNIQUE_SALT" + "Joe Bloggs"): an unset IDENTIDOCK_SALT keeps the original's monsters.
check "the prod page hashes names as the Flask original" \
  contains "$work/body" '/monster/9d19f9f3fabd63c76a2d1408e061de7ae453e8f42488dc5812948081f4035eba'
check "GET :9090/monster/... answers 200" equals "$(get http://127.0.0.1:9090/monster/prod-page)" 200
check "GET :9090/monster/... answers a PNG" is_png
check "GET :9090/monster/...?format=svg answers 200" equals "$(get 'http://127.0.0.1:9090/monster/prod-page?format=svg')" 200
check "... an SVG, rendered by the dnmonster container" equals "$(header Content-Type)" image/svg+xml
check "... that any site may embed" equals "$(header Access-Control-Allow-Origin) $(header Cross-Origin-Resource-Policy)" "* cross-origin"

stats() { curl -fsS http://127.0.0.1:9191/; }
# Prints a JavaScript expression over `online`: the identidock workers :9191 lists as online.
about_workers() {
  stats | node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
      const online = JSON.parse(text).workers.filter((w) => w.name === "identidock" && w.status === "online");
      console.log(String(new Function("online", `return (${process.argv[1]})`)(online)));
    });' "$1"
}
online_workers() { about_workers 'online.length'; }
stats >"$work/stats.json"
check ":9191 lists at least 2 online workers" at_least "$(online_workers)" 2
check ":9191 shows no secret" bash -c "! grep -q -e '$REDIS_PASSWORD' -e '$REDIS_COMMANDER_PASSWORD' -e pm2_env '$work/stats.json'"
check ":9191 is published on 127.0.0.1 only" equals "$(dc_prod port identidock 9191 2>/dev/null)" "127.0.0.1:9191"
curl -fsS http://127.0.0.1:9191/metrics >"$work/metrics.txt"
check ":9191/metrics merges the workers' metrics (a gauge per worker)" \
  at_least "$(grep -c '^nodejs_heap_size_used_bytes{worker=' "$work/metrics.txt")" 2
check ":9191/metrics shows no secret" bash -c "! grep -q -e '$REDIS_PASSWORD' '$work/metrics.txt'"
check "redis publishes no port" equals "$(dc_prod port redis 6379 2>/dev/null)" ""

check ":8081 without credentials: 401" equals "$(get http://127.0.0.1:8081/)" 401
check ":8081 with wrong credentials: 401" equals "$(get -u "$REDIS_COMMANDER_USER:wrong" http://127.0.0.1:8081/)" 401
check ":8081 with credentials: 200" equals "$(get -u "$REDIS_COMMANDER_USER:$REDIS_COMMANDER_PASSWORD" http://127.0.0.1:8081/)" 200
refusal="$(dc_prod run --rm --no-deps -e HTTP_PASSWORD= redis-commander 2>&1)"
check "redis-commander refuses to start without credentials" grep -q 'refusing to start without HTTP basic auth' <<<"$refusal"

read_only="$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.Config.User}}' "$(dc_prod ps -q identidock)")"
check "identidock runs read-only, without capabilities, as node" equals "$read_only" "true [ALL] node"

redis_has() { equals "$(dc_prod exec -T redis redis-cli exists "$png_key$1" | tr -d '\r')" "$2"; }
get http://127.0.0.1:9090/monster/survivor >/dev/null
check "a monster reaches Redis" eventually 5 redis_has survivor 1
dc_prod down >/dev/null 2>&1
check "the stack comes back after 'down' (named volume kept)" up_and_time dc_prod "prod, second up"
check "the cached monster survived 'down' then 'up'" redis_has survivor 1
check "it is served from Redis: X-Cache HIT" equals "$(get http://127.0.0.1:9090/monster/survivor >/dev/null; header X-Cache)" HIT

say "a pm2 worker killed inside the container"
victim="$(about_workers 'online[0].pid')"
dc_prod exec -T identidock sh -c "kill -9 $victim"
failures=0
for i in $(seq 1 40); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:9090/monster/during-kill-$i")"
  [ "$code" = 200 ] || failures=$((failures + 1))
  sleep 0.05
done
check "requests kept succeeding while the worker was down (40 requests, $failures failed)" equals "$failures" 0
restarted() {
  [ "$(about_workers "online.length >= 2 && online.some((w) => w.restarts >= 1) && !online.some((w) => w.pid === $victim)")" = true ]
}
check "pm2 restarted the killed worker" eventually 20 restarted

say "the redis container restarted"
started_at="$(docker inspect -f '{{.State.StartedAt}}' "$(dc_prod ps -q identidock)")"
dc_prod restart redis >/dev/null 2>&1
failures=0
for i in $(seq 1 20); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:9090/monster/redis-restart-$i")"
  [ "$code" = 200 ] || failures=$((failures + 1))
done
check "requests succeeded across the redis restart (20 requests, $failures failed)" equals "$failures" 0
# /readyz answers from one worker at a time: ready means several answers in a row say so.
redis_ready() {
  for _ in 1 2 3 4 5 6; do
    curl -fsS http://127.0.0.1:9090/readyz | grep -q '"redis":"ready"' || return 1
  done
}
check "identidock reconnected to Redis by itself" eventually 15 redis_ready
get http://127.0.0.1:9090/monster/after-redis-restart >/dev/null
check "new monsters reach Redis again" eventually 5 redis_has after-redis-restart 1
check "identidock was not restarted" equals "$(docker inspect -f '{{.State.StartedAt}}' "$(dc_prod ps -q identidock)")" "$started_at"

say "signals reach the app"
dc_prod stop -t 20 identidock >/dev/null 2>&1
identidock_id="$(dc_prod ps -q identidock)"
check "docker stop: the container exits 0" equals "$(docker inspect -f '{{.State.ExitCode}}' "$identidock_id")" 0
check "docker stop: both workers finish and shut down cleanly" \
  equals "$(dc_prod logs --no-color identidock | grep -c 'Shut down cleanly')" 2

say "down -v removes the cache"
dc_prod down -v >/dev/null 2>&1
check "the stack comes up after 'down -v'" up_and_time dc_prod "prod, after down -v"
check "the cached monster is gone after 'down -v'" redis_has survivor 0

say "image sizes"
for image in "$IDENTIDOCK_IMAGE" "$DNMONSTER_IMAGE" "$REDIS_COMMANDER_IMAGE" redis:7-bookworm node:24-bookworm-slim; do
  printf '%-45s %s MB\n' "$image" "$(($(docker image inspect -f '{{.Size}}' "$image") / 1000000))"
done

summary
