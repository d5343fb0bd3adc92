#!/usr/bin/env bash
# Runs nvim_config.lua: the documented Neovim setup (editors/neovim/sayso.lua) with the real server.
# Usage: run_nvim_config.sh SAYSO_BINARY SOURCE_DIR
# Needs no terminal and no stdin. Exit status 77 (skipped) when nvim is not installed.
set -uo pipefail

sayso=$1
source_dir=$2

if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim is not installed: skipping"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/cache" "$tmp/config" "$tmp/data" "$tmp/state" "$tmp/project/drafts"
# A project of its own: .sayso.yml marks its root, one level above the documents.
printf 'language: en_GB\n' >"$tmp/project/.sayso.yml"
cat >"$tmp/project/drafts/application.md" <<'DOC'
# Plain English summary

We will utilise a cohort of patients to assess the efficacy of the new service.
DOC
printf 'Plain English summary\n\nWe will utilise focus groups to facilitate discussion.\n' \
  >"$tmp/project/drafts/summary.txt"

export HOME="$tmp/home" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
export SAYSO_BIN="$sayso" SAYSO_RULES="$source_dir/rules" SAYSO_EDITORS_DIR="$source_dir/editors"
export SAYSO_DOC="$tmp/project/drafts/application.md" SAYSO_DOC2="$tmp/project/drafts/summary.txt"
export SAYSO_OUT="$tmp/report.txt"

status=0
timeout 100 nvim --headless --clean -c "luafile $source_dir/tests/editors/nvim_config.lua" </dev/null \
  >"$tmp/nvim.out" 2>&1 || status=$?

cat "$tmp/report.txt" 2>/dev/null || echo "(nvim wrote no report)"
if [ "$status" -ne 0 ]; then
  echo "nvim_config FAILED: nvim exited with status $status"
  echo "--- nvim output"
  cat "$tmp/nvim.out"
  echo "--- lsp.log (server stderr)"
  cat "$tmp/cache/nvim/lsp.log" 2>/dev/null || echo "(none)"
  exit 1
fi
echo "nvim_config passed"
