#!/usr/bin/env bash
# Fetches the pinned grammar packages (grammars.lock) with `npm pack`, checks each tarball's
# sha512 integrity and unpacks it under DEST. Tarballs are cached in DEST; nothing is committed.
# usage: grammars/fetch.sh DEST
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${1:?usage: fetch.sh DEST}
mkdir -p "$dest"
while read -r name version integrity; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  base=$(echo "$name" | sed 's/^@//; s#/#-#')
  tarball="$dest/$base-$version.tgz"
  out="$dest/$base"
  if [[ ! -f "$tarball" ]]; then
    (cd "$dest" && npm pack "$name@$version" --ignore-scripts --silent >/dev/null)
  fi
  got="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [[ "$got" != "$integrity" ]]; then
    echo "grammars/fetch.sh: integrity mismatch for $name@$version: expected $integrity, got $got" >&2
    rm -f "$tarball"
    exit 1
  fi
  if [[ ! -f "$out/.version" || "$(cat "$out/.version")" != "$version" ]]; then
    rm -rf "$out" && mkdir -p "$out"
    tar xzf "$tarball" -C "$out" --strip-components=1
    echo "$version" > "$out/.version"
  fi
done < "$here/grammars.lock"
