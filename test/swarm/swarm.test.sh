#!/usr/bin/env bash
# docker-stack.yml on a real Docker Swarm (npm run test:swarm): a single-node swarm on the
# engine at hand (created if there is none, and left again afterwards), the three secrets,
# the images built, the stack deployed as `identidock`, then secrets, routing and rolling
# changes under steady load through :9090. Removes the stack, its secrets, network and
# volume whatever happens. Ends with "N passed, N failed".
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
# shellcheck source=test/support/checks.sh
. "$root/test/support/checks.sh"

stack=identidock
port=9090
secrets=(identidock_redis_password identidock_commander_user identidock_commander_password)
# Test tags, so that a user's own :latest images are left alone.
export IDENTIDOCK_IMAGE=identidock:swarm-test
export DNMONSTER_IMAGE=identidock-dnmonster:swarm-test
export REDIS_COMMANDER_IMAGE=identidock-redis-commander:swarm-test
export PROXY_IMAGE=identidock-proxy:swarm-test
export IDENTIDOCK_PORT=$port IDENTIDOCK_REPLICAS=2 DNMONSTER_REPLICAS=2
redis_password="redis-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
commander_user=operator
commander_password="commander-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# What this run changed, so that cleanup undoes exactly that.
swarm_created=0
gwbridge_before=0
docker network inspect docker_gwbridge >/dev/null 2>&1 && gwbridge_before=1
node_id=""
label_before=""
deployed=0
created_secrets=()

# Runs COMMAND... with its output kept aside, shown only if it fails.
quietly() { "$@" >"$work/quietly.log" 2>&1 || { tail -n 30 "$work/quietly.log"; return 1; }; }
deploy() { docker stack deploy --resolve-image never --detach=false -c "$root/docker-stack.yml" "$stack"; }
service() { printf '%s_%s' "$stack" "$1"; }
containers() { docker ps -q -f "label=com.docker.stack.namespace=$stack" "$@"; }
container_of() { containers -f "label=com.docker.swarm.service.name=$(service "$1")" | head -n 1; }
in_proxy() { docker exec "$(container_of proxy)" "$@"; }

cleanup() {
  say "cleaning up"
  if ((deployed)); then
    docker stack rm "$stack" >/dev/null 2>&1
    # The network and volume go once the last task's container has stopped.
    eventually 60 bash -c "[ -z \"\$(docker ps -aq -f label=com.docker.stack.namespace=$stack)\" ]"
    eventually 30 bash -c "! docker network inspect ${stack}_identinet >/dev/null 2>&1"
    docker volume rm "${stack}_identiredis_volume" >/dev/null 2>&1
  fi
  for name in "${created_secrets[@]}"; do docker secret rm "$name" >/dev/null 2>&1; done
  if [ -n "$node_id" ]; then
    if [ -n "$label_before" ]; then
      docker node update --label-add "identidock.redis=$label_before" "$node_id" >/dev/null 2>&1
    else
      docker node update --label-rm identidock.redis "$node_id" >/dev/null 2>&1
    fi
  fi
  if ((swarm_created)); then
    docker swarm leave --force >/dev/null 2>&1
    # `swarm init` made this bridge; leaving does not remove it.
    ((gwbridge_before)) || docker network rm docker_gwbridge >/dev/null 2>&1
  fi
  [ -n "${load_pid:-}" ] && kill "$load_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Steady load through the proxy (test/swarm/load.ts): start it, run a change, stop it.
load_start() {
  rm -f "$work/stop"
  node "$root/dist/test/swarm/load.js" "$port" "$work/stop" 600 >"$work/load.json" &
  load_pid=$!
  sleep 2
}
load_stop() {
  touch "$work/stop"
  wait "$load_pid"
  load_pid=""
  load_sent="$(load_field sent)"
  load_failed="$(load_field failed)"
  [ "$load_failed" = 0 ] || load_field failures
}
load_field() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]])' "$work/load.json" "$1"; }
# under_load LABEL COMMAND...: runs the change under load and checks that nothing failed.
under_load() {
  local label="$1" started
  shift
  load_start
  started=$SECONDS
  "$@" >"$work/change.log" 2>&1
  local took=$((SECONDS - started))
  load_stop
  check "$label: 0 failed of $load_sent requests ($took s)" equals "$load_failed" 0
  check "$label: the load really ran" at_least "$load_sent" 100
  printf '%s\t%s\t%s\t%s\n' "$label" "$load_sent" "$load_failed" "$took" >>"$work/report.tsv"
}

# The app service's last update: updating, completed, rollback_completed...
update_is() {
  equals "$(docker service inspect -f '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "$(service identidock)")" "$1"
}
env_context() { docker service inspect -f '{{range .Spec.TaskTemplate.ContainerSpec.Env}}{{println .}}{{end}}' "$(service identidock)" | grep '^CONTEXT='; }
# Running identidock tasks whose containers are healthy.
healthy_apps() { containers -f "label=com.docker.swarm.service.name=$(service identidock)" -f health=healthy | wc -l; }
apps_are() { equals "$(healthy_apps)" "$1"; }
# The proxy sees N tasks of identidock by DNS.
dns_tasks() { in_proxy getent ahostsv4 tasks.identidock | awk '{ print $1 }' | sort -u; }
ready() { curl -fsS "http://127.0.0.1:$port/readyz" 2>/dev/null | grep -q '"status":"ready".*"redis":"ready"'; }

# ------------------------------------------------------------------------------------------
say "stack file"
check "docker-stack.yml passes 'config'" docker compose -f "$root/docker-stack.yml" config -q

say "a swarm"
case "$(docker info -f '{{.Swarm.LocalNodeState}}')" in
  inactive)
    docker swarm init --advertise-addr 127.0.0.1 >/dev/null && swarm_created=1
    check "a single-node swarm was created for the test" equals "$swarm_created" 1
    ;;
  active) echo "using the swarm this engine is in" ;;
  *) fail "the engine is in a swarm state this test cannot use"; summary; exit 1 ;;
esac
if [ "$(docker info -f '{{.Swarm.ControlAvailable}}')" != true ]; then
  fail "this engine is a swarm manager"
  summary
  exit 1
fi
# Never touch a user's stack or secrets of the same names.
clash="$(docker stack ls --format '{{.Name}}' | grep -x "$stack")"
for name in "${secrets[@]}"; do
  docker secret inspect "$name" >/dev/null 2>&1 && clash+=" secret:$name"
done
if [ -n "$clash" ]; then
  fail "no stack or secret of ours exists already (found: $clash)"
  summary
  exit 1
fi
node_id="$(docker info -f '{{.Swarm.NodeID}}')"
label_before="$(docker node inspect -f '{{index .Spec.Labels "identidock.redis"}}' "$node_id")"
docker node update --label-add identidock.redis=true "$node_id" >/dev/null
printf '%s' "$redis_password" | docker secret create identidock_redis_password - >/dev/null &&
  created_secrets+=(identidock_redis_password)
printf '%s' "$commander_user" | docker secret create identidock_commander_user - >/dev/null &&
  created_secrets+=(identidock_commander_user)
printf '%s' "$commander_password" | docker secret create identidock_commander_password - >/dev/null &&
  created_secrets+=(identidock_commander_password)
check "the three secrets exist" equals "${#created_secrets[@]}" 3

say "build and deploy"
check "the stack's images build" quietly docker compose -f "$root/docker-stack.yml" build -q
deploy_started=$SECONDS
deployed=1
if deploy >"$work/deploy.log" 2>&1; then
  pass "the stack deploys and converges"
else
  fail "the stack deploys and converges"
  cat "$work/deploy.log"
fi
if eventually 120 ready; then
  pass "ready through :$port ($((SECONDS - deploy_started)) s after deploy)"
else
  fail "ready through :$port within 120 s"
  docker stack ps --no-trunc "$stack"
fi
all_healthy() { equals "$(containers -f health=healthy | wc -l)" 7; }
check "all 7 tasks' containers are healthy" eventually 60 all_healthy
for id in $(containers); do
  read -r name read_only caps memory <<<"$(docker inspect -f \
    '{{index .Config.Labels "com.docker.swarm.service.name"}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.HostConfig.Memory}}' "$id")"
  [ "$name" = "$(service redis)" ] && read_only=true # Redis writes its own files, as in the prod file
  check "$name: read-only, no capabilities, a memory limit" equals "$read_only $caps $((memory > 0))" "true [ALL] 1"
done

say "requests through the proxy"
check "GET / answers 200" equals "$(curl -s -o "$work/page" -w '%{http_code}' "http://127.0.0.1:$port/")" 200
check "the page hashes names as the Flask original (unset salt)" \
  contains "$work/page" '/monster/9d19f9f3fabd63c76a2d1408e061de7ae453e8f42488dc5812948081f4035eba'
curl -s -o /dev/null "http://127.0.0.1:$port/monster/swarm-shared"
# Every task reads the same Redis: asked again, whichever task answers, it is a hit.
hits=0
for _ in 1 2 3 4 5 6; do
  curl -s -D - -o /dev/null "http://127.0.0.1:$port/monster/swarm-shared" | grep -qi '^x-cache: HIT' && hits=$((hits + 1))
done
check "a monster rendered once is a hit on every task (6 of 6)" equals "$hits" 6
check "the app's /metrics is not served to the outside" \
  equals "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")" 403

say "secrets"
redis_container="$(container_of redis)"
{
  for name in proxy identidock dnmonster redis redis-commander; do docker service inspect "$(service "$name")"; done
  for id in $(containers); do docker inspect "$id" && docker exec "$id" env; done
  for name in proxy identidock dnmonster redis redis-commander; do docker service logs --raw "$(service "$name")" 2>&1; done
  curl -s "http://127.0.0.1:$port/readyz"
} >"$work/everything.txt"
check "inspect, environments, logs and /readyz were collected" at_least "$(wc -l <"$work/everything.txt")" 100
check "Redis's password appears in none of them" bash -c "! grep -qF '$redis_password' '$work/everything.txt'"
check "redis-commander's password appears in none of them" bash -c "! grep -qF '$commander_password' '$work/everything.txt'"
check "services name secret files, not values (REDIS_PASSWORD_FILE)" contains "$work/everything.txt" 'REDIS_PASSWORD_FILE=/run/secrets/identidock_redis_password'
check "Redis refuses a client without the password" \
  bash -c "docker exec '$redis_container' redis-cli ping 2>&1 | grep -q NOAUTH"
check "redis-commander publishes no port" \
  equals "$(docker service inspect -f '{{len .Endpoint.Ports}}' "$(service redis-commander)")" 0
commander() { in_proxy curl -s -o /dev/null -w '%{http_code}' "$@" http://redis-commander:8081/; }
check "redis-commander, inside the network, without its login: 401" equals "$(commander)" 401
check "redis-commander, wrong password: 401" equals "$(commander -u "$commander_user:wrong")" 401
check "redis-commander, with its login from the secrets: 200" equals "$(commander -u "$commander_user:$commander_password")" 200

say "observability"
mapfile -t task_ips < <(dns_tasks)
check "tasks.identidock lists both tasks" equals "${#task_ips[@]}" 2
for ip in "${task_ips[@]}"; do
  check "task $ip: its :9191/metrics merges its workers" \
    at_least "$(in_proxy curl -fsS "http://$ip:9191/metrics" | grep -c '^nodejs_heap_size_used_bytes{worker=')" 2
done
# A client that writes its own X-Forwarded-For is not believed: the app logs the address
# the proxy saw (the one hop it trusts), as the proxy's own log line shows it.
curl -s -o /dev/null -H 'X-Forwarded-For: 203.0.113.9' "http://127.0.0.1:$port/monster/client-ip-probe"
proxy_saw() { docker service logs --raw "$(service proxy)" 2>/dev/null | grep 'client-ip-probe' | head -n 1 | cut -d: -f1; }
app_saw() {
  docker service logs --raw "$(service identidock)" 2>/dev/null | grep '"url":"/monster/client-ip-probe"' |
    head -n 1 | grep -o '"client":"[^"]*"' | cut -d'"' -f4
}
eventually 10 bash -c "[ -n \"\$(docker service logs --raw $(service identidock) 2>/dev/null | grep client-ip-probe)\" ]"
client_seen="$(proxy_saw)"
check "the proxy logged the client's address" at_least "${#client_seen}" 7
check "the app logs the client's address, not the proxy's nor the forged one" equals "$(app_saw)" "$client_seen"

say "rolling changes under steady load ($port, 4 keep-alive connections)"
under_load "update --force" docker service update --detach=false --force "$(service identidock)"
check "update --force completed (after its 20 s monitor)" eventually 60 update_is completed

# A new image tag: the same app with one more label, so that it is really a new image.
new_tag() {
  printf 'FROM %s\nLABEL org.opencontainers.image.revision=swarm-test-2\n' "$IDENTIDOCK_IMAGE" |
    docker build -q -t identidock:swarm-test-2 -
}
check "a new tag of the app image builds" quietly new_tag
deploy_new_tag() { IDENTIDOCK_IMAGE=identidock:swarm-test-2 deploy; }
under_load "redeploy with a new image tag" deploy_new_tag
check "the redeploy runs the new tag" equals \
  "$(docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "$(service identidock)")" identidock:swarm-test-2
check "... and completed" eventually 60 update_is completed

under_load "an invalid setting (CONTEXT=NOT-A-CONTEXT)" \
  docker service update --detach=false --env-add CONTEXT=NOT-A-CONTEXT "$(service identidock)"
check "the invalid setting was rolled back by itself" eventually 60 update_is rollback_completed
check "... and CONTEXT is PROD again" equals "$(env_context)" CONTEXT=PROD

under_load "a failing healthcheck" docker service update --detach=false \
  --health-cmd 'exit 1' --health-interval 2s --health-retries 2 --health-start-period 1s "$(service identidock)"
check "the failing healthcheck was rolled back by itself" eventually 60 update_is rollback_completed
check "... and the image's own healthcheck is back" equals \
  "$(docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Healthcheck}}' "$(service identidock)")" '<nil>'

scale_1_4_1() {
  for n in 1 4 1; do docker service scale --detach=false "$(service identidock)=$n" || return 1; done
}
under_load "scale 1 -> 4 -> 1" scale_1_4_1
check "one task after scaling back" eventually 30 apps_are 1
docker service scale --detach=false "$(service identidock)=2" >/dev/null 2>&1
check "two healthy tasks again" eventually 60 apps_are 2

victim="$(container_of identidock)"
kill_and_replace() {
  docker kill "$victim" >/dev/null || return 1
  # Swarm starts a new task; done when two healthy tasks run and the victim is not one.
  eventually 90 bash -c "[ \"\$(docker ps -q -f label=com.docker.swarm.service.name=$(service identidock) -f health=healthy | grep -vc '^${victim:0:12}')\" = 2 ]"
}
under_load "a task's container killed (SIGKILL)" kill_and_replace
check "Swarm replaced the killed task" equals "$(healthy_apps)" 2

say "report"
printf '%-45s %8s %7s %9s\n' change sent failed seconds
while IFS=$'\t' read -r label sent failures took; do
  printf '%-45s %8s %7s %9s\n' "$label" "$sent" "$failures" "$took"
done <"$work/report.tsv"

summary
