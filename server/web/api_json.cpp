#include "web/api_json.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/sections.h"
#include "report/json.h"
#include "web/page_wording.h"

namespace sayso::web {
namespace {

// UTF-16 code units of the text from `from` up to each of `sorted_offsets` (byte offsets).
std::map<std::size_t, std::size_t> utf16_positions(const std::string& bytes, std::size_t from,
                                                   const std::vector<std::size_t>& sorted_offsets) {
  std::map<std::size_t, std::size_t> out;
  std::size_t byte = from, units = 0;
  for (std::size_t offset : sorted_offsets) {
    if (offset < from) {
      out[offset] = 0;
      continue;
    }
    for (; byte < offset && byte < bytes.size(); ++byte) {
      const auto b = static_cast<unsigned char>(bytes[byte]);
      if ((b & 0xC0) != 0x80) units += b >= 0xF0 ? 2 : 1;  // a lead byte starts a code point
    }
    out[offset] = units;
  }
  return out;
}

nlohmann::json text_list_json(const std::vector<std::string>& items) {
  return nlohmann::json(items);
}

std::vector<std::string> yaml_texts(const DataNode& node) {
  if (node.is_text()) return {node.value()};
  std::vector<std::string> out;
  if (!node.is_list()) return out;
  for (const DataNode& item : node.children())
    if (item.is_text()) out.push_back(item.value());
  return out;
}

// What a substitution or existence rule looks for, and the plainer words it offers.
void add_phrases(const Rule& rule, nlohmann::json& j) {
  if (rule.kind == "substitution" && rule.node["swap"].is_list()) {
    nlohmann::json swaps = nlohmann::json::array();
    for (const DataNode& pair : rule.node["swap"].children())
      if (pair.is_map())
        swaps.push_back(
            {{"instead_of", yaml_texts(pair["instead_of"])}, {"use", yaml_texts(pair["use"])}});
    j["swaps"] = swaps;
  }
  if (rule.kind == "existence") j["phrases"] = yaml_texts(rule.node["phrases"]);
}

nlohmann::json scope_json(const Scope& scope) {
  if (scope.all) return {{"all", true}, {"not", false}, {"kinds", nlohmann::json::array()}};
  return {{"all", false}, {"not", scope.negated}, {"kinds", scope.kinds}};
}

std::string relative_rule_file(const Rule& rule, const RuleSet& set) {
  std::error_code ec;
  std::filesystem::path relative = std::filesystem::relative(rule.file, set.rules_dir, ec);
  if (ec || relative.empty()) return std::filesystem::path(rule.file).filename().string();
  return relative.generic_string();
}

}  // namespace

nlohmann::json diagnostics_with_utf16(const Document& doc,
                                      const std::vector<Diagnostic>& diagnostics,
                                      Utf16Origin origin) {
  std::vector<std::size_t> offsets;
  for (const auto& d : diagnostics) {
    offsets.push_back(d.begin);
    offsets.push_back(d.end);
  }
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  const std::size_t from =
      origin == Utf16Origin::TextAsSent ? std::size_t{0} : doc.source.content_begin;
  const auto units = utf16_positions(doc.source.bytes, from, offsets);
  nlohmann::json out = nlohmann::json::array();
  // One walk over the text for all findings: one per finding cost a long line's length each.
  FindingPlaces places(doc, WholeSectionPlace::over_heading);
  for (const auto& d : diagnostics) {
    nlohmann::json j = diagnostic_json(places, d);
    j["utf16_start"] = units.at(d.begin);
    j["utf16_end"] = units.at(d.end);
    j["page_message"] = page_message(d.message, d.category);
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json findings_summary(const std::vector<Diagnostic>& diagnostics) {
  std::map<std::string, std::size_t> by_category, by_severity;
  for (const auto& d : diagnostics) {
    ++by_category[d.category];
    ++by_severity[std::string(severity_name(d.severity))];
  }
  return {
      {"total", diagnostics.size()}, {"by_category", by_category}, {"by_severity", by_severity}};
}

std::string rule_heading(const Rule& rule) {
  if (const DataNode& title = rule.node["title"]; title.is_text() && !title.value().empty())
    return title.value();
  const std::string& message = rule.message;
  if (const auto colon = message.find(':');
      colon != std::string::npos && colon >= 3 && colon <= 60 && message.find('{') > colon)
    return message.substr(0, colon);
  std::string words = rule.id.substr(rule.id.rfind('.') + 1);
  for (char& c : words)
    if (c == '-' || c == '_') c = ' ';
  if (!words.empty() && words[0] >= 'a' && words[0] <= 'z')
    words[0] = static_cast<char>(words[0] - 'a' + 'A');
  return words;
}

namespace {

std::vector<std::size_t> section_sentence_words(const Document& doc, std::size_t index) {
  std::vector<std::size_t> out;
  if (index >= doc.sections.size()) return out;
  const std::size_t begin = doc.sections[index].begin;
  const std::size_t end = doc.sections[last_subsection(doc, index, true)].end;
  for (const Sentence& sentence : doc.sentences) {
    if (sentence.begin < begin || sentence.begin >= end) continue;
    if (doc.blocks[sentence.block].kind == BlockKind::Heading) continue;
    out.push_back(sentence.last_token - sentence.first_token);
  }
  return out;
}

}  // namespace

nlohmann::json figures_json(const std::vector<SectionFigures>& figures, const RuleSet& set,
                            const Document& doc) {
  nlohmann::json out = nlohmann::json::array();
  for (const SectionFigures& f : figures) {
    nlohmann::json checklists = nlohmann::json::array();
    for (const Checklist& c : f.checklists) {
      nlohmann::json items = nlohmann::json::array();
      for (const ChecklistItem& item : c.items)
        items.push_back({{"name", item.name}, {"present", item.present}});
      const Rule* rule = set.find(c.rule_id);
      checklists.push_back({{"rule", c.rule_id},
                            {"heading", rule ? rule_heading(*rule) : c.rule_id},
                            {"present", c.present_count()},
                            {"items", items}});
    }
    nlohmann::json stages = nlohmann::json::array();
    for (const StageLevel& s : f.involvement)
      stages.push_back({{"stage", s.stage}, {"level", s.level}});
    out.push_back(
        {{"section", f.section},
         {"kind", f.kind},
         {"title", f.title},
         {"words", f.words},
         {"word_limit", f.word_limit ? nlohmann::json(*f.word_limit) : nlohmann::json(nullptr)},
         {"characters", f.character_limit ? nlohmann::json(f.characters) : nlohmann::json(nullptr)},
         {"character_limit",
          f.character_limit ? nlohmann::json(*f.character_limit) : nlohmann::json(nullptr)},
         {"sentences", f.sentences},
         {"average_sentence_words", f.average_sentence_words},
         {"longest_sentence_words", f.longest_sentence_words},
         {"sentence_words", section_sentence_words(doc, f.section)},
         {"reading_age", f.reading_age},
         {"flesch_reading_ease", f.flesch_reading_ease},
         {"passive_sentences", f.passive_sentences},
         {"checklists", checklists},
         {"involvement", stages},
         {"highest_involvement_level", f.highest_involvement_level}});
  }
  return out;
}

std::vector<std::size_t> sentence_word_counts(const Document& doc) {
  std::vector<std::size_t> out;
  out.reserve(doc.sentences.size());
  for (const Sentence& s : doc.sentences) out.push_back(s.last_token - s.first_token);
  return out;
}

nlohmann::json rule_json(const Rule& rule, const RuleSet& set) {
  nlohmann::json j = {
      {"id", rule.id},
      {"heading", rule_heading(rule)},
      {"pack", rule.id.substr(0, rule.id.find('.'))},
      {"kind", rule.kind},
      {"category", rule.category},
      {"severity", std::string(severity_name(rule.severity))},
      {"scope", scope_json(rule.scope)},
      {"message", rule.message},
      {"explanation", rule.explanation},
      {"sources", text_list_json(rule.sources)},
      {"examples", {{"flag", rule.examples.flag}, {"pass", rule.examples.pass}}},
      {"written_with", rule.provenance.written_with},
      {"reviewed_by", rule.provenance.reviewed_by},
      {"decisions", rule.provenance.decisions},
      {"status", rule.provenance.status},
      {"enabled", rule.enabled},
      {"file", relative_rule_file(rule, set)},
      {"line", rule.line},
  };
  add_phrases(rule, j);
  return j;
}

nlohmann::json readability_targets_json(const RuleSet& set) {
  nlohmann::json out = nlohmann::json::array();
  for (const Rule& rule : set.rules) {
    if (!rule.enabled || rule.kind != "readability") continue;
    const DataNode& metric = rule.node["metric"];
    const std::optional<double> max = rule.node["max"].number();
    if (!metric.is_text() || !max) continue;
    out.push_back({{"rule", rule.id},
                   {"metric", metric.value()},
                   {"max", *max},
                   {"scope", scope_json(rule.scope)}});
  }
  return out;
}

}  // namespace sayso::web
