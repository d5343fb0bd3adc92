// required-sections: a whole application must have these sections, in this order.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/sections.h"
#include "engine/kinds/factories.h"

namespace sayso {
namespace {

class RequiredSectionsCheck : public RuleCheck {
 public:
  RequiredSectionsCheck(std::vector<std::string> required, std::vector<std::string> order,
                        std::optional<Severity> order_severity,
                        std::map<std::string, std::vector<std::string>> look_alikes)
      : required_(std::move(required)),
        order_(std::move(order)),
        order_severity_(order_severity),
        look_alikes_(std::move(look_alikes)) {}

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    if (!ctx.whole_application) return;  // a fragment is judged as what it is
    const Document& doc = ctx.doc;
    std::set<std::string> present;
    for (const Section& s : doc.sections) {
      present.insert(s.kind);
      present.insert(s.also_kinds.begin(), s.also_kinds.end());
    }
    const std::size_t start = doc.source.content_begin;
    for (const auto& kind : required_) {
      if (present.count(kind)) continue;
      Diagnostic d =
          ctx.make(start, start,
                   {{"missing", kind}, {"section", section_kind_heading(kind)}, {"match", ""}});
      d.whole_section = true;
      if (const Section* s = look_alike(doc, kind))
        d.message += fmt::format(
            " Is '{}' that section? If so, a heading such as '{}' lets reviewers find it.",
            s->title, section_kind_heading(kind));
      out.push_back(std::move(d));
    }
    check_order(ctx, out);
  }

 private:
  // Whether `words` stand in `text` as whole words ("public" is not in "publications"); a final
  // '*' lets the last word go on ("carer*": carers).
  static bool has_words(const std::string& text, const std::string& words) {
    const bool prefix = !words.empty() && words.back() == '*';
    const std::string wanted = prefix ? words.substr(0, words.size() - 1) : words;
    const auto is_letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t at = text.find(wanted); at != std::string::npos;
         at = text.find(wanted, at + 1)) {
      const std::size_t end = at + wanted.size();
      if ((at == 0 || !is_letter(text[at - 1])) &&
          (prefix || end == text.size() || !is_letter(text[end])))
        return true;
    }
    return false;
  }

  // A section under a heading of no known kind whose heading has a word that suggests the
  // missing kind under another name ("Working with experts by experience" for involvement).
  const Section* look_alike(const Document& doc, const std::string& kind) const {
    const auto words = look_alikes_.find(kind);
    if (words == look_alikes_.end()) return nullptr;
    for (const Section& s : doc.sections) {
      if (!s.has_heading() || s.kind != "other") continue;
      std::string title = s.title;
      for (char& c : title) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (const std::string& word : words->second)
        if (has_words(title, word)) return &s;
    }
    return nullptr;
  }

  void check_order(const CheckContext& ctx, std::vector<Diagnostic>& out) const {
    if (order_.empty()) return;
    int highest = -1;
    std::string highest_kind;
    for (std::size_t i = 0; i < ctx.doc.sections.size(); ++i) {
      const Section& s = ctx.doc.sections[i];
      auto it = std::find(order_.begin(), order_.end(), s.kind);
      if (it == order_.end() || !s.has_heading()) continue;
      int rank = static_cast<int>(it - order_.begin());
      if (rank < highest) {
        auto [b, e] = ctx.section_anchor(i);
        Diagnostic d = ctx.make(b, e, {{"missing", s.kind}, {"match", ""}});
        d.whole_section = true;
        d.message = fmt::format("'{}' usually comes before '{}'. Readers expect this order.",
                                s.title, highest_kind);
        // Advice, not a missing part: its own severity when the rule gives one.
        if (order_severity_) soften(d, order_severity_);
        out.push_back(std::move(d));
      } else if (rank > highest) {
        highest = rank;
        highest_kind = s.title;
      }
    }
  }

  std::vector<std::string> required_, order_;
  std::optional<Severity> order_severity_;
  std::map<std::string, std::vector<std::string>> look_alikes_;  // kind → heading words
};

// `look_alikes: {involvement: [public, lived experience]}`: optional, words (lower case) in a
// heading that suggest the missing kind.
std::map<std::string, std::vector<std::string>> read_look_alikes(const Rule& rule) {
  std::map<std::string, std::vector<std::string>> out;
  const DataNode& map = rule.node["look_alikes"];
  if (map.is_empty()) return out;
  if (!map.is_map())
    throw KindError{"'look_alikes' must map a section kind to words in headings", map.line()};
  const auto& known = canonical_section_kinds();
  for (const DataNode& words : map.children()) {
    if (std::find(known.begin(), known.end(), words.key()) == known.end())
      throw KindError{fmt::format("'look_alikes' names an unknown section kind '{}'", words.key()),
                      words.key_line()};
    std::vector<std::string>& list = out[words.key()];
    for (std::string word : param_strings(map, words.key().c_str(), true)) {
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      list.push_back(std::move(word));
    }
  }
  return out;
}

void check_kinds(const Rule& rule, const char* key, const std::vector<std::string>& kinds) {
  const auto& known = canonical_section_kinds();
  for (const auto& k : kinds)
    if (std::find(known.begin(), known.end(), k) == known.end())
      throw KindError{fmt::format("'{}' names an unknown section kind '{}'", key, k),
                      rule.node[key].line()};
}

}  // namespace

std::shared_ptr<RuleCheck> make_required_sections_check(const Rule& rule) {
  std::vector<std::string> sections = param_strings(rule.node, "sections", true);
  std::vector<std::string> order = param_strings(rule.node, "order", false);
  check_kinds(rule, "sections", sections);
  check_kinds(rule, "order", order);
  return std::make_shared<RequiredSectionsCheck>(std::move(sections), std::move(order),
                                                 optional_severity(rule.node, "order_severity"),
                                                 read_look_alikes(rule));
}

}  // namespace sayso
