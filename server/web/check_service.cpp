#include "web/check_service.h"

#include <fmt/format.h>

#include "core/user_json.h"
#include "engine/section_figures.h"
#include "formats/format.h"
#include "report/json.h"
#include "web/api_error.h"
#include "web/api_json.h"
#include "web/page_wording.h"

namespace sayso::web {
namespace {

std::string optional_text_field(const nlohmann::json& body, const char* key,
                                const std::string& fallback) {
  if (!body.contains(key) || body[key].is_null()) return fallback;
  if (!body[key].is_string()) throw ApiError(400, fmt::format("'{}' must be a text.", key));
  return body[key].get<std::string>();
}

Config linter_config(const std::string& profile, const std::string& document) {
  Config config;
  config.profile = profile;
  config.document = document;
  return config;
}

}  // namespace

bool is_known_text_kind(const std::string& kind) {
  return kind == "plain-english-summary" || kind == "involvement" || kind == "application";
}

std::string headless_kind_for(const std::string& text_kind) {
  return text_kind == "application" ? "document" : text_kind;
}

CheckRequest parse_check_request(const std::string& body) {
  const UserJson parsed = parse_user_json(body);
  if (parsed.outcome == UserJson::Outcome::TooDeep)
    throw ApiError(400, "The request is not read: " + parsed.problem + ".");
  if (parsed.outcome == UserJson::Outcome::NotJson && !is_valid_utf8(body)) refuse_body_not_utf8();
  if (parsed.outcome == UserJson::Outcome::NotJson)
    throw ApiError(400, "The request is not valid JSON (" + parsed.problem +
                            "). Send a JSON object with a 'text' field.");
  const nlohmann::json& json = parsed.value;
  if (!json.is_object())
    throw ApiError(400, "The request must be a JSON object with a 'text' field.");
  if (!json.contains("text") || !json["text"].is_string())
    throw ApiError(400, "The request needs 'text': the text to check.");
  CheckRequest request;
  request.text = json["text"].get<std::string>();
  request.kind = optional_text_field(json, "kind", request.kind);
  request.profile = optional_text_field(json, "profile", "");
  // Without a format, a text with a Markdown heading ("# Methods") is Markdown, as the page
  // decides: a client that follows the documented {text, kind, profile} got an application's
  // headings read as words, and "no summary section" errors.
  std::string format = optional_text_field(json, "format", "auto");
  if (format != "text" && format != "markdown" && format != "auto")
    throw ApiError(400, "'format' must be text, markdown or auto.");
  if (format == "auto") format = has_markdown_heading(request.text) ? "markdown" : "text";
  request.filename = format == "markdown" ? "text.md" : "text.txt";
  return request;
}

void refuse_body_not_utf8() {
  throw ApiError(400,
                 "The text has bytes that are not UTF-8, so it cannot be read as JSON. Send it as "
                 "UTF-8, or send the file's own bytes to /api/check-file, which reads other "
                 "encodings too.");
}

LoadedText load_text(const CheckRequest& request, const SectionClassifier& sections) {
  LoadOptions options;
  options.headless_kind = headless_kind_for(request.kind);
  LoadResult loaded = load_document(request.filename, request.text, sections, options);
  LoadedText out;
  if (!loaded.ok) {
    out.error = loaded.error;
    return out;
  }
  out.doc = std::make_shared<Document>(std::move(loaded.doc));
  out.doc->rebuild_index();
  return out;
}

CheckService::CheckService(std::string rules_dir, std::size_t max_document_bytes)
    : rules_dir_(rules_dir.empty() ? default_rules_dir() : std::move(rules_dir)),
      max_document_bytes_(max_document_bytes) {
  base_ = &profile("");
}

std::unique_ptr<CheckService::LoadedProfile> CheckService::load_profile(
    const std::string& name) const {
  auto loaded = std::make_unique<LoadedProfile>();
  loaded->rules = std::make_unique<RuleSet>(load_rules(rules_dir_, linter_config(name, "")));
  loaded->fragment_linter =
      std::make_unique<Linter>(*loaded->rules, linter_config(name, "fragment"));
  loaded->application_linter =
      std::make_unique<Linter>(*loaded->rules, linter_config(name, "application"));
  return loaded;
}

CheckService::LoadedProfile& CheckService::profile(const std::string& name) {
  std::lock_guard<std::mutex> lock(profiles_mutex_);
  auto found = profiles_.find(name);
  if (found != profiles_.end()) return *found->second;
  if (base_ && !base_->rules->profiles.count(name)) {
    std::vector<std::string> known;
    for (const auto& [profile_name, p] : base_->rules->profiles) known.push_back(profile_name);
    throw ApiError(400, fmt::format("There is no funder profile called '{}'. Choose one of: {}.",
                                    name, fmt::join(known, ", ")));
  }
  return *profiles_.emplace(name, load_profile(name)).first->second;
}

nlohmann::json CheckService::check(const CheckRequest& request) {
  if (!is_known_text_kind(request.kind))
    throw ApiError(400, "'kind' must be plain-english-summary, involvement or application.");
  if (request.text.size() > max_document_bytes_)
    throw ApiError(
        413, fmt::format("The text is too long: the limit is {} bytes.", max_document_bytes_));
  LoadedProfile& loaded = profile(request.profile);
  LoadedText text = load_text(request, loaded.rules->sections);
  if (!text.doc) throw ApiError(422, "sayso could not read this file: " + text.error + ".");
  const Document& doc = *text.doc;
  std::vector<Diagnostic> diagnostics;
  std::vector<SectionFigures> figures;
  {
    std::lock_guard<std::mutex> lock(loaded.lint_mutex);
    const Linter& linter =
        request.kind == "application" ? *loaded.application_linter : *loaded.fragment_linter;
    diagnostics = linter.lint(doc).diagnostics;
    figures = section_figures(linter, doc);
  }
  return {{"kind", request.kind},
          {"profile", request.profile},
          {"format", doc.format},
          {"sections", sections_json(doc)},
          {"diagnostics", diagnostics_with_utf16(doc, diagnostics,
                                                 request.positions_in_text_as_sent
                                                     ? Utf16Origin::TextAsSent
                                                     : Utf16Origin::AfterByteOrderMark)},
          {"summary", findings_summary(diagnostics)},
          {"figures", figures_json(figures, *loaded.rules, doc)},
          {"sentence_words", sentence_word_counts(doc)},
          {"targets", readability_targets_json(*loaded.rules)}};
}

const std::string& CheckService::rules_catalogue_json() {
  std::call_once(catalogue_once_, [this] {
    nlohmann::json rules = nlohmann::json::array();
    for (const Rule& rule : base_->rules->rules) rules.push_back(rule_json(rule, *base_->rules));
    catalogue_json_ = nlohmann::json{{"rules", rules}}.dump();
  });
  return catalogue_json_;
}

nlohmann::json CheckService::profiles_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, p] : base_->rules->profiles)
    out.push_back({{"name", name},
                   {"description", p.description},
                   {"page_description", page_message(p.description, "")}});
  return out;
}

}  // namespace sayso::web
