#include <catch2/catch.hpp>

#include "core/positions.h"
#include "core/source.h"

using namespace sayso;

TEST_CASE("line index handles LF, CRLF and lone CR", "[positions]") {
  LineIndex idx("a\nb\r\nc\rd");
  REQUIRE(idx.line_count() == 4);
  CHECK(idx.line_start(1) == 2);
  CHECK(idx.line_start(2) == 5);
  CHECK(idx.line_start(3) == 7);
  CHECK(idx.line_end(1) == 3);
  CHECK(idx.to_position(5, ColumnUnit::CodePoints).line == 2);
}

TEST_CASE("columns in UTF-8, UTF-16 and code points", "[positions]") {
  // "é" is 2 bytes/1 unit; "😀" is 4 bytes, 2 UTF-16 units, 1 code point.
  std::string text = "é😀x\nnext";
  LineIndex idx(text);
  const std::size_t x = std::string("é😀").size();
  CHECK(idx.to_position(x, ColumnUnit::Utf8Bytes).column == 6);
  CHECK(idx.to_position(x, ColumnUnit::Utf16Units).column == 3);
  CHECK(idx.to_position(x, ColumnUnit::CodePoints).column == 2);
  CHECK(idx.to_offset({0, 3}, ColumnUnit::Utf16Units) == x);
  CHECK(idx.to_offset({0, 2}, ColumnUnit::CodePoints) == x);
  // Inside a surrogate pair: the character's start.
  CHECK(idx.to_offset({0, 2}, ColumnUnit::Utf16Units) == 2);
  // Out of range: clamped to the end of the line / of the text.
  CHECK(idx.to_offset({0, 99}, ColumnUnit::Utf16Units) == x + 1);
  CHECK(idx.to_offset({9, 0}, ColumnUnit::Utf16Units) == text.size());
}

TEST_CASE("round trip of every offset", "[positions]") {
  std::string text = "Ünïcödé 中文\r\n😀 emoji\rend";
  LineIndex idx(text);
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (i > 0 && text[i - 1] == '\r' && i < text.size() && text[i] == '\n') continue;
    for (auto unit : {ColumnUnit::Utf8Bytes, ColumnUnit::Utf16Units, ColumnUnit::CodePoints}) {
      LineColumn p = idx.to_position(i, unit);
      CHECK(idx.to_offset(p, unit) == std::min(i, idx.line_end(p.line)));
    }
  }
}

TEST_CASE("invalid UTF-8 is replaced byte for byte and recorded", "[source]") {
  std::string raw = "ok \xff\xfe then \xe2\x82 end \xc3\xa9";
  SourceText s = decode_utf8(raw);
  CHECK(s.bytes.size() == raw.size());
  CHECK(s.invalid_bytes.size() == 4);
  CHECK(s.bytes.find('\xff') == std::string::npos);
  CHECK(s.bytes.substr(s.bytes.size() - 2) == "\xc3\xa9");
}

TEST_CASE("overlong forms and surrogates are invalid", "[source]") {
  CHECK(decode_utf8("\xc0\xaf").invalid_bytes.size() == 2);
  CHECK(decode_utf8("\xed\xa0\x80").invalid_bytes.size() == 3);
  CHECK(decode_utf8("\xf4\x90\x80\x80").invalid_bytes.size() == 4);
}

TEST_CASE("BOM, CRLF and binary detection", "[source]") {
  SourceText s = decode_utf8("\xEF\xBB\xBFhello\r\n");
  CHECK(s.had_bom);
  CHECK(s.content_begin == 3);
  CHECK(s.has_crlf);
  CHECK(looks_binary(std::string("abc\0def", 7)));
  CHECK_FALSE(looks_binary("plain text\n"));
  CHECK_FALSE(looks_binary(""));
}

TEST_CASE("a position cursor gives what to_position gives, in any order", "[positions]") {
  // Cut sequences (offsets inside a character), CRLF, lone CR and a truncated last character.
  std::string text = "é😀x 中文\r\nsecond line é\rthird\n\nlast \xF0\x9F";
  LineIndex idx(text);
  for (ColumnUnit unit : {ColumnUnit::Utf8Bytes, ColumnUnit::Utf16Units, ColumnUnit::CodePoints}) {
    PositionCursor forward(idx, unit);
    for (std::size_t i = 0; i <= text.size() + 2; ++i) {
      const LineColumn want = idx.to_position(i, unit), got = forward.to_position(i);
      CHECK(got.line == want.line);
      CHECK(got.column == want.column);
    }
    PositionCursor backward(idx, unit);
    for (std::size_t i = text.size() + 1; i-- > 0;) {
      const LineColumn want = idx.to_position(i, unit), got = backward.to_position(i);
      CHECK(got.line == want.line);
      CHECK(got.column == want.column);
    }
    PositionCursor mixed(idx, unit);  // ends of findings interleave with their starts
    for (std::size_t i = 0; i + 5 <= text.size(); i += 3)
      for (std::size_t at : {i + 5, i, i + 1})
        CHECK(mixed.to_position(at).column == idx.to_position(at, unit).column);
  }
}
