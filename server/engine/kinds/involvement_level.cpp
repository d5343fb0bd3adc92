// involvement-level: the IAP2 level (inform … empower) described for each research stage; flags
// a co-production claim when the text never describes more than the level the rule asks for.
// A claim in a summary or title (`claims_also_in`) is judged by the involvement sections: the
// summary is what a public reviewer reads first, and its evidence lives in the plan.
#include <algorithm>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "core/quotes.h"
#include "core/sections.h"
#include "engine/kinds/factories.h"
#include "engine/section_figures.h"

namespace sayso {
namespace {

struct Named {
  std::string name;
  std::vector<std::string> cues;
  std::string meaning;  // in plain words, for the message ("asking for people's views")
};

// Claims made outside the rule's sections, judged by what those sections describe.
struct ClaimsElsewhere {
  std::vector<std::string> section_kinds;  // e.g. plain-english-summary, title
  std::string message;
  // Sections (e.g. methods) where the same claim word names the study's method: then a claim
  // elsewhere describes the study ("Co-designing a discharge plan"), not its involvement.
  std::vector<std::string> method_section_kinds;
};

// Cues that give a level only in a sentence with no other level's cue: the name of a group or a
// meeting says that people take part, not what they do ("keep the advisory group informed").
struct LevelWhenAlone {
  int level;
  std::vector<std::string> cues;
};

// "Results:" at the start of a sentence is one of a GRIPP2-SF report's headings, which label the
// text after them, so it names no stage: the panel choosing an outcome under it is not sharing
// results. A stage's own label ("**Design:** carers chose the outcomes") does name its stage.
bool is_report_heading_label(const Document& doc, const PhraseMatch& m) {
  static const std::set<std::string> report_headings = {
      "aim", "aims", "methods", "results", "discussion", "conclusions", "reflections"};
  if (m.sentence >= doc.sentences.size() ||
      doc.sentences[m.sentence].first_token != m.first_token || m.end >= doc.prose.size() ||
      doc.prose[m.end] != ':')
    return false;
  std::string label = doc.source.bytes.substr(m.begin, m.end - m.begin);
  std::transform(label.begin(), label.end(), label.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return report_headings.count(label) > 0;
}

// The row a table cell is in: a Markdown table row is one line, so the start of that line.
std::optional<std::size_t> table_row_of(const Document& doc, std::uint32_t sentence) {
  const Block& block = doc.blocks[doc.sentences[sentence].block];
  if (block.kind != BlockKind::TableCell) return std::nullopt;
  const std::size_t newline = doc.source.bytes.rfind('\n', block.begin);
  return newline == std::string::npos ? 0 : newline + 1;
}

class InvolvementLevelCheck : public RuleCheck {
 public:
  InvolvementLevelCheck(std::vector<Named> levels, std::vector<LevelWhenAlone> when_alone,
                        std::vector<Named> stages, std::vector<std::string> claims, int min_level,
                        std::optional<std::string> no_level_meaning, ClaimsElsewhere elsewhere)
      : levels_(std::move(levels)),
        when_alone_(std::move(when_alone)),
        stages_(std::move(stages)),
        claims_(std::move(claims)),
        min_level_(min_level),
        elsewhere_(std::move(elsewhere)) {
    if (no_level_meaning) no_level_meaning_ = std::move(*no_level_meaning);
  }

  // Groups: 0 = claims, 1..L = levels, L+1..L+S = stages, then the levels when alone.
  std::vector<std::vector<std::string>> phrase_groups() const override {
    std::vector<std::vector<std::string>> groups{claims_};
    for (const auto& l : levels_) groups.push_back(l.cues);
    for (const auto& s : stages_) groups.push_back(s.cues);
    for (const auto& w : when_alone_) groups.push_back(w.cues);
    return groups;
  }

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    Quotations quotations(ctx.doc);  // each paragraph scanned once, for all sections
    int highest_anywhere = -1;
    std::vector<int> stages_anywhere(stages_.size(), -1);
    bool judged_a_unit = false;
    for (std::size_t index : ctx.sections) {
      if (!ctx.starts_unit(index)) continue;
      const Range unit{ctx.doc.sections[index].begin, ctx.unit_end(index)};
      const PhraseMatch* claim = first_claim(ctx, unit, quotations);
      const int highest = highest_level(ctx, unit);
      std::vector<int> stage_levels(stages_.size(), -1);
      record_stages(ctx, unit, stage_levels);
      judged_a_unit = true;
      highest_anywhere = std::max(highest_anywhere, highest);
      for (std::size_t i = 0; i < stages_.size(); ++i)
        stages_anywhere[i] = std::max(stages_anywhere[i], stage_levels[i]);
      if (claim && highest < min_level_)
        out.push_back(finding(ctx, *claim, highest, stage_levels, ctx.rule.message));
    }
    if (!judged_a_unit || highest_anywhere >= min_level_ || claim_names_a_method(ctx, quotations))
      return;
    for (std::size_t index = 0; index < ctx.doc.sections.size(); ++index) {
      const Section& section = ctx.doc.sections[index];
      if (!claims_judged_elsewhere(ctx, index)) continue;
      if (const PhraseMatch* claim = first_claim(ctx, {section.begin, section.end}, quotations))
        out.push_back(finding(ctx, *claim, highest_anywhere, stages_anywhere, elsewhere_.message));
    }
  }

  void describe(const CheckContext& ctx, std::size_t section,
                SectionFigures& figures) const override {
    if (!ctx.starts_unit(section)) return;
    const Range unit{ctx.doc.sections[section].begin, ctx.unit_end(section)};
    std::vector<int> stage_levels(stages_.size(), -1);
    record_stages(ctx, unit, stage_levels);
    figures.involvement.clear();
    for (std::size_t i = 0; i < stages_.size(); ++i)
      figures.involvement.push_back(
          {stages_[i].name, stage_levels[i] < 0 ? "" : levels_[stage_levels[i]].name});
    int highest = -1;
    for (const auto& [sentence, level] : sentence_levels(ctx, unit))
      if (level > highest) {
        highest = level;
        figures.highest_level_begin = ctx.doc.sentences[sentence].begin;
        figures.highest_level_end = ctx.doc.sentences[sentence].end;
      }
    figures.highest_involvement_level = highest < 0 ? "" : levels_[highest].name;
  }

 private:
  // A section with its subsections of the same kind (CheckContext::unit_end).
  struct Range {
    std::size_t begin, end;
    bool holds(const PhraseMatch& m) const { return m.begin >= begin && m.end <= end; }
  };

  // The first claim in the range that the writer makes (not quoted, not denied).
  const PhraseMatch* first_claim(const CheckContext& ctx, const Range& range,
                                 Quotations& quotations) const {
    for (const auto& m : ctx.matches)
      if (m.ref.group == 0 && range.holds(m) &&
          !quoted_or_negated(ctx.doc, quotations, m.sentence, m.first_token, m.begin, m.end))
        return &m;
    return nullptr;
  }

  // A section outside the rule's own whose claims the rule's sections must back up.
  bool claims_judged_elsewhere(const CheckContext& ctx, std::size_t index) const {
    const std::string& kind = ctx.doc.sections[index].kind;
    return std::find(elsewhere_.section_kinds.begin(), elsewhere_.section_kinds.end(), kind) !=
               elsewhere_.section_kinds.end() &&
           std::find(ctx.sections.begin(), ctx.sections.end(), index) == ctx.sections.end();
  }

  // Whether a section of a method kind makes the claim itself: the study uses the method.
  bool claim_names_a_method(const CheckContext& ctx, Quotations& quotations) const {
    for (std::size_t index = 0; index < ctx.doc.sections.size(); ++index) {
      const Section& section = ctx.doc.sections[index];
      const auto& kinds = elsewhere_.method_section_kinds;
      if (std::find(kinds.begin(), kinds.end(), section.kind) != kinds.end() &&
          first_claim(ctx, {section.begin, section.end}, quotations) != nullptr)
        return true;
    }
    return false;
  }

  Diagnostic finding(const CheckContext& ctx, const PhraseMatch& claim, int highest,
                     const std::vector<int>& stage_levels, const std::string& message) const {
    const std::string level = highest < 0 ? "none" : levels_[highest].name;
    std::string meaning = highest < 0 ? no_level_meaning_ : levels_[highest].meaning;
    if (meaning.empty()) meaning = level;
    return ctx.make_saying(message, claim.begin, claim.end,
                           {{"level", level},
                            {"meaning", meaning},
                            {"limit", levels_[min_level_].name},
                            {"missing", stage_summary(stage_levels)}});
  }

  int highest_level(const CheckContext& ctx, const Range& unit) const {
    int highest = -1;
    for (const auto& [sentence, level] : sentence_levels(ctx, unit))
      highest = std::max(highest, level);
    return highest;
  }

  // The level each sentence describes: its highest level cue, or else its highest cue that
  // counts only alone. Sentences another rule flags describe none, and a denied cue is none
  // ("We will not form an advisory group").
  std::map<std::uint32_t, int> sentence_levels(const CheckContext& ctx, const Range& unit) const {
    const auto levels = static_cast<std::uint32_t>(levels_.size());
    const std::uint32_t first_alone_group = levels + 1 + static_cast<std::uint32_t>(stages_.size());
    std::map<std::uint32_t, int> strong, alone;
    for (const auto& m : ctx.matches) {
      if (!unit.holds(m) || ctx.in_flagged_sentence(m) || m.ref.group == 0) continue;
      const bool level_cue = m.ref.group <= levels || m.ref.group >= first_alone_group;
      if (level_cue && is_negated(ctx.doc, m.sentence, m.first_token)) continue;
      if (m.ref.group <= levels) {
        int& slot = strong.try_emplace(m.sentence, -1).first->second;
        slot = std::max(slot, static_cast<int>(m.ref.group) - 1);
      } else if (m.ref.group >= first_alone_group) {
        int& slot = alone.try_emplace(m.sentence, -1).first->second;
        slot = std::max(slot, when_alone_[m.ref.group - first_alone_group].level);
      }
    }
    strong.merge(alone);  // keeps a sentence's own level cue where it has one
    return strong;
  }

  // Highest level described in each sentence that names a stage.
  void record_stages(const CheckContext& ctx, const Range& unit,
                     std::vector<int>& stage_levels) const {
    const std::map<std::uint32_t, int> level_of = sentence_levels(ctx, unit);
    // A table by stage names the stage in one cell and what people did in the others: a row's
    // level is the highest of its cells.
    std::map<std::size_t, int> row_level;
    for (const auto& [sentence, level] : level_of)
      if (const auto row = table_row_of(ctx.doc, sentence)) {
        int& slot = row_level.try_emplace(*row, -1).first->second;
        slot = std::max(slot, level);
      }
    const std::uint32_t first_stage_group = static_cast<std::uint32_t>(levels_.size()) + 1;
    const std::uint32_t end_stage_group =
        first_stage_group + static_cast<std::uint32_t>(stages_.size());
    for (const auto& m : ctx.matches) {
      if (!unit.holds(m) || m.ref.group < first_stage_group || m.ref.group >= end_stage_group ||
          is_report_heading_label(ctx.doc, m))
        continue;
      auto it = level_of.find(m.sentence);
      int level = it == level_of.end() ? -1 : it->second;
      if (const auto row = table_row_of(ctx.doc, m.sentence); row && row_level.count(*row))
        level = std::max(level, row_level[*row]);
      int& slot = stage_levels[m.ref.group - first_stage_group];
      slot = std::max(slot, level);
    }
  }

  std::string stage_summary(const std::vector<int>& stage_levels) const {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < stages_.size(); ++i)
      parts.push_back(
          fmt::format("{}: {}", stages_[i].name,
                      stage_levels[i] < 0 ? "not described" : levels_[stage_levels[i]].name));
    return join_list(parts, ", ");
  }

  std::vector<Named> levels_;
  std::vector<LevelWhenAlone> when_alone_;
  std::vector<Named> stages_;
  std::vector<std::string> claims_;
  int min_level_;
  ClaimsElsewhere elsewhere_;
  // When no level's words are found: what the message says (`meanings: {none: …}`). Cue words
  // can miss a plan written in other words, so it says what sayso did not find, not that the
  // plan has nothing.
  std::string no_level_meaning_ = "sayso found no words that show how people take part";
};

std::vector<Named> parse_named_map(const DataNode& rule, const char* key) {
  const DataNode& map = rule[key];
  if (!map.is_map() || map.size() == 0)
    throw KindError{fmt::format("'{}' must be a map from a name to its cue phrases", key),
                    map.line()};
  std::vector<Named> out;
  for (const DataNode& cues : map.children()) {
    Named n;
    n.name = cues.key();
    try {
      n.cues = param_strings(map, n.name.c_str(), true);
    } catch (KindError& e) {
      e.message = fmt::format("'{}' → '{}': {}", key, n.name, e.message);
      if (e.line == 0) e.line = cues.key_line();
      throw;
    }
    out.push_back(std::move(n));
  }
  return out;
}

// `meanings: {inform: "telling people about the study", ..., none: "…"}`: optional, one per
// level, and `none` for a plan where no level's words are found. Returns that one, if given.
std::optional<std::string> read_meanings(const DataNode& rule, std::vector<Named>& levels) {
  const DataNode& map = rule["meanings"];
  std::optional<std::string> none;
  if (map.is_empty()) return none;
  if (!map.is_map())
    throw KindError{"'meanings' must map each level to its meaning in plain words", map.line()};
  for (const DataNode& meaning : map.children()) {
    if (!meaning.is_text() || meaning.value().empty())
      throw KindError{fmt::format("'meanings' → '{}' must be a text", meaning.key()),
                      meaning.key_line()};
    if (meaning.key() == "none") {
      none = meaning.value();
      continue;
    }
    auto level = std::find_if(levels.begin(), levels.end(),
                              [&](const Named& n) { return n.name == meaning.key(); });
    if (level == levels.end())
      throw KindError{fmt::format("'meanings' names '{}', which is not one of the levels (or "
                                  "'none')",
                                  meaning.key()),
                      meaning.key_line()};
    level->meaning = meaning.value();
  }
  return none;
}

// `claims_also_in: [plain-english-summary, title]` with its `elsewhere_message`.
ClaimsElsewhere read_claims_elsewhere(const DataNode& rule) {
  ClaimsElsewhere out;
  out.section_kinds = param_strings(rule, "claims_also_in", false);
  out.message = param_string(rule, "elsewhere_message", "");
  if (!out.section_kinds.empty() && out.message.empty())
    throw KindError{"'claims_also_in' needs an 'elsewhere_message' for claims made there",
                    rule["claims_also_in"].line()};
  const auto& known = canonical_section_kinds();
  for (const std::string& kind : out.section_kinds)
    if (std::find(known.begin(), known.end(), kind) == known.end())
      throw KindError{fmt::format("'claims_also_in' names '{}', which is not a section kind", kind),
                      rule["claims_also_in"].line()};
  if (out.section_kinds.empty() && !out.message.empty())
    throw KindError{"'elsewhere_message' is only used with 'claims_also_in'",
                    rule["elsewhere_message"].line()};
  out.method_section_kinds = param_strings(rule, "claims_name_a_method_in", false);
  for (const std::string& kind : out.method_section_kinds)
    if (std::find(known.begin(), known.end(), kind) == known.end())
      throw KindError{
          fmt::format("'claims_name_a_method_in' names '{}', which is not a section kind", kind),
          rule["claims_name_a_method_in"].line()};
  return out;
}

// `levels_when_alone: {involve: [advisory group, workshop*]}`: optional; each key a level.
std::vector<LevelWhenAlone> read_levels_when_alone(const DataNode& rule,
                                                   const std::vector<Named>& levels) {
  std::vector<LevelWhenAlone> out;
  if (rule["levels_when_alone"].is_empty()) return out;
  for (Named& named : parse_named_map(rule, "levels_when_alone")) {
    auto level = std::find_if(levels.begin(), levels.end(),
                              [&](const Named& n) { return n.name == named.name; });
    if (level == levels.end())
      throw KindError{
          fmt::format("'levels_when_alone' names '{}', which is not one of the levels", named.name),
          rule["levels_when_alone"].line()};
    out.push_back({static_cast<int>(level - levels.begin()), std::move(named.cues)});
  }
  return out;
}

}  // namespace

std::shared_ptr<RuleCheck> make_involvement_level_check(const Rule& rule) {
  std::vector<Named> levels = parse_named_map(rule.node, "levels");
  const std::optional<std::string> no_level_meaning = read_meanings(rule.node, levels);
  std::vector<LevelWhenAlone> when_alone = read_levels_when_alone(rule.node, levels);
  std::vector<Named> stages = parse_named_map(rule.node, "stages");
  std::vector<std::string> claims = param_strings(rule.node, "claims", true);
  const std::string min_name = param_string(rule.node, "min_level_for_claim", "collaborate");
  auto it = std::find_if(levels.begin(), levels.end(),
                         [&](const Named& n) { return n.name == min_name; });
  if (it == levels.end())
    throw KindError{
        fmt::format("'min_level_for_claim' must be one of the levels (got '{}')", min_name),
        rule.node["min_level_for_claim"].line()};
  return std::make_shared<InvolvementLevelCheck>(
      std::move(levels), std::move(when_alone), std::move(stages), std::move(claims),
      static_cast<int>(it - levels.begin()), no_level_meaning, read_claims_elsewhere(rule.node));
}

}  // namespace sayso
