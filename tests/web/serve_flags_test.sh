#!/usr/bin/env bash
# sayso serve's command line: local by default, a reachable address only with --allow-remote (and
# then a warning), and a clean stop on SIGTERM.   Usage: serve_flags_test.sh SAYSO_BINARY
set -uo pipefail
sayso=$1
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

out=$("$sayso" serve --host 0.0.0.0 --port 0 2>&1 </dev/null)
status=$?
[ "$status" -eq 2 ] || fail "a non-local host without --allow-remote should exit 2 (got $status)"
grep -q -- "--allow-remote" <<<"$out" || fail "the refusal should name --allow-remote: $out"

out=$(timeout --preserve-status -s TERM 3 "$sayso" serve --host 0.0.0.0 --port 0 --allow-remote 2>&1 </dev/null)
status=$?
[ "$status" -eq 0 ] || fail "SIGTERM should stop the server cleanly (exit $status): $out"
grep -q "warning: listening on 0.0.0.0" <<<"$out" || fail "a remote bind should print a warning: $out"
# Every address is no address a browser opens: say this computer's, and the network's.
grep -q "open http://127.0.0.1:[0-9]*/ in your browser on this computer" <<<"$out" ||
  fail "a page on every address should say how to open it here: $out"
! grep -q "http://0.0.0.0" <<<"$out" || fail "0.0.0.0 is not an address to open: $out"

# The page asks /api/about whether the server is reachable from other computers, so that it does
# not tell a shared page's readers "Nothing leaves this computer".
about_of() {  # about_of LOG: the /api/about answer of the server whose output is in LOG
  local url=""
  for _ in $(seq 1 50); do
    url=$(sed -n 's|.*\(http://[^ ]*:[0-9]*/\).*|\1|p' "$1" | head -n 1)
    [ -n "$url" ] && break
    sleep 0.1
  done
  port=$(sed -n 's|.*:\([0-9]*\)/$|\1|p' <<<"$url")
  curl -s "http://127.0.0.1:$port/api/about"
}
# Each server's log is emptied before it starts: the shell empties it in the child, after the
# fork, and about_of could read the last server's address first (under load it did, and the
# "second" server then bound that free port).
log=$(mktemp)
: >"$log"
"$sayso" serve --host 0.0.0.0 --port 0 --allow-remote >"$log" 2>&1 </dev/null &
pid=$!
about=$(about_of "$log")
kill "$pid"; wait "$pid" 2>/dev/null
grep -q '"local":false' <<<"$about" || fail "a shared server should tell the page it is not local: $about"
: >"$log"
"$sayso" serve --port 0 >"$log" 2>&1 </dev/null &
pid=$!
about=$(about_of "$log")
kill "$pid"; wait "$pid" 2>/dev/null
grep -q '"local":true' <<<"$about" || fail "a local server should tell the page it is local: $about"

# Requests for another host name (DNS rebinding) and POSTs from another website get 403; a page
# shared with --allow-remote on every address answers under any host name.
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
: >"$log"
"$sayso" serve --port 0 >"$log" 2>&1 </dev/null &
pid=$!
about_of "$log" >/dev/null
rebound=$(status_of -H "Host: evil.example:$port" "http://127.0.0.1:$port/api/profiles")
cross=$(status_of -X POST -H 'Origin: https://evil.example' -H 'Content-Type: text/plain' \
  --data '{"text":"We will utilise it."}' "http://127.0.0.1:$port/api/check")
own=$(status_of -X POST -H "Origin: http://127.0.0.1:$port" -H 'Content-Type: application/json' \
  --data '{"text":"We will utilise it."}' "http://127.0.0.1:$port/api/check")
kill "$pid"; wait "$pid" 2>/dev/null
[ "$rebound" = 403 ] || fail "a request for another host name should get 403 (got $rebound)"
[ "$cross" = 403 ] || fail "a cross-site POST should get 403 (got $cross)"
[ "$own" = 200 ] || fail "the page's own POST should get 200 (got $own)"
: >"$log"
"$sayso" serve --host 0.0.0.0 --port 0 --allow-remote >"$log" 2>&1 </dev/null &
pid=$!
about_of "$log" >/dev/null
shared=$(status_of -H "Host: laptop.lan:$port" "http://127.0.0.1:$port/")
kill "$pid"; wait "$pid" 2>/dev/null
[ "$shared" = 200 ] || fail "a shared page should answer under its network name (got $shared)"

# A second server on a port already in use fails at once with a plain message (exit 2): it must
# not share the port with the first (SO_REUSEPORT did, and each took half of the requests).
: >"$log"
"$sayso" serve --port 0 >"$log" 2>&1 </dev/null &
pid=$!
about_of "$log" >/dev/null
second=$(timeout 5 "$sayso" serve --port "$port" 2>&1 </dev/null)
status=$?
listeners=$(ss -Htln "sport = :$port" 2>/dev/null | wc -l)
kill "$pid"; wait "$pid" 2>/dev/null
[ "$status" -eq 2 ] || fail "a second serve on port $port should exit 2 (got $status): $second"
grep -qi "in use" <<<"$second" || fail "a second serve should say the port is in use: $second"
[ "$listeners" -le 1 ] || fail "only one server may listen on port $port (found $listeners)"
rm -f "$log"

out=$(timeout --preserve-status -s TERM 3 "$sayso" serve --port 0 2>&1 </dev/null)
grep -q "http://127.0.0.1:" <<<"$out" || fail "the default host should be 127.0.0.1: $out"
grep -q "warning" <<<"$out" && fail "a local bind should not warn: $out"

for bad in "--port 70000" "--port abc" "--port" "--host" "--frobnicate"; do
  # shellcheck disable=SC2086
  "$sayso" serve $bad >/dev/null 2>&1 </dev/null
  status=$?
  [ "$status" -eq 2 ] || fail "'serve $bad' should be a usage error (exit 2, got $status)"
done

# Without its HTTP module (a copy of the binary with no module beside it or installed), serve says
# so and stops; nothing else needs the module.
alone=$(mktemp -d)
trap 'rm -rf "$alone"' EXIT
cp "$sayso" "$alone/sayso"
out=$(SAYSO_MODULE_DIR= "$alone/sayso" serve --port 0 2>&1 </dev/null)
status=$?
[ "$status" -eq 2 ] || fail "serve without its module should exit 2 (got $status): $out"
grep -q "the web server is not installed: could not load .*sayso_http_httplib.so" <<<"$out" ||
  fail "serve without its module should say what is missing: $out"
printf 'Utilise this.\n' >"$alone/a.md"
SAYSO_MODULE_DIR= "$alone/sayso" check --fail-on never "$alone/a.md" >/dev/null 2>&1 ||
  fail "check should not need the HTTP module"

[ "$failures" -eq 0 ] && echo "serve flags: all passed"
exit "$failures"
