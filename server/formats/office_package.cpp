// Reading zipped office packages (DOCX, ODT) safely.
#include "formats/office_package.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "formats/format.h"

namespace sayso {
namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndLocator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kEndOfDirectorySize = 22;
constexpr std::size_t kMaxComment = 0xFFFF;
constexpr std::size_t kMaxEntries = 100'000;  // an office package has dozens
constexpr std::uint16_t kMethodStored = 0, kMethodDeflated = 8, kMethodAes = 99;
constexpr std::uint16_t kFlagEncrypted = 1;

// Little-endian fields at an offset that the caller has checked is in range.
std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    static_cast<unsigned char>(b[at + 1]) << 8);
}
std::uint32_t u32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(u16(b, at)) | static_cast<std::uint32_t>(u16(b, at + 2)) << 16;
}
std::uint64_t u64(std::string_view b, std::size_t at) {
  return static_cast<std::uint64_t>(u32(b, at)) | static_cast<std::uint64_t>(u32(b, at + 4)) << 32;
}

bool fits(std::string_view b, std::uint64_t at, std::uint64_t size) {
  return at <= b.size() && size <= b.size() - at;
}

// Where the end-of-directory record starts: searched backwards, past a comment of up to 64 KB.
std::optional<std::size_t> find_end_of_directory(std::string_view b) {
  if (b.size() < kEndOfDirectorySize) return std::nullopt;
  const std::size_t lowest = b.size() - kEndOfDirectorySize > kMaxComment
                                 ? b.size() - kEndOfDirectorySize - kMaxComment
                                 : 0;
  for (std::size_t at = b.size() - kEndOfDirectorySize + 1; at-- > lowest;)
    if (u32(b, at) == kEndOfDirectory && at + kEndOfDirectorySize + u16(b, at + 20) == b.size())
      return at;
  return std::nullopt;
}

// ZIP64 sizes and offset from an entry's extra field (id 1), for the fields that say 0xFFFFFFFF.
void read_zip64_extra(std::string_view extra, ZipPackage::Entry& e, bool size_max,
                      bool compressed_max, bool offset_max) {
  for (std::size_t at = 0; at + 4 <= extra.size();) {
    const std::uint16_t id = u16(extra, at), length = u16(extra, at + 2);
    if (at + 4 + length > extra.size()) return;
    if (id == 1) {
      std::size_t field = at + 4;
      const std::size_t stop = field + length;
      auto take = [&](std::uint64_t& value) {
        if (field + 8 <= stop) value = u64(extra, field), field += 8;
      };
      if (size_max) take(e.size);
      if (compressed_max) take(e.compressed_size);
      if (offset_max) take(e.local_header);
      return;
    }
    at += 4 + length;
  }
}

}  // namespace

ZipPackage::ZipPackage(std::string_view bytes, std::string format)
    : bytes_(bytes), format_(std::move(format)) {
  if (bytes.empty()) throw UnreadableFile("the " + format_ + " file is empty");
  if (is_compound_file(bytes)) throw UnreadableFile(compound_file_problem(bytes, format_));
  read_directory();
}

// One message for every way the archive is broken (the callers say which, for readers of this
// code).
void ZipPackage::damaged() const {
  // "an ODT", "a DOCX": the article goes by how the letters are said.
  const char* article = !format_.empty() && std::string_view("AEFHILMNORSX").find(format_[0]) !=
                                                std::string_view::npos
                            ? "an "
                            : "a ";
  throw UnreadableFile("the " + format_ + " file is damaged or not " + article + format_ +
                       " file (not a valid zip archive)");
}

void ZipPackage::read_directory() {
  const std::string_view b = bytes_;
  const std::optional<std::size_t> end = find_end_of_directory(b);
  if (!end) damaged();  // no end of directory
  std::uint64_t count = u16(b, *end + 10);
  std::uint64_t directory_size = u32(b, *end + 12), directory_at = u32(b, *end + 16);
  if (u16(b, *end + 4) != 0 || u16(b, *end + 6) != 0) damaged();  // it spans several disks
  // ZIP64: the real figures are in a record that a locator just before this one points to.
  if ((count == 0xFFFF || directory_size == 0xFFFFFFFF || directory_at == 0xFFFFFFFF) &&
      *end >= 20 && u32(b, *end - 20) == kZip64EndLocator) {
    const std::uint64_t record = u64(b, *end - 20 + 8);
    if (!fits(b, record, 56) || u32(b, record) != kZip64End) damaged();  // a bad ZIP64 record
    count = u64(b, record + 32);
    directory_size = u64(b, record + 40);
    directory_at = u64(b, record + 48);
  }
  if (!fits(b, directory_at, directory_size)) damaged();  // the directory lies outside the file
  if (count > kMaxEntries) damaged();                     // more than 100,000 entries
  entries_.reserve(static_cast<std::size_t>(count));
  std::uint64_t at = directory_at;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (!fits(b, at, 46) || u32(b, at) != kDirectoryEntry) damaged();  // a bad directory entry
    Entry e;
    e.flags = u16(b, at + 8);
    e.method = u16(b, at + 10);
    e.crc = u32(b, at + 16);
    e.compressed_size = u32(b, at + 20);
    e.size = u32(b, at + 24);
    const std::uint16_t name_size = u16(b, at + 28), extra_size = u16(b, at + 30),
                        comment_size = u16(b, at + 32);
    e.local_header = u32(b, at + 42);
    if (!fits(b, at + 46, std::uint64_t{name_size} + extra_size + comment_size))
      damaged();  // a directory entry runs past the end
    e.name = std::string(b.substr(at + 46, name_size));
    read_zip64_extra(b.substr(at + 46 + name_size, extra_size), e, e.size == 0xFFFFFFFF,
                     e.compressed_size == 0xFFFFFFFF, e.local_header == 0xFFFFFFFF);
    entries_.push_back(std::move(e));
    at += 46 + std::uint64_t{name_size} + extra_size + comment_size;
  }
}

std::string_view ZipPackage::data_of(const Entry& e) const {
  const std::string_view b = bytes_;
  if (!fits(b, e.local_header, 30) || u32(b, e.local_header) != kLocalHeader)
    damaged();  // the entry has no local header
  const std::uint64_t start = e.local_header + 30 + u16(b, e.local_header + 26) +
                              std::uint64_t{u16(b, e.local_header + 28)};
  if (!fits(b, start, e.compressed_size)) damaged();  // the entry runs past the end
  return b.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(e.compressed_size));
}

std::optional<std::string> ZipPackage::read(const std::string& name) const {
  const auto found = std::find_if(entries_.begin(), entries_.end(),
                                  [&](const Entry& e) { return e.name == name; });
  if (found == entries_.end()) return std::nullopt;
  const Entry& e = *found;
  const std::string where = "the " + format_ + " file's " + name;
  if ((e.flags & kFlagEncrypted) != 0 || e.method == kMethodAes)
    throw UnreadableFile("the " + format_ + " file is password-protected");
  if (e.size > kMaxEntryBytes)
    throw UnreadableFile(where + " is too large (over 100 MB uncompressed)");
  if (e.size > kRatioCheckBytes &&
      e.size / std::max<std::uint64_t>(e.compressed_size, 1) > kMaxRatio)
    throw UnreadableFile(where + " expands suspiciously (a zip bomb?)");
  const std::string_view data = data_of(e);
  std::string out;
  if (e.method == kMethodStored) {
    out.assign(data);
  } else if (e.method == kMethodDeflated) {
    out.resize(static_cast<std::size_t>(e.size));
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw UnreadableFile(where + " cannot be opened");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in =
        static_cast<uInt>(std::min<std::size_t>(data.size(), std::numeric_limits<uInt>::max()));
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    // One more byte than the directory promises: more output than that means it lied.
    char spare = 0;
    int status = inflate(&z, Z_FINISH);
    if (status == Z_BUF_ERROR && z.avail_out == 0) {
      z.next_out = reinterpret_cast<Bytef*>(&spare);
      z.avail_out = 1;
      status = inflate(&z, Z_FINISH);
      if (z.avail_out == 0) status = Z_DATA_ERROR;
    }
    const bool whole = status == Z_STREAM_END && z.total_out == e.size;
    inflateEnd(&z);
    if (!whole) throw UnreadableFile(where + " is damaged (it cannot be decompressed)");
  } else {
    throw UnreadableFile(where + " cannot be opened (damaged or unsupported compression)");
  }
  if (out.size() != e.size) throw UnreadableFile(where + " is damaged (its size is wrong)");
  const auto crc =
      crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()));
  if (crc != e.crc) throw UnreadableFile(where + " is damaged (its checksum is wrong)");
  return out;
}

namespace {

constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr std::size_t kCompoundHeaderSize = 512;
constexpr std::size_t kHeaderFatSectors = 109;  // FAT sector numbers kept in the header itself
constexpr std::size_t kDirectoryEntrySize = 128;
constexpr std::size_t kDirectoryNameBytes = 64;  // UTF-16LE, with its terminating NUL

// A compound file read in place: its sectors, the chains of its allocation table (FAT) and its
// directory. Every offset is checked against the file; chains are followed at most as many steps
// as the file has sectors, so a loop in a damaged file ends.
class CompoundFile {
 public:
  explicit CompoundFile(std::string_view bytes) : bytes_(bytes) {
    const std::uint16_t shift = u16(bytes, 0x1E);
    if (shift != 9 && shift != 12) return;  // 512- or 4096-byte sectors only
    sector_size_ = std::size_t{1} << shift;
    sector_count_ = bytes.size() / sector_size_;
    read_fat_sector_numbers();
  }

  std::vector<std::string> names() const {
    std::vector<std::string> found;
    if (sector_size_ == 0) return found;
    std::uint32_t sector = u32(bytes_, 0x30);  // the directory's first sector
    for (std::size_t step = 0; sector < kEndOfChain && step < sector_count_; ++step) {
      const std::optional<std::size_t> at = sector_offset(sector);
      if (!at) break;
      for (std::size_t entry = 0; entry < sector_size_ / kDirectoryEntrySize; ++entry)
        if (auto name = entry_name(*at + entry * kDirectoryEntrySize)) found.push_back(*name);
      sector = next_sector(sector);
    }
    return found;
  }

 private:
  // Sector n starts after the 512-byte header (a 4096-byte first sector holds the header).
  std::optional<std::size_t> sector_offset(std::uint32_t sector) const {
    const std::uint64_t at = (std::uint64_t{sector} + 1) * sector_size_;
    if (!fits(bytes_, at, sector_size_)) return std::nullopt;
    return static_cast<std::size_t>(at);
  }

  // The FAT's sectors: 109 numbers in the header, then a chain of DIFAT sectors, each holding
  // a sector's worth of numbers less the last, which names the next DIFAT sector.
  // The header says how many there are (no more than the file has sectors).
  void read_fat_sector_numbers() {
    const std::size_t count = std::min<std::size_t>(u32(bytes_, 0x2C), sector_count_);
    for (std::size_t i = 0; i < kHeaderFatSectors && fat_sectors_.size() < count; ++i)
      fat_sectors_.push_back(u32(bytes_, 0x4C + 4 * i));
    std::uint32_t difat = u32(bytes_, 0x44);
    const std::size_t per_sector = sector_size_ / 4 - 1;
    while (difat < kEndOfChain && fat_sectors_.size() < count) {
      const std::optional<std::size_t> at = sector_offset(difat);
      if (!at) return;
      for (std::size_t i = 0; i < per_sector && fat_sectors_.size() < count; ++i)
        fat_sectors_.push_back(u32(bytes_, *at + 4 * i));
      difat = u32(bytes_, *at + 4 * per_sector);
    }
  }

  std::uint32_t next_sector(std::uint32_t sector) const {
    const std::size_t per_sector = sector_size_ / 4;
    const std::size_t fat_index = sector / per_sector;
    if (fat_index >= fat_sectors_.size()) return kEndOfChain;
    const std::optional<std::size_t> at = sector_offset(fat_sectors_[fat_index]);
    if (!at) return kEndOfChain;
    return u32(bytes_, *at + 4 * (sector % per_sector));
  }

  // The name of the directory entry at `at`, or nothing for an unused entry.
  std::optional<std::string> entry_name(std::size_t at) const {
    const std::uint16_t length = u16(bytes_, at + kDirectoryNameBytes);  // bytes, with the NUL
    const unsigned char type = static_cast<unsigned char>(bytes_[at + kDirectoryNameBytes + 2]);
    if (type == 0 || length < 2 || length > kDirectoryNameBytes) return std::nullopt;
    std::string name;
    for (std::size_t i = 0; i + 2 < length; i += 2) {
      const std::uint16_t unit = u16(bytes_, at + i);
      name += unit < 0x80 ? static_cast<char>(unit) : '?';
    }
    return name;
  }

  std::string_view bytes_;
  std::size_t sector_size_ = 0, sector_count_ = 0;
  std::vector<std::uint32_t> fat_sectors_;
};

}  // namespace

bool is_compound_file(std::string_view bytes) {
  return bytes.size() >= kCompoundHeaderSize && bytes.starts_with(kCompoundFileSignature);
}

std::vector<std::string> compound_file_names(std::string_view bytes) {
  if (!is_compound_file(bytes)) return {};
  return CompoundFile(bytes).names();
}

std::string password_protected_problem(const std::string& format) {
  return "the " + format +
         " file is password-protected, so sayso cannot read it: save a copy without a password "
         "and check that copy";
}

std::string compound_file_problem(std::string_view bytes, const std::string& format) {
  const std::vector<std::string> names = compound_file_names(bytes);
  if (std::find(names.begin(), names.end(), "EncryptedPackage") != names.end())
    return password_protected_problem(format);
  return "the " + format +
         " file is in an old Microsoft Office format (such as Word 97-2003's .doc), not " + format +
         ": open it in Word or LibreOffice, save it as .docx and check that file";
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
