// Adding a word to the `words:` list of a .sayso.yml, and setting its `language:`. yaml-cpp reads
// the file to find the list; the word is then added by inserting one line, so the user's comments
// and layout stay as they were. Only when the list is written in a form that cannot take a new line
// (a flow list
// `[a, b]`, a single word) is the file re-emitted by yaml-cpp.
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

bool lists_word(const YAML::Node& words, const std::string& word) {
  if (words.IsScalar()) return words.as<std::string>() == word;
  if (!words.IsSequence()) return false;
  for (const auto& item : words)
    if (item.IsScalar() && item.as<std::string>() == word) return true;
  return false;
}

std::string with_final_newline(std::string text) {
  if (!text.empty() && text.back() != '\n') text.push_back('\n');
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

// A new "  - word" line after the last item of a block list, indented like it; "" if the last
// item is not a one-line "- item".
std::string insert_after_last_item(const std::string& text, const YAML::Node& words,
                                   const std::string& word) {
  const YAML::Node last = words[words.size() - 1];
  if (!last.IsScalar()) return "";
  const YAML::Mark mark = last.Mark();
  if (mark.line < 0 || mark.column < 0) return "";
  const auto [start, next] = line_bounds(text, static_cast<std::size_t>(mark.line));
  const std::size_t column = static_cast<std::size_t>(mark.column);
  if (start + column > text.size()) return "";
  const std::string prefix = text.substr(start, column);
  const bool plain_dash = std::count(prefix.begin(), prefix.end(), '-') == 1 &&
                          prefix.find_first_not_of(" -") == std::string::npos;
  if (!plain_dash) return "";
  std::string out = with_final_newline(text.substr(0, next));
  out += prefix + yaml_scalar(word) + "\n";
  out += text.substr(next);
  return out;
}

std::string re_emitted(YAML::Node root, const std::string& key, const std::string& word) {
  YAML::Node old = root[key];
  YAML::Node list(YAML::NodeType::Sequence);
  if (old.IsSequence())
    for (const auto& item : old) list.push_back(item);
  else if (old.IsScalar())
    list.push_back(old);
  list.push_back(word);
  root[key] = list;
  YAML::Emitter out;
  out << root;
  return with_final_newline(out.c_str());
}

bool adds_word(const std::string& text, const std::string& key, const std::string& word) {
  try {
    const YAML::Node root = YAML::Load(text);
    return root.IsMap() && root[key] && lists_word(root[key], word);
  } catch (const YAML::Exception&) {
    return false;
  }
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
  YAML::Node root = load_config_text(text);
  const std::string new_list = "words:\n  - " + yaml_scalar(word) + "\n";
  if (!root || root.IsNull()) return with_final_newline(text) + new_list;  // empty or comments
  if (!root.IsMap()) throw std::runtime_error("the file is not a map of settings");

  const YAML::Node& settings = root;  // const lookups never add keys
  const std::string key = settings["words"] || !settings["dictionary"] ? "words" : "dictionary";
  const YAML::Node words = settings[key];
  if (!words) return with_final_newline(text) + new_list;
  if (lists_word(words, word)) return text;
  if (words.IsSequence() && words.size() > 0 && words.Style() == YAML::EmitterStyle::Block) {
    std::string inserted = insert_after_last_item(text, words, word);
    if (!inserted.empty() && adds_word(inserted, key, word)) return inserted;
  }
  return re_emitted(root, key, word);
}

std::string set_language_in_config_text(const std::string& text, const std::string& language) {
  YAML::Node root = load_config_text(text);
  const std::string line = "language: " + language + "\n";
  if (!root || root.IsNull()) return with_final_newline(text) + line;
  if (!root.IsMap()) throw std::runtime_error("the file is not a map of settings");
  const YAML::Node& settings = root;
  const YAML::Node current = settings["language"];
  if (!current) return with_final_newline(text) + line;
  if (current.IsScalar() && current.Scalar() == language) return text;
  // Replace the value where it is written, keeping the rest of its line (a comment).
  const YAML::Mark mark = current.Mark();
  if (current.IsScalar() && mark.pos >= 0 &&
      text.compare(static_cast<std::size_t>(mark.pos), current.Scalar().size(), current.Scalar()) ==
          0) {
    std::string out = text;
    out.replace(static_cast<std::size_t>(mark.pos), current.Scalar().size(), language);
    const YAML::Node check = YAML::Load(out);
    if (check.IsMap() && check["language"] && check["language"].Scalar() == language) return out;
  }
  root["language"] = language;
  YAML::Emitter out;
  out << root;
  return with_final_newline(out.c_str());
}

}  // namespace sayso::lsp
