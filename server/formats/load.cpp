// Choosing a front end by file name, and the whole road from bytes to a segmented Document.
#include <algorithm>
#include <cctype>
#include <exception>
#include <string>
#include <string_view>

#include "core/segmentation.h"
#include "formats/format.h"
#include "formats/prose_mask.h"

namespace sayso {
namespace {

// Lower-case extension with its dot (".md"), or "" when the file name has none. A leading dot
// (".sayso") names a hidden file; it does not start an extension.
std::string extension_of(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string ext(name.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// Formats we recognise but cannot read as one document (form exports hold many: see batch).
bool has_no_front_end(std::string_view format) {
  for (std::string_view name : {"csv", "jsonl"})
    if (format == name) return true;
  return false;
}

// Binary formats, whose Document is the text extracted from them.
bool is_extracted_format(std::string_view format) {
  return format == "docx" || format == "odt" || format == "pdf";
}

void extract_text(Document& doc, std::string_view file, const SectionClassifier& classifier) {
  if (doc.format == "docx")
    read_docx(doc, file);
  else if (doc.format == "odt")
    read_odt(doc, file);
  else
    read_pdf(doc, file, classifier);
}

// One issue per run of consecutive invalid bytes.
void report_invalid_bytes(Document& doc) {
  const std::vector<std::size_t>& bad = doc.source.invalid_bytes;
  for (std::size_t i = 0; i < bad.size();) {
    std::size_t j = i + 1;
    while (j < bad.size() && bad[j] == bad[j - 1] + 1) ++j;
    doc.read_issues.push_back({bad[i], bad[j - 1] + 1, "invalid UTF-8 byte(s) replaced"});
    i = j;
  }
}

void read_with_front_end(Document& doc, const SectionClassifier& classifier) {
  if (doc.format == "markdown")
    read_markdown(doc);
  else if (doc.format == "html")
    read_html(doc);
  else if (doc.format == "latex")
    read_latex(doc);
  else
    read_plaintext(doc, classifier);
}

}  // namespace

std::string format_for_path(std::string_view path) {
  const std::string ext = extension_of(path);
  if (ext == ".md" || ext == ".markdown" || ext == ".mdown") return "markdown";
  if (ext == ".txt" || ext == ".text" || ext.empty()) return "text";
  if (ext == ".tex") return "latex";
  if (ext == ".docx") return "docx";
  if (ext == ".odt") return "odt";
  if (ext == ".pdf") return "pdf";
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".csv") return "csv";
  if (ext == ".jsonl") return "jsonl";
  return "";
}

bool is_known_extension(std::string_view path) {
  const std::string ext = extension_of(path);
  for (std::string_view known :
       {".md", ".markdown", ".txt", ".tex", ".docx", ".pdf", ".html", ".htm"})
    if (ext == known) return true;
  return false;
}

LoadResult load_document(std::string path, std::string bytes, const SectionClassifier& classifier,
                         const LoadOptions& options) {
  LoadResult result;
  Document& doc = result.doc;
  doc.path = std::move(path);
  doc.format = options.format.empty() ? format_for_path(doc.path) : options.format;
  if (doc.format.empty()) doc.format = "text";  // an unknown extension is read as plain text
  if (is_extracted_format(doc.format)) {
    try {
      extract_text(doc, bytes, classifier);
      doc.source.bytes.reserve(16);  // see below
      report_invalid_bytes(doc);
      doc.rebuild_index();
      build_sections(doc, classifier, options.headless_kind);
      segment(doc);
      result.ok = true;
    } catch (const UnreadableFile& e) {  // a damaged, encrypted or empty file: said as it is
      result.error = e.what();
    } catch (const std::exception& e) {
      result.error = std::string("could not read the file: ") + e.what();
    }
    if (!result.ok) {  // nothing half-read is kept
      Document empty;
      empty.path = std::move(doc.path);
      empty.format = std::move(doc.format);
      doc = std::move(empty);
    }
    doc.rebuild_index();
    return result;
  }
  // Windows 'Unicode text' (UTF-16 with a byte order mark) is read as its UTF-8 decoding.
  std::string decoded_from = decode_utf16_with_bom(bytes);
  doc.source = decode_utf8(std::move(bytes));
  doc.source.decoded_from = std::move(decoded_from);
  // Keep the bytes on the heap even when short, so that moving the result keeps `lines` valid
  // (a moved std::string keeps its heap buffer; a small-string buffer moves with the object).
  doc.source.bytes.reserve(16);
  doc.prose = blank_copy(doc.source.bytes);

  if (has_no_front_end(doc.format)) {
    result.error = "unsupported format: " + doc.format +
                   " (form exports hold many submissions: use sayso batch)";
  } else if (looks_binary(doc.source.bytes)) {
    result.error = "binary file (not text)";
  } else {
    try {
      report_invalid_bytes(doc);
      doc.rebuild_index();  // sections need line starts
      read_with_front_end(doc, classifier);
      build_sections(doc, classifier, options.headless_kind);
      segment(doc);
      result.ok = true;
    } catch (const std::exception& e) {  // never a crash: the file is reported as unreadable
      result.error = std::string("could not read the file: ") + e.what();
    }
  }
  doc.rebuild_index();
  return result;
}

}  // namespace sayso
