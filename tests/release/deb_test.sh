#!/usr/bin/env bash
# Builds the Debian package with CPack into a temporary folder, unpacks it into a temporary root
# (dpkg-deb -x, no real install) and checks the unpacked sayso: its version, that it finds the
# installed rules at <root>/usr/share/sayso/rules with SAYSO_RULES unset, and that it lints a
# corpus file like the build does. The package must hold the binary in usr/bin, the rule packs,
# the domain dictionary, the man page and the guides, and depend on the libraries it links.
# It must also read a PDF through the PDF module it installs in usr/lib/sayso (loaded on demand).
# As root with CI=true (throwaway machines) it also installs the package for real with dpkg -i,
# checks /usr/bin/sayso, and removes it again.
# usage: deb_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
unset SAYSO_RULES
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sayso-deb-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || fail "$tool is missing (install dpkg-dev: scripts/install-deps.sh)"
done
version=$(sed -n 's/^project(sayso VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[[ -n $version ]] || fail "cannot read the project version from CMakeLists.txt"

# 1. Build the package.
(cd "$build" && cpack -G DEB -B "$tmp/pkg" --config "$build/CPackConfig.cmake") > "$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
shopt -s nullglob
debs=("$tmp"/pkg/sayso_*.deb)
((${#debs[@]} == 1)) || { cat "$tmp/cpack.log" >&2; fail "expected one sayso_*.deb, found ${#debs[@]}"; }
deb=${debs[0]}
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# 2. Its control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == sayso ]] || fail "Package is '$(field Package)', not sayso"
[[ $(field Version) == "$version" ]] || fail "Version is '$(field Version)', not $version"
[[ -n $(field Maintainer) ]] || fail "no Maintainer"
[[ -n $(field Description) ]] || fail "no Description"
depends=$(field Depends)
echo "Depends: $depends"
for lib in libc6 libstdc++6 libhunspell libicu libyaml-cpp libre2 libpoppler-cpp libcpp-httplib hunspell-en-gb; do
  [[ $depends == *"$lib"* ]] || fail "Depends does not name $lib (dpkg-shlibdeps should find it)"
done

# 3. Its files.
dpkg-deb -c "$deb" | awk '{ print $NF }' > "$tmp/files.txt"
for f in ./usr/bin/sayso ./usr/share/sayso/rules/sections.yml ./usr/share/sayso/rules/spelling/domain.dic \
         ./usr/share/sayso/rules/profiles/nihr.yml ./usr/share/man/man1/sayso.1.gz \
         ./usr/share/doc/sayso/README.md ./usr/share/doc/sayso/guide-researchers.md \
         ./usr/share/doc/sayso/guide-contributors.md ./usr/share/doc/sayso/guide-funders.md \
         ./usr/share/doc/sayso/rules.md \
         ./usr/lib/sayso/sayso_pdf_poppler.so ./usr/lib/sayso/sayso_http_httplib.so; do
  grep -qxF "$f" "$tmp/files.txt" || fail "the package lacks $f"
done
for pack in "$src"/rules/*/pack.yml; do
  rel=${pack#"$src"/rules/}
  grep -qxF "./usr/share/sayso/rules/$rel" "$tmp/files.txt" || fail "the package lacks the rule pack $rel"
done
if grep -vE '^\./usr/lib/(sayso/(sayso_pdf_poppler\.so|sayso_http_httplib\.so)?)?$' "$tmp/files.txt" |
  grep -E '^\./usr/(lib|include)/|sayso_unit_tests|sayso_accuracy'; then
  fail "the package holds files it should not (above)"
fi

# 4. Unpack it and run the unpacked binary.
root=$tmp/root
dpkg-deb -x "$deb" "$root"
sayso=$root/usr/bin/sayso
[[ -x $sayso ]] || fail "usr/bin/sayso is not executable"
got=$("$sayso" --version)
[[ $got == "sayso $version" ]] || fail "--version printed '$got'"
zcat "$root/usr/share/man/man1/sayso.1.gz" | grep '^\.TH SAYSO 1' > /dev/null || fail "the man page is not sayso(1)"

# It must use the installed rules, not the source tree's: a probe pack added to the unpacked
# rules must be seen, and it must be absent from a lint that uses the source rules.
mkdir -p "$root/usr/share/sayso/rules/release-probe"
cat > "$root/usr/share/sayso/rules/release-probe/pack.yml" <<'YAML'
name: release-probe
version: 1.0.0
licence: CC0-1.0
maintainers: [tests]
description: Added by tests/release/deb_test.sh to see which rules folder the binary uses.
YAML
cat > "$root/usr/share/sayso/rules/release-probe/rules.yml" <<'YAML'
rules:
  - id: release-probe.marker
    kind: existence
    category: style
    severity: warning
    scope: all
    message: "'{match}' is the release test's marker."
    explanation: The release test adds this rule to the unpacked rules.
    sources: [tests]
    written_with: [tests]
    reviewed_by: [tests]
    status: draft
    decisions: [a probe for the release test]
    phrases: [zqxjprobe]
    examples: {flag: [The zqxjprobe word., "Another zqxjprobe."], pass: [An ordinary sentence., "Another plain one."]}
YAML
printf 'Plain English summary\n\nWe will test the zqxjprobe word in this summary.\n' > "$tmp/probe-summary.txt"
"$sayso" check --format json --fail-on never "$tmp/probe-summary.txt" > "$tmp/probe.json" ||
  fail "the unpacked sayso failed on the probe file"
grep -q '"release-probe.marker"' "$tmp/probe.json" ||
  fail "the unpacked sayso did not use <root>/usr/share/sayso/rules (the probe rule did not fire)"
"$sayso" check --rules "$src/rules" --format json --fail-on never "$tmp/probe-summary.txt" > "$tmp/probe-src.json"
grep -q '"release-probe.marker"' "$tmp/probe-src.json" && fail "the probe rule fired with the source rules"
rm -rf "$root/usr/share/sayso/rules/release-probe"

# The unpacked binary lints a corpus file exactly as the build does with the source rules.
sample=$src/corpus/applications/weak-copd-telemonitoring-application.md
"$sayso" check --format json --fail-on never "$sample" > "$tmp/installed.json" ||
  fail "the unpacked sayso check failed on $sample"
"$build/sayso" check --rules "$src/rules" --format json --fail-on never "$sample" > "$tmp/built.json"
count() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["diagnostics"])' "$1"; }
installed=$(count "$tmp/installed.json") built=$(count "$tmp/built.json")
((installed > 0)) || fail "the unpacked sayso found nothing in $sample"
[[ $installed == "$built" ]] || fail "the unpacked sayso found $installed findings, the build $built"
"$sayso" rules list > /dev/null || fail "the unpacked sayso could not list its rules"
echo "unpacked: sayso $version finds its rules in usr/share/sayso/rules; $installed findings in $(basename "$sample")"

# A PDF, read through the installed PDF module (not the build folder's: SAYSO_MODULE_DIR unset).
pdf=$tmp/summary.pdf
python3 "$src/tests/data/tiny_pdf.py" "$pdf" "16:Plain English summary" \
  "11:We will utilise the data that the clinic holds." "11:Patients were consulted about the design."
(unset SAYSO_MODULE_DIR; "$sayso" check --format json --fail-on never "$pdf" > "$tmp/installed-pdf.json") ||
  fail "the unpacked sayso check failed on a PDF"
"$build/sayso" check --rules "$src/rules" --format json --fail-on never "$pdf" > "$tmp/built-pdf.json"
python3 - "$tmp/installed-pdf.json" "$tmp/built-pdf.json" <<'PY' || fail "the unpacked sayso read the PDF unlike the build (above)"
import json, sys
installed, built = (json.load(open(p)) for p in sys.argv[1:3])
file = installed["files"][0]
if file.get("status") == "error" or not file["diagnostics"]:
    sys.exit("installed: %s" % (file.get("error") or "no findings in the PDF"))
if installed["files"] != built["files"]:
    sys.exit("installed and built findings differ")
PY
echo "unpacked: sayso reads a PDF through usr/lib/sayso/sayso_pdf_poppler.so ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["files"][0]["diagnostics"]))' "$tmp/installed-pdf.json") findings)"

# The web page, served through the installed HTTP module.
served=$( (unset SAYSO_MODULE_DIR; timeout --preserve-status -s TERM 3 "$sayso" serve --port 0 2>&1 </dev/null) ) ||
  fail "the unpacked sayso serve did not stop cleanly: $served"
grep -q "open http://127.0.0.1:" <<<"$served" || fail "the unpacked sayso serve did not start: $served"
echo "unpacked: sayso serve runs through usr/lib/sayso/sayso_http_httplib.so"

# 5. A real install, only on a throwaway machine.
if [[ $(id -u) -eq 0 && ${CI:-} == true ]]; then
  if dpkg-query -W -f='${Status}' sayso 2>/dev/null | grep -q 'install ok installed'; then
    fail "sayso is already installed here; the real install test would replace it"
  fi
  dpkg -i "$deb" > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; fail "dpkg -i failed"; }
  trap 'dpkg -r sayso >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
  [[ $(/usr/bin/sayso --version) == "sayso $version" ]] || fail "/usr/bin/sayso --version"
  /usr/bin/sayso check --format json --fail-on never "$sample" > "$tmp/real.json"
  [[ $(count "$tmp/real.json") == "$built" ]] || fail "/usr/bin/sayso found other findings than the build"
  /usr/bin/sayso check --format json --fail-on never "$pdf" > "$tmp/real-pdf.json"
  grep -q '"status": "error"' "$tmp/real-pdf.json" && fail "/usr/bin/sayso could not read a PDF"
  man -w sayso > /dev/null 2>&1 || [[ -f /usr/share/man/man1/sayso.1.gz ]] || fail "man page not installed"
  dpkg -r sayso > /dev/null
  [[ ! -e /usr/bin/sayso ]] || fail "dpkg -r left /usr/bin/sayso behind"
  echo "real install: dpkg -i, /usr/bin/sayso check, dpkg -r all fine"
else
  echo "skipped the real install (dpkg -i): it runs only as root with CI=true, on a throwaway machine"
fi
echo "PASS"
