// Builds Compound File Binary ("OLE2") files in memory: the container of old Office files (.doc)
// and of password-protected new ones (a .docx saved with a password holds "EncryptedInfo" and
// "EncryptedPackage" streams). Only the directory is written: the streams are empty.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sayso::testing {

inline void put_le(std::string& bytes, std::size_t at, std::uint32_t value, int size) {
  for (int i = 0; i < size; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// 512-byte sectors: the header, sector 0 the allocation table (FAT), then the directory, four
// entries a sector, chained through the FAT. `names` come after the root entry.
inline std::string compound_file(const std::vector<std::string>& names) {
  constexpr std::uint32_t kEnd = 0xFFFFFFFE, kFree = 0xFFFFFFFF, kFatSector = 0xFFFFFFFD;
  constexpr std::size_t kSector = 512, kEntry = 128;
  std::vector<std::string> entries = {"Root Entry"};
  entries.insert(entries.end(), names.begin(), names.end());
  const std::size_t directory_sectors = (entries.size() + 3) / 4;
  std::string out(kSector * (2 + directory_sectors), '\0');
  out.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  put_le(out, 0x18, 0x3E, 2);    // minor version
  put_le(out, 0x1A, 3, 2);       // major version 3: 512-byte sectors
  put_le(out, 0x1C, 0xFFFE, 2);  // byte order
  put_le(out, 0x1E, 9, 2);       // sector shift
  put_le(out, 0x20, 6, 2);       // mini sector shift
  put_le(out, 0x2C, 1, 4);       // FAT sectors
  put_le(out, 0x30, 1, 4);       // the directory's first sector
  put_le(out, 0x38, 4096, 4);    // mini stream cutoff
  put_le(out, 0x3C, kEnd, 4);    // no mini FAT
  put_le(out, 0x44, kEnd, 4);    // no DIFAT sectors
  for (std::size_t i = 0; i < 109; ++i) put_le(out, 0x4C + 4 * i, i == 0 ? 0 : kFree, 4);
  const std::size_t fat = kSector;  // sector 0
  for (std::size_t i = 0; i < kSector / 4; ++i) put_le(out, fat + 4 * i, kFree, 4);
  put_le(out, fat, kFatSector, 4);
  for (std::size_t s = 1; s <= directory_sectors; ++s)
    put_le(out, fat + 4 * s, s == directory_sectors ? kEnd : static_cast<std::uint32_t>(s + 1), 4);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::size_t at = 2 * kSector + i * kEntry;
    for (std::size_t c = 0; c < entries[i].size(); ++c) out[at + 2 * c] = entries[i][c];
    put_le(out, at + 0x40, static_cast<std::uint32_t>(2 * (entries[i].size() + 1)), 2);
    out[at + 0x42] = i == 0 ? 5 : 2;  // root storage, then streams
    put_le(out, at + 0x74, kEnd, 4);  // starting sector: none
  }
  return out;
}

inline std::string encrypted_office_file() {
  return compound_file(
      {"\x06"
       "DataSpaces",
       "EncryptedInfo", "EncryptedPackage"});
}

inline std::string word_97_file() {
  return compound_file({"WordDocument", "1Table", "\x05SummaryInformation"});
}

}  // namespace sayso::testing
