#!/usr/bin/env bash
# Builds sayso and lints a sample application from corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
sample=${1:-corpus/applications/weak-copd-telemonitoring-application.md}
echo
echo "\$ build/sayso check $sample"
build/sayso check "$sample" || true
