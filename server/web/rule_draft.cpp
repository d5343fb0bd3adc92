#include "web/rule_draft.h"

#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "engine/linter.h"
#include "engine/phrase_matcher.h"
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

void emit_swap(YAML::Emitter& out, const std::vector<std::string>& instead_of,
               const std::vector<std::string>& use) {
  out << YAML::BeginMap;
  emit_list(out, "instead_of", instead_of);
  emit_list(out, "use", use);
  out << YAML::Key << "source" << YAML::Value << kSuggestedSource;
  out << YAML::EndMap;
}

// The form's "say instead" lines go with its "look for" lines one to one (the first replaces the
// first, the second the second); one "say instead" line replaces every "look for" line. Lists of
// other lengths (a problem the form reports) are tried as if every line could replace any.
void emit_kind_fields(YAML::Emitter& out, const RuleDraft& draft) {
  if (draft.say_instead.empty()) {
    emit_list(out, "phrases", draft.look_for);
    return;
  }
  out << YAML::Key << "swap" << YAML::Value << YAML::BeginSeq;
  if (draft.say_instead.size() == draft.look_for.size()) {
    for (std::size_t i = 0; i < draft.look_for.size(); ++i)
      emit_swap(out, {draft.look_for[i]}, {draft.say_instead[i]});
  } else {
    emit_swap(out, draft.look_for, draft.say_instead);
  }
  out << YAML::EndSeq;
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

// The loader's complaints, one a line ("file:line: rule id: what"), without the temporary
// file's name, the line and the id: the folder is the server's own, and the form has no lines.
std::vector<std::string> loader_complaints(const std::string& message, const std::string& file,
                                           const std::string& id) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    std::string line = message.substr(start, end - start);
    start = end + 1;
    if (const auto at = line.find(file); at != std::string::npos) {
      line = line.substr(at + file.size());
      if (!line.empty() && line[0] == ':') {
        const auto next = line.find(": ");
        line = next == std::string::npos ? line.substr(1) : line.substr(next + 2);
      }
    }
    const std::string rule_prefix = "rule " + id + ": ";
    if (line.rfind(rule_prefix, 0) == 0) line = line.substr(rule_prefix.size());
    if (!trimmed(line).empty()) out.push_back(trimmed(line));
  }
  return out;
}

std::string quoted(const std::string& text) { return "“" + text + "”"; }

std::string number_word(std::size_t n) {
  static const char* const kWords[] = {"no", "one", "two", "three", "four", "five"};
  return n < std::size(kWords) ? kWords[n] : std::to_string(n);
}

// A loader complaint in the form's own words: "'examples' needs at least 2 'pass' texts (it has
// 1)" is "Add one more example that should not be flagged." Others are kept as they are.
std::string in_form_words(const std::string& complaint) {
  static const RE2 kTooFewExamples(
      R"('examples' needs at least (\d{1,6}) '(flag|pass)' texts \(it has (\d{1,6})\))");
  std::size_t needed = 0, has = 0;
  std::string which;
  if (RE2::PartialMatch(complaint, kTooFewExamples, &needed, &which, &has)) {
    const std::size_t more = needed > has ? needed - has : 1;
    return fmt::format("Add {} more {} that should {}be flagged.", number_word(more),
                       more == 1 ? "example" : "examples", which == "pass" ? "not " : "");
  }
  return "Before it can join the rules: " + complaint + ".";
}

// What is wrong with a "look for" line, in the form's words ("" when nothing): text written like
// a pattern, a star inside a word, a phrase that is too long or only stars.
std::string phrase_problem(const std::string& phrase) {
  for (std::size_t i = 0; i + 1 < phrase.size(); ++i)
    if (phrase[i] == '*' && std::isalnum(static_cast<unsigned char>(phrase[i + 1])))
      return fmt::format(
          "{} has a star inside a word, so it is looked for with the star in it. A star works "
          "only at the end of a word ({} finds every word that starts that way) or on its own "
          "(any one word).",
          quoted(phrase), quoted("disseminat*"));
  const std::string problem = PhraseMatcher::problem_with(phrase);
  if (problem.empty()) return "";
  if (problem.rfind("written like a pattern", 0) == 0)
    return fmt::format(
        "{} has symbols in it, like brackets, dots or a line, that sayso looks for as they are, "
        "so it would never be found. Type the words as you would write them, with each way of "
        "saying it on a line of its own. To find any ending, end a word with a star: {}.",
        quoted(phrase), quoted("disseminat*"));
  if (problem.find("more than") != std::string::npos)
    return fmt::format("{} is too long to look for: {}. Keep the few words that matter.",
                       quoted(phrase), problem);
  if (problem.find("only of '*'") != std::string::npos)
    return fmt::format("{} on its own would find every word. Add a word to it.", quoted(phrase));
  return fmt::format("{}: {}.", quoted(phrase), problem);
}

void add_once(std::vector<std::string>& problems, std::string problem) {
  if (std::find(problems.begin(), problems.end(), problem) == problems.end())
    problems.push_back(std::move(problem));
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
  std::vector<std::string> complaints;  // why the loader refused it
};

CompiledDraft compile_draft(const std::string& yaml, const std::string& id) {
  TemporaryPack pack;
  const fs::path file = pack.write(yaml);
  CompiledDraft compiled;
  try {
    compiled.rules = load_rules_from(pack.root().string(), {file.string()}, Config{});
  } catch (const RuleError& e) {
    compiled.complaints = loader_complaints(e.what(), file.string(), id);
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
      add_once(problems, should_flag
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
  return diagnostics_with_utf16(*loaded.doc, findings_of(linter, *loaded.doc, rule_id),
                                Utf16Origin::TextAsSent);
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
  for (const std::string& phrase : draft.look_for)
    if (std::string problem = phrase_problem(phrase); !problem.empty())
      add_once(problems, std::move(problem));
  if (draft.say_instead.size() > 1 && draft.say_instead.size() != draft.look_for.size())
    problems.push_back(fmt::format(
        "There are {} lines to look for and {} lines to say instead. Give one line to say instead "
        "for each line to look for (the first replaces the first, the second the second), or "
        "just one that can replace them all.",
        draft.look_for.size(), draft.say_instead.size()));
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
    // What the loader says is put in the form's words, once; when the form's own checks found
    // something, that already says it in plainer words.
    const bool form_found_problems = !problems.empty();
    CompiledDraft compiled = compile_draft(result["yaml"].get<std::string>(), id);
    if (!compiled.rules) {
      if (!form_found_problems)
        for (const std::string& complaint : compiled.complaints)
          add_once(problems, in_form_words(complaint));
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
      result["error"] = fmt::format("{}", fmt::join(compiled.complaints, "; "));
      if (problems.empty())
        for (const std::string& complaint : compiled.complaints)
          add_once(problems, "The rule cannot be tried yet: " + complaint + ".");
    }
  }
  result["problems"] = problems;
  result["ready"] = problems.empty();
  return result;
}

}  // namespace sayso::web
