// Adding a word to the `words:` list of a .sayso.yml, and setting its `language:`. yaml-cpp reads
// the file to find where the list or value is written; the change is then made to those bytes
// only, in the style the file already uses (a new "- word" line in a block list, ", word" in a
// flow list, a `words:` key at the end when there is none), with the file's own line ending, so
// comments, anchors, order and layout stay as they were. The result is read back: if it does not
// hold exactly the settings intended, the file is refused rather than rewritten.
#include <algorithm>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "lsp/server.h"

namespace sayso::lsp {
namespace {

std::string yaml_scalar(const std::string& word) {
  YAML::Emitter out;
  out << word;
  return out.c_str();
}

// A word as an item of a flow list, where a comma or bracket would end or split it.
std::string flow_scalar(const std::string& word) {
  if (word.find_first_of(",[]{}") == std::string::npos) return yaml_scalar(word);
  std::string quoted = "\"";
  for (const char c : word) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

bool lists_word(const YAML::Node& words, const std::string& word) {
  if (words.IsScalar()) return words.as<std::string>() == word;
  if (!words.IsSequence()) return false;
  for (const auto& item : words)
    if (item.IsScalar() && item.as<std::string>() == word) return true;
  return false;
}

// The file's own line ending: CRLF if any line ends so.
std::string line_ending_of(const std::string& text) {
  return text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
}

std::string with_final_line_ending(std::string text, const std::string& eol) {
  if (!text.empty() && text.back() != '\n') text += eol;
  return text;
}

// Byte offsets of the start of `line` (0-based) and of the line after it.
std::pair<std::size_t, std::size_t> line_bounds(const std::string& text, std::size_t line) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < line; ++i) {
    const std::size_t next = text.find('\n', start);
    if (next == std::string::npos) return {text.size(), text.size()};
    start = next + 1;
  }
  const std::size_t end = text.find('\n', start);
  return {start, end == std::string::npos ? text.size() : end + 1};
}

// The key node of `key` in `map`, and its value.
std::optional<std::pair<YAML::Node, YAML::Node>> entry_of(const YAML::Node& map,
                                                          const std::string& key) {
  for (const auto& entry : map)
    if (entry.first.IsScalar() && entry.first.Scalar() == key)
      return std::make_pair(entry.first, entry.second);
  return std::nullopt;
}

// Where the value of `key` in `map` is written: past any anchor (&name) or tag (!tag) before it.
// Throws for an alias (*name), whose value is shared with another key: changing it there would
// change both.
std::optional<std::size_t> value_start(const std::string& text, const YAML::Node& map,
                                       const std::string& key) {
  const auto entry = entry_of(map, key);
  if (!entry) return std::nullopt;
  const YAML::Mark key_mark = entry->first.Mark();
  const YAML::Mark mark = entry->second.Mark();
  if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text.size()) return std::nullopt;
  // An alias's node is the anchored one, written before the key.
  if (mark.pos <= key_mark.pos || text[static_cast<std::size_t>(mark.pos)] == '*')
    throw std::runtime_error(key + ": is an alias of another value: change it by hand");
  std::size_t at = static_cast<std::size_t>(mark.pos);
  while (at < text.size() && (text[at] == '&' || text[at] == '!')) {
    at = text.find_first_of(" \t\r\n", at);
    if (at == std::string::npos) return std::nullopt;
    at = text.find_first_not_of(" \t", at);
    if (at == std::string::npos) return std::nullopt;
  }
  return at;
}

// The bytes [begin, end) of a one-line scalar as written (plain, 'single' or "double" quoted).
std::optional<std::pair<std::size_t, std::size_t>> scalar_span(const std::string& text,
                                                               const YAML::Node& map,
                                                               const std::string& key) {
  const YAML::Node node = map[key];
  const std::optional<std::size_t> begin = value_start(text, map, key);
  if (!begin) return std::nullopt;
  const char quote = text[*begin];
  if (quote == '\'' || quote == '"') {
    for (std::size_t i = *begin + 1; i < text.size() && text[i] != '\n'; ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;  // '' is a quote inside single quotes
          continue;
        }
        return std::make_pair(*begin, i + 1);
      }
    }
    return std::nullopt;
  }
  const std::string& scalar = node.Scalar();
  if (text.compare(*begin, scalar.size(), scalar) != 0) return std::nullopt;
  return std::make_pair(*begin, *begin + scalar.size());
}

// Where a block list's new "- word" line goes, and the line: after the last item, indented like
// it; nullopt if the last item is not a one-line "- item".
std::optional<std::string> insert_after_last_item(const std::string& text, const YAML::Node& words,
                                                  const std::string& word, const std::string& eol) {
  const YAML::Node last = words[words.size() - 1];
  if (!last.IsScalar()) return std::nullopt;
  const YAML::Mark mark = last.Mark();
  if (mark.line < 0 || mark.column < 0) return std::nullopt;
  const auto [start, next] = line_bounds(text, static_cast<std::size_t>(mark.line));
  const std::size_t column = static_cast<std::size_t>(mark.column);
  if (start + column > text.size()) return std::nullopt;
  const std::string prefix = text.substr(start, column);
  const bool plain_dash = std::count(prefix.begin(), prefix.end(), '-') == 1 &&
                          prefix.find_first_not_of(" -") == std::string::npos;
  if (!plain_dash) return std::nullopt;
  std::string out = with_final_line_ending(text.substr(0, next), eol);
  out += prefix + yaml_scalar(word) + eol;
  out += text.substr(next);
  return out;
}

// A flow list `[a, b]` or map `{a: b}` (on one line or several) with ", item" after its last
// item (`item` as it is to be written).
std::optional<std::string> insert_into_flow(const std::string& text, const YAML::Node& map,
                                            const std::string& key, const std::string& item) {
  const std::optional<std::size_t> open = value_start(text, map, key);
  if (!open || (text[*open] != '[' && text[*open] != '{')) return std::nullopt;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = *open; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (quote == '"' && c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && --depth == 0) {
      std::size_t after_last = i;
      while (after_last > *open &&
             std::string(" \t\r\n").find(text[after_last - 1]) != std::string::npos)
        --after_last;
      const char before = text[after_last - 1];
      const std::string inserted = before == '[' || before == '{' ? item
                                   : before == ','                ? " " + item
                                                                  : ", " + item;
      return text.substr(0, after_last) + inserted + text.substr(after_last);
    }
  }
  return std::nullopt;
}

// A block map with a new "key: value" line before its first entry, indented like it; nullopt if
// the first entry does not start its own line.
std::optional<std::string> insert_first_entry(const std::string& text, const YAML::Node& map,
                                              const std::string& entry, const std::string& eol) {
  const YAML::Mark mark = map.begin()->first.Mark();
  if (mark.line < 0 || mark.column < 0) return std::nullopt;
  const std::size_t start = line_bounds(text, static_cast<std::size_t>(mark.line)).first;
  const std::size_t column = static_cast<std::size_t>(mark.column);
  if (start + column > text.size()) return std::nullopt;
  const std::string indent = text.substr(start, column);
  if (indent.find_first_not_of(' ') != std::string::npos) return std::nullopt;
  return text.substr(0, start) + indent + entry + eol + text.substr(start);
}

// The byte just after the ':' of `key` in `map` (for a key whose value is empty).
std::optional<std::size_t> after_key_colon(const std::string& text, const YAML::Node& map,
                                           const std::string& key) {
  const auto entry = entry_of(map, key);
  if (!entry || entry->first.Mark().pos < 0) return std::nullopt;
  const std::size_t colon =
      text.find(':', static_cast<std::size_t>(entry->first.Mark().pos) + key.size());
  if (colon == std::string::npos) return std::nullopt;
  return colon + 1;
}

// The same settings, however they are written (block or flow, quoted or not, comments).
bool same_settings(const YAML::Node& a, const YAML::Node& b) {
  if (a.Type() != b.Type()) return false;
  if (a.IsScalar()) return a.Scalar() == b.Scalar();
  if (a.size() != b.size()) return false;
  if (a.IsSequence()) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_settings(a[i], b[i])) return false;
    return true;
  }
  if (a.IsMap()) {  // in any order: a new entry may go first
    for (const auto& entry : a) {
      if (!entry.first.IsScalar()) return false;
      const auto other = entry_of(b, entry.first.Scalar());
      if (!other || !same_settings(entry.second, other->second)) return false;
    }
  }
  return true;
}

// `edited` if it reads as exactly the settings in `intended`; throws otherwise, so a file whose
// layout the edit did not understand is never written wrong.
std::string checked(const std::string& edited, const YAML::Node& intended) {
  try {
    if (same_settings(YAML::Load(edited), intended)) return edited;
  } catch (const YAML::Exception&) {
  }
  throw std::runtime_error("it is written in a way sayso cannot change safely: change it by hand");
}

// The settings in a .sayso.yml's text (Null for an empty one); throws std::runtime_error, with
// the line, when it is not valid YAML.
YAML::Node load_config_text(const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw std::runtime_error("the file is not valid YAML (line " + std::to_string(e.mark.line + 1) +
                             "): fix it first");
  }
}

}  // namespace

std::string add_word_to_config_text(const std::string& text, const std::string& word) {
  const YAML::Node root = load_config_text(text);
  const std::string eol = line_ending_of(text);
  const std::string new_list = "words:" + eol + "  - " + yaml_scalar(word) + eol;
  if (!root || root.IsNull()) return with_final_line_ending(text, eol) + new_list;
  if (!root.IsMap()) throw std::runtime_error("the file is not a map of settings");

  const std::string key = root["words"] || !root["dictionary"] ? "words" : "dictionary";
  const YAML::Node words = root[key];
  YAML::Node intended = YAML::Clone(root);
  if (words && lists_word(words, word)) return text;
  if (words && !words.IsNull() && !words.IsSequence() && !words.IsScalar())
    throw std::runtime_error(key + ": is not a list of words");
  YAML::Node list(YAML::NodeType::Sequence);
  if (words && words.IsScalar()) list.push_back(YAML::Clone(words));
  if (words && words.IsSequence())
    for (const auto& item : words) list.push_back(YAML::Clone(item));
  list.push_back(word);
  intended[key] = list;

  if (words && !words.IsNull()) value_start(text, root, key);  // throws for an alias
  std::optional<std::string> edited;
  if (!words) {
    edited = with_final_line_ending(text, eol) + new_list;
  } else if (words.IsNull()) {
    if (const auto at = after_key_colon(text, root, key))
      edited = text.substr(0, *at) + " [" + flow_scalar(word) + "]" + text.substr(*at);
  } else if (words.IsScalar()) {  // one word on its own: it becomes a flow list of two
    if (const auto span = scalar_span(text, root, key))
      edited = text.substr(0, span->first) + "[" +
               text.substr(span->first, span->second - span->first) + ", " + flow_scalar(word) +
               "]" + text.substr(span->second);
  } else if (words.Style() == YAML::EmitterStyle::Flow) {
    edited = insert_into_flow(text, root, key, flow_scalar(word));
  } else {
    edited = insert_after_last_item(text, words, word, eol);
  }
  if (!edited)
    throw std::runtime_error(key + ": is written in a way sayso cannot change safely: add '" +
                             word + "' by hand");
  return checked(*edited, intended);
}

std::string set_language_in_config_text(const std::string& text, const std::string& language) {
  const YAML::Node root = load_config_text(text);
  const std::string eol = line_ending_of(text);
  const std::string line = "language: " + language + eol;
  if (!root || root.IsNull()) return with_final_line_ending(text, eol) + line;
  if (!root.IsMap()) throw std::runtime_error("the file is not a map of settings");
  const YAML::Node current = root["language"];
  if (current && current.IsScalar() && current.Scalar() == language) return text;
  YAML::Node intended = YAML::Clone(root);
  intended["language"] = language;

  std::optional<std::string> edited;
  if (!current) {
    edited = with_final_line_ending(text, eol) + line;
  } else if (current.IsNull()) {
    if (const auto at = after_key_colon(text, root, "language"))
      edited = text.substr(0, *at) + " " + language + text.substr(*at);
  } else if (current.IsScalar()) {  // only the value changes: the line's comment stays
    if (const auto span = scalar_span(text, root, "language"))
      edited = text.substr(0, span->first) + language + text.substr(span->second);
  }
  if (!edited)
    throw std::runtime_error(
        "language: is written in a way sayso cannot change safely: set it by "
        "hand");
  return checked(*edited, intended);
}

std::string disable_rule_in_config_text(const std::string& text, const std::string& rule) {
  const YAML::Node root = load_config_text(text);
  const std::string eol = line_ending_of(text);
  const std::string entry = yaml_scalar(rule) + ": off";
  const std::string new_map = "rules:" + eol + "  " + entry + eol;
  if (!root || root.IsNull()) return with_final_line_ending(text, eol) + new_map;
  if (!root.IsMap()) throw std::runtime_error("the file is not a map of settings");
  const YAML::Node rules = root["rules"];
  if (rules && !rules.IsNull() && !rules.IsMap())
    throw std::runtime_error("rules: is not a map of rule ids");
  const bool listed = rules && rules.IsMap() && rules[rule];
  const YAML::Node current = listed ? rules[rule] : YAML::Node();
  if (listed && current.IsScalar() && current.Scalar() == "off") return text;
  if (listed && !current.IsScalar())
    throw std::runtime_error("rules: " + rule +
                             " has settings of its own: add enabled: false to them by hand");
  YAML::Node intended = YAML::Clone(root);
  intended["rules"][rule] = "off";

  std::optional<std::string> edited;
  if (!rules) {
    edited = with_final_line_ending(text, eol) + new_map;
  } else if (rules.IsNull()) {
    if (const auto at = after_key_colon(text, root, "rules"))
      edited = text.substr(0, *at) + " {" + entry + "}" + text.substr(*at);
  } else if (listed) {  // a severity, on or off: only the value changes
    if (const auto span = scalar_span(text, rules, rule))
      edited = text.substr(0, span->first) + "off" + text.substr(span->second);
  } else if (rules.Style() == YAML::EmitterStyle::Flow) {
    edited = insert_into_flow(text, root, "rules", entry);
  } else {
    edited = insert_first_entry(text, rules, entry, eol);
  }
  if (!edited)
    throw std::runtime_error("rules: is written in a way sayso cannot change safely: add " + entry +
                             " by hand");
  return checked(*edited, intended);
}

}  // namespace sayso::lsp
