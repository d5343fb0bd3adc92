#!/usr/bin/env bash
# PDF support is a module loaded on demand (server/formats/pdf_module_abi.h): the sayso executable
# must not link poppler (no DT_NEEDED entry), or every run pays for loading it. The module itself
# must link it, and must export its entry point.
# usage: check_pdf_module_not_linked.sh SAYSO_BINARY PDF_MODULE
set -euo pipefail
sayso=$1 module=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v readelf >/dev/null || fail "readelf is missing (binutils)"
needed=$(readelf -d "$sayso" | awk '/\(NEEDED\)/ { print $NF }')
echo "sayso needs: $(echo $needed)"
if grep -iE 'poppler' <<<"$needed"; then fail "$sayso links poppler (above): it must be loaded on demand"; fi
readelf -d "$module" | grep -q 'NEEDED.*libpoppler-cpp' || fail "$module does not link libpoppler-cpp"
readelf --dyn-syms -W "$module" | grep -qw sayso_pdf_module_api || fail "$module does not export sayso_pdf_module_api"
echo "PASS"
