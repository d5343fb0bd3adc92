#!/usr/bin/env bash
# Costly libraries are loaded on demand through modules (server/formats/pdf_module_abi.h,
# server/web/http_module_abi.h): the sayso executable must not link them (no DT_NEEDED entry), or
# every run pays for loading them. The module itself must link its library and export its entry.
# usage: check_module_not_linked.sh SAYSO_BINARY MODULE FORBIDDEN_REGEX MODULE_LIBRARY ENTRY
set -euo pipefail
sayso=$1 module=$2 forbidden=$3 library=$4 entry=$5
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v readelf >/dev/null || fail "readelf is missing (binutils)"
needed=$(readelf -d "$sayso" | awk '/\(NEEDED\)/ { print $NF }')
echo "sayso needs: $(echo $needed)"
if grep -iE "$forbidden" <<<"$needed"; then
  fail "$sayso links the libraries above: they must be loaded on demand through $(basename "$module")"
fi
# Read whole before grep -q: grep stops at the first match, and under pipefail the SIGPIPE that
# readelf then gets would fail the check at random (large sanitizer builds).
dynamic=$(readelf -d "$module")
grep -q "NEEDED.*$library" <<<"$dynamic" || fail "$module does not link $library"
symbols=$(readelf --dyn-syms -W "$module")
grep -qw "$entry" <<<"$symbols" || fail "$module does not export $entry"
echo "PASS"
