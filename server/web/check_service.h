// What the API does with the engine: checks texts and uploaded files for a chosen kind of text
// and funder profile, describes the rules, and keeps one loaded rule set per profile.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document.h"
#include "engine/linter.h"
#include "engine/ruleset.h"

namespace sayso::web {

struct CheckRequest {
  std::string text;
  std::string kind = "plain-english-summary";  // plain-english-summary | involvement | application
  std::string profile;                         // "" = no funder profile
  std::string filename = "text.txt";           // decides the front end; never opened
  // Positions count from the text's first byte, a byte-order mark too (the page keeps a pasted
  // U+FEFF in its text box); false: from after it (an opened file's text is handed back without).
  bool positions_in_text_as_sent = true;
};

// Reads {"text", "kind", "profile", "format"} from a JSON request body. Throws ApiError (400),
// saying so when the body is not UTF-8.
CheckRequest parse_check_request(const std::string& body);

// The 400 for a JSON body that is not UTF-8 (nlohmann refuses it, as JSON requires UTF-8).
[[noreturn]] void refuse_body_not_utf8();

// The kinds of text the page offers, and how each is read.
bool is_known_text_kind(const std::string& kind);
// What a text with no headings is, for a kind of text ("application" → "document").
std::string headless_kind_for(const std::string& text_kind);

// Loads `text` as a document of the given kind, with the given section aliases.
// Returns an error message in `error` when the bytes cannot be read as a document.
struct LoadedText {
  std::shared_ptr<Document> doc;
  std::string error;
};
LoadedText load_text(const CheckRequest& request, const SectionClassifier& sections);

class CheckService {
 public:
  // Loads the rules without a profile at once, so that a broken rules folder fails at start.
  // Throws RuleError.
  CheckService(std::string rules_dir, std::size_t max_document_bytes);

  // {"sections", "diagnostics", "figures", "summary", "kind", "profile", "format",
  // "sentence_words", "targets"}; throws ApiError.
  nlohmann::json check(const CheckRequest& request);
  // Every rule with its explanation, examples and provenance (computed once).
  const std::string& rules_catalogue_json();
  // The funder profiles: [{"name", "description", "page_description"}] (page_wording.h).
  nlohmann::json profiles_json() const;
  // The section aliases, for reading draft rules' examples and texts like the real rules do.
  const SectionClassifier& sections() const { return base_->rules->sections; }
  std::size_t max_document_bytes() const { return max_document_bytes_; }

 private:
  struct LoadedProfile {
    std::unique_ptr<RuleSet> rules;
    std::unique_ptr<Linter> fragment_linter, application_linter;
    std::mutex lint_mutex;  // a Linter is not thread-safe
  };
  LoadedProfile& profile(const std::string& name);
  std::unique_ptr<LoadedProfile> load_profile(const std::string& name) const;

  const std::string rules_dir_;
  const std::size_t max_document_bytes_;
  std::mutex profiles_mutex_;
  std::map<std::string, std::unique_ptr<LoadedProfile>> profiles_;
  LoadedProfile* base_ = nullptr;  // the rules without a profile
  std::once_flag catalogue_once_;
  std::string catalogue_json_;
};

}  // namespace sayso::web
