#!/usr/bin/env bash
# Builds the fuzz targets' seed corpora from corpus/, tests/data and rules/, plus small samples of
# the binary formats and of LSP sessions made on the fly. Generated: never commit the output.
# Usage: make_seeds.sh SOURCE_DIR OUT_DIR   (makes OUT_DIR/<target>/ for every target)
set -euo pipefail
src=$(cd "$1" && pwd)
out=$2
rm -rf "$out"
mkdir -p "$out"

# copy_seeds TARGET FILE...: each file becomes a seed named after its path (no collisions).
copy_seeds() {
  local target=$1
  shift
  mkdir -p "$out/$target"
  local f
  for f in "$@"; do
    [[ -f $f ]] || continue
    cp "$f" "$out/$target/$(echo "${f#"$src"/}" | tr '/' '_')"
  done
}

# Files under the source tree with these name patterns, outside build and package folders.
find_sources() {
  find "$src/corpus" "$src/tests" "$src/server" "$src/rules" \
    \( -name node_modules -o -name 'build*' -o -name fuzz \) -prune -o -type f \( "$@" \) -print
}

mapfile -t markdown < <(find_sources -name '*.md')
mapfile -t text < <(find_sources -name '*.txt' ! -name CMakeLists.txt)
copy_seeds fuzz_markdown "${markdown[@]}"
copy_seeds fuzz_plaintext "${text[@]}" "${markdown[@]}"
mapfile -t latex < <(find_sources -name '*.tex')
copy_seeds fuzz_latex "${latex[@]}"
mapfile -t html < <(find_sources -name '*.html' -o -name '*.htm')
copy_seeds fuzz_html "${html[@]}"
for format in docx odt pdf; do
  mapfile -t files < <(find_sources -name "*.$format")
  copy_seeds "fuzz_$format" "${files[@]}"
done
mapfile -t csv < <(find_sources -name '*.csv')
copy_seeds fuzz_csv_rows "${csv[@]}"
mapfile -t jsonl < <(find_sources -name '*.jsonl')
copy_seeds fuzz_jsonl_rows "${jsonl[@]}"
mapfile -t rule_files < <(find "$src/rules" "$src/tests/data" -name '*.yml' ! -name 'pack.yml' \
  ! -name '.sayso.yml' ! -path '*/configs/*' ! -path '*/profiles/*' ! -name 'sections.yml')
copy_seeds fuzz_rule_file "${rule_files[@]}"
mapfile -t configs < <(find "$src/tests/data" \( -path '*/configs/*.yml' -o -name '.sayso.yml' \))
copy_seeds fuzz_config_file "${configs[@]}"

# Inputs that once made a target fail (tests/fuzz/regressions/<target>/), so fuzzing starts there.
for dir in "$src"/tests/fuzz/regressions/*/; do
  target=$(basename "$dir")
  mapfile -t files < <(find "$dir" -type f)
  copy_seeds "$target" "${files[@]}"
done

# Hand-written edge cases of the text formats.
cat >"$out/fuzz_markdown/edge-cases.md" <<'MD'
---
title: front matter
---
# Plain English summary <!-- sayso-disable-next-line plain-english -->
We will *utilise* a **cohort** of [patients](https://example.org "t") and `code`.
> quoted *PPI* will be sought where possible
> > nested quote
- item one
  - nested item with an NHS acronym
1. numbered
| a | b |
|---|---|
| cell | utilise |
```
fenced code utilise
```
<!-- sayso-disable plain-english.utilise -->
Setext heading
--------------
<!-- sayso-enable -->
MD
printf 'PLAIN ENGLISH SUMMARY\n\nWe will utilise a cohort.\n\nPatient and public involvement:\nPPI will be sought where possible.\n' \
  >"$out/fuzz_plaintext/edge-cases.txt"
cat >"$out/fuzz_latex/edge-cases.tex" <<'TEX'
\documentclass{article}
\begin{document}
\section{Plain English summary} % sayso-disable-next-line plain-english
We will \emph{utilise} a cohort~\cite{x} with $x^2$ and \textbf{PPI}.
\subsection*{Patient and public involvement}
\begin{itemize}\item Patients were consulted. \item A lay member.\end{itemize}
\begin{verbatim}utilise\end{verbatim}
\end{document}
TEX
cat >"$out/fuzz_html/edge-cases.html" <<'HTML'
<!DOCTYPE html><html><head><title>t</title><style>p{}</style><script>var utilise;</script></head>
<body><h1>Plain English summary</h1><p>We will <em>utilise</em> a cohort &amp; PPI&nbsp;&#8217;s.</p>
<!-- sayso-disable-next-line plain-english --><ul><li>Patients were consulted</li></ul>
<h2>Patient and public involvement</h2><table><tr><td>lay member</td></tr></table><pre>code</pre>
HTML
printf 'id,summary,involvement,title\n1,"We will utilise a cohort.","PPI will be sought where possible.",T\n2,"a ""quoted"" word",,\n' \
  >"$out/fuzz_csv_rows/form.csv"
printf '{"id":"1","text":"# Lay summary\\n\\nWe will utilise a cohort."}\n{"id":"2","summary":"PPI will be sought.","involvement":"Patients were consulted."}\n' \
  >"$out/fuzz_jsonl_rows/form.jsonl"
printf 'profile: nihr\nlanguage: en_US\ndocument: application\ndocument_kind: involvement\nmax_document_bytes: 1000\nlint_time_budget_ms: 5000\nrules:\n  plain-english: off\n  acronyms.unexplained: info\nwords: [telecare]\n' \
  >"$out/fuzz_config_file/all-settings.yml"

# Binary formats and LSP sessions (Python builds them; skipped with a note where it is missing).
if ! command -v python3 >/dev/null 2>&1; then
  echo "note: python3 is missing: no generated DOCX/ODT/PDF/LSP seeds"
  exit 0
fi
python3 - "$out" "$src" <<'PY'
import json, os, sys, zipfile

out, src = sys.argv[1], sys.argv[2]
paragraphs = [("Heading1", "Plain English summary"),
              (None, "We will utilise a cohort of 40 patients. PPI will be sought where possible."),
              ("Heading1", "Patient and public involvement"),
              (None, "Patients were consulted once. A lay member will sit on the steering group.")]

def write_zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:  # stored: the fuzzer sees the XML
        for name, data in members:
            z.writestr(name, data)

w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
body = "".join(
    "<w:p>" + (f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else "") +
    f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>" for style, text in paragraphs)
if os.path.isdir(f"{out}/fuzz_docx"):
    write_zip(f"{out}/fuzz_docx/generated.docx", [
        ("[Content_Types].xml",
         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>')])
if os.path.isdir(f"{out}/fuzz_odt"):
    odt_body = "".join(
        (f'<text:h text:outline-level="1">{t}</text:h>' if s else f"<text:p>{t}</text:p>")
        for s, t in paragraphs)
    write_zip(f"{out}/fuzz_odt/generated.odt", [
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml",
         '<?xml version="1.0"?><office:document-content '
         'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
         'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
         f"{odt_body}</office:text></office:body></office:document-content>")])
if os.path.isdir(f"{out}/fuzz_pdf"):
    sys.path.insert(0, f"{src}/tests/data")
    from tiny_pdf import write_pdf
    write_pdf(f"{out}/fuzz_pdf/generated.pdf",
              [(18 if style else 11, text) for style, text in paragraphs])

def framed(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body

uri = "file:///nonexistent-sayso-fuzz/summary.md"
text = "# Plain English summary\n\nWe will utilise a cohort. PPI will be sought where possible.\n"
init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": None, "rootUri": "file:///nonexistent-sayso-fuzz", "capabilities": {
            "textDocument": {"publishDiagnostics": {"relatedInformation": True}},
            "general": {"positionEncodings": ["utf-8", "utf-16"]}}}}
position = {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 9}}
whole = {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}
session = [
    init,
    {"jsonrpc": "2.0", "method": "initialized", "params": {}},
    {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}},
    {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 2, "character": 8}, "end": {"line": 2, "character": 15}},
             "text": "use"}]}},
    {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": position},
    {"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}}},
    {"jsonrpc": "2.0", "id": 4, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": uri}}},
    {"jsonrpc": "2.0", "id": 5, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}},
    {"jsonrpc": "2.0", "id": 6, "method": "textDocument/inlayHint", "params": {"textDocument": {"uri": uri}, "range": whole}},
    {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 6}},
    {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}},
    {"jsonrpc": "2.0", "id": 7, "method": "shutdown"},
    {"jsonrpc": "2.0", "method": "exit"},
]
os.makedirs(f"{out}/fuzz_lsp_stream", exist_ok=True)
# The target's first byte is its mode: odd, the rest follows its own handshake; even, it does not.
with open(f"{out}/fuzz_lsp_stream/session", "wb") as f:
    f.write(b"\x00" + b"".join(framed(m) for m in session))
with open(f"{out}/fuzz_lsp_stream/after-handshake", "wb") as f:
    f.write(b"\x01" + b"".join(framed(m) for m in session[3:]))
with open(f"{out}/fuzz_lsp_stream/batch-and-errors", "wb") as f:
    f.write(b"\x00" + framed(init) + b"Content-Length: 5\r\n\r\n{bad}" +
            framed([{"jsonrpc": "2.0", "id": 9, "method": "shutdown"}]) +
            b"Content-Type: x\r\nContent-Length: 2\r\n\r\n{}" + framed({"jsonrpc": "2.0", "method": "exit"}))
PY
