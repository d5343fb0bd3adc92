#include "engine/ruleset.h"

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/closest_name.h"
#include "core/parallel.h"
#include "core/sections.h"
#include "engine/cache_dir.h"
#include "engine/kinds/kind.h"
#include "engine/known_words.h"
#include "engine/rule_lookup.h"
#include "engine/rule_text_checks.h"
#include "engine/shared_phrases.h"
#include "engine/yaml_cache.h"

namespace sayso {
namespace fs = std::filesystem;
namespace {

// Quiet forms of the filesystem questions: a link loop or an entry that cannot be read answers
// "no" (and is then reported as missing) instead of throwing from the middle of loading.
bool exists_here(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec);
}
bool is_folder(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}
std::string canonical_name(const fs::path& p) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal().string() : out.string();
}

const std::set<std::string>& common_keys() {
  static const std::set<std::string> keys = {"id",
                                             "kind",
                                             "category",
                                             "severity",
                                             "severity_in",
                                             "scope",
                                             "applies_to",
                                             "message",
                                             "explanation",
                                             "sources",
                                             "examples",
                                             "example_kind",
                                             "written_with",
                                             "reviewed_by",
                                             "status",
                                             "decisions",
                                             "description",
                                             "title",
                                             "defers_to",
                                             "defers_to_in_section",
                                             "only_with_in_section",
                                             "ignore_sentences_flagged_by"};
  return keys;
}

const std::map<std::string, std::set<std::string>>& kind_keys() {
  static const std::map<std::string, std::set<std::string>> keys = {
      {"substitution", {"swap", "skip_quoted"}},
      {"existence",
       {"phrases", "regex", "except", "unless_nearby", "nearby_sentences", "unless_in_section",
        "first_only", "once_per_sentence", "skip_quoted", "skip_negated", "skip_tables",
        "skip_names"}},
      {"acronym", {"allow", "never_emphasis", "mode", "min_length", "per_section", "language"}},
      {"readability", {"metric", "max", "min", "min_words"}},
      {"length", {"max_words", "min_words", "max_characters", "stated_limits"}},
      {"spelling",
       {"language", "dictionaries", "words", "ignore", "variants", "patterns", "variant_message",
        "variant_severity", "term_message", "term_severity", "typo_message"}},
      {"required-sections", {"sections", "order", "order_severity", "look_alikes"}},
      {"evidence", {"items", "min_words", "milder_when_covered"}},
      {"claim-needs-evidence", {"claims", "evidence", "within", "min_items"}},
      {"involvement-level",
       {"levels", "levels_when_alone", "meanings", "stages", "claims", "min_level_for_claim",
        "claims_also_in", "elsewhere_message", "claims_name_a_method_in"}},
      {"number-density", {"max_per_sentence"}},
      {"long-words", {"min_syllables", "min_long_words", "max_share", "everyday_words"}},
      {"copied-text",
       {"from", "max_share", "run_words", "min_words", "copied_sentence_words", "sentence_message",
        "sentence_severity"}},
      {"table", {"min_cells"}},
  };
  return keys;
}

struct Where {
  std::string file;
  std::string id;
  [[noreturn]] void fail(int line, const std::string& what) const {
    if (id.empty())
      throw RuleError(RuleProblem{file, line, fmt::format("{}:{}: {}", file, line, what)});
    throw RuleError(
        RuleProblem{file, line, fmt::format("{}:{}: rule {}: {}", file, line, id, what)});
  }
};

// The mistakes found in one rule or file, kept so that all of them are reported together.
class Mistakes {
 public:
  // Runs one check; a mistake it throws is kept, and the next check runs.
  template <typename Check>
  void attempt(Check&& check) {
    try {
      check();
    } catch (const RuleError& e) {
      add(e);
    }
  }
  void add(const RuleError& e) {
    list_.insert(list_.end(), e.problems().begin(), e.problems().end());
  }
  void add(const Where& where, const std::vector<TextMistake>& found) {
    for (const TextMistake& m : found) attempt([&] { where.fail(m.line, m.what); });
  }
  bool empty() const { return list_.empty(); }
  void throw_if_any() const {
    if (!list_.empty()) throw RuleError(list_);
  }

 private:
  std::vector<RuleProblem> list_;
};

// Not through the cache: a file in the cache was read without a mistake.
DataNode parse_yaml(const std::string& path, std::string_view bytes) {
  if (std::string not_utf8 = not_utf8_message(path, bytes); !not_utf8.empty())
    throw RuleError(RuleProblem{path, 0, not_utf8});
  try {
    DataNode root = parse_data(bytes);
    if (std::string open = quote_left_open_message(path, bytes); !open.empty())
      throw RuleError(RuleProblem{path, 0, open});
    return root;
  } catch (const YAML::Exception& e) {
    throw RuleError(RuleProblem{path, e.mark.line + 1,
                                yaml_error_message(path, bytes, e.mark.line + 1, e.msg)});
  } catch (const DuplicateKeyError& e) {
    throw RuleError(RuleProblem{path, e.line, duplicate_key_message(path, e)});
  } catch (const std::runtime_error& e) {
    throw RuleError(RuleProblem{path, 0, fmt::format("{}: {}", path, e.what())});
  }
}

// A rule file's tree, from the cache when its bytes are unchanged (see engine/yaml_cache.h).
DataNode load_yaml(const std::string& path, YamlCache* cache) {
  const std::optional<std::string> read = read_whole_file(path);
  if (!read) throw RuleError(RuleProblem{path, 0, fmt::format("{}: cannot read this file", path)});
  const std::string& bytes = *read;
  if (!cache) return parse_yaml(path, bytes);
  if (std::optional<DataNode> tree = cache->find(path, bytes)) return std::move(*tree);
  DataNode root = parse_yaml(path, bytes);
  cache->store(path, bytes, root);
  return root;
}

std::vector<std::string> text_list(const DataNode& node, const Where& where, const char* key) {
  std::vector<std::string> out;
  if (node.is_empty()) return out;
  if (node.is_text()) return {node.value()};
  if (!node.is_list()) where.fail(node.line(), fmt::format("'{}' must be a list", key));
  for (const DataNode& item : node.children()) {
    if (!item.is_text())
      where.fail(item.line(), fmt::format("each item of '{}' must be a text", key));
    out.push_back(item.value());
  }
  return out;
}

// `what_to_write` finishes "'status' is missing: ..." for a contributor who does not know.
std::string required_text(const DataNode& rule, const char* key, const Where& where, int rule_line,
                          std::string_view what_to_write = "") {
  const DataNode& node = rule[key];
  if (node.is_empty())
    where.fail(rule_line, what_to_write.empty()
                              ? fmt::format("'{}' is missing", key)
                              : fmt::format("'{}' is missing: {}", key, what_to_write));
  if (!node.is_text()) where.fail(node.line(), fmt::format("'{}' must be a text", key));
  if (node.value().empty()) where.fail(node.line(), fmt::format("'{}' is empty", key));
  return node.value();
}

bool is_section_kind(const std::string& kind) {
  const auto& kinds = canonical_section_kinds();
  return kind == "document" || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

Scope parse_scope(const DataNode& node, const Where& where) {
  Scope scope;
  if (node.is_empty() || (node.is_text() && node.value() == "all")) return scope;
  const DataNode* list = &node;
  if (node.is_map()) {
    if (!node["not"] || node.size() != 1)
      where.fail(node.line(), "'scope' as a map must be {not: [kinds]}");
    scope.negated = true;
    list = &node["not"];
  }
  scope.all = false;
  scope.kinds = text_list(*list, where, "scope");
  for (const auto& k : scope.kinds)
    if (!is_section_kind(k)) {
      std::vector<std::string> kinds = canonical_section_kinds();
      kinds.push_back("document");
      const std::string close = closest_name(k, kinds);
      where.fail(node.line(), close.empty()
                                  ? fmt::format("'scope' names an unknown section kind '{}' (the "
                                                "kinds are: {})",
                                                k, join_list(kinds, ", "))
                                  : fmt::format("'scope' names an unknown section kind '{}'. Did "
                                                "you mean '{}'?",
                                                k, close));
    }
  return scope;
}

constexpr std::size_t kMinExamples = 2;
constexpr std::size_t kMaxAlternatives = 3;

std::vector<std::string> required_list(const DataNode& rule, const char* key, const Where& where,
                                       int rule_line, const char* what_it_is) {
  std::vector<std::string> values = text_list(rule[key], where, key);
  if (values.empty())
    where.fail(rule[key] ? rule[key].line() : rule_line,
               fmt::format("'{}' is missing: {}", key, what_it_is));
  return values;
}

// Each swap pair offers one to three plain alternatives and says where the pair comes from.
void check_swap_pairs(const DataNode& swap, const Where& where) {
  if (!swap.is_list()) return;  // the substitution kind reports a missing 'swap'
  for (const DataNode& pair : swap.children()) {
    if (!pair.is_map()) continue;
    const int line = pair.line();
    const DataNode& instead_of = pair["instead_of"];
    const std::string first = instead_of.is_text() ? instead_of.value()
                              : instead_of.is_list() && instead_of.size() > 0
                                  ? instead_of.children()[0].value()
                                  : std::string("?");
    const std::vector<std::string> alternatives = text_list(pair["use"], where, "use");
    if (alternatives.empty() || alternatives.size() > kMaxAlternatives)
      where.fail(
          line,
          fmt::format("the swap for '{}' needs 1 to {} plain alternatives in 'use' (it has {})",
                      first, kMaxAlternatives, alternatives.size()));
    if (!pair["source"].is_text() || pair["source"].value().empty())
      where.fail(
          line,
          fmt::format("the swap for '{}' needs a 'source': the word list it comes from", first));
  }
}

// "an existence rule", "a substitution rule".
std::string_view article_for(const std::string& word) {
  return !word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos ? "an"
                                                                                            : "a";
}

// " Did you mean 'pass'?" when a name close to `typed` is allowed.
std::string did_you_mean(const std::string& typed, const std::vector<std::string>& names) {
  const std::string close = closest_name(typed, names);
  return close.empty() ? "" : fmt::format(" Did you mean '{}'?", close);
}

// A 'flag' or 'pass' list of examples, each with its line (a failing example is shown there).
void example_list(const DataNode& node, const Where& where, const char* key,
                  std::vector<std::string>& texts, std::vector<int>& lines) {
  texts = text_list(node, where, key);
  if (node.is_text()) lines.push_back(node.line());
  for (const DataNode& item : node.children()) lines.push_back(item.line());
}

RuleExamples parse_examples(const DataNode& node, const Where& where, int rule_line) {
  if (!node.is_map()) where.fail(rule_line, "'examples' with 'flag' and 'pass' lists is missing");
  Mistakes mistakes;
  for (const DataNode& field : node.children())
    if (field.key() != "flag" && field.key() != "pass")
      mistakes.attempt([&] {
        where.fail(field.key_line(),
                   fmt::format("'examples' has 'flag' and 'pass' lists, not '{}'.{}", field.key(),
                               did_you_mean(field.key(), {"flag", "pass"})));
      });
  RuleExamples examples;
  mistakes.attempt(
      [&] { example_list(node["flag"], where, "flag", examples.flag, examples.flag_lines); });
  mistakes.attempt(
      [&] { example_list(node["pass"], where, "pass", examples.pass, examples.pass_lines); });
  // Two of each, so a rule is shown to catch more than one wording and to leave more than one
  // good text alone.
  // (Named, not structured bindings: clang before 16 cannot capture those in a lambda.)
  for (const auto& entry : {std::pair{"flag", &examples.flag}, {"pass", &examples.pass}}) {
    const char* key = entry.first;
    const std::vector<std::string>* texts = entry.second;
    if (texts->size() < kMinExamples)
      mistakes.attempt([&] {
        where.fail(node[key] ? node[key].line() : node.line(),
                   fmt::format("'examples' needs at least {} '{}' texts (it has {})", kMinExamples,
                               key, texts->size()));
      });
  }
  mistakes.throw_if_any();
  return examples;
}

// The rule's id, named in every later mistake: lower case with dashes, starting with its pack's
// name (the folder it is in).
std::string parse_id(const DataNode& node, const std::string& pack, Where& where, int line) {
  const std::string id = required_text(node, "id", where, line);
  where.id = id;
  if (std::string problem = rule_id_problem(id); !problem.empty())
    where.fail(node["id"].line(), problem);
  if (id.rfind(pack + ".", 0) != 0)
    where.fail(node["id"].line(),
               fmt::format("the id must start with the pack name '{}.' (the name of the folder "
                           "it is in)",
                           pack));
  return id;
}

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (const auto& [name, keys] : kind_keys()) names.push_back(name);
  return names;
}

// The fields a rule of this kind may have, or a mistake naming the kinds there are.
const std::set<std::string>& kind_fields(const DataNode& node, const std::string& kind,
                                         const Where& where) {
  auto keys = kind_keys().find(kind);
  if (keys == kind_keys().end()) {
    const std::vector<std::string> kinds = kind_names();
    const std::string close = closest_name(kind, kinds);
    where.fail(node["kind"].line(),
               close.empty() ? fmt::format("unknown kind '{}' (the kinds are: {})", kind,
                                           join_list(kinds, ", "))
                             : fmt::format("unknown kind '{}'. Did you mean '{}'?", kind, close));
  }
  return keys->second;
}

void check_fields(const DataNode& node, const Rule& rule, const std::set<std::string>& own,
                  const Where& where, Mistakes& mistakes) {
  std::vector<std::string> allowed(common_keys().begin(), common_keys().end());
  allowed.insert(allowed.end(), own.begin(), own.end());
  for (const DataNode& field : node.children()) {
    const std::string& key = field.key();
    if (common_keys().count(key) || own.count(key)) continue;
    mistakes.attempt([&] {
      where.fail(field.key_line(),
                 fmt::format("unknown field '{}' for {} {} rule.{}", key, article_for(rule.kind),
                             rule.kind, did_you_mean(key, allowed)));
    });
  }
}

// "severity must be error, warning, info or hint", with what was written and, when it is only
// its capitals, that it must be in small letters.
Severity parse_severity_field(const DataNode& node, const Where& where, int rule_line) {
  const std::string written = required_text(node, "severity", where, rule_line);
  if (auto parsed = parse_severity(written)) return *parsed;
  std::string lower = written;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  where.fail(
      node["severity"].line(),
      fmt::format(
          "severity must be error, warning, info or hint, not '{}'{}", written,
          parse_severity(lower) ? fmt::format(" (write it in small letters: {})", lower) : ""));
}

void parse_severity_in(const DataNode& by_kind, Rule& rule, const Where& where) {
  if (by_kind.is_empty()) return;
  if (!by_kind.is_map())
    where.fail(by_kind.line(),
               "'severity_in' maps section kinds to severities, like "
               "{plain-english-summary: warning}");
  for (const DataNode& entry : by_kind.children()) {
    if (!is_section_kind(entry.key()))
      where.fail(entry.key_line(),
                 fmt::format("'severity_in' names an unknown section kind '{}'", entry.key()));
    auto level = parse_severity(entry.value());
    if (!level) where.fail(entry.line(), "severity must be error, warning, info or hint");
    rule.severity_in[entry.key()] = *level;
  }
}

AppliesTo parse_applies_to(const DataNode& node, const Where& where) {
  const std::string applies = node["applies_to"] ? node["applies_to"].value() : "any";
  if (applies == "application") return AppliesTo::Application;
  if (applies == "fragment") return AppliesTo::Fragment;
  if (applies != "any")
    where.fail(node["applies_to"].line(), "'applies_to' must be any, application or fragment");
  return AppliesTo::Any;
}

std::string parse_example_kind(const DataNode& node, const Where& where) {
  if (node["example_kind"] && !node["example_kind"].is_text())
    where.fail(node["example_kind"].line(), "'example_kind' must be a text");
  const std::string kind = node["example_kind"].value();
  if (!kind.empty() && kind != "application" && !is_section_kind(kind))
    where.fail(node["example_kind"].line(), fmt::format("unknown example_kind '{}'", kind));
  return kind;
}

void parse_provenance(const DataNode& node, Rule& rule, const Where& where, int line,
                      Mistakes& mistakes) {
  mistakes.attempt([&] {
    rule.provenance.written_with = required_list(node, "written_with", where, line,
                                                 "say which groups or roles wrote this rule");
  });
  mistakes.attempt([&] {
    rule.provenance.reviewed_by =
        required_list(node, "reviewed_by", where, line,
                      "say which groups or roles reviewed it (or 'pending: ...' if no one yet)");
  });
  mistakes.attempt([&] {
    rule.provenance.decisions = required_list(node, "decisions", where, line,
                                              "say why the threshold and wording were chosen");
  });
  mistakes.attempt([&] {
    rule.provenance.status =
        required_text(node, "status", where, line,
                      "write 'status: draft' (or 'status: reviewed' once a group has reviewed it)");
    if (rule.provenance.status != "draft" && rule.provenance.status != "reviewed")
      where.fail(node["status"].line(), fmt::format("'status' must be draft or reviewed, not '{}'",
                                                    rule.provenance.status));
  });
}

void parse_links(const DataNode& node, Rule& rule, const Where& where, Mistakes& mistakes) {
  const std::pair<const char*, std::vector<std::string>*> links[] = {
      {"defers_to", &rule.defers_to},
      {"defers_to_in_section", &rule.defers_to_in_section},
      {"only_with_in_section", &rule.only_with_in_section},
      {"ignore_sentences_flagged_by", &rule.ignore_sentences_flagged_by}};
  for (const auto& link : links)
    mistakes.attempt([&] { *link.second = text_list(node[link.first], where, link.first); });
}

// Every mistake in the rule is found, not only the first: each check runs on its own, and the
// rule is refused at the end with all of them.
Rule parse_rule(DataNode node, const std::string& file, const std::string& pack) {
  const int line = node.line();
  Where where{file, ""};
  if (!node.is_map()) where.fail(line, "each rule must be a map of fields");
  Rule rule;
  rule.file = file;
  rule.line = line;
  Mistakes mistakes;
  mistakes.attempt([&] { rule.id = parse_id(node, pack, where, line); });
  mistakes.attempt([&] {
    rule.kind = required_text(node, "kind", where, line);
    check_fields(node, rule, kind_fields(node, rule.kind, where), where, mistakes);
  });
  mistakes.attempt([&] {
    rule.category = required_text(node, "category", where, line);
    const auto& categories = category_names();
    if (std::find(categories.begin(), categories.end(), rule.category) == categories.end())
      where.fail(node["category"].line(), fmt::format("unknown category '{}' (use one of: {})",
                                                      rule.category, join_list(categories, ", ")));
  });
  mistakes.attempt([&] { rule.severity = parse_severity_field(node, where, line); });
  mistakes.attempt([&] { rule.scope = parse_scope(node["scope"], where); });
  mistakes.attempt([&] { parse_severity_in(node["severity_in"], rule, where); });
  mistakes.attempt([&] { rule.applies_to = parse_applies_to(node, where); });
  if (rule.kind == "required-sections") rule.applies_to = AppliesTo::Application;
  mistakes.add(where, template_leftovers(node));
  mistakes.add(where, curly_quoted_texts(node));
  mistakes.add(where, unknown_placeholders(node, rule.kind));
  if (rule.kind == "existence") mistakes.add(where, regex_mistakes(node));
  mistakes.attempt([&] {
    rule.message = required_text(node, "message", where, line,
                                 "write what the writer should do, in a short plain sentence");
  });
  mistakes.attempt([&] {
    rule.explanation = required_text(node, "explanation", where, line,
                                     "write why this matters to a reader, in a few sentences");
  });
  mistakes.attempt([&] {
    rule.sources = text_list(node["sources"], where, "sources");
    if (rule.sources.empty())
      where.fail(line, "'sources' is missing: say what guidance this rests on");
  });
  mistakes.attempt([&] { rule.examples = parse_examples(node["examples"], where, line); });
  parse_links(node, rule, where, mistakes);
  mistakes.attempt([&] { rule.example_kind = parse_example_kind(node, where); });
  parse_provenance(node, rule, where, line, mistakes);
  if (rule.kind == "substitution") mistakes.attempt([&] { check_swap_pairs(node["swap"], where); });
  mistakes.throw_if_any();
  rule.node = std::move(node);
  return rule;
}

void compile(Rule& rule) {
  auto factory = kind_factories().find(rule.kind);
  try {
    rule.check = factory->second(rule);
  } catch (const KindError& e) {
    // The built-in rules compile as they are: what fails after a config changed the rule's
    // parameters is that setting's fault, and is reported at the setting.
    if (!rule.parameters_set_at.empty())
      throw RuleError(fmt::format("{}: rule {}: {}", rule.parameters_set_at, rule.id, e.message));
    Where{rule.file, rule.id}.fail(e.line ? e.line : rule.line, e.message);
  }
  // Every phrase must be well formed (checked once here, so the matcher never sees a bad one).
  Mistakes mistakes;
  for (const auto& group : rule.check->phrase_groups())
    for (const auto& phrase : group)
      if (std::string err = PhraseMatcher::problem_with(phrase); !err.empty())
        mistakes.attempt([&] {
          Where{rule.file, rule.id}.fail(line_of_text(rule.node, phrase, rule.line),
                                         fmt::format("'{}' is {}", phrase, err));
        });
  mistakes.throw_if_any();
}

// Compiles the rules on every core (regexes and phrase lists are much of a cold start). Each rule
// only reads its own data. The rules that do not compile are taken out, and their mistakes kept.
void compile_all(std::vector<Rule>& rules, std::vector<RuleProblem>& problems) {
  std::vector<std::vector<RuleProblem>> found(rules.size());
  run_pieces(rules.size(), [&](std::size_t i) {
    try {
      compile(rules[i]);
    } catch (const RuleError& e) {
      found[i] = e.problems();
    }
  });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    problems.insert(problems.end(), found[i].begin(), found[i].end());
    if (!found[i].empty()) continue;
    if (kept != i) rules[kept] = std::move(rules[i]);  // a self-move would empty the rule
    ++kept;
  }
  rules.erase(rules.begin() + static_cast<std::ptrdiff_t>(kept), rules.end());
}

// A .sayso.yml's parameter overrides (the config is read with yaml-cpp).
DataNode config_parameters(const RuleSetting& setting) {
  try {
    return data_from_yaml(setting.parameters);
  } catch (const std::runtime_error& e) {
    throw RuleError(fmt::format("{}: {}", setting.where, e.what()));
  }
}

void merge_parameters(Rule& rule, const DataNode& overrides, const std::string& where_text) {
  if (!overrides.is_map()) return;
  auto keys = kind_keys().find(rule.kind);
  for (const DataNode& setting : overrides.children()) {
    const std::string& key = setting.key();
    if (key == "severity" || key == "enabled") continue;
    if (!keys->second.count(key))
      throw RuleError(fmt::format("{}: rule {}: '{}' is not a setting of a {} rule", where_text,
                                  rule.id, key, rule.kind));
    rule.node.set(key, setting, setting.key_line());
  }
}

Pack load_pack_manifest(const fs::path& dir, YamlCache* cache) {
  Pack pack;
  pack.dir = dir.string();
  pack.name = dir.filename().string();
  const fs::path manifest = dir / "pack.yml";
  if (!exists_here(manifest))
    throw RuleError(fmt::format("{}: missing pack.yml (the pack's manifest)", dir.string()));
  const DataNode node = load_yaml(manifest.string(), cache);
  Where where{manifest.string(), ""};
  if (!node.is_map())
    where.fail(1, "pack.yml must be a map (name, version, licence, maintainers, description)");
  for (const char* key : {"name", "version", "licence", "description"})
    if (!node[key].is_text()) where.fail(1, fmt::format("'{}' is missing", key));
  if (node["name"].value() != pack.name)
    where.fail(node["name"].line(),
               fmt::format("'name' must match the folder name '{}'", pack.name));
  pack.version = node["version"].value();
  pack.licence = node["licence"].value();
  pack.description = node["description"].value();
  pack.maintainers = text_list(node["maintainers"], where, "maintainers");
  if (pack.maintainers.empty())
    where.fail(1, "'maintainers' is missing: who looks after this pack?");
  return pack;
}

bool is_manifest(const fs::path& file) { return file.filename() == "pack.yml"; }

std::vector<fs::path> sorted_entries(const fs::path& dir, bool directories) {
  std::vector<fs::path> out;
  // The error_code forms throughout: a link loop or an unreadable entry is passed over, not
  // thrown as a filesystem error from the middle of loading.
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (directories ? it->is_directory(type_ec)
                    : (it->is_regular_file(type_ec) && is_yaml_file_name(it->path().string())))
      out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_chosen(const fs::path& file, const fs::path& dir, const std::vector<std::string>& only) {
  if (only.empty()) return true;
  auto listed = [&](const fs::path& p) {
    return std::find(only.begin(), only.end(), canonical_name(p)) != only.end();
  };
  return listed(file) || listed(dir);
}

// A file's rules. A rule with mistakes is left out and its mistakes added to `problems`; the
// other rules of the file are still read, so every mistake is found in one run.
std::vector<Rule> load_rule_file(const fs::path& file, const std::string& pack, YamlCache* cache,
                                 std::vector<RuleProblem>& problems) {
  DataNode root;
  try {
    root = load_yaml(file.string(), cache);
    if (root.find("rules") == nullptr || !root.find("rules")->is_list())
      Where{file.string(), ""}.fail(1, "a rule file must have a 'rules:' list");
  } catch (const RuleError& e) {
    problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    return {};
  }
  DataNode* list = root.find("rules");
  std::vector<Rule> rules;
  rules.reserve(list->size());
  for (DataNode& node : list->children()) {
    try {
      rules.push_back(parse_rule(std::move(node), file.string(), pack));
    } catch (const RuleError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  return rules;
}

// Loads the packs in these folders, in order: each manifest and rule file is read on any core
// (most of a cold start). A file with mistakes gives none of its rules, and its mistakes are
// added to `problems`; a pack whose manifest has mistakes gives no rules at all.
void load_packs(const std::vector<fs::path>& dirs, const std::vector<std::string>& only,
                RuleSet& set, YamlCache* cache, std::vector<RuleProblem>& problems) {
  struct Item {
    std::size_t pack;  // index into dirs
    fs::path file;     // empty: the pack's manifest
    Pack manifest;
    std::vector<Rule> rules;
    std::vector<RuleProblem> problems;
  };
  std::vector<Item> items;
  for (std::size_t d = 0; d < dirs.size(); ++d) {
    items.push_back({d, {}, {}, {}, {}});
    for (const auto& file : sorted_entries(dirs[d], false))
      if (!is_manifest(file) && is_chosen(file, dirs[d], only))
        items.push_back({d, file, {}, {}, {}});
  }
  run_pieces(items.size(), [&](std::size_t i) {
    Item& item = items[i];
    if (!item.file.empty()) {
      item.rules =
          load_rule_file(item.file, dirs[item.pack].filename().string(), cache, item.problems);
      return;
    }
    try {
      item.manifest = load_pack_manifest(dirs[item.pack], cache);
    } catch (const RuleError& e) {
      item.problems = e.problems();
    }
  });
  std::vector<bool> pack_broken(dirs.size(), false);
  for (const Item& item : items)
    if (item.file.empty() && !item.problems.empty()) pack_broken[item.pack] = true;
  for (Item& item : items) {
    problems.insert(problems.end(), item.problems.begin(), item.problems.end());
    if (pack_broken[item.pack]) continue;
    if (item.file.empty()) set.packs.push_back(std::move(item.manifest));
    const bool file_broken = !item.problems.empty();
    for (Rule& rule : item.rules)
      if (!file_broken) set.rules.push_back(std::move(rule));
  }
}

void load_sections(const fs::path& file, SectionClassifier& classifier, YamlCache* cache) {
  const DataNode root = load_yaml(file.string(), cache);
  Where where{file.string(), ""};
  if (!root.is_map())
    where.fail(1, "sections.yml must map each section kind to its heading aliases");
  for (const DataNode& aliases : root.children()) {
    const std::string& kind = aliases.key();
    if (kind == "involvement_sentences") {
      for (auto& words : text_list(aliases, where, kind.c_str()))
        classifier.add_involvement_sentence_words(std::move(words));
      continue;
    }
    if (!is_section_kind(kind) || kind == "document")
      where.fail(aliases.key_line(), fmt::format("unknown section kind '{}'", kind));
    for (const auto& alias : text_list(aliases, where, kind.c_str()))
      classifier.add_alias(alias, kind);
  }
}

void load_profiles(const fs::path& dir, RuleSet& set, YamlCache* cache) {
  for (const auto& file : sorted_entries(dir, false)) {
    const DataNode root = load_yaml(file.string(), cache);
    Where where{file.string(), ""};
    if (!root.is_map() || !root["name"].is_text())
      where.fail(1, "a profile needs 'name', 'description' and 'rules'");
    Profile p;
    p.name = root["name"].value();
    p.description = root["description"].value();
    p.file = file.string();
    p.rules = root["rules"];
    if (p.rules && !p.rules.is_map())
      where.fail(p.rules.line(), "'rules' must map rule ids to settings");
    set.profiles[p.name] = p;
  }
}

// The rules a config setting names: by id, by pack name, or by the rule's name alone when no
// other pack has a rule so named (as `sayso explain` takes them).
std::vector<Rule*> rules_named(RuleSet& set, const std::string& id, const std::string& where) {
  std::vector<Rule*> targets;
  for (auto& r : set.rules)  // an id or a whole pack name
    if (r.id == id || r.id.rfind(id + ".", 0) == 0) targets.push_back(&r);
  if (!targets.empty()) return targets;
  std::vector<std::string> same_name;
  for (auto& r : set.rules)
    if (rule_name_without_pack(r.id) == id) {
      targets.push_back(&r);
      same_name.push_back("'" + r.id + "'");
    }
  if (targets.size() == 1) return targets;
  if (targets.size() > 1)
    throw RuleError(fmt::format("{}: more than one pack has a rule called '{}': write {}", where,
                                id, join_list(same_name, " or ")));
  const std::string close = closest_rule_id(set, id);
  throw RuleError(fmt::format("{}: unknown rule '{}'.{} (sayso rules list shows them all)", where,
                              id, close.empty() ? "" : fmt::format(" Did you mean '{}'?", close)));
}

// A severity from the user's config is the severity of every finding of the rule: the milder
// ones a rule gives some findings (`variant_severity: info` for a US spelling) take it too, so
// `spelling.unknown-word: error` fails a build on "analyze" as well as on "recieve".
void set_severity_from_config(Rule& rule, const std::string& id, const RuleSetting& setting) {
  const auto level = parse_severity(*setting.severity);
  if (!level) {
    const std::string close =
        closest_name(*setting.severity, {"error", "warning", "info", "hint", "off"});
    throw RuleError(fmt::format(
        "{}: rule {}: '{}' is not a severity. Write error, warning, info or hint, or off to turn "
        "the rule off.{}",
        setting.where, id, *setting.severity,
        close.empty() ? "" : fmt::format(" Did you mean '{}'?", close)));
  }
  rule.severity = *level;
  rule.severity_in.clear();  // the config's word is the last
  std::vector<std::string> milder_keys;
  for (const DataNode& field : rule.node.children())
    if (field.key().ends_with("_severity")) milder_keys.push_back(field.key());
  for (const std::string& key : milder_keys)
    rule.node.set(key, DataNode::text(std::string(severity_name(*level))));
}

// "file:line" as (file, line), to sort settings in the order they are written.
std::pair<std::string_view, unsigned long> where_order(std::string_view where) {
  const std::size_t colon = where.rfind(':');
  if (colon == std::string_view::npos) return {where, 0};
  unsigned long line = 0;
  for (char c : where.substr(colon + 1)) {
    if (c < '0' || c > '9') return {where, 0};
    line = line * 10 + static_cast<unsigned long>(c - '0');
  }
  return {where.substr(0, colon), line};
}

// "file:line: what is wrong" as (file, line); a message without them sorts first.
std::pair<std::string_view, unsigned long> message_order(std::string_view message) {
  for (std::size_t colon = message.find(':'); colon != std::string_view::npos;
       colon = message.find(':', colon + 1)) {
    std::size_t end = colon + 1;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9') ++end;
    if (end > colon + 1 && end < message.size() && message[end] == ':')
      return where_order(message.substr(0, end));
  }
  return {"", 0};
}

// One entry of the user's `rules:` (by rule id, pack or rule name): on, off, a severity, settings.
void apply_rule_setting(RuleSet& set, const std::string& id, const RuleSetting& setting) {
  const std::vector<Rule*> targets = rules_named(set, id, setting.where);
  for (Rule* rule : targets) {
    if (setting.enabled) rule->enabled = *setting.enabled;
    if (setting.severity) {
      set_severity_from_config(*rule, id, setting);
      // `plain-english: off` then `plain-english.wordy-words: error`: the rule named on its
      // own is wanted (a pack's name sorts before its rules', so it was applied first).
      if (targets.size() == 1 && !setting.enabled) rule->enabled = true;
    }
    if (targets.size() == 1 && setting.parameters && setting.parameters.IsMap()) {
      merge_parameters(*rule, config_parameters(setting), setting.where);
      rule->parameters_set_at = setting.where;
    }
  }
}

void apply_word_lists(RuleSet& set, const Config& config);
void apply_profile(RuleSet& set, const Config& config);

void apply_profile_and_config(RuleSet& set, const Config& config) {
  // Every mistake in the user's settings is named at once, each at its line, not one per try:
  // (where, what) pairs.
  std::vector<std::pair<std::string, std::string>> mistakes;
  try {
    apply_profile(set, config);
  } catch (const RuleError& e) {
    mistakes.emplace_back(config.profile_where, e.what());
  }
  for (const auto& [id, setting] : config.rules) {
    try {
      apply_rule_setting(set, id, setting);
    } catch (const RuleError& e) {
      mistakes.emplace_back(setting.where, e.what());
    }
  }
  if (mistakes.empty()) return apply_word_lists(set, config);
  // In the order they are written (the settings are kept sorted by rule id).
  std::stable_sort(mistakes.begin(), mistakes.end(), [](const auto& x, const auto& y) {
    return where_order(x.first) < where_order(y.first);
  });
  std::string lines;  // one mistake a line, each with its file:line
  for (const auto& [where, text] : mistakes) lines += (lines.empty() ? "" : "\n") + text;
  throw RuleError(lines);
}

// The funder profile's settings: its rules' parameters, severities and switches.
void apply_profile(RuleSet& set, const Config& config) {
  if (!config.profile.empty()) {
    auto it = set.profiles.find(config.profile);
    if (it == set.profiles.end()) {
      std::vector<std::string> names;
      for (const auto& [name, p] : set.profiles) names.push_back(name);
      const std::string close = closest_name(config.profile, names);
      const std::string where = !config.profile_where.empty() ? config.profile_where
                                : config.file.empty()         ? std::string("--profile")
                                                              : config.file;
      throw RuleError(fmt::format("{}: unknown profile '{}'.{} (known: {})", where, config.profile,
                                  close.empty() ? "" : fmt::format(" Did you mean '{}'?", close),
                                  join_list(names, ", ")));
    }
    const Profile& profile = it->second;
    for (const DataNode& setting : profile.rules.children()) {
      const std::string& id = setting.key();
      auto rule = std::find_if(set.rules.begin(), set.rules.end(),
                               [&](const Rule& r) { return r.id == id; });
      std::string where_text = fmt::format("{}:{}", profile.file, setting.key_line());
      if (rule == set.rules.end())
        throw RuleError(fmt::format("{}: unknown rule '{}'", where_text, id));
      if (setting.is_text() && setting.value() == "off")
        rule->enabled = false;
      else
        merge_parameters(*rule, setting, where_text);
      if (setting["severity"]) {
        auto s = parse_severity(setting["severity"].value());
        if (!s) throw RuleError(fmt::format("{}: rule {}: unknown severity", where_text, id));
        rule->severity = *s;
        rule->severity_in.clear();  // the profile's word is the last
      }
    }
  }
}

void apply_word_lists(RuleSet& set, const Config& config) {
  // The user's own word list applies to every project; read it once per rule set.
  std::vector<std::string> user_words;
  if (const std::string user_dictionary = user_dictionary_path(); !user_dictionary.empty()) {
    try {
      user_words = read_word_list(user_dictionary);
    } catch (const ConfigError&) {
      // An unreadable personal word list must not stop a project's checks.
    }
  }
  for (auto& rule : set.rules) {
    // The acronym kind asks the dictionary whether a word in capitals is an ordinary word.
    if (rule.kind == "acronym")
      rule.node.set("language", DataNode::text(config.spelling_language()));
    if (rule.kind != "spelling") continue;
    rule.node.set("language", DataNode::text(config.spelling_language()));
    DataNode* words = rule.node.find("words");
    if (words == nullptr) words = &rule.node.set("words", DataNode::list());
    if (words->is_map()) continue;  // the spelling kind reports it, with its line
    for (const auto& w : config.words) words->push_back(DataNode::text(w));
    for (const auto& w : user_words) words->push_back(DataNode::text(w));
  }
}

void load_sections_of(const std::string& rules_dir, SectionClassifier& classifier,
                      YamlCache* cache) {
  const fs::path root(rules_dir);
  if (!is_folder(root))
    throw RuleError(fmt::format("{}: the rules folder does not exist", rules_dir));
  if (exists_here(root / "sections.yml")) load_sections(root / "sections.yml", classifier, cache);
}

// A checklist item left to another rule (`asked_by`) must name a rule, as `defers_to` must.
void check_asked_by(const Rule& r, const std::set<std::string>& ids,
                    const std::set<std::string>& packs) {
  const DataNode& items = r.node["items"];
  if (!items.is_list()) return;
  for (const DataNode& item : items.children()) {
    const DataNode& other = item["asked_by"];
    if (!other.is_text()) continue;
    const std::string& id = other.value();
    if (id == r.id)
      Where{r.file, r.id}.fail(other.line(), "an item cannot be asked by its own rule");
    if (!ids.count(id) && packs.count(id.substr(0, id.find('.'))))
      Where{r.file, r.id}.fail(other.line(), fmt::format("'asked_by' names '{}', which is not a "
                                                         "rule of its pack (see sayso rules list)",
                                                         id));
  }
}

// A rule may defer to rules of packs that are not loaded (a config can leave a pack out), but
// not to a rule missing from a pack that is: that is a typo. Two rules that defer to each other
// would both fall silent where both speak.
void check_deferrals(const std::vector<Rule>& rules, const std::set<std::string>& ids) {
  std::set<std::string> packs;
  for (const auto& id : ids) packs.insert(id.substr(0, id.find('.')));
  std::set<std::pair<std::string, std::string>> deferrals;
  for (const auto& r : rules) {
    for (const auto& other : r.defers_to) deferrals.insert({r.id, other});
    for (const auto& other : r.defers_to_in_section) deferrals.insert({r.id, other});
  }
  for (const auto& [rule, other] : deferrals)
    if (rule != other && deferrals.count({other, rule}))
      for (const auto& r : rules)
        if (r.id == rule)
          Where{r.file, r.id}.fail(
              r.line,
              fmt::format("it defers to '{}', which defers back to it: one must speak", other));
  for (const auto& r : rules) {
    std::vector<std::string> others = r.defers_to;
    others.insert(others.end(), r.defers_to_in_section.begin(), r.defers_to_in_section.end());
    others.insert(others.end(), r.only_with_in_section.begin(), r.only_with_in_section.end());
    for (const auto& other : others) {
      if (other == r.id) Where{r.file, r.id}.fail(r.line, "a rule cannot defer to itself");
      if (!ids.count(other) && packs.count(other.substr(0, other.find('.'))))
        Where{r.file, r.id}.fail(r.line, fmt::format("'defers_to' names '{}', which is not a rule "
                                                     "of its pack (see sayso rules list)",
                                                     other));
    }
    check_asked_by(r, ids, packs);
    for (const auto& other : r.ignore_sentences_flagged_by)
      if (other == r.id || (!ids.count(other) && packs.count(other.substr(0, other.find('.'))) &&
                            other.find('.') != std::string::npos))
        Where{r.file, r.id}.fail(r.line, fmt::format("'ignore_sentences_flagged_by' names '{}', "
                                                     "which is not another rule of its pack (see "
                                                     "sayso rules list)",
                                                     other));
  }
}

// How a load treats mistakes in rule files (load_rules_leniently).
struct Leniency {
  bool leave_out = false;                // leave broken files out instead of throwing
  std::vector<std::string> blame_first;  // canonical paths blamed for a shared id
};

fs::file_time_type modified(const std::string& file) {
  std::error_code ec;
  const fs::file_time_type time = fs::last_write_time(file, ec);
  return ec ? fs::file_time_type::min() : time;
}

// Of two rules with one id, the one to blame: a contributor's new rule, not the established one
// it copied. That is a file named in `blame_first`, else the file changed last, else the one
// read last.
bool blame_second(const Rule& first, const Rule& second, const std::vector<std::string>& blame) {
  const auto named = [&](const Rule& r) {
    return std::find(blame.begin(), blame.end(), canonical_name(r.file)) != blame.end();
  };
  if (named(first) != named(second)) return named(second);
  return modified(second.file) >= modified(first.file);
}

// Two rules may not share an id: the one blamed is taken out, and its mistake names both places.
void check_duplicate_ids(std::vector<Rule>& rules, const std::vector<std::string>& blame,
                         std::vector<RuleProblem>& problems) {
  std::map<std::string, std::size_t> first_with;  // id -> index of the rule kept so far
  std::vector<bool> blamed(rules.size(), false);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto [seen, added] = first_with.emplace(rules[i].id, i);
    if (added) continue;
    const std::size_t kept = blame_second(rules[seen->second], rules[i], blame) ? seen->second : i;
    const std::size_t out = kept == i ? seen->second : i;
    const Rule& other = rules[kept];
    try {
      Where{rules[out].file, rules[out].id}.fail(
          rules[out].line, fmt::format("another rule has this id already, at {}:{}. Give this "
                                       "rule an id of its own.",
                                       other.file, other.line));
    } catch (const RuleError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
    blamed[out] = true;
    seen->second = kept;
  }
  std::size_t next = 0;
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (!blamed[i]) {
      if (next != i) rules[next] = std::move(rules[i]);  // a self-move would empty the rule
      ++next;
    }
  rules.erase(rules.begin() + static_cast<std::ptrdiff_t>(next), rules.end());
}

// What sayso leaves out of a rules folder without a word of its own: folders of rule files with
// no pack.yml, and rule files at the top of the folder. A contributor who put a rule there
// should hear why it never runs.
void note_left_out_files(const fs::path& root, std::vector<std::string>& notes) {
  std::error_code ec;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code link_ec;
    if (it->is_symlink(link_ec) && !exists_here(it->path()))
      notes.push_back(fmt::format(
          "{}: this link leads nowhere (a broken link or a loop), so sayso leaves it out.",
          it->path().string()));
  }
  for (const auto& dir : sorted_entries(root, true))
    if (dir.filename() != "profiles" && !exists_here(dir / "pack.yml") &&
        !sorted_entries(dir, false).empty())
      notes.push_back(fmt::format(
          "{}: this folder has rule files but no pack.yml, so sayso leaves it out. A pack "
          "folder needs a pack.yml (see rules/CONTRIBUTING.md).",
          dir.string()));
  for (const auto& file : sorted_entries(root, false))
    if (file.filename() != "sections.yml")
      notes.push_back(fmt::format(
          "{}: a rule file at the top of the rules folder is left out. Put it in a pack folder.",
          file.string()));
}

// `disable_packs: [spelin]` would turn nothing off without a word.
void check_disabled_packs(const std::vector<std::string>& names, const Config& config) {
  for (const auto& name : config.disabled_packs) {
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    const auto at = config.disabled_packs_where.find(name);
    throw RuleError(fmt::format(
        "{}: disable_packs names '{}', which is not a pack.{} (sayso rules list shows the rules "
        "of each pack)",
        at != config.disabled_packs_where.end() ? at->second : config.file, name,
        did_you_mean(name, names)));
  }
}

// The pack folders to load: the rules folder's, as the config chooses them, and the config's
// own. A pack of your own with the name of a built-in one (a copy being changed) replaces it.
std::vector<fs::path> pack_folders(const fs::path& root, const Config& config) {
  std::vector<fs::path> pack_dirs;
  std::vector<std::string> names;  // every pack there is, chosen or not
  for (const auto& dir : sorted_entries(root, true))
    if (dir.filename() != "profiles" && exists_here(dir / "pack.yml")) {
      pack_dirs.push_back(dir);
      names.push_back(dir.filename().string());
    }
  for (const auto& extra : config.packs) names.push_back(fs::path(extra).filename().string());
  check_disabled_packs(names, config);
  if (!config.only_packs.empty()) {  // `extends: [pack:NAME]` chooses the built-in packs
    for (const auto& name : config.only_packs)
      if (std::none_of(pack_dirs.begin(), pack_dirs.end(),
                       [&](const fs::path& d) { return d.filename() == name; }))
        throw RuleError(fmt::format(
            "{}: no built-in pack '{}' (see sayso rules list)",
            config.only_packs_where.count(name) ? config.only_packs_where.at(name) : config.file,
            name));
    std::erase_if(pack_dirs, [&](const fs::path& d) {
      return std::find(config.only_packs.begin(), config.only_packs.end(), d.filename().string()) ==
             config.only_packs.end();
    });
  }
  for (const auto& extra : config.packs) {
    const fs::path own(extra);
    std::erase_if(pack_dirs, [&](const fs::path& d) { return d.filename() == own.filename(); });
    pack_dirs.push_back(own);
  }
  std::erase_if(pack_dirs, [&](const fs::path& d) {
    return std::find(config.disabled_packs.begin(), config.disabled_packs.end(),
                     d.filename().string()) != config.disabled_packs.end();
  });
  return pack_dirs;
}

RuleSet load_with(const std::string& rules_dir, const std::vector<std::string>& only,
                  const Config& config, YamlCache* cache, const SectionClassifier* sections,
                  const Leniency& leniency) {
  RuleSet set;
  set.rules_dir = rules_dir;
  const fs::path root(rules_dir);
  if (sections && is_folder(root))
    set.sections = *sections;
  else
    load_sections_of(rules_dir, set.sections, cache);
  if (is_folder(root / "profiles")) load_profiles(root / "profiles", set, cache);
  note_left_out_files(root, set.notes);
  std::vector<RuleProblem> problems;
  load_packs(pack_folders(root, config), only, set, cache, problems);
  check_duplicate_ids(set.rules, leniency.blame_first, problems);
  std::set<std::string> ids;
  for (const auto& r : set.rules) ids.insert(r.id);
  try {
    check_deferrals(set.rules, ids);
  } catch (const RuleError& e) {
    problems.insert(problems.end(), e.problems().begin(), e.problems().end());
  }
  apply_profile_and_config(set, config);
  compile_all(set.rules, problems);
  for (std::string& note : shared_swap_phrases(set.rules)) set.notes.push_back(std::move(note));
  if (problems.empty()) return set;
  if (!leniency.leave_out) throw RuleError(problems);
  set.left_out = RuleError(problems).problems();  // in file and line order
  return set;
}

// With a cache folder, rule files are read through a YamlCache (one per rules folder and set of
// extra packs), saved once the rules have loaded.
RuleSet load(const std::string& rules_dir, const std::vector<std::string>& only,
             const Config& config, const SectionClassifier* sections = nullptr,
             const Leniency& leniency = {}) {
  const std::string dir = cache_dir();
  if (dir.empty() || !only.empty())
    return load_with(rules_dir, only, config, nullptr, sections, leniency);
  std::error_code ec;
  std::string key = fs::absolute(rules_dir, ec).lexically_normal().string();
  for (const auto& pack : config.packs) key += "\x1f" + pack;
  YamlCache cache(fmt::format("{}/rules-{:016x}.bin", dir, fnv1a(key)));
  RuleSet set = load_with(rules_dir, only, config, &cache, sections, leniency);
  fs::create_directories(dir, ec);
  cache.save();
  return set;
}

// "file:line: …" lines, in file and then line order (the order of a file's own mistakes).
std::vector<RuleProblem> in_file_order(std::vector<RuleProblem> problems) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const RuleProblem& a, const RuleProblem& b) {
                     return std::tie(a.file, a.line) < std::tie(b.file, b.line);
                   });
  return problems;
}

std::string one_a_line(const std::vector<RuleProblem>& problems) {
  std::string out;
  for (const RuleProblem& p : problems) out += (out.empty() ? "" : "\n") + p.text;
  return out;
}

}  // namespace

RuleError::RuleError(RuleProblem problem)
    : std::runtime_error(problem.text), problems_{std::move(problem)} {}

RuleError::RuleError(std::vector<RuleProblem> problems)
    : std::runtime_error(one_a_line(in_file_order(problems))),
      problems_(in_file_order(std::move(problems))) {}

bool is_yaml_file_name(const std::string& name) {
  const std::string extension = fs::path(name).extension().string();
  return extension == ".yml" || extension == ".yaml";
}

std::string rule_id_problem(const std::string& id) {
  const std::size_t dot = id.find('.');
  const bool well_formed =
      dot != std::string::npos && dot > 0 && dot + 1 < id.size() &&
      id.find('.', dot + 1) == std::string::npos && id.front() != '-' && id.back() != '-' &&
      std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      });
  if (well_formed) return "";
  return fmt::format(
      "the id '{}' must be the pack's name, a dot and the rule's name, in small letters, digits "
      "and dashes (-), like involvement.hard-to-reach",
      id);
}

const Rule* RuleSet::find(const std::string& id) const {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

std::string default_rules_dir() {
  if (const char* env = std::getenv("SAYSO_RULES"); env && *env) return env;
  char buffer[4096];
  ssize_t n = readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
  if (n > 0) {
    fs::path exe_dir = fs::path(std::string(buffer, static_cast<std::size_t>(n))).parent_path();
    for (const fs::path& candidate :
         {exe_dir / ".." / "rules", exe_dir / ".." / "share" / "sayso" / "rules"})
      if (exists_here(candidate / "sections.yml")) return candidate.lexically_normal().string();
  }
  return SAYSO_SOURCE_RULES_DIR;
}

// Through a cache file of its own: a document can be read with these as soon as they are loaded,
// while the rest of the rules load (and their larger cache file is read) on another core.
SectionClassifier load_section_aliases(const std::string& rules_dir) {
  SectionClassifier classifier;
  const std::string dir = cache_dir();
  if (dir.empty()) {
    load_sections_of(rules_dir, classifier, nullptr);
    return classifier;
  }
  std::error_code ec;
  const std::string key = fs::absolute(rules_dir, ec).lexically_normal().string();
  YamlCache cache(fmt::format("{}/sections-{:016x}.bin", dir, fnv1a(key)));
  load_sections_of(rules_dir, classifier, &cache);
  fs::create_directories(dir, ec);
  cache.save();
  return classifier;
}

RuleSet load_rules(const std::string& rules_dir, const Config& config,
                   const SectionClassifier* sections) {
  return load(rules_dir, {}, config, sections);
}

RuleSet load_rules_from(const std::string& rules_dir, const std::vector<std::string>& only_paths,
                        const Config& config) {
  std::vector<std::string> canonical;
  for (const auto& p : only_paths) canonical.push_back(canonical_name(p));
  return load(rules_dir, canonical, config);
}

RuleSet load_rules_leniently(const std::string& rules_dir, const Config& config,
                             const std::vector<std::string>& blame_first) {
  return load(rules_dir, {}, config, nullptr, Leniency{true, blame_first});
}

std::string all_settings_mistakes(const ConfigError& error, const std::string& rules_dir) {
  std::vector<std::string> lines;
  const auto add_lines = [&](std::string_view text) {
    for (std::size_t start = 0; start <= text.size();) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      if (end > start) lines.emplace_back(text.substr(start, end - start));
      start = end + 1;
    }
  };
  add_lines(error.what());
  if (error.usable() == nullptr) return error.what();
  try {
    load_rules_leniently(rules_dir, *error.usable());
  } catch (const std::exception& rules) {
    add_lines(rules.what());
  }
  std::stable_sort(lines.begin(), lines.end(), [](const std::string& x, const std::string& y) {
    return message_order(x) < message_order(y);
  });
  std::string joined;
  for (const std::string& line : lines) joined += (joined.empty() ? "" : "\n") + line;
  return joined;
}

}  // namespace sayso
