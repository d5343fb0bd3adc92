// Reading zipped office packages (DOCX, ODT) safely.
#include "formats/office_package.h"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "formats/format.h"

namespace sayso {

ZipPackage::ZipPackage(std::string_view bytes, std::string format) : format_(std::move(format)) {
  if (bytes.empty()) throw UnreadableFile("the " + format_ + " file is empty");
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source != nullptr) {
    archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive_ == nullptr) zip_source_free(source);
  }
  zip_error_fini(&error);
  if (archive_ == nullptr)
    throw UnreadableFile("the " + format_ + " file is damaged or not a " + format_ +
                         " file (not a valid zip archive)");
}

ZipPackage::~ZipPackage() {
  if (archive_ != nullptr) zip_discard(archive_);
}

std::optional<std::string> ZipPackage::read(const std::string& name) const {
  const zip_int64_t index = zip_name_locate(archive_, name.c_str(), 0);
  if (index < 0) return std::nullopt;
  const std::string where = "the " + format_ + " file's " + name;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0)
    throw UnreadableFile(where + " is damaged");
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
    throw UnreadableFile("the " + format_ + " file is password-protected");
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > kMaxEntryBytes)
    throw UnreadableFile(where + " is too large (over 100 MB uncompressed)");
  if ((stat.valid & ZIP_STAT_SIZE) && (stat.valid & ZIP_STAT_COMP_SIZE) &&
      stat.size > kRatioCheckBytes &&
      stat.size / std::max<zip_uint64_t>(stat.comp_size, 1) > kMaxRatio)
    throw UnreadableFile(where + " expands suspiciously (a zip bomb?)");

  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
      zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0), &zip_fclose);
  if (!file) throw UnreadableFile(where + " cannot be opened (damaged or unsupported compression)");
  std::string out;
  if (stat.valid & ZIP_STAT_SIZE) out.reserve(static_cast<std::size_t>(stat.size));
  char buffer[64 * 1024];
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
    if (n < 0) throw UnreadableFile(where + " is damaged (it cannot be decompressed)");
    if (n == 0) break;
    // The sizes in the zip directory can lie: the limit holds for what is actually read.
    if (out.size() + static_cast<std::size_t>(n) > kMaxEntryBytes)
      throw UnreadableFile(where + " is too large (over 100 MB uncompressed)");
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

namespace {

// Elements in the text, counted cheaply before parsing: every '<' followed by a name character.
std::size_t count_elements(std::string_view xml) {
  std::size_t count = 0;
  for (std::size_t at = xml.find('<'); at != std::string_view::npos; at = xml.find('<', at + 1)) {
    if (at + 1 < xml.size() && xml[at + 1] != '/' && xml[at + 1] != '!' && xml[at + 1] != '?')
      ++count;
  }
  return count;
}

// The deepest element nesting, walking the tree without recursion.
std::size_t depth_of(const pugi::xml_document& document) {
  std::size_t depth = 0, deepest = 0;
  pugi::xml_node node = document.first_child();
  while (node) {
    deepest = std::max(deepest, depth + 1);
    if (node.first_child()) {
      node = node.first_child();
      ++depth;
      continue;
    }
    while (node && !node.next_sibling()) {
      node = node.parent();
      if (depth == 0) return deepest;
      --depth;
    }
    if (node) node = node.next_sibling();
  }
  return deepest;
}

}  // namespace

pugi::xml_document parse_package_xml(const std::string& xml, const std::string& format,
                                     const std::string& part) {
  const std::string where = "the " + format + " file's " + part;
  if (count_elements(xml) > kMaxXmlElements)
    throw UnreadableFile(where + " has too many XML elements (over 2 million)");
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(
      xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_auto);
  if (!parsed)
    throw UnreadableFile(where + " is not well-formed XML (" + parsed.description() + " at byte " +
                         std::to_string(parsed.offset) + ")");
  if (depth_of(document) > kMaxXmlDepth)
    throw UnreadableFile(where + " is nested too deeply (over " + std::to_string(kMaxXmlDepth) +
                         " levels)");
  return document;
}

std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace sayso
