#include "engine/known_words.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>
#include <unordered_set>

#include "engine/cache_dir.h"

namespace sayso {

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

namespace {

// --- Expanding a Hunspell dictionary ------------------------------------------------------------

// One UTF-8 character per item (conditions and strips are written in characters).
std::vector<std::string> characters(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    len = std::min(len, text.size() - i);
    out.emplace_back(text.substr(i, len));
    i += len;
  }
  return out;
}

// An affix condition: one entry per character, "." any, "[abc]" one of, "[^abc]" none of.
struct ConditionPart {
  bool any = false, negated = false;
  std::vector<std::string> set;
  bool matches(const std::string& ch) const {
    if (any) return true;
    const bool listed = std::find(set.begin(), set.end(), ch) != set.end();
    return listed != negated;
  }
};

std::vector<ConditionPart> parse_condition(std::string_view text) {
  std::vector<ConditionPart> parts;
  const std::vector<std::string> chars = characters(text);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    ConditionPart part;
    if (chars[i] == ".") {
      part.any = true;
    } else if (chars[i] == "[") {
      ++i;
      if (i < chars.size() && chars[i] == "^") part.negated = true, ++i;
      for (; i < chars.size() && chars[i] != "]"; ++i) part.set.push_back(chars[i]);
    } else {
      part.set.push_back(chars[i]);
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

struct AffixRule {
  std::string strip, add;
  std::vector<ConditionPart> condition;
};

struct AffixClass {
  bool prefix = false, cross = false;
  std::vector<AffixRule> rules;
};

enum class FlagStyle { Char, Long, Num, Utf8 };

std::vector<std::string> split_flags(std::string_view text, FlagStyle style) {
  std::vector<std::string> flags;
  if (style == FlagStyle::Num) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t comma = text.find(',', start);
      if (comma == std::string_view::npos) comma = text.size();
      if (comma > start) flags.emplace_back(text.substr(start, comma - start));
      start = comma + 1;
    }
  } else if (style == FlagStyle::Long) {
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) flags.emplace_back(text.substr(i, 2));
  } else if (style == FlagStyle::Utf8) {
    flags = characters(text);
  } else {
    for (char c : text) flags.emplace_back(1, c);
  }
  return flags;
}

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

struct Affixes {
  FlagStyle style = FlagStyle::Char;
  std::vector<std::string> aliases;  // AF lines, numbered from 1
  std::map<std::string, AffixClass> classes;
};

Affixes read_affixes(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Affixes a;
  bool alias_header_seen = false;
  std::string line;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = fields(line);
    if (f.size() < 2) continue;
    if (f[0] == "FLAG") {
      a.style = f[1] == "long"    ? FlagStyle::Long
                : f[1] == "num"   ? FlagStyle::Num
                : f[1] == "UTF-8" ? FlagStyle::Utf8
                                  : FlagStyle::Char;
    } else if (f[0] == "AF") {
      if (alias_header_seen)  // the first "AF" line gives the count; "AF flags" lines follow
        a.aliases.push_back(f[1]);
      alias_header_seen = true;
    } else if ((f[0] == "PFX" || f[0] == "SFX") && f.size() >= 4) {
      AffixClass& c = a.classes[f[1]];
      if (f.size() == 4 && (f[2] == "Y" || f[2] == "N")) {  // "SFX flag Y count"
        c.prefix = f[0] == "PFX";
        c.cross = f[2] == "Y";
        continue;
      }
      if (f.size() < 5) continue;
      AffixRule rule;
      rule.strip = f[2] == "0" ? "" : f[2];
      rule.add = f[3].substr(0, f[3].find('/'));  // continuation classes are not expanded
      if (rule.add == "0") rule.add.clear();
      rule.condition = parse_condition(f[4]);
      c.rules.push_back(std::move(rule));
    }
  }
  return a;
}

bool condition_holds(const std::vector<std::string>& chars, const AffixRule& rule, bool prefix) {
  const auto& cond = rule.condition;
  if (cond.size() == 1 && cond[0].any) return true;
  if (chars.size() < cond.size()) return false;
  const std::size_t offset = prefix ? 0 : chars.size() - cond.size();
  for (std::size_t k = 0; k < cond.size(); ++k)
    if (!cond[k].matches(chars[offset + k])) return false;
  return true;
}

// The form `rule` makes of `word`, or "" when it does not apply.
std::string apply(const std::string& word, const std::vector<std::string>& chars,
                  const AffixRule& rule, bool prefix) {
  if (!condition_holds(chars, rule, prefix)) return "";
  if (prefix) {
    if (word.compare(0, rule.strip.size(), rule.strip) != 0) return "";
    std::string out = rule.add + word.substr(rule.strip.size());
    return out;
  }
  if (word.size() < rule.strip.size() ||
      word.compare(word.size() - rule.strip.size(), rule.strip.size(), rule.strip) != 0)
    return "";
  return word.substr(0, word.size() - rule.strip.size()) + rule.add;
}

void expand_entry(const std::string& word, const std::vector<std::string>& flags,
                  const Affixes& affixes, std::unordered_set<std::string>& out) {
  out.insert(word);
  const std::vector<std::string> chars = characters(word);
  std::vector<std::string> prefixed;  // forms with a cross-product prefix
  for (const std::string& flag : flags) {
    auto c = affixes.classes.find(flag);
    if (c == affixes.classes.end() || !c->second.prefix) continue;
    for (const AffixRule& rule : c->second.rules)
      if (std::string form = apply(word, chars, rule, true); !form.empty()) {
        out.insert(form);
        if (c->second.cross) prefixed.push_back(std::move(form));
      }
  }
  for (const std::string& flag : flags) {
    auto c = affixes.classes.find(flag);
    if (c == affixes.classes.end() || c->second.prefix) continue;
    for (const AffixRule& rule : c->second.rules) {
      std::string form = apply(word, chars, rule, false);
      if (form.empty()) continue;
      out.insert(std::move(form));
      if (!c->second.cross) continue;
      for (const std::string& p : prefixed)
        if (std::string both = apply(p, characters(p), rule, false); !both.empty())
          out.insert(std::move(both));
    }
  }
}

// --- The on-disk table -----------------------------------------------------------------------

constexpr char kMagic[8] = {'S', 'A', 'Y', 'K', 'W', 'D', '0', '2'};

struct Header {
  char magic[8];
  std::uint64_t key, count, slots, blob_size, checksum;
};

// Word-at-a-time mix (over the header's fields: the body is checked entry by entry, see contains).
std::uint64_t checksum(const unsigned char* p, std::size_t n) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    h ^= h >> 29;
  }
  for (; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
  return h;
}

std::uint64_t word_hash(std::string_view word) { return fnv1a(word); }

std::uint64_t header_checksum(const Header& h) {
  const std::uint64_t fields[] = {h.key, h.count, h.slots, h.blob_size};
  return checksum(reinterpret_cast<const unsigned char*>(fields), sizeof fields);
}

// Each stored word is [length][low 32 bits of its hash][bytes]. Reading the file costs only the
// pages a lookup touches; checking the stored hash on every match means a damaged byte can hide
// a word (Hunspell is then asked) but never make a wrong word known.
constexpr std::size_t kEntryHeader = 5;

}  // namespace

std::vector<std::string> dictionary_forms(const std::string& aff_path,
                                          const std::string& dic_path) {
  const Affixes affixes = read_affixes(aff_path);
  std::ifstream in(dic_path);
  if (!in) throw std::runtime_error("cannot read " + dic_path);
  std::unordered_set<std::string> forms;
  std::string line;
  std::getline(in, line);  // the entry count
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t end = line.find_first_of("\t ");
    if (end == std::string::npos) end = line.size();
    std::size_t slash = std::string::npos;
    for (std::size_t i = 0; i < end; ++i)  // "\/" is a slash inside the word
      if (line[i] == '/' && (i == 0 || line[i - 1] != '\\')) {
        slash = i;
        break;
      }
    std::string word = line.substr(0, std::min(slash, end));
    if (word.empty()) continue;
    std::string flag_text =
        slash == std::string::npos ? "" : line.substr(slash + 1, end - slash - 1);
    if (!affixes.aliases.empty() && !flag_text.empty() &&
        std::all_of(flag_text.begin(), flag_text.end(), ::isdigit)) {
      const std::size_t index = std::stoul(flag_text);
      flag_text = index >= 1 && index <= affixes.aliases.size() ? affixes.aliases[index - 1] : "";
    }
    expand_entry(word, split_flags(flag_text, affixes.style), affixes, forms);
  }
  return {forms.begin(), forms.end()};
}

WordTable::~WordTable() {
  if (data_) munmap(const_cast<unsigned char*>(data_), bytes_);
}

std::unique_ptr<WordTable> WordTable::open(const std::string& path, std::uint64_t key) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  void* map = MAP_FAILED;
  if (fstat(fd, &st) == 0 && static_cast<std::size_t>(st.st_size) >= sizeof(Header))
    map = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  std::unique_ptr<WordTable> table(new WordTable);
  table->data_ = static_cast<const unsigned char*>(map);
  table->bytes_ = static_cast<std::size_t>(st.st_size);
  Header h;
  std::memcpy(&h, table->data_, sizeof h);
  const std::size_t body = table->bytes_ - sizeof h;
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.key != key || h.slots == 0 ||
      (h.slots & (h.slots - 1)) != 0 || h.slots > body / 4 || h.slots * 4 + h.blob_size != body ||
      header_checksum(h) != h.checksum)
    return nullptr;
  table->count_ = h.count;
  table->slots_ = reinterpret_cast<const std::uint32_t*>(table->data_ + sizeof h);
  table->slot_mask_ = h.slots - 1;
  table->blob_ = table->data_ + sizeof h + h.slots * 4;
  table->blob_size_ = h.blob_size;
  mark_cache_file_used(path);
  return table;
}

bool WordTable::contains(std::string_view word) const {
  const std::uint64_t hash = word_hash(word);
  const auto low = static_cast<std::uint32_t>(hash);
  for (std::size_t i = hash & slot_mask_, probes = 0; probes <= slot_mask_;
       i = (i + 1) & slot_mask_, ++probes) {
    const std::uint32_t slot = slots_[i];
    if (slot == 0) return false;
    const std::size_t at = slot - 1;
    if (at + kEntryHeader > blob_size_) return false;
    const std::size_t len = blob_[at];
    if (at + kEntryHeader + len > blob_size_) return false;
    std::uint32_t stored;
    std::memcpy(&stored, blob_ + at + 1, 4);
    if (len == word.size() && stored == low &&
        std::memcmp(blob_ + at + kEntryHeader, word.data(), len) == 0)
      return static_cast<std::uint32_t>(word_hash(std::string_view(
                 reinterpret_cast<const char*>(blob_ + at + kEntryHeader), len))) == stored;
  }
  return false;
}

bool WordTable::write(const std::string& path, std::uint64_t key,
                      const std::vector<std::string>& words) {
  std::size_t slots = 16;
  while (slots < words.size() * 2) slots *= 2;  // at most half full: short probe runs
  std::vector<std::uint32_t> table(slots, 0);
  std::string blob;
  std::size_t count = 0;
  for (const std::string& w : words) {
    if (w.empty() || w.size() > 255) continue;
    const std::uint64_t hash = word_hash(w);
    std::size_t i = hash & (slots - 1);
    while (table[i] != 0) i = (i + 1) & (slots - 1);
    if (blob.size() + kEntryHeader + w.size() >= 0xFFFFFFFFu) return false;
    table[i] = static_cast<std::uint32_t>(blob.size() + 1);
    blob.push_back(static_cast<char>(w.size()));
    const auto low = static_cast<std::uint32_t>(hash);
    blob.append(reinterpret_cast<const char*>(&low), 4);
    blob += w;
    ++count;
  }
  std::string body(reinterpret_cast<const char*>(table.data()), slots * 4);
  body += blob;
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.key = key;
  h.count = count;
  h.slots = slots;
  h.blob_size = blob.size();
  h.checksum = header_checksum(h);
  std::string file(reinterpret_cast<const char*>(&h), sizeof h);
  file += body;
  return write_file_atomically(path, file);
}

}  // namespace sayso
