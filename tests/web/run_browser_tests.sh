#!/usr/bin/env bash
# Browser tests for `sayso serve`: installs playwright-core and axe-core (npm ci), starts the
# server on a free port, runs browser.test.mjs with Node's test runner against Debian's Chromium,
# and always stops the server.   Usage: run_browser_tests.sh SAYSO_BINARY ARTIFACT_DIR
set -euo pipefail

sayso_binary=$(realpath "$1")
mkdir -p "$2"
artifact_dir=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

# Without Chromium the browser tests are skipped (exit 77, ctest's SKIP_RETURN_CODE), not failed.
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is not installed (/usr/bin/chromium), so the browser tests are skipped:" \
    "run scripts/install-deps.sh to run them" >&2
  exit 77
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >"$artifact_dir/npm-ci.log" 2>&1) || {
  cat "$artifact_dir/npm-ci.log" >&2
  exit 1
}

server_log="$artifact_dir/server.log"
# Made here, not only by the server's redirection (which happens in the child, maybe after the
# first read below: sed would fail on a missing file, as it did with the slower sanitizer build).
: >"$server_log"
"$sayso_binary" serve --port 0 >"$server_log" 2>&1 </dev/null &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's|.*\(http://127\.0\.0\.1:[0-9]*/\).*|\1|p' "$server_log" | head -n 1)
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "sayso serve stopped before it was ready:" >&2
    cat "$server_log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "sayso serve did not say where it listens:" >&2
  cat "$server_log" >&2
  exit 1
fi

SAYSO_URL=$url SAYSO_ARTIFACTS=$artifact_dir node --test --test-reporter=spec "$here/browser.test.mjs"
