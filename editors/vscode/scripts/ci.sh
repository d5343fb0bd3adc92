#!/usr/bin/env bash
# Builds, tests and packages the VS Code extension offline (the npm registry is used only by
# `npm ci`, for the versions pinned in package-lock.json).
# Usage: scripts/ci.sh [OUTPUT_DIR]   (the .vsix goes there; default: a temporary folder)
# Runs as the ctest test `vscode_extension`. Without node or npm it fails: it never skips.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "vscode_extension: $tool is not installed (bash scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
done
echo "node $(node --version), npm $(npm --version)"

out=${1:-}
if [ -z "$out" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
echo "== npm ci"
npm ci --no-progress
echo "== typecheck"
npx --no-install tsc --noEmit -p .
echo "== unit tests"
npm test
echo "== bundle"
npm run build
version=$(node -p "require('./package.json').version")
vsix="$out/sayso-$version.vsix"
rm -f "$vsix"
echo "== package"
# --no-dependencies: the bundle already contains vscode-languageclient.
# --allow-missing-repository: the project has no public repository address yet, and package.json
# names none rather than a made-up one (vsce would otherwise ask, and wait for an answer).
npx --no-install vsce package --no-dependencies --allow-missing-repository --out "$vsix"
node scripts/check-vsix.js "$vsix"
