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
  // "utf-16le" or "utf-16be" when the file was UTF-16 with a byte order mark and `bytes` is its
  // UTF-8 decoding (offsets then count bytes of that decoding; lines and code-point columns are
  // those of the file); empty for a file read as UTF-8.
  std::string decoded_from;
};

// Never fails: invalid sequences are replaced byte by byte and recorded.
SourceText decode_utf8(std::string raw);

// When `raw` starts with a UTF-16 byte order mark (FF FE or FE FF), replaces it with its UTF-8
// decoding (without the mark) and returns "utf-16le" or "utf-16be"; else leaves it and returns "".
// A lone surrogate or a trailing odd byte becomes U+FFFD.
std::string decode_utf16_with_bom(std::string& raw);

// When `raw` is not UTF-8 but reads as a Windows "ANSI" file (Notepad's and Word's plain text on
// Western European Windows, Excel's CSV): it has bytes that are not UTF-8 and no multi-byte UTF-8
// sequence at all (a file that has both is UTF-8 with damage), and is not binary. Then replaces it
// with its UTF-8 decoding as Windows-1252 and returns "windows-1252"; else leaves it and returns
// "". Each byte is one character, so lines and code-point columns stay those of the file. The five
// bytes Windows-1252 leaves undefined become U+FFFD.
std::string decode_windows_1252_if_not_utf8(std::string& raw);

// True when the bytes look like a binary file (NUL bytes, or mostly control bytes).
bool looks_binary(std::string_view bytes);

// Length in bytes of the UTF-8 sequence starting at p[0] if valid, else 0.
std::size_t valid_utf8_sequence_length(const unsigned char* p, std::size_t available);
// Appends the UTF-8 bytes of a valid code point.
void append_utf8(std::string& out, char32_t cp);

}  // namespace sayso
