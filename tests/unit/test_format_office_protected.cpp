// Password-protected and old-format office files: an encrypted DOCX (a compound file holding an
// EncryptedPackage stream), an encrypted ODT (its manifest says the parts are encrypted) and an
// old Word 97-2003 file saved under a new name are each told as what they are, with what to do,
// not as damaged files.
#include <catch2/catch.hpp>

#include <string>

#include "compound_file_fixture.h"
#include "formats/office_package.h"
#include "test_helpers.h"
#include "zip_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

std::string load_error(const std::string& path, const std::string& bytes) {
  const LoadResult r = load_document(path, bytes, test_rules().sections, LoadOptions{});
  CHECK_FALSE(r.ok);
  return r.error;
}

std::string odt_with_manifest(const std::string& entries) {
  const std::string manifest =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
      "manifest:version=\"1.2\">"
      "<manifest:file-entry manifest:full-path=\"/\" "
      "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>" +
      entries + "</manifest:manifest>";
  const std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
      "<office:body><office:text><text:p>We will ask six parents.</text:p></office:text>"
      "</office:body></office:document-content>";
  return make_zip({{"mimetype", "application/vnd.oasis.opendocument.text", true},
                   {"META-INF/manifest.xml", manifest},
                   {"content.xml", content}});
}

constexpr const char* kEncryptedContentEntry =
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\" "
    "manifest:size=\"3000\"><manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" "
    "manifest:checksum=\"AAAA\"><manifest:algorithm manifest:algorithm-name=\"Blowfish CFB\" "
    "manifest:initialisation-vector=\"AAAA\"/></manifest:encryption-data></manifest:file-entry>";

}  // namespace

TEST_CASE("office: a compound file's directory names are read, across directory sectors",
          "[format][office]") {
  // Six entries: the root and five streams take two directory sectors, chained by the FAT.
  const std::string file = compound_file({"a", "b", "c", "d", "EncryptedPackage"});
  CHECK(is_compound_file(file));
  CHECK(compound_file_names(file) ==
        std::vector<std::string>{"Root Entry", "a", "b", "c", "d", "EncryptedPackage"});
  CHECK_FALSE(is_compound_file("PK\x03\x04 a zip"));
  CHECK(compound_file_names("not a compound file").empty());
}

TEST_CASE("office: a password-protected DOCX says so and what to do, not that it is damaged",
          "[format][office][docx]") {
  const std::string error = load_error("app.docx", encrypted_office_file());
  CHECK(error == password_protected_problem("DOCX"));
  CHECK_THAT(error, Catch::Contains("password-protected") &&
                        Catch::Contains("save a copy without a password"));
  CHECK_THAT(error, !Catch::Contains("damaged"));
}

TEST_CASE("office: an old Word 97-2003 file named .docx is said to be one, to save as .docx",
          "[format][office][docx]") {
  const std::string error = load_error("app.docx", word_97_file());
  CHECK_THAT(error,
             Catch::Contains("old Microsoft Office format") && Catch::Contains("save it as .docx"));
  CHECK_THAT(error, !Catch::Contains("password") && !Catch::Contains("damaged"));
  CHECK_THAT(load_error("app.odt", word_97_file()),
             Catch::StartsWith("the ODT file is in an old Microsoft Office format"));
}

TEST_CASE("office: a password-protected ODT says so (its manifest has encryption data)",
          "[format][office][odt]") {
  CHECK(load_error("app.odt", odt_with_manifest(kEncryptedContentEntry)) ==
        password_protected_problem("ODT"));
  // A manifest without encryption data, or one that cannot be read, does not stop the text.
  const LoadResult plain =
      load_document("app.odt", odt_with_manifest(""), test_rules().sections, LoadOptions{});
  CHECK(plain.ok);
  CHECK(plain.doc.source.bytes.find("six parents") != std::string::npos);
}

TEST_CASE("office: damaged compound files end, and are never called password-protected",
          "[format][office][bad-input]") {
  std::string looped = encrypted_office_file();
  // The directory's sector chains to itself: followed once per sector of the file, then given up.
  looped[512 + 4] = 1;
  looped[512 + 5] = looped[512 + 6] = looped[512 + 7] = 0;
  CHECK_FALSE(compound_file_names(looped).empty());
  // Odd sector sizes, a directory outside the file, names with lengths that lie.
  std::string odd = encrypted_office_file();
  odd[0x1E] = 20;
  CHECK(compound_file_names(odd).empty());
  std::string outside = encrypted_office_file();
  outside[0x30] = static_cast<char>(0x7F);
  CHECK(compound_file_names(outside).empty());
  CHECK_THAT(load_error("app.docx", outside), Catch::Contains("old Microsoft Office format"));
  std::string long_name = encrypted_office_file();
  long_name[2 * 512 + 3 * 128 + 0x40] = static_cast<char>(200);
  CHECK(compound_file_names(long_name).size() == 3);
  for (std::size_t cut = 0; cut < 2048; cut += 61) {
    INFO(cut);
    const std::string error = load_error("app.docx", encrypted_office_file().substr(0, cut));
    CHECK_FALSE(error.empty());
  }
}
