// Reading zipped office packages (DOCX, ODT) safely: zip entries with size and compression-ratio
// limits, XML with limits on element count and nesting depth. pugixml never expands entities
// (it ignores the DTD), so "billion laughs" documents stay small.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <vector>

#include <pugixml.hpp>

namespace sayso {

// A zip archive read in place (zlib inflates; no other library): the central directory is read
// and checked when it is opened, an entry's bytes when asked for. ZIP64 archives are read too.
class ZipPackage {
 public:
  static constexpr std::size_t kMaxEntryBytes = 100u << 20;  // uncompressed, per entry
  // An entry over kRatioCheckBytes that expands more than kMaxRatio times is refused. Real
  // documents reach a few hundred to one (an application with an empty 800-row table: 215);
  // filler such as zeros reaches deflate's limit, about 1,030.
  static constexpr std::size_t kRatioCheckBytes = 1u << 20;
  static constexpr std::size_t kMaxRatio = 600;

  // `bytes` must outlive the package. `format` names the file kind in messages ("DOCX").
  // Throws UnreadableFile for a bad zip, and for a compound file (see compound_file_problem).
  ZipPackage(std::string_view bytes, std::string format);

  // The entry's bytes, or nothing when the package has no such entry. Throws UnreadableFile when
  // the entry is encrypted, damaged, too large or expands suspiciously.
  std::optional<std::string> read(const std::string& name) const;

  struct Entry {
    std::string name;
    std::uint16_t flags = 0, method = 0;
    std::uint32_t crc = 0;
    std::uint64_t compressed_size = 0, size = 0, local_header = 0;
  };

 private:
  [[noreturn]] void damaged() const;
  void read_directory();
  std::string_view data_of(const Entry& entry) const;  // the entry's compressed bytes

  std::string_view bytes_;
  std::string format_;
  std::vector<Entry> entries_;
};

// Microsoft's Compound File Binary format (CFB, "OLE2"): the container of the old Office formats
// (Word 97-2003 .doc, Excel .xls) and of password-protected new ones (a .docx, .xlsx or .pptx
// saved with a password is a compound file holding an "EncryptedPackage" stream).
inline constexpr std::string_view kCompoundFileSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

bool is_compound_file(std::string_view bytes);

// The names in a compound file's directory (streams and storages, "Root Entry" first), read
// within the file's bounds; those that cannot be read are left out. Characters outside ASCII
// become '?'.
std::vector<std::string> compound_file_names(std::string_view bytes);

// What to tell the user of a compound file given as `format` ("DOCX", "ODT"): that it is
// password-protected (it holds an EncryptedPackage stream) and a copy without a password is
// needed, or else that it is in an old Office format and should be saved as .docx.
std::string compound_file_problem(std::string_view bytes, const std::string& format);

// The message for a password-protected office file: what it is and what to do.
std::string password_protected_problem(const std::string& format);

// XML limits, and parsing within them.
constexpr std::size_t kMaxXmlElements = 2'000'000;
constexpr std::size_t kMaxXmlDepth = 256;

// Parses XML text (keeping whitespace-only text, which is significant in documents). Throws
// UnreadableFile naming `part` when the XML is malformed, has too many elements or is nested too
// deeply; after it returns, recursion over the tree is bounded by kMaxXmlDepth.
pugi::xml_document parse_package_xml(const std::string& xml, const std::string& format,
                                     const std::string& part);

// The element name without its namespace prefix ("w:p" → "p").
std::string_view local_name(const pugi::xml_node& node);

}  // namespace sayso
