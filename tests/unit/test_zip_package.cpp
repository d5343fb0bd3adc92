#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include <zlib.h>

#include "formats/format.h"
#include "formats/office_package.h"
#include "zip_fixture.h"

using namespace sayso;
using sayso::testing::make_zip;

namespace {

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}
void put64(std::string& out, std::uint64_t v) {
  put32(out, static_cast<std::uint32_t>(v));
  put32(out, static_cast<std::uint32_t>(v >> 32));
}

std::uint32_t crc_of(const std::string& s) {
  return static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

// One stored entry, written by hand: with `zip64`, the directory's sizes and offset are 0xFFFFFFFF
// and the real ones sit in ZIP64 records, as large-file tools write them.
std::string hand_zip(const std::string& name, const std::string& data, bool zip64,
                     std::uint32_t claimed_crc, std::uint16_t flags = 0,
                     const std::string& comment = "") {
  std::string out;
  put32(out, 0x04034b50);
  put16(out, 45);
  put16(out, flags);
  put16(out, 0);  // stored
  put32(out, 0);  // time, date
  put32(out, claimed_crc);
  put32(out, static_cast<std::uint32_t>(data.size()));
  put32(out, static_cast<std::uint32_t>(data.size()));
  put16(out, static_cast<std::uint32_t>(name.size()));
  put16(out, 0);
  out += name + data;
  const std::size_t directory_at = out.size();
  std::string extra;
  if (zip64) {
    put16(extra, 1);
    put16(extra, 24);
    put64(extra, data.size());
    put64(extra, data.size());
    put64(extra, 0);
  }
  const std::uint32_t big = 0xFFFFFFFF;
  put32(out, 0x02014b50);
  put16(out, 45);
  put16(out, 45);
  put16(out, flags);
  put16(out, 0);
  put32(out, 0);
  put32(out, claimed_crc);
  put32(out, zip64 ? big : static_cast<std::uint32_t>(data.size()));
  put32(out, zip64 ? big : static_cast<std::uint32_t>(data.size()));
  put16(out, static_cast<std::uint32_t>(name.size()));
  put16(out, static_cast<std::uint32_t>(extra.size()));
  put16(out, 0);  // comment
  put16(out, 0);  // disk
  put16(out, 0);
  put32(out, 0);
  put32(out, zip64 ? big : 0);  // local header offset
  out += name + extra;
  const std::size_t directory_size = out.size() - directory_at;
  if (zip64) {
    const std::size_t record_at = out.size();
    put32(out, 0x06064b50);
    put64(out, 44);
    put16(out, 45);
    put16(out, 45);
    put32(out, 0);
    put32(out, 0);
    put64(out, 1);
    put64(out, 1);
    put64(out, directory_size);
    put64(out, directory_at);
    put32(out, 0x07064b50);
    put32(out, 0);
    put64(out, record_at);
    put32(out, 1);
  }
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, zip64 ? 0xFFFF : 1);
  put16(out, zip64 ? 0xFFFF : 1);
  put32(out, zip64 ? big : static_cast<std::uint32_t>(directory_size));
  put32(out, zip64 ? big : static_cast<std::uint32_t>(directory_at));
  put16(out, static_cast<std::uint32_t>(comment.size()));
  return out + comment;
}

std::string error_reading(const std::string& zip, const std::string& name) {
  try {
    ZipPackage(zip, "DOCX").read(name);
  } catch (const UnreadableFile& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("zip: entries written by libzip read back, stored or deflated", "[zip][format]") {
  const std::string text(50'000, 'a');
  const std::string zip = make_zip({{"a.txt", "stored text", true}, {"dir/b.xml", text}});
  const ZipPackage package(zip, "DOCX");
  CHECK(package.read("a.txt") == "stored text");
  CHECK(package.read("dir/b.xml") == text);
  CHECK_FALSE(package.read("missing"));
  CHECK_FALSE(package.read("A.TXT"));  // names are matched exactly
}

TEST_CASE("zip: ZIP64 records and an archive comment are read", "[zip][format]") {
  const std::string data = "<w:document/>";
  CHECK(ZipPackage(hand_zip("word/document.xml", data, true, crc_of(data)), "DOCX")
            .read("word/document.xml") == data);
  CHECK(ZipPackage(hand_zip("x", data, false, crc_of(data), 0, "a comment"), "DOCX").read("x") ==
        data);
}

TEST_CASE("zip: lies and damage are clear errors, never crashes", "[zip][format][bad-input]") {
  const std::string data = "some document text";
  CHECK_THAT(error_reading(hand_zip("x", data, false, crc_of(data) ^ 1), "x"),
             Catch::Contains("checksum is wrong"));
  CHECK(error_reading(hand_zip("x", data, false, crc_of(data), 1), "x") ==
        "the DOCX file is password-protected");
  // A deflated entry whose directory says it is smaller than it inflates to.
  std::string zip = make_zip({{"x", std::string(1000, 'z')}});
  const std::size_t directory = zip.find("PK\x01\x02");
  REQUIRE(directory != std::string::npos);
  zip[directory + 24] = static_cast<char>(100);  // uncompressed size: 1000 → 868
  CHECK_THAT(error_reading(zip, "x"), Catch::Contains("damaged"));
  // Every cut of a valid archive is refused or read, whole.
  const std::string whole = hand_zip("x", data, true, crc_of(data));
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    INFO(cut);
    const std::string part = whole.substr(0, cut);
    const std::string error = error_reading(part, "x");
    CHECK((error.find("DOCX") != std::string::npos));
  }
  // A directory pointing outside the file.
  std::string outside = hand_zip("x", data, false, crc_of(data));
  outside[outside.size() - 6] = static_cast<char>(0x7F);
  CHECK_THAT(error_reading(outside, "x"), Catch::Contains("not a valid zip archive"));
}
