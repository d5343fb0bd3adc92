#include "core/config.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <fnmatch.h>

#include "core/closest_name.h"
#include "core/sections.h"

namespace sayso {
namespace fs = std::filesystem;
namespace {

std::string where(const std::string& file, const YAML::Node& node) {
  return fmt::format("{}:{}", file, node.Mark().line + 1);
}

[[noreturn]] void fail(const std::string& file, const YAML::Node& node, const std::string& what) {
  throw ConfigError(fmt::format("{}: {}", where(file, node), what));
}

std::string scalar(const std::string& file, const YAML::Node& node, const char* key) {
  if (!node.IsScalar()) fail(file, node, fmt::format("'{}' must be a single value", key));
  return node.as<std::string>();
}

// A map's key as text; YAML also allows a list or a map as a key ("? a: b"), which no setting is.
std::string key_text(const std::string& file, const YAML::Node& key) {
  if (!key.IsScalar())
    fail(file, key, "a setting's name must be a single word, not a list or a map");
  return key.Scalar();
}

bool truth_value(const std::string& file, const YAML::Node& node, const char* key) {
  const std::string text = scalar(file, node, key);
  if (text == "true" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "no" || text == "off") return false;
  fail(file, node, fmt::format("'{}' must be true or false", key));
}

// A whole number written in digits (0 or more), at most 2^53 so that every front can show it.
std::uint64_t whole_number(const std::string& file, const YAML::Node& node, const char* key) {
  const std::string text = scalar(file, node, key);
  constexpr std::uint64_t kLargest = std::uint64_t{1} << 53;
  std::uint64_t value = 0;
  bool digits_only = !text.empty();
  for (char c : text) {
    if (c < '0' || c > '9' || value > kLargest) {
      digits_only = false;
      break;
    }
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!digits_only || value > kLargest)
    fail(file, node, fmt::format("'{}' must be a whole number (digits only)", key));
  return value;
}

std::size_t positive_integer(const std::string& file, const YAML::Node& node, const char* key) {
  const std::uint64_t value = whole_number(file, node, key);
  if (value == 0) fail(file, node, fmt::format("'{}' must be more than 0", key));
  return static_cast<std::size_t>(value);
}

std::vector<std::string> string_list(const std::string& file, const YAML::Node& node,
                                     const char* key) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
    return out;
  }
  if (!node.IsSequence()) fail(file, node, fmt::format("'{}' must be a list", key));
  for (const auto& item : node) out.push_back(scalar(file, item, key));
  return out;
}

// `off`, `no`, `false`… turn a rule off; `on`, `yes`, `true` on; any other word is a severity,
// in any case ("Warning"), checked against the rule set later. YAML readers differ on which
// words are true and false, so every usual spelling is taken.
void read_rule_switch(const std::string& value, RuleSetting& setting) {
  std::string word = value;
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const off[] = {"off", "false", "no", "none", "disable", "disabled", "0"};
  static const char* const on[] = {"on", "true", "yes", "enable", "enabled"};
  if (std::find(std::begin(off), std::end(off), word) != std::end(off)) {
    setting.enabled = false;
  } else if (std::find(std::begin(on), std::end(on), word) != std::end(on)) {
    setting.enabled = true;
  } else {
    if (word == "warn") word = "warning";
    if (word == "information") word = "info";
    setting.severity = word;
  }
}

// `words: [carerlink, telecarer]`. A word with a comma or a space in it ("carerlink, telecarer"
// written without brackets) could never match a word of the text, so it is a mistake.
std::vector<std::string> word_list(const std::string& file, const YAML::Node& node,
                                   const char* key) {
  std::vector<std::string> words = string_list(file, node, key);
  for (std::size_t i = 0; i < words.size(); ++i) {
    // `words: 5` or `words: true`: the speller never asks about a word without letters.
    const bool has_letter = std::any_of(words[i].begin(), words[i].end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
    if (!has_letter)
      fail(file, node.IsSequence() ? node[i] : node,
           fmt::format("'{}' is not a word: '{}' lists words for the spelling check, such as "
                       "{}: [carerlink, telecare]",
                       words[i], key, key));
    if (words[i].find_first_of(", \t") == std::string::npos) continue;
    std::vector<std::string> parts;
    std::string part;
    for (char c : words[i] + ',') {
      if (c != ',' && c != ' ' && c != '\t') {
        part += c;
      } else if (!part.empty()) {
        parts.push_back(part);
        part.clear();
      }
    }
    fail(file, node.IsSequence() ? node[i] : node,
         fmt::format("'{}' is not one word. Write each word as an item of a list: {}: [{}]",
                     words[i], key, fmt::join(parts, ", ")));
  }
  return words;
}

RuleSetting parse_rule_setting(const std::string& file, const std::string& id,
                               const YAML::Node& value) {
  RuleSetting setting;
  setting.where = where(file, value);
  if (value.IsScalar()) {
    read_rule_switch(value.as<std::string>(), setting);
    return setting;
  }
  if (!value.IsMap())
    fail(file, value, fmt::format("rule '{}': expected off, a severity, or a map of settings", id));
  setting.parameters = YAML::Node(YAML::NodeType::Map);
  for (const auto& kv : value) {
    const std::string key = key_text(file, kv.first);
    if (key == "severity")
      read_rule_switch(scalar(file, kv.second, "severity"), setting);
    else if (key == "enabled")
      setting.enabled = truth_value(file, kv.second, "enabled");
    else
      setting.parameters[key] = kv.second;
  }
  return setting;
}

std::map<std::string, RuleSetting> parse_rule_settings(const std::string& file,
                                                       const YAML::Node& value) {
  if (!value.IsMap()) fail(file, value, "'rules' must be a map from rule id to its setting");
  std::map<std::string, RuleSetting> settings;
  for (const auto& rule : value) {
    const std::string id = key_text(file, rule.first);
    settings[id] = parse_rule_setting(file, id, rule.second);
  }
  return settings;
}

std::string parse_language(const std::string& file, const YAML::Node& value) {
  std::string language = scalar(file, value, "language");
  // "en-GB" (BCP 47, as LanguageTool and cSpell write it) is the same language.
  if (language.size() == 5 && (language[2] == '-' || language[2] == '_')) {
    language[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(language[0])));
    language[1] = static_cast<char>(std::tolower(static_cast<unsigned char>(language[1])));
    language[2] = '_';
    language[3] = static_cast<char>(std::toupper(static_cast<unsigned char>(language[3])));
    language[4] = static_cast<char>(std::toupper(static_cast<unsigned char>(language[4])));
  }
  if (language != "en_GB" && language != "en_US")
    fail(file, value, "language must be en_GB or en_US");
  return language;
}

std::string parse_document(const std::string& file, const YAML::Node& value) {
  std::string document = scalar(file, value, "document");
  if (document != "application" && document != "fragment" && document != "auto")
    fail(file, value, "document must be application, fragment or auto");
  return document == "auto" ? std::string() : document;
}

// `document_kind: involvement`: what a text with no headings is, a section kind or "document"
// (judged as a whole). Any other word would make the text a section no rule is about, and switch
// most checks off without a word.
std::string parse_document_kind(const std::string& file, const YAML::Node& value) {
  std::string kind = scalar(file, value, "document_kind");
  if (is_headless_kind(kind)) return kind;
  const auto& kinds = canonical_section_kinds();
  if (kind == "application")
    fail(file, value,
         "document_kind: a whole application is not one section; write 'document: application' "
         "to judge every text as a whole application");
  fail(file, value,
       fmt::format("document_kind must be a section kind ({}) or document (a text judged as a "
                   "whole, not as one section), not '{}'",
                   fmt::join(kinds, ", "), kind));
}

// `dictionaries: [words.dic]`: word lists beside the config file, read now so a missing file is
// reported at the line that names it.
std::vector<std::string> read_dictionaries(const std::string& file, const YAML::Node& value,
                                           std::vector<std::string>& paths) {
  std::vector<std::string> words;
  const fs::path dir = fs::path(file).parent_path();
  const std::vector<std::string> names = string_list(file, value, "dictionaries");
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string path = (dir / names[i]).lexically_normal().string();
    const YAML::Node& at = value.IsSequence() ? value[i] : value;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
      fail(file, at, fmt::format("dictionary '{}' not found (looked for {})", names[i], path));
    for (auto& word : read_word_list(path)) words.push_back(std::move(word));
    paths.push_back(path);
  }
  return words;
}

// What is wrong with an override's glob, or "".
std::string glob_problem(const std::string& glob) {
  if (glob.empty() || glob.front() == '/' || glob.rfind("../", 0) == 0)
    return "must be relative to the folder of this config file";
  int square = 0, curly = 0;
  for (char c : glob) {
    if (c == '[') ++square;
    if (c == ']' && square > 0) --square;
    if (c == '{') ++curly;
    if (c == '}' && curly > 0) --curly;
  }
  if (square > 0) return "has a '[' with no ']' after it (write [ab] for one letter of a or b)";
  if (curly > 0) return "has a '{' with no '}' after it (write {md,txt} for md or txt)";
  return "";
}

ConfigOverride parse_override(const std::string& file, const YAML::Node& node) {
  if (!node.IsMap())
    fail(file, node, "each item of 'overrides' must be a map with 'files' and settings");
  ConfigOverride block;
  block.base_dir = fs::absolute(fs::path(file)).parent_path().lexically_normal().string();
  block.where = where(file, node);
  for (const auto& kv : node) {
    const std::string key = key_text(file, kv.first);
    const YAML::Node& value = kv.second;
    if (key == "files") {
      block.files = string_list(file, value, "files");
      for (std::size_t i = 0; i < block.files.size(); ++i)
        if (std::string problem = glob_problem(block.files[i]); !problem.empty())
          fail(file, value.IsSequence() ? value[i] : value,
               fmt::format("'files' glob '{}' {}", block.files[i], problem));
    } else if (key == "profile") {
      block.profile = scalar(file, value, "profile");
    } else if (key == "document") {
      block.document = parse_document(file, value);
    } else if (key == "document_kind") {
      block.document_kind = parse_document_kind(file, value);
    } else if (key == "language") {
      block.language = parse_language(file, value);
    } else if (key == "rules") {
      block.rules = parse_rule_settings(file, value);
    } else if (key == "words" || key == "dictionary") {
      block.words = word_list(file, value, key.c_str());
    } else {
      fail(file, kv.first,
           fmt::format("unknown setting '{}' in an override (known: files, profile, document, "
                       "document_kind, "
                       "language, rules, words)",
                       key));
    }
  }
  if (block.files.empty()) fail(file, node, "an override needs 'files': the globs it applies to");
  return block;
}

Config parse_config(const std::string& file, const YAML::Node& root, int depth);

// A pack named in `packs:` or `extends:` (README's form works in both). `pack:NAME` is a
// built-in pack, and naming any loads only the built-in packs named; `pack:./folder` is a pack
// folder of your own, relative to this file, as is any entry of `packs:` without `pack:`.
void add_pack(const std::string& file, const YAML::Node& at, const std::string& entry,
              Config& config) {
  const bool prefixed = entry.rfind("pack:", 0) == 0;
  const std::string pack = prefixed ? entry.substr(5) : entry;
  if (pack.empty()) fail(file, at, "'pack:' needs a pack name, like pack:plain-english");
  if (!prefixed || pack.find('/') != std::string::npos) {
    const fs::path folder = (fs::path(file).parent_path() / pack).lexically_normal();
    std::error_code ec;
    if (!prefixed && !fs::is_directory(folder, ec))
      fail(file, at,
           fmt::format("there is no pack folder '{}' here (looked for {}). For a built-in pack "
                       "write pack:{}",
                       pack, folder.string(), pack));
    config.packs.push_back(folder.string());
    return;
  }
  config.only_packs_where.emplace(pack, where(file, at));
  config.only_packs.push_back(pack);
}

// The config files being read, the first at the bottom: `extends` may not name one of them.
thread_local std::vector<std::string> files_being_read;

struct ReadingFile {
  explicit ReadingFile(const std::string& path) { files_being_read.push_back(path); }
  ~ReadingFile() { files_being_read.pop_back(); }
  ReadingFile(const ReadingFile&) = delete;
  ReadingFile& operator=(const ReadingFile&) = delete;
};

// The file `extends: NAME` names: it must be a config file, and not one that extends this one.
void check_extended_file(const std::string& file, const YAML::Node& at, const std::string& name,
                         const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    fail(file, at,
         fmt::format("'extends' names the folder '{}'. Name a config file; for a pack folder of "
                     "your own write packs: [pack:./{}]",
                     name, fs::path(name).filename().string()));
  if (!fs::exists(path, ec))
    fail(file, at,
         fmt::format("'extends' names '{}', which does not exist (looked for {})", name, path));
  for (std::size_t i = 0; i < files_being_read.size(); ++i) {
    if (!fs::equivalent(path, files_being_read[i], ec)) continue;
    std::vector<std::string> loop;
    for (std::size_t j = i; j < files_being_read.size(); ++j)
      loop.push_back(fs::path(files_being_read[j]).filename().string());
    loop.push_back(fs::path(path).filename().string());
    fail(file, at,
         fmt::format("'extends' makes a loop: {}. Take one of these out",
                     fmt::join(loop, " extends ")));
  }
}

Config load_config_at_depth(const std::string& path, int depth) {
  if (depth > 16)
    throw ConfigError(fmt::format("{}: 'extends' goes more than 16 levels deep", path));
  const ReadingFile reading(path);
  // A device or pipe (`extends: /dev/zero`) would never end: only regular files are read.
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
    throw ConfigError(fmt::format("{}: not a regular file, so not read as a config file", path));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(fmt::format("{}: cannot read this config file", path));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (std::string not_utf8 = not_utf8_message(path, bytes); !not_utf8.empty())
    throw ConfigError(not_utf8);
  if (std::string open = quote_left_open_message(path, bytes); !open.empty())
    throw ConfigError(open);
  YAML::Node root;
  try {
    root = YAML::Load(bytes);
    reject_duplicate_keys(root);
  } catch (const YAML::Exception& e) {
    throw ConfigError(yaml_error_message(path, bytes, e.mark.line + 1, e.msg));
  } catch (const DuplicateKeyError& e) {
    throw ConfigError(duplicate_key_message(path, e));
  }
  return parse_config(path, root, depth);
}

Config parse_config(const std::string& file, const YAML::Node& root, int depth) {
  Config config;
  config.file = file;
  config.sources = {file};
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) fail(file, root, "a config file must be a map of settings (key: value)");
  const fs::path dir = fs::path(file).parent_path();
  Config base;
  bool has_base = false;
  // Every mistake in the file is named at once, each at its line, not one per save.
  std::vector<std::string> mistakes;
  for (const auto& kv : root) {
    try {
      const std::string key = key_text(file, kv.first);
      const YAML::Node& value = kv.second;
      if (key == "extends") {
        const std::vector<std::string> parents = string_list(file, value, "extends");
        for (std::size_t i = 0; i < parents.size(); ++i) {
          const std::string& parent = parents[i];
          if (parent.rfind("pack:", 0) == 0) {
            add_pack(file, value.IsSequence() ? value[i] : value, parent, config);
            continue;
          }
          const YAML::Node& at = value.IsSequence() ? value[i] : value;
          const std::string parent_path = (dir / parent).lexically_normal().string();
          check_extended_file(file, at, parent, parent_path);
          Config loaded = load_config_at_depth(parent_path, depth + 1);
          // Its overrides' globs are read from this file's folder, as ESLint reads a shared
          // config's: a team file kept in shared/ is about the projects that extend it.
          for (ConfigOverride& block : loaded.overrides)
            block.base_dir = fs::absolute(fs::path(file)).parent_path().lexically_normal().string();
          base = has_base ? merge_configs(base, loaded) : loaded;
          has_base = true;
        }
      } else if (key == "profile") {
        config.profile = scalar(file, value, "profile");
        config.profile_where = where(file, value);
      } else if (key == "root") {
        config.root = truth_value(file, value, "root");
      } else if (key == "language") {
        config.language = parse_language(file, value);
      } else if (key == "document") {
        config.document = parse_document(file, value);
      } else if (key == "document_kind") {
        config.document_kind = parse_document_kind(file, value);
      } else if (key == "packs") {
        const std::vector<std::string> packs = string_list(file, value, "packs");
        for (std::size_t i = 0; i < packs.size(); ++i)
          add_pack(file, value.IsSequence() ? value[i] : value, packs[i], config);
      } else if (key == "disable_packs") {
        config.disabled_packs = string_list(file, value, "disable_packs");
        for (std::size_t i = 0; i < config.disabled_packs.size(); ++i)
          config.disabled_packs_where.emplace(config.disabled_packs[i],
                                              where(file, value.IsSequence() ? value[i] : value));
      } else if (key == "words" || key == "dictionary") {
        for (auto& word : word_list(file, value, key.c_str()))
          config.words.push_back(std::move(word));
      } else if (key == "dictionaries") {
        for (auto& word : read_dictionaries(file, value, config.dictionaries))
          config.words.push_back(std::move(word));
      } else if (key == "max_document_bytes") {
        config.max_document_bytes = positive_integer(file, value, "max_document_bytes");
      } else if (key == "lint_time_budget_ms") {
        config.lint_time_budget_ms = whole_number(file, value, "lint_time_budget_ms");
      } else if (key == "rules") {
        config.rules = parse_rule_settings(file, value);
      } else if (key == "overrides") {
        if (!value.IsSequence())
          fail(file, value, "'overrides' must be a list of {files: [globs], ...settings}");
        for (const auto& block : value) config.overrides.push_back(parse_override(file, block));
      } else {
        static const std::vector<std::string> known = {"extends",
                                                       "root",
                                                       "profile",
                                                       "language",
                                                       "document",
                                                       "document_kind",
                                                       "packs",
                                                       "disable_packs",
                                                       "rules",
                                                       "words",
                                                       "dictionaries",
                                                       "overrides",
                                                       "max_document_bytes",
                                                       "lint_time_budget_ms"};
        const std::string close = closest_name(key, known);
        fail(file, kv.first,
             fmt::format("unknown setting '{}'.{} (known: {})", key,
                         close.empty() ? "" : fmt::format(" Did you mean '{}'?", close),
                         fmt::join(known, ", ")));
      }

    } catch (const ConfigError& e) {
      mistakes.push_back(e.what());
    }
  }
  if (has_base) {
    Config merged = merge_configs(base, config);
    merged.file = file;
    config = std::move(merged);
  }
  if (!mistakes.empty()) {
    std::string lines;
    for (const std::string& mistake : mistakes) lines += (lines.empty() ? "" : "\n") + mistake;
    throw ConfigError(lines, std::make_shared<const Config>(std::move(config)));
  }
  return config;
}

}  // namespace

Config load_config_file(const std::string& path) { return load_config_at_depth(path, 0); }

std::string find_config_file(const std::string& start_dir) {
  std::error_code ec;
  // Normal form ("/p/." is "/p"), so the file found is named one way and never read twice.
  fs::path dir =
      fs::absolute(start_dir.empty() ? fs::path(".") : fs::path(start_dir), ec).lexically_normal();
  if (!dir.has_filename() && dir.has_relative_path()) dir = dir.parent_path();
  for (int i = 0; i < 64 && !dir.empty(); ++i) {
    for (const char* name : {".sayso.yml", ".sayso.yaml"}) {
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return "";
}

Config load_found_config(const std::string& path) {
  Config config = load_config_file(path);
  if (config.root) return config;
  const fs::path folder = fs::absolute(path).lexically_normal().parent_path();
  if (folder == folder.parent_path()) return config;
  const std::string above = find_config_file(folder.parent_path().string());
  if (above.empty()) return config;
  Config merged = merge_configs(load_found_config(above), config);
  merged.file = config.file;
  return merged;
}

Config merge_configs(const Config& base, const Config& over) {
  Config out = base;
  out.sources = over.sources;
  out.sources.insert(out.sources.end(), base.sources.begin(), base.sources.end());
  out.root = over.root;
  out.file = over.file.empty() ? base.file : over.file;
  if (!over.profile.empty()) {
    out.profile = over.profile;
    out.profile_where = over.profile_where;
  }
  if (over.language) out.language = over.language;
  if (!over.document.empty()) out.document = over.document;
  if (!over.document_kind.empty()) out.document_kind = over.document_kind;
  out.packs.insert(out.packs.end(), over.packs.begin(), over.packs.end());
  out.disabled_packs.insert(out.disabled_packs.end(), over.disabled_packs.begin(),
                            over.disabled_packs.end());
  out.words.insert(out.words.end(), over.words.begin(), over.words.end());
  if (over.max_document_bytes) out.max_document_bytes = over.max_document_bytes;
  if (over.lint_time_budget_ms) out.lint_time_budget_ms = over.lint_time_budget_ms;
  out.dictionaries.insert(out.dictionaries.end(), over.dictionaries.begin(),
                          over.dictionaries.end());
  out.only_packs_where.insert(over.only_packs_where.begin(), over.only_packs_where.end());
  out.disabled_packs_where.insert(over.disabled_packs_where.begin(),
                                  over.disabled_packs_where.end());
  out.only_packs.insert(out.only_packs.end(), over.only_packs.begin(), over.only_packs.end());
  out.overrides.insert(out.overrides.end(), over.overrides.begin(), over.overrides.end());
  if (!over.variant.empty()) out.variant = over.variant;
  for (const auto& [id, setting] : over.rules) {
    RuleSetting& target = out.rules[id];
    if (setting.enabled) target.enabled = setting.enabled;
    // A severity said later turns the rule on again: `off` in the editor's settings, `error`
    // in .sayso.yml (which wins) is an error.
    if (setting.severity && !setting.enabled) target.enabled.reset();
    if (setting.severity) target.severity = setting.severity;
    if (setting.parameters && setting.parameters.IsMap()) {
      if (!target.parameters || !target.parameters.IsMap())
        target.parameters = YAML::Node(YAML::NodeType::Map);
      for (const auto& kv : setting.parameters)
        target.parameters[kv.first.as<std::string>()] = kv.second;
    }
    target.where = setting.where;
  }
  return out;
}

namespace {

void merge_rule_settings(std::map<std::string, RuleSetting>& target_rules,
                         const std::map<std::string, RuleSetting>& over) {
  Config base, top;
  base.rules = target_rules;
  top.rules = over;
  target_rules = merge_configs(base, top).rules;
}

// Tries every way "**/" can stand for zero or more folders.
bool glob_matches_path(const std::string& glob, const std::string& path) {
  const std::size_t globstar = glob.find("**/");
  if (globstar == std::string::npos) return fnmatch(glob.c_str(), path.c_str(), FNM_PATHNAME) == 0;
  const std::string before = glob.substr(0, globstar), after = glob.substr(globstar + 3);
  std::string folders;
  const std::size_t depth = static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
  for (std::size_t n = 0; n <= depth; ++n) {
    if (glob_matches_path(before + folders + after, path)) return true;
    folders += "*/";
  }
  return false;
}

// "summaries/*.{md,txt}" as "summaries/*.md" and "summaries/*.txt" (each pair of braces, in
// turn; at most 64 globs, so a glob of many braces stays cheap).
std::vector<std::string> expand_braces(const std::string& glob) {
  const std::size_t open = glob.find('{');
  const std::size_t close = open == std::string::npos ? open : glob.find('}', open);
  if (close == std::string::npos) return {glob};
  std::vector<std::string> out;
  const std::string head = glob.substr(0, open), tail = glob.substr(close + 1);
  std::size_t from = open + 1;
  while (from <= close && out.size() < 64) {
    std::size_t comma = glob.find(',', from);
    if (comma == std::string::npos || comma > close) comma = close;
    for (auto& expanded : expand_braces(head + glob.substr(from, comma - from) + tail))
      if (out.size() < 64) out.push_back(std::move(expanded));
    from = comma + 1;
  }
  return out;
}

// One glob without braces: the path itself or any folder it is in ("drafts", "drafts/",
// "drafts/**" all take in drafts/a/b/summary.md, as in .gitignore).
bool glob_matches_one(std::string glob, const std::string& path) {
  while (glob.rfind("./", 0) == 0) glob.erase(0, 2);
  while (glob.size() > 1 && glob.back() == '/') glob.pop_back();
  if (glob.size() >= 3 && glob.compare(glob.size() - 3, 3, "/**") == 0)
    glob.resize(glob.size() - 3);
  // Like .gitignore: a glob with no '/' matches a file or folder name in any folder.
  const bool any_folder = glob.find('/') == std::string::npos;
  std::size_t end = path.size();
  while (true) {
    const std::string part = path.substr(0, end);
    const std::string name =
        part.substr(part.rfind('/') == std::string::npos ? 0 : part.rfind('/') + 1);
    if (glob_matches_path(glob, any_folder ? name : part)) return true;
    const std::size_t slash = path.rfind('/', end == 0 ? 0 : end - 1);
    if (slash == std::string::npos || end == 0) return false;
    end = slash;
  }
}

}  // namespace

bool glob_matches(const std::string& glob, const std::string& path) {
  const std::vector<std::string> globs = expand_braces(glob);
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& one) { return glob_matches_one(one, path); });
}

Config config_for_path(const Config& config, const std::string& path) {
  Config out = config;
  out.overrides.clear();
  out.applied_overrides.clear();
  if (config.overrides.empty() || path.empty() || path == "-") return out;
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  for (std::size_t i = 0; i < config.overrides.size(); ++i) {
    const ConfigOverride& block = config.overrides[i];
    const std::string relative = absolute.lexically_relative(block.base_dir).generic_string();
    if (relative.empty() || relative.rfind("..", 0) == 0) continue;
    const bool matches =
        std::any_of(block.files.begin(), block.files.end(),
                    [&](const std::string& glob) { return glob_matches(glob, relative); });
    if (!matches) continue;
    if (!block.profile.empty()) {
      out.profile = block.profile;
      out.profile_where = block.where;
    }
    if (!block.document.empty()) out.document = block.document;
    if (!block.document_kind.empty()) out.document_kind = block.document_kind;
    if (!block.language.empty()) out.language = block.language;
    out.words.insert(out.words.end(), block.words.begin(), block.words.end());
    merge_rule_settings(out.rules, block.rules);
    out.variant += fmt::format("#override-{}", i + 1);
    out.applied_overrides.push_back(block.where);
  }
  return out;
}

Config packs_only(const Config& config) {
  Config packs;
  packs.file = config.file;
  packs.packs = config.packs;
  packs.only_packs = config.only_packs;
  packs.only_packs_where = config.only_packs_where;
  packs.disabled_packs = config.disabled_packs;
  packs.disabled_packs_where = config.disabled_packs_where;
  return packs;
}

const RuleSetting* setting_for_rule(const Config& config, const std::string& rule_id) {
  if (auto it = config.rules.find(rule_id); it != config.rules.end()) return &it->second;
  if (auto it = config.rules.find(rule_id.substr(0, rule_id.find('.'))); it != config.rules.end())
    return &it->second;
  return nullptr;
}

std::vector<std::string> read_word_list(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(fmt::format("{}: cannot read this word list", path));
  std::vector<std::string> words;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto begin = line.find_first_not_of(" \t");
    if (begin == std::string::npos || line[begin] == '#') {
      first = false;
      continue;
    }
    std::string word = line.substr(begin, line.find_last_not_of(" \t") - begin + 1);
    const bool only_digits =
        std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!(first && only_digits))
      words.push_back(word.substr(0, word.find('/')));  // drop Hunspell flags
    first = false;
  }
  return words;
}

std::string user_dictionary_path() {
  fs::path base;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    base = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home)
    base = fs::path(home) / ".config";
  else
    return "";
  const fs::path file = base / "sayso" / "words.dic";
  std::error_code ec;
  return fs::is_regular_file(file, ec) ? file.string() : "";
}

namespace {

// Visits at most `budget` nodes and 256 levels: aliases can repeat a part of a file a
// billion times, and those files are refused elsewhere (engine/data_node.cpp).
void reject_duplicate_keys(const YAML::Node& node, std::size_t& budget, int depth) {
  if (budget == 0 || depth > 256) return;
  --budget;
  if (node.IsSequence()) {
    for (const auto& item : node) reject_duplicate_keys(item, budget, depth + 1);
    return;
  }
  if (!node.IsMap()) return;
  std::map<std::string, int> first_line;
  for (const auto& kv : node) {
    if (kv.first.IsScalar()) {
      const int line = kv.first.Mark().line + 1;
      const auto [seen, added] = first_line.emplace(kv.first.Scalar(), line);
      if (!added)
        throw DuplicateKeyError(
            line, fmt::format("'{}' is written twice here (first at line {}). Only one of them "
                              "would count: join them into one",
                              kv.first.Scalar(), seen->second));
    }
    reject_duplicate_keys(kv.second, budget, depth + 1);
  }
}

}  // namespace

void reject_duplicate_keys(const YAML::Node& node) {
  std::size_t budget = 1'000'000;
  reject_duplicate_keys(node, budget, 0);
}

std::string duplicate_key_message(const std::string& path, const DuplicateKeyError& e) {
  return fmt::format("{}:{}: {}", path, e.line, e.what());
}

}  // namespace sayso
