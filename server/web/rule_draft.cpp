#include "web/rule_draft.h"

#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "engine/linter.h"
#include "engine/ruleset.h"
#include "formats/format.h"
#include "web/api_error.h"
#include "web/api_json.h"
#include "web/check_service.h"

namespace sayso::web {
namespace fs = std::filesystem;
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// A list field may be a JSON list of texts or one text with an item per line.
std::vector<std::string> text_items(const nlohmann::json& body, const char* key,
                                    std::size_t max_items) {
  std::vector<std::string> items;
  if (!body.contains(key) || body[key].is_null()) return items;
  const nlohmann::json& value = body[key];
  auto add_lines = [&](const std::string& text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      if (std::string item = trimmed(text.substr(start, end - start)); !item.empty())
        items.push_back(item);
      start = end + 1;
    }
  };
  if (value.is_string()) {
    add_lines(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string())
        throw ApiError(400, fmt::format("Each item of '{}' must be a text.", key));
      if (std::string text = trimmed(item.get<std::string>()); !text.empty()) items.push_back(text);
    }
  } else {
    throw ApiError(400, fmt::format("'{}' must be a text or a list of texts.", key));
  }
  if (items.size() > max_items)
    throw ApiError(400, fmt::format("'{}' may have at most {} items; this draft has {}.", key,
                                    max_items, items.size()));
  return items;
}

std::string text_field(const nlohmann::json& body, const char* key, const std::string& fallback) {
  if (!body.contains(key) || body[key].is_null()) return fallback;
  if (!body[key].is_string()) throw ApiError(400, fmt::format("'{}' must be a text.", key));
  std::string value = trimmed(body[key].get<std::string>());
  return value.empty() ? fallback : value;
}

void require_one_of(const std::string& value, const std::vector<std::string>& allowed,
                    const char* key) {
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
    throw ApiError(400, fmt::format("'{}' must be one of: {}.", key, fmt::join(allowed, ", ")));
}

constexpr const char* kSuggestedSource =
    "Suggested by a public contributor with the sayso web page";

std::string default_message(const RuleDraft& draft) {
  if (!draft.say_instead.empty()) return "Try '{suggestion}' instead of '{match}'.";
  if (draft.category == "tokenism")
    return "'{match}' can sound like token involvement. Say what people will really do.";
  return "'{match}' may be hard to understand. Say it in plain words.";
}

void emit_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& items) {
  out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
  for (const auto& item : items) out << item;
  out << YAML::EndSeq;
}

void emit_kind_fields(YAML::Emitter& out, const RuleDraft& draft) {
  if (draft.say_instead.empty()) {
    emit_list(out, "phrases", draft.look_for);
    return;
  }
  out << YAML::Key << "swap" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  emit_list(out, "instead_of", draft.look_for);
  emit_list(out, "use", draft.say_instead);
  out << YAML::Key << "source" << YAML::Value << kSuggestedSource;
  out << YAML::EndMap << YAML::EndSeq;
}

void emit_rule(YAML::Emitter& out, const RuleDraft& draft) {
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << draft_rule_id(draft);
  out << YAML::Key << "kind" << YAML::Value
      << (draft.say_instead.empty() ? "existence" : "substitution");
  out << YAML::Key << "category" << YAML::Value << draft.category;
  out << YAML::Key << "severity" << YAML::Value << draft.severity;
  out << YAML::Key << "scope" << YAML::Value;
  if (draft.where == "all")
    out << "all";
  else
    out << YAML::Flow << YAML::BeginSeq << draft.where << YAML::EndSeq;
  out << YAML::Key << "message" << YAML::Value
      << (draft.message.empty() ? default_message(draft) : draft.message);
  out << YAML::Key << "explanation" << YAML::Value << draft.why;
  emit_list(out, "sources", {kSuggestedSource});
  out << YAML::Key << "examples" << YAML::Value << YAML::BeginMap;
  emit_list(out, "flag", draft.flag_examples);
  emit_list(out, "pass", draft.pass_examples);
  out << YAML::EndMap;
  emit_list(out, "written_with",
            draft.written_with.empty() ? std::vector<std::string>{"a public contributor"}
                                       : draft.written_with);
  emit_list(out, "reviewed_by", {"pending: the rules group"});
  out << YAML::Key << "status" << YAML::Value << "draft";
  emit_list(out, "decisions",
            {"Drafted with the suggest-a-rule form; not yet reviewed by the rules group."});
  emit_kind_fields(out, draft);
  out << YAML::EndMap;
}

// A private folder holding the draft as a one-rule pack, removed when done.
class TemporaryPack {
 public:
  TemporaryPack() {
    std::string pattern = (fs::temp_directory_path() / "sayso-draft-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw ApiError(500, "sayso could not make a temporary folder to try the rule.");
    root_ = pattern;
    fs::create_directory(root_ / kSuggestedPack);
  }
  ~TemporaryPack() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  TemporaryPack(const TemporaryPack&) = delete;
  TemporaryPack& operator=(const TemporaryPack&) = delete;

  fs::path write(const std::string& rule_yaml) const {
    write_file(
        root_ / kSuggestedPack / "pack.yml",
        fmt::format("name: {}\nversion: 0.0.1\nlicence: CC-BY-4.0\nmaintainers: [sayso web page]\n"
                    "description: Rules drafted with the suggest-a-rule form.\n",
                    kSuggestedPack));
    fs::path file = root_ / kSuggestedPack / "draft.yml";
    write_file(file, rule_yaml);
    return file;
  }
  const fs::path& root() const { return root_; }

 private:
  static void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw ApiError(500, "sayso could not write the draft rule to try it.");
  }
  fs::path root_;
};

// The loader's "file:line: rule id: what" without the temporary file's name and the id.
std::string loader_complaint(const std::string& message, const std::string& file,
                             const std::string& id) {
  std::string out = message;
  if (out.rfind(file, 0) == 0) out = out.substr(file.size());
  if (!out.empty() && out[0] == ':') {
    const auto next = out.find(": ");
    out = next == std::string::npos ? out.substr(1) : out.substr(next + 2);
  }
  const std::string rule_prefix = "rule " + id + ": ";
  if (out.rfind(rule_prefix, 0) == 0) out = out.substr(rule_prefix.size());
  return out;
}

// The draft with the fields that matching never reads filled in, so that it can be tried while it
// is being written: the loader asks for an explanation and a few examples of each sort.
RuleDraft trial_version(RuleDraft draft) {
  constexpr std::size_t kTrialExamples = 5;
  if (draft.why.empty()) draft.why = "Not written yet.";
  for (std::size_t i = draft.flag_examples.size(); i < kTrialExamples; ++i)
    draft.flag_examples.push_back(draft.look_for.front());
  for (std::size_t i = draft.pass_examples.size(); i < kTrialExamples; ++i)
    draft.pass_examples.push_back("A plain sentence.");
  return draft;
}

struct CompiledDraft {
  std::optional<RuleSet> rules;
  std::string complaint;  // why the loader refused it
};

CompiledDraft compile_draft(const std::string& yaml, const std::string& id) {
  TemporaryPack pack;
  const fs::path file = pack.write(yaml);
  CompiledDraft compiled;
  try {
    compiled.rules = load_rules_from(pack.root().string(), {file.string()}, Config{});
  } catch (const RuleError& e) {
    compiled.complaint = loader_complaint(e.what(), file.string(), id);
  }
  return compiled;
}

std::vector<Diagnostic> findings_of(const Linter& linter, const Document& doc,
                                    const std::string& rule_id) {
  std::vector<Diagnostic> found = linter.lint(doc).diagnostics;
  std::erase_if(found, [&](const Diagnostic& d) { return d.rule_id != rule_id; });
  return found;
}

nlohmann::json try_examples(const RuleDraft& draft, const Linter& linter,
                            const SectionClassifier& sections, const std::string& rule_id,
                            std::vector<std::string>& problems) {
  nlohmann::json results = nlohmann::json::array();
  auto try_one = [&](const std::string& example, bool should_flag) {
    CheckRequest request;
    request.text = example;
    request.kind = draft.where == "all" ? "other" : draft.where;
    request.filename = "example.md";
    LoadedText loaded = load_text(request, sections);
    std::vector<std::string> found;
    if (loaded.doc)
      for (const auto& d : findings_of(linter, *loaded.doc, rule_id))
        found.push_back(loaded.doc->source.bytes.substr(d.begin, d.end - d.begin));
    const bool flagged = !found.empty();
    if (flagged != should_flag)
      problems.push_back(should_flag
                             ? fmt::format("The rule does not find anything in \"{}\".", example)
                             : fmt::format("The rule flags \"{}\", which should pass.", example));
    results.push_back({{"text", example},
                       {"should_flag", should_flag},
                       {"flagged", flagged},
                       {"as_expected", flagged == should_flag},
                       {"found", found}});
  };
  for (const auto& example : draft.flag_examples) try_one(example, true);
  for (const auto& example : draft.pass_examples) try_one(example, false);
  return results;
}

nlohmann::json try_text(const TextToCheck& text, const Linter& linter,
                        const SectionClassifier& sections, const std::string& rule_id) {
  if (text.text.empty()) return nlohmann::json::array();
  CheckRequest request;
  request.text = text.text;
  request.kind = text.kind;
  LoadedText loaded = load_text(request, sections);
  if (!loaded.doc) return nlohmann::json::array();
  return diagnostics_with_utf16(*loaded.doc, findings_of(linter, *loaded.doc, rule_id));
}

}  // namespace

RuleDraft parse_rule_draft(const nlohmann::json& body) {
  if (!body.is_object()) throw ApiError(400, "The draft rule must be a JSON object.");
  RuleDraft draft;
  draft.name = text_field(body, "name", "");
  draft.look_for = text_items(body, "look_for", kMaxDraftPhrases);
  draft.say_instead = text_items(body, "say_instead", kMaxDraftPhrases);
  draft.why = text_field(body, "why", "");
  draft.message = text_field(body, "message", "");
  draft.category = text_field(body, "category", draft.category);
  require_one_of(draft.category, category_names(), "category");
  draft.severity = text_field(body, "severity", draft.severity);
  require_one_of(draft.severity, {"warning", "info", "hint"}, "severity");
  draft.where = text_field(body, "where", draft.where);
  std::vector<std::string> places = canonical_section_kinds();
  places.push_back("all");
  require_one_of(draft.where, places, "where");
  draft.flag_examples = text_items(body, "flag_examples", kMaxDraftExamples);
  draft.pass_examples = text_items(body, "pass_examples", kMaxDraftExamples);
  constexpr std::size_t kMaxGroups = 50;  // who wrote it with: a few groups at most
  draft.written_with = text_items(body, "written_with", kMaxGroups);
  return draft;
}

std::vector<std::string> draft_problems(const RuleDraft& draft) {
  std::vector<std::string> problems;
  if (draft.look_for.empty()) problems.push_back("Add at least one word or phrase to look for.");
  if (draft.why.empty()) problems.push_back("Say why this matters, in plain words.");
  if (draft.flag_examples.empty())
    problems.push_back("Add at least one example that should be flagged.");
  if (draft.pass_examples.empty())
    problems.push_back("Add at least one example that should not be flagged.");
  return problems;
}

std::string draft_rule_id(const RuleDraft& draft) {
  const std::string source = !draft.name.empty()      ? draft.name
                             : draft.look_for.empty() ? ""
                                                      : draft.look_for.front();
  std::string slug;
  for (unsigned char c : source) {
    if (std::isalnum(c))
      slug.push_back(static_cast<char>(std::tolower(c)));
    else if (!slug.empty() && slug.back() != '-')
      slug.push_back('-');
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return fmt::format("{}.{}", kSuggestedPack, slug.empty() ? "new-rule" : slug);
}

std::string draft_yaml(const RuleDraft& draft) {
  YAML::Emitter out;
  out << YAML::Comment(
      "A rule suggested with the sayso web page. To add it, put it in a rule file "
      "of a pack under rules/ and start its id with that pack's name (rules/SCHEMA.md).");
  out << YAML::Newline << YAML::BeginMap << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
  emit_rule(out, draft);
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

nlohmann::json try_rule_draft(const RuleDraft& draft, const TextToCheck& text,
                              const SectionClassifier& sections) {
  std::vector<std::string> problems = draft_problems(draft);
  const std::string id = draft_rule_id(draft);
  nlohmann::json result = {{"id", id},
                           {"yaml", draft_yaml(draft)},
                           {"compiled", false},
                           {"error", nullptr},
                           {"examples", nlohmann::json::array()},
                           {"text_findings", nlohmann::json::array()}};
  if (!draft.look_for.empty()) {
    // The rule exactly as it would be sent must pass the loader; a trial copy is tried meanwhile.
    CompiledDraft compiled = compile_draft(result["yaml"].get<std::string>(), id);
    const std::string exact_complaint = compiled.complaint;
    if (!compiled.rules) {
      if (problems.empty()) problems.push_back("Before it can join the rules: " + exact_complaint);
      compiled = compile_draft(draft_yaml(trial_version(draft)), id);
    }
    if (compiled.rules) {
      Config config;
      config.document = "fragment";
      const Linter linter(*compiled.rules, config);
      result["compiled"] = true;
      result["examples"] = try_examples(draft, linter, sections, id, problems);
      config.document = text.kind == "application" ? "application" : "fragment";
      const Linter text_linter(*compiled.rules, config);
      result["text_findings"] = try_text(text, text_linter, sections, id);
    } else {
      result["error"] = compiled.complaint;
      if (compiled.complaint != exact_complaint || problems.empty())
        problems.push_back("The rule cannot be tried yet: " + compiled.complaint);
    }
  }
  result["problems"] = problems;
  result["ready"] = problems.empty();
  return result;
}

}  // namespace sayso::web
