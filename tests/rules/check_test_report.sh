#!/usr/bin/env bash
# `sayso rules test` says which example failed and what it found instead, and takes a pack name.
# usage: check_test_report.sh SAYSO
set -euo pipefail
sayso=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rules/demo"
printf 'name: demo\nversion: 0.1.0\nlicence: CC-BY-4.0\nmaintainers: [tester]\ndescription: A test pack.\n' > "$work/rules/demo/pack.yml"
cat > "$work/rules/demo/r.yml" <<'YAML'
rules:
  - id: demo.wordy
    kind: substitution
    category: jargon
    severity: warning
    scope: [plain-english-summary]
    message: "Try '{suggestion}' instead of '{match}'."
    explanation: Plain words help.
    sources: [test]
    swap:
      - {instead_of: [utilise], use: [use], source: NALA}
    examples:
      flag: ["We will utilise it.", "We will use it."]
      pass: ["We will use it.", "We utilise it."]
    written_with: [tester]
    reviewed_by: [tester]
    status: draft
    decisions: [a test]
YAML
status=0
"$sayso" rules test --rules "$work/rules" demo > "$work/out" || status=$?
cat "$work/out"
[[ $status == 1 ]] || { echo "FAIL: expected exit 1, got $status" >&2; exit 1; }
grep -q "flag example 2 (read as plain-english-summary section): \"We will use it.\"" "$work/out"
grep -q "found:    nothing" "$work/out"
grep -q "pass example 2 (read as plain-english-summary section): \"We utilise it.\"" "$work/out"
grep -q "found:    Try 'use' instead of 'utilise'. (at \"utilise\")" "$work/out"
grep -q "examples: 2 passed, 2 failed" "$work/out"
# A failing example is pointed at on its own line (the flag list is on line 13, the pass list on
# line 14), and the run says which rules folder it used.
grep -q "FAIL demo.wordy (.*/r.yml:13)" "$work/out"
grep -q "FAIL demo.wordy (.*/r.yml:14)" "$work/out"
grep -q "^rules folder: $work/rules$" "$work/out"
# A name that is neither a pack nor a file is a usage error.
if "$sayso" rules test --rules "$work/rules" nosuchpack 2> "$work/err"; then
  echo "FAIL: unknown pack accepted" >&2; exit 1
fi
grep -q "nosuchpack: no pack or rule file" "$work/err"
echo "rules test reports failures clearly"
