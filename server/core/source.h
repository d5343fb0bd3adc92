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
};

// Never fails: invalid sequences are replaced byte by byte and recorded.
SourceText decode_utf8(std::string raw);

// True when the bytes look like a binary file (NUL bytes, or mostly control bytes).
bool looks_binary(std::string_view bytes);

// Length in bytes of the UTF-8 sequence starting at p[0] if valid, else 0.
std::size_t valid_utf8_sequence_length(const unsigned char* p, std::size_t available);

}  // namespace sayso
