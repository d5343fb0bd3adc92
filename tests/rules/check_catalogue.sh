#!/usr/bin/env bash
# Fails when docs/rules.md is not what `sayso rules catalogue` makes from the rule files.
# usage: check_catalogue.sh SAYSO DOCS_RULES_MD
set -euo pipefail
sayso=$1 catalogue=$2
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
"$sayso" rules catalogue > "$fresh"
if ! diff -u "$catalogue" "$fresh" > /dev/null; then
  diff -u "$catalogue" "$fresh" | head -40 || true
  echo "docs/rules.md is out of date: run build/sayso rules catalogue > docs/rules.md" >&2
  exit 1
fi
echo "docs/rules.md is current"
