#!/usr/bin/env bash
# Installs the Debian packages sayso needs (the one list), only when something is missing.
set -euo pipefail
packages=(
  build-essential cmake pkg-config git ca-certificates openssl nodejs npm
  libtree-sitter-dev libhunspell-dev hunspell-en-gb hunspell-en-us libicu-dev nlohmann-json3-dev
  libfmt-dev catch2 libyaml-cpp-dev libre2-dev libcpp-httplib-dev libzip-dev zlib1g-dev zipcmp zipmerge ziptool
  libpugixml-dev libpoppler-cpp-dev neovim
  clang libclang-rt-14-dev libfuzzer-14-dev chromium
  dpkg-dev groff-base
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come from elsewhere (e.g. a Node.js install outside Debian's packages): then keep it.
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}"); missing=("${missing[@]/nodejs}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
