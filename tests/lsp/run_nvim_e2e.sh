#!/usr/bin/env bash
# Runs nvim_e2e.lua: headless Neovim starts `sayso lsp` as its language server.
# Usage: run_nvim_e2e.sh SAYSO_BINARY SOURCE_DIR
# Needs no terminal and no stdin. Exit status 77 (skipped) when nvim is not installed.
set -uo pipefail

sayso=$1
source_dir=$2
here="$source_dir/tests/lsp"

if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim is not installed: skipping"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/cache" "$tmp/config" "$tmp/data" "$tmp/state" "$tmp/project"
# A folder of its own, so no .sayso.yml from the source tree applies.
cp "$here/e2e_application.md" "$tmp/project/application.md"

export HOME="$tmp/home" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
export SAYSO_BIN="$sayso" SAYSO_RULES="$source_dir/rules"
export SAYSO_E2E_DOC="$tmp/project/application.md" SAYSO_E2E_OUT="$tmp/report.txt"

export SAYSO_SOURCE_DIR="$source_dir"

# nvim_e2e.lua: the protocol through a bare client; nvim_setup_e2e.lua: the documented setup
# (editors/neovim/sayso.lua), whose settings must reach the server.
for script in nvim_e2e nvim_setup_e2e; do
  status=0
  rm -f "$tmp/report.txt"
  timeout 100 nvim --headless --clean -c "luafile $here/$script.lua" </dev/null >"$tmp/nvim.out" 2>&1 ||
    status=$?

  cat "$tmp/report.txt" 2>/dev/null || echo "(nvim wrote no report)"
  if [ "$status" -ne 0 ]; then
    echo "$script FAILED: nvim exited with status $status"
    echo "--- nvim output"
    cat "$tmp/nvim.out"
    echo "--- lsp.log (server stderr)"
    cat "$tmp/cache/nvim/lsp.log" 2>/dev/null || echo "(none)"
    exit 1
  fi
  echo "$script passed"
done
