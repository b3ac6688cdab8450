# Shared by the shell test suites (test/compose, test/swarm): counted checks, polling and
# small assertions that say what they expected. Source it, then end with `summary`.
passed=0
failed=0

say() { printf '\n## %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf 'ok - %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'not ok - %s\n' "$1"; }
# check DESCRIPTION COMMAND...: runs the command, counts the result.
check() {
  local what="$1"
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
# Polls COMMAND... every half second until it succeeds or SECONDS pass.
eventually() {
  local seconds="$1"
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}
equals() { [ "$1" = "$2" ] || { echo "    expected '$2', got '$1'"; return 1; }; }
at_least() { [ "$1" -ge "$2" ] || { echo "    expected at least $2, got $1"; return 1; }; }
contains() { grep -q -- "$2" "$1"; }
# The last line of every suite; .ci/run adds up these counts.
summary() {
  printf '\n%d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" -eq 0 ]
}
