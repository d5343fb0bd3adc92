// Decoding of raw file bytes: UTF-8 validation, BOM, line endings, binary detection.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sayso {

struct SourceText {
  // The file's bytes with every invalid UTF-8 byte replaced by '?', so that offsets into this
  // string are offsets into the file as read.
  std::string bytes;
  std::size_t content_begin = 0;  // 3 when the file starts with a UTF-8 BOM
  bool had_bom = false;
  bool has_crlf = false;
  std::vector<std::size_t> invalid_bytes;  // offsets of bytes that were not valid UTF-8
  std::vector<std::size_t> nul_bytes;      // offsets of NUL bytes, read as spaces
  // "utf-16le", "utf-16be" or "windows-1252" when `bytes` is the UTF-8 decoding of a file in
  // that encoding (offsets then count bytes of the decoding: FileOffsets gives the file's; lines
  // and code-point columns are those of the file); empty for a file read as UTF-8.
  std::string decoded_from;
  bool utf16_without_bom = false;  // UTF-16 told from its bytes: no mark before the text
};

// Offsets into the file's bytes for offsets into SourceText::bytes, as the output contracts give
// them. A file read as UTF-8 is its own map. A transcoded one is mapped by runs of characters that
// take the same number of bytes in the decoding and in the file (Windows-1252: one byte each;
// UTF-16: two, four for a surrogate pair, after the two of the byte order mark), so a 64 MiB file
// costs a run per change of width, not a number per byte. Built from the decoding itself, as the
// loader transcodes and decodes in separate steps; a UTF-16 file's odd last byte (decoded as
// U+FFFD, as a lone surrogate is) counts as two.
class FileOffsets {
 public:
  explicit FileOffsets(const SourceText& source);
  // The file offset of a character boundary of the decoding (inside a character: its start).
  std::size_t file_offset(std::size_t decoded) const;

 private:
  struct Run {
    std::size_t decoded_begin = 0, file_begin = 0;
    unsigned char decoded_width = 1, file_width = 1;  // bytes per character in each
  };
  std::vector<Run> runs_;  // by decoded_begin; empty: the offsets are the file's
};

// `text` as valid UTF-8 without losing a byte: valid sequences as they are, each byte that is not
// UTF-8 as \xHH (upper-case hex). File names are bytes on Linux; written this way in every report,
// two names that differ only in such bytes stay two (U+FFFD would make them one).
std::string escape_invalid_utf8(std::string_view text);

// Never fails: invalid sequences are replaced byte by byte with '?', NUL bytes with spaces (a
// parser may take one for the end of the text), and both recorded.
SourceText decode_utf8(std::string raw);

// When `raw` starts with a UTF-16 byte order mark (FF FE or FE FF), replaces it with its UTF-8
// decoding (without the mark) and returns "utf-16le" or "utf-16be"; else leaves it and returns "".
// A lone surrogate or a trailing odd byte becomes U+FFFD.
std::string decode_utf16_with_bom(std::string& raw);
// The same for UTF-16 with no byte order mark, told from its bytes: text in Latin script has a 0
// in every other byte (the first of each pair: big-endian; the second: little-endian), which
// neither UTF-8 text nor a binary file has. Only the first 8 KiB are looked at.
std::string decode_utf16_without_bom(std::string& raw);

// When `raw` is not UTF-8 but reads as a Windows "ANSI" file (Notepad's and Word's plain text on
// Western European Windows, Excel's CSV): it has bytes that are not UTF-8 and no multi-byte UTF-8
// sequence at all (a file that has both is UTF-8 with damage), and is not binary. Then replaces it
// with its UTF-8 decoding as Windows-1252 and returns "windows-1252"; else leaves it and returns
// "". Each byte is one character, so lines and code-point columns stay those of the file. The five
// bytes Windows-1252 leaves undefined become U+FFFD.
std::string decode_windows_1252_if_not_utf8(std::string& raw);

// True when the bytes look like a binary file: in the first 8 KiB, more than 1 byte in 100 is
// NUL, more than 1 in 10 a control byte, or more than 3 in 10 a control byte or a byte that is not
// part of valid UTF-8 (random or encrypted data). A stray NUL in a text is read (decode_utf8).
bool looks_binary(std::string_view bytes);

// Length in bytes of the UTF-8 sequence starting at p[0] if valid, else 0.
std::size_t valid_utf8_sequence_length(const unsigned char* p, std::size_t available);
// Appends the UTF-8 bytes of a valid code point.
void append_utf8(std::string& out, char32_t cp);

}  // namespace sayso
