#!/usr/bin/env bash
# docs/sayso.1 must render without warnings, have the sections a man page needs, and name every
# subcommand and every option of `sayso check --help`.
# usage: check_man_page.sh SAYSO SOURCE_DIR
set -euo pipefail
sayso=$1
page=$2/docs/sayso.1
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v groff >/dev/null || fail "groff is missing (Debian package groff-base)"
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1) || fail "groff failed: $warnings"
[[ -z $warnings ]] || fail "groff warns: $warnings"
text=$(groff -man -Tutf8 -P -cbou "$page" 2>/dev/null | col -b 2>/dev/null || groff -man -Tascii -P -cbou "$page")
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" FILES ENVIRONMENT EXAMPLES; do
  grep -q "^$section" <<<"$text" || fail "no $section section"
done
for command in check lsp batch serve rules explain config; do
  grep -q "sayso $command" <<<"$text" || fail "the synopsis lacks 'sayso $command'"
done
for word in SAYSO_RULES SAYSO_MODULE_DIR sayso_pdf_poppler.so sayso_http_httplib.so NO_COLOR .sayso.yml share/sayso/rules; do
  grep -qF -- "$word" <<<"$text" || fail "the page does not mention $word"
done
# Every long option of `sayso check --help` is documented.
options=$("$sayso" check --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
for option in $options; do
  grep -qF -- "$option" <<<"$text" || fail "the page does not document sayso check $option"
done
echo "ok: docs/sayso.1 renders cleanly and documents $(wc -w <<<"$options") check options"
