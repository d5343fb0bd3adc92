#!/usr/bin/env bash
# rules/CONTRIBUTING.md must pass sayso's own plain-English rules, read as a plain-English
# summary. Headings are left out (they would make it a document of 'other' sections), and the
# config turns off the summary's length limit and coverage prompts, which are about summaries.
# usage: check_contributing.sh SAYSO CONTRIBUTING.md CONFIG
set -euo pipefail
sayso=$1 contributing=$2 config=$3
grep -v '^#' "$contributing" |
  "$sayso" check --config "$config" --kind plain-english-summary --fail-on warning --stdin-filename CONTRIBUTING.md -
