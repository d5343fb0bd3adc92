// Choosing a front end by file name, and the whole road from bytes to a segmented Document.
#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/segmentation.h"
#include "formats/format.h"
#include "formats/latex_guard.h"
#include "formats/office_package.h"
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

// A PDF may start after up to this many bytes of something else (PDF 1.7, annex H.3).
constexpr std::size_t kPdfHeaderWithin = 1024;

// The binary format the file's first bytes show, whatever its name says: "pdf" for a PDF
// ("%PDF-"); "odt" or "docx" for a zip package ("PK\x03\x04") whose mimetype part or content
// types say it is an OpenDocument text or a Word document; "" for none of these (a damaged or
// other file, which the reader its name chooses reports).
std::string format_from_content(std::string_view bytes) {
  if (bytes.starts_with("PK\x03\x04")) {
    try {
      const ZipPackage package(bytes, "zip");
      if (const std::optional<std::string> mimetype = package.read("mimetype"))
        return mimetype->starts_with("application/vnd.oasis.opendocument.text") ? "odt" : "";
      if (const std::optional<std::string> types = package.read("[Content_Types].xml"))
        for (std::string_view main_part :
             {"wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
              "ms-word.document.macroEnabled.main+xml",
              "ms-word.template.macroEnabledTemplate.main+xml"})
          if (types->find(main_part) != std::string::npos) return "docx";
    } catch (const UnreadableFile&) {
    }
    return "";
  }
  if (bytes.substr(0, kPdfHeaderWithin).find("%PDF-") != std::string_view::npos) return "pdf";
  return "";
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
  // Said once, at the first: a NUL is not text, but one in a text (a copy from a damaged file, a
  // form's filler) should not lose the rest of it.
  const std::vector<std::size_t>& nul = doc.source.nul_bytes;
  if (!nul.empty())
    doc.read_issues.push_back(
        {nul.front(), nul.front() + 1,
         nul.size() == 1
             ? std::string("a NUL byte (character 0, not text) was read as a space")
             : fmt::format("{} NUL bytes (character 0, not text) were read as spaces; this is "
                           "the first",
                           nul.size())});
}

// Said once, at the first character that is not ASCII: the text was read, but other tools may
// not read it the same way.
void report_legacy_encoding(Document& doc) {
  const std::string& text = doc.source.bytes;
  const auto first = std::find_if(text.begin(), text.end(),
                                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  const auto begin = static_cast<std::size_t>(first - text.begin());
  std::size_t end = begin;
  while (end < text.size() &&
         (end == begin || (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80))
    ++end;
  doc.read_issues.push_back(
      {begin, end,
       "This file is not saved as UTF-8. sayso read it as Windows-1252 (Western European), so "
       "characters such as £ and curly quotes are kept. Save it as UTF-8 so that every "
       "tool reads it the same way."});
}

void read_with_front_end(Document& doc, const SectionClassifier& classifier) {
  if (doc.format == "markdown")
    read_markdown(doc);
  else if (doc.format == "html")
    read_html(doc);
  else if (doc.format == "latex") {
    refuse_too_deep_latex(doc.source.bytes);
    read_latex(doc);
  } else
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

namespace {

constexpr std::string_view kOldWordExtensions[] = {".doc", ".dot"};
constexpr std::string_view kSpreadsheetExtensions[] = {".xls", ".xlsx", ".xlsm", ".ods",
                                                       ".numbers"};
constexpr std::string_view kSlideExtensions[] = {".ppt", ".pptx", ".odp", ".key"};
constexpr std::string_view kOtherDocumentExtensions[] = {".docm", ".dotm",  ".dotx", ".rtf", ".wpd",
                                                         ".wps",  ".pages", ".odm",  ".ott"};

template <std::size_t N>
bool is_one_of(const std::string& ext, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), ext) != std::end(list);
}

}  // namespace

bool is_unsupported_document(std::string_view path) {
  const std::string ext = extension_of(path);
  return is_one_of(ext, kOldWordExtensions) || is_one_of(ext, kSpreadsheetExtensions) ||
         is_one_of(ext, kSlideExtensions) || is_one_of(ext, kOtherDocumentExtensions);
}

bool is_unsupported_word_processor_file(std::string_view path) {
  const std::string ext = extension_of(path);
  return is_one_of(ext, kOldWordExtensions) || is_one_of(ext, kOtherDocumentExtensions);
}

std::string unsupported_reason(std::string_view path) {
  const std::string ext = extension_of(path);
  const std::string start = "unsupported format (" + ext + "): ";
  if (is_one_of(ext, kOldWordExtensions))
    return start +
           "an old Word format (Word 97-2003); open it in Word or LibreOffice, save it as .docx "
           "and check that file";
  if (is_one_of(ext, kSpreadsheetExtensions))
    return start +
           "a spreadsheet; for a form export with one submission per row, save it as CSV (UTF-8) "
           "and check it with sayso batch";
  if (is_one_of(ext, kSlideExtensions))
    return start + "slides; save the text as .docx, .pdf or plain text and check that file";
  return start + "save it as .docx, .odt, .pdf or plain text and check it again";
}

bool is_known_extension(std::string_view path) {
  const std::string ext = extension_of(path);
  for (std::string_view known :
       {".md", ".markdown", ".txt", ".tex", ".docx", ".odt", ".pdf", ".html", ".htm"})
    if (ext == known) return true;
  return is_unsupported_word_processor_file(path);
}

bool has_markdown_heading(std::string_view text) {
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    const std::size_t hashes = line.find_first_not_of('#', i);
    if (hashes == std::string_view::npos || hashes == i || hashes - i > 6) continue;
    if (line[hashes] != ' ' && line[hashes] != '\t') continue;
    if (line.find_first_not_of(" \t\r", hashes) != std::string_view::npos) return true;
  }
  return false;
}

LoadResult load_document(std::string path, std::string bytes, const SectionClassifier& classifier,
                         const LoadOptions& options) {
  LoadResult result;
  Document& doc = result.doc;
  doc.path = std::move(path);
  doc.format = options.format.empty() ? format_for_path(doc.path) : options.format;
  if (options.format.empty() && is_unsupported_document(doc.path)) {
    doc.format = extension_of(doc.path).substr(1);
    result.error = unsupported_reason(doc.path);
    doc.rebuild_index();
    return result;
  }
  if (doc.format.empty()) doc.format = "text";  // an unknown extension is read as plain text
  // A PDF named .docx, or a Word or OpenDocument file named .pdf, is read as what it is.
  if (options.format.empty() && is_extracted_format(doc.format))
    if (const std::string real = format_from_content(bytes); !real.empty()) doc.format = real;
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
  // Windows 'Unicode text' (UTF-16 with a byte order mark) and 'ANSI' text (Windows-1252) are
  // read as their UTF-8 decoding.
  std::string decoded_from = decode_utf16_with_bom(bytes);
  bool utf16_without_bom = false;
  if (decoded_from.empty()) {
    decoded_from = decode_utf16_without_bom(bytes);
    utf16_without_bom = !decoded_from.empty();
  }
  if (decoded_from.empty()) decoded_from = decode_windows_1252_if_not_utf8(bytes);
  const bool binary = looks_binary(bytes);  // before decoding reads NUL bytes as spaces
  doc.source = decode_utf8(std::move(bytes));
  doc.source.decoded_from = std::move(decoded_from);
  doc.source.utf16_without_bom = utf16_without_bom;
  if (doc.source.decoded_from == "windows-1252") report_legacy_encoding(doc);
  // Keep the bytes on the heap even when short, so that moving the result keeps `lines` valid
  // (a moved std::string keeps its heap buffer; a small-string buffer moves with the object).
  doc.source.bytes.reserve(16);
  doc.prose = blank_copy(doc.source.bytes);

  if (has_no_front_end(doc.format)) {
    result.error = "unsupported format: " + doc.format +
                   " (form exports hold many submissions: use sayso batch)";
  } else if (binary) {
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
