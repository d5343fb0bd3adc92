#include "core/source.h"

#include <algorithm>

namespace sayso {

std::size_t valid_utf8_sequence_length(const unsigned char* p, std::size_t available) {
  if (available == 0) return 0;
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  std::size_t len;
  unsigned lower = 0x80, upper = 0xBF;  // range allowed for the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lower = 0xA0;  // no overlong forms
    if (c == 0xED) upper = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lower = 0x90;
    if (c == 0xF4) upper = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (available < len) return 0;
  if (p[1] < lower || p[1] > upper) return 0;
  for (std::size_t i = 2; i < len; ++i)
    if ((p[i] & 0xC0) != 0x80) return 0;
  return len;
}

SourceText decode_utf8(std::string raw) {
  SourceText out;
  out.bytes = std::move(raw);
  auto* p = reinterpret_cast<unsigned char*>(out.bytes.data());
  const std::size_t n = out.bytes.size();
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
    out.had_bom = true;
    out.content_begin = 3;
  }
  for (std::size_t i = out.content_begin; i < n;) {
    if (p[i] < 0x80) {  // fast path for ASCII
      if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n') out.has_crlf = true;
      if (p[i] == 0) {
        out.nul_bytes.push_back(i);
        p[i] = ' ';
      }
      ++i;
      continue;
    }
    std::size_t len = valid_utf8_sequence_length(p + i, n - i);
    if (len == 0) {
      out.invalid_bytes.push_back(i);
      p[i] = '?';  // same length, so every offset still points into the file as read
      ++i;
    } else {
      i += len;
    }
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

// Replaces `raw` with the UTF-8 decoding of its UTF-16 code units from `start` on.
void decode_utf16_units(std::string& raw, std::size_t start, bool little) {
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const std::size_t n = raw.size();
  auto unit = [&](std::size_t i) -> char32_t {
    return little ? static_cast<char32_t>(p[i] | (p[i + 1] << 8))
                  : static_cast<char32_t>((p[i] << 8) | p[i + 1]);
  };
  std::string out;
  out.reserve(n);
  std::size_t i = start;
  for (; i + 1 < n; i += 2) {
    const char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    append_utf8(out, (u >= 0xD800 && u <= 0xDFFF) ? char32_t{0xFFFD} : u);
  }
  if (i < n) append_utf8(out, 0xFFFD);  // an odd byte at the end
  raw = std::move(out);
}

}  // namespace

std::string decode_utf16_with_bom(std::string& raw) {
  if (raw.size() < 2) return "";
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  bool little;
  if (p[0] == 0xFF && p[1] == 0xFE)
    little = true;
  else if (p[0] == 0xFE && p[1] == 0xFF)
    little = false;
  else
    return "";
  decode_utf16_units(raw, 2, little);
  return little ? "utf-16le" : "utf-16be";
}

std::string decode_utf16_without_bom(std::string& raw) {
  // In UTF-16 text of Latin script every other byte is 0: the high byte of each code unit. In
  // UTF-8 text there are no 0 bytes, and in binary files they fall on both sides. UTF-32 has 0s on
  // both sides too, so it is not taken for UTF-16.
  const std::size_t units = std::min<std::size_t>(raw.size(), 8192) / 2;
  if (units < 2) return "";
  std::size_t zero_even = 0, zero_odd = 0;
  for (std::size_t u = 0; u < units; ++u) {
    zero_even += raw[2 * u] == '\0';
    zero_odd += raw[2 * u + 1] == '\0';
  }
  const auto mostly = [&](std::size_t zeros) { return zeros * 10 >= units * 6; };
  const auto hardly = [&](std::size_t zeros) { return zeros * 50 <= units; };
  bool little;
  if (mostly(zero_odd) && hardly(zero_even))
    little = true;
  else if (mostly(zero_even) && hardly(zero_odd))
    little = false;
  else
    return "";
  decode_utf16_units(raw, 0, little);
  return little ? "utf-16le" : "utf-16be";
}

namespace {

// Windows-1252's characters for bytes 0x80 to 0x9F (where it differs from Latin-1); 0 where it
// has none.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// True when the bytes hold an invalid UTF-8 byte and no valid multi-byte sequence.
bool is_8_bit_not_utf8(std::string_view raw) {
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  bool invalid = false;
  for (std::size_t i = 0; i < raw.size();) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = valid_utf8_sequence_length(p + i, raw.size() - i);
    if (len > 0) return false;
    invalid = true;
    ++i;
  }
  return invalid;
}

}  // namespace

std::string decode_windows_1252_if_not_utf8(std::string& raw) {
  if (!is_8_bit_not_utf8(raw) || looks_binary(raw)) return "";
  std::string out;
  out.reserve(raw.size() + raw.size() / 8);
  for (const char byte : raw) {
    const auto c = static_cast<unsigned char>(byte);
    if (c < 0x80) {
      out += byte;
    } else if (c < 0xA0) {
      const char16_t mapped = kWindows1252High[c - 0x80];
      append_utf8(out, mapped == 0 ? char32_t{0xFFFD} : char32_t{mapped});
    } else {
      append_utf8(out, c);  // 0xA0 to 0xFF are Latin-1's code points
    }
  }
  raw = std::move(out);
  return "windows-1252";
}

FileOffsets::FileOffsets(const SourceText& source) {
  const bool utf16 = source.decoded_from == "utf-16le" || source.decoded_from == "utf-16be";
  if (!utf16 && source.decoded_from != "windows-1252") return;
  const auto* p = reinterpret_cast<const unsigned char*>(source.bytes.data());
  const std::size_t n = source.bytes.size();
  // The UTF-16 byte order mark is not in the decoding.
  std::size_t file = utf16 && !source.utf16_without_bom ? 2 : 0;
  for (std::size_t i = 0; i < n;) {
    // decode_utf8 made every byte of the decoding valid; a stray one is taken as one character.
    const std::size_t width = std::max<std::size_t>(1, valid_utf8_sequence_length(p + i, n - i));
    const std::size_t file_width = !utf16 ? 1 : width == 4 ? 4 : 2;
    if (runs_.empty() || runs_.back().decoded_width != width ||
        runs_.back().file_width != file_width)
      runs_.push_back(
          {i, file, static_cast<unsigned char>(width), static_cast<unsigned char>(file_width)});
    i += width;
    file += file_width;
  }
  if (runs_.empty()) runs_.push_back({0, file, 1, 1});  // an empty text: only the mark
}

std::size_t FileOffsets::file_offset(std::size_t decoded) const {
  if (runs_.empty()) return decoded;
  auto after =
      std::upper_bound(runs_.begin(), runs_.end(), decoded,
                       [](std::size_t at, const Run& run) { return at < run.decoded_begin; });
  const Run& run = after == runs_.begin() ? runs_.front() : *std::prev(after);
  const std::size_t characters = (decoded - run.decoded_begin) / run.decoded_width;
  return run.file_begin + characters * run.file_width;
}

std::string escape_invalid_utf8(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t len = valid_utf8_sequence_length(p + i, text.size() - i)) {
      out.append(text.data() + i, len);
      i += len;
      continue;
    }
    out += "\\x";
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 0xF];
    ++i;
  }
  return out;
}

bool looks_binary(std::string_view bytes) {
  const std::size_t sample = bytes.size() < 8192 ? bytes.size() : 8192;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t control = 0, nul = 0, not_utf8 = 0;
  for (std::size_t i = 0; i < sample;) {
    const unsigned char c = p[i];
    nul += c == 0;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ++control;
    if (c < 0x80) {
      ++i;
    } else if (const std::size_t len = valid_utf8_sequence_length(p + i, bytes.size() - i)) {
      i += len;
    } else {
      ++not_utf8;
      ++i;
    }
  }
  // Random or encrypted bytes have few NULs (1 in 256) but are mostly control bytes and bytes no
  // text encoding sayso reads would hold together: 3 in 10 is far above any real text's share
  // (a Windows-1252 text's accented letters are decoded before this is asked).
  constexpr std::size_t kNoiseSample = 512;  // a short text full of accents is not noise
  return sample > 0 && (nul * 100 > sample || control * 10 > sample ||
                        (sample >= kNoiseSample && (control + not_utf8) * 10 > sample * 3));
}

}  // namespace sayso
