// existence: a word or phrase (or an RE2 pattern) that should not be there, or needs explaining.
#include <re2/re2.h>
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/quotes.h"
#include "core/sections.h"
#include "engine/kinds/factories.h"

namespace sayso {
namespace {

// The first section of the unit holding `at`: a summary and its subheadings ("What is
// endometriosis?", "Why does this study matter?") are one text, so a word explained under the
// first is explained for the rest (first_only).
std::size_t unit_of(const Document& doc, std::size_t at) {
  if (doc.sections.empty()) return 0;
  return doc.sections[doc.section_at(at)].unit_first;
}

constexpr std::uint32_t kPhrases = 0;
constexpr std::uint32_t kExplainedCues = 1;
constexpr std::uint32_t kUnitCues = 2;

// Words a rule's pattern catches but which everyone knows ("diagnosis" for a pattern on "-osis").
// An entry ending in '*' covers every word that starts with it ("hypothes*").
class WordExceptions {
 public:
  explicit WordExceptions(const std::vector<std::string>& entries) {
    for (std::string entry : entries) {
      for (char& c : entry) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!entry.empty() && entry.back() == '*') {
        entry.pop_back();
        prefixes_.push_back(std::move(entry));
      } else {
        words_.insert(std::move(entry));
      }
    }
  }

  // `folded` is the match in lower case.
  bool contains(const std::string& folded) const {
    if (words_.count(folded)) return true;
    return std::any_of(prefixes_.begin(), prefixes_.end(),
                       [&](const std::string& p) { return folded.rfind(p, 0) == 0; });
  }

 private:
  std::set<std::string> words_;
  std::vector<std::string> prefixes_;
};

class ExistenceCheck : public RuleCheck {
 public:
  // What a match in someone else's words, or in a sentence that denies it, means.
  struct Reading {
    bool skip_quoted = true;    // "…" quoted from a reviewer or a past plan
    bool skip_negated = false;  // "Nobody will be asked to volunteer"
    bool skip_tables = false;   // a table's figures, which a rule about tables reports once
    bool skip_names = false;    // "the Lived Experience Group": words inside a proper name
    // "PPI will be sought at key stages": one note a sentence, on its first match, is enough.
    bool once_per_sentence = false;
  };

  ExistenceCheck(std::vector<std::string> phrases, std::vector<std::string> cues,
                 std::vector<std::string> unit_cues, std::unique_ptr<RE2> regex, bool first_only,
                 std::uint32_t nearby_sentences, Reading reading, WordExceptions exceptions)
      : phrases_(std::move(phrases)),
        cues_(std::move(cues)),
        unit_cues_(std::move(unit_cues)),
        regex_(std::move(regex)),
        first_only_(first_only),
        nearby_sentences_(nearby_sentences),
        reading_(reading),
        exceptions_(std::move(exceptions)) {
    if (regex_) {
      const auto& named = regex_->NamedCapturingGroups();
      if (auto it = named.find("flag"); it != named.end()) flag_group_ = it->second;
    }
    for (const std::string& cue : cues_)
      marks_only_.push_back(std::none_of(cue.begin(), cue.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
      }));
  }

  std::vector<std::vector<std::string>> phrase_groups() const override {
    return {phrases_, cues_, unit_cues_};
  }

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    std::vector<std::pair<std::size_t, std::size_t>> hits;  // byte ranges, with their sentence
    std::vector<std::uint32_t> hit_sentences;
    for (const PhraseMatch* m : ctx.group(kPhrases)) {
      hits.emplace_back(m->begin, m->end);
      hit_sentences.push_back(m->sentence);
    }
    if (regex_) find_regex(ctx, hits, hit_sentences);
    report(ctx, hits, hit_sentences, out);
  }

 private:
  void find_regex(const CheckContext& ctx, std::vector<std::pair<std::size_t, std::size_t>>& hits,
                  std::vector<std::uint32_t>& hit_sentences) const {
    const std::string_view prose = ctx.doc.prose;
    for (std::uint32_t s = 0; s < ctx.doc.sentences.size(); ++s) {
      const Sentence& sentence = ctx.doc.sentences[s];
      if (!ctx.in_scope(sentence.begin)) continue;
      re2::StringPiece input(prose.data() + sentence.begin, sentence.end - sentence.begin);
      // Group 0 is the whole match; a group named "flag" is the part the finding points at
      // ("£1.20" is money, not a decimal: '(?:^|[^£\d])(?P<flag>\d+\.\d+)').
      std::vector<re2::StringPiece> groups(flag_group_ + 1);
      std::size_t pos = 0;
      while (pos <= input.size() && regex_->Match(input, pos, input.size(), RE2::UNANCHORED,
                                                  groups.data(), static_cast<int>(groups.size()))) {
        const re2::StringPiece whole = groups[0];
        if (whole.empty()) break;  // an empty match would loop forever
        pos = static_cast<std::size_t>(whole.data() - input.data()) + whole.size();
        const re2::StringPiece flagged = groups[flag_group_];
        if (flagged.data() == nullptr || flagged.empty()) continue;
        std::size_t b = sentence.begin + static_cast<std::size_t>(flagged.data() - input.data());
        hits.emplace_back(b, b + flagged.size());
        hit_sentences.push_back(s);
      }
    }
  }

  // Explained when a cue is in the same sentence ("placebo, which means a dummy treatment"), or
  // in one of the next `nearby_sentences` sentences of the same section ("We consulted carers.
  // As a result, we changed..."). A cue of marks only (a bracket, a dash) explains the words it
  // follows closely or opens: "placebo (a dummy pill)", "a fair test (an RCT)", not "(RR 0.36)
  // vs placebo".
  // The explaining cues found, by sentence: each finding looks only at its own sentences (a
  // scan of every cue for every finding was quadratic in a long plan).
  static std::vector<const PhraseMatch*> cues_by_sentence(const CheckContext& ctx) {
    std::vector<const PhraseMatch*> cues = ctx.group(kExplainedCues);
    std::stable_sort(cues.begin(), cues.end(), [](const PhraseMatch* a, const PhraseMatch* b) {
      return a->sentence < b->sentence;
    });
    return cues;
  }

  bool explained(const CheckContext& ctx, const std::vector<const PhraseMatch*>& cues,
                 std::uint32_t sentence, std::size_t begin, std::size_t end) const {
    const std::size_t section = ctx.doc.section_at(ctx.doc.sentences[sentence].begin);
    const auto from = std::partition_point(
        cues.begin(), cues.end(), [&](const PhraseMatch* m) { return m->sentence < sentence; });
    for (auto it = from; it != cues.end() && (*it)->sentence <= sentence + nearby_sentences_;
         ++it) {
      const PhraseMatch& m = **it;
      if (m.sentence != sentence &&
          ctx.doc.section_at(ctx.doc.sentences[m.sentence].begin) != section)
        continue;
      if (marks_only_[m.ref.item] &&
          !(m.sentence == sentence && beside(m, begin, end) && says_words(ctx.doc.prose, m, end)))
        continue;
      // After the match in its own sentence, a denial before the cue is the match's.
      if (!marks_only_[m.ref.item] && !(m.sentence == sentence && m.begin >= begin) &&
          denied(ctx, m))
        continue;
      return true;
    }
    return false;
  }

  // A mark within a few words after the match ("trial (a fair test)", "study - a small test
  // run"), or just before it ("controlled trial (cRCT)").
  static bool beside(const PhraseMatch& cue, std::size_t begin, std::size_t end) {
    constexpr std::size_t kAfter = 40;  // bytes: about five short words
    constexpr std::size_t kBefore = 2;  // the bracket and a space
    if (cue.begin >= end) return cue.begin - end <= kAfter;
    return cue.end <= begin && begin - cue.end <= kBefore;
  }

  // A bracket after the words explains them only if it holds words: "(a dummy pill)", not
  // "(n=5,400)", "(RR 0.36)" or a scale's code, "(NPI-NH)", "(EQ-5D-5L)". A word here has two or
  // more letters, some in lower case.
  static bool says_words(std::string_view prose, const PhraseMatch& cue, std::size_t end) {
    if (cue.begin < end || prose[cue.begin] != '(') return true;
    std::size_t words = 0, letters = 0;
    bool lower = false;
    const auto end_word = [&] {
      if (letters >= 2 && lower) ++words;
      letters = 0;
      lower = false;
    };
    for (std::size_t i = cue.end; i < prose.size() && i < cue.end + 200 && prose[i] != ')'; ++i) {
      const auto c = static_cast<unsigned char>(prose[i]);
      if (std::isalpha(c)) {
        ++letters;
        lower = lower || std::islower(c);
        continue;
      }
      end_word();
    }
    end_word();
    return words >= 2;
  }

  // Answered when a cue is anywhere in the section (with its subsections) of the match: "a
  // community volunteer" in a plan that says how everyone is paid has nothing left to ask. Not
  // by a cue inside the match itself: "the research team will have the final say" is no
  // answer to itself (thirty-first blind review).
  bool answered_in_unit(const CheckContext& ctx, std::size_t at, std::size_t match_end,
                        std::uint32_t sentence,
                        std::map<std::size_t, std::vector<const PhraseMatch*>>& cues) const {
    if (unit_cues_.empty() || ctx.doc.sections.empty()) return false;
    const std::size_t section = ctx.doc.section_at(at);
    const std::size_t head = unit_head(ctx.doc, section);
    const std::size_t begin = ctx.doc.sections[head].begin, end = ctx.unit_end(section);
    auto [it, added] = cues.try_emplace(head);
    if (added)
      for (const PhraseMatch* m : ctx.group(kUnitCues))
        if (m->begin >= begin && m->end <= end && !denied(ctx, *m)) it->second.push_back(m);
    const auto outside_match = [&](const PhraseMatch* m) {
      return m->end <= at || m->begin >= match_end;
    };
    if (std::any_of(it->second.begin(), it->second.end(), outside_match)) return true;
    // After the match in its own sentence, a denial before the cue is the match's ("no public
    // involvement here, because …"), not the cue's.
    for (const PhraseMatch* m : ctx.group(kUnitCues))
      if (m->sentence == sentence && m->begin >= at && m->end <= end && denied(ctx, *m))
        return true;
    return false;
  }

  // A cue the writer denies answers nothing: "We did not co-design this study" gives the public
  // no role.
  static bool denied(const CheckContext& ctx, const PhraseMatch& cue) {
    return is_negated(ctx.doc, cue.sentence, cue.first_token);
  }

  void report(const CheckContext& ctx, std::vector<std::pair<std::size_t, std::size_t>>& hits,
              std::vector<std::uint32_t>& hit_sentences, std::vector<Diagnostic>& out) const {
    std::vector<std::size_t> order(hits.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return hits[a].first != hits[b].first ? hits[a].first < hits[b].first
                                            : hits[a].second > hits[b].second;
    });
    std::size_t covered_until = 0;
    std::set<std::pair<std::size_t, std::string>> seen;  // (unit, folded text) for first_only
    Quotations quotations(ctx.doc);
    // A message that does not name the match says the same thing twice in one paragraph
    // ("were consulted … and were supportive of"; "gave feedback. Members were very
    // positive."): once is enough.
    const bool names_match = ctx.rule.message.find("{match}") != std::string::npos;
    std::set<std::uint32_t> reported_paragraphs, reported_sentences;
    std::map<std::size_t, std::vector<const PhraseMatch*>> answered;  // cues by unit head
    const std::vector<const PhraseMatch*> cues =
        cues_.empty() ? std::vector<const PhraseMatch*>{} : cues_by_sentence(ctx);
    for (std::size_t i : order) {
      auto [b, e] = hits[i];
      if (b < covered_until || !ctx.in_scope(b) || ctx.suppressed(b)) continue;
      covered_until = e;
      if (exceptions_.contains(key(ctx, b, e))) continue;
      if (not_the_writers_own(ctx, quotations, hit_sentences[i], b, e)) continue;
      if (reading_.skip_names && inside_name(ctx.doc, hit_sentences[i], b, e)) continue;
      if (reading_.skip_tables &&
          ctx.doc.blocks[ctx.doc.sentences[hit_sentences[i]].block].kind == BlockKind::TableCell)
        continue;
      if (answered_in_unit(ctx, b, e, hit_sentences[i], answered)) continue;
      if (!cues_.empty() && explained(ctx, cues, hit_sentences[i], b, e)) {
        if (first_only_) seen.insert({unit_of(ctx.doc, b), key(ctx, b, e)});
        continue;
      }
      if (first_only_ && !seen.insert({unit_of(ctx.doc, b), key(ctx, b, e)}).second) continue;
      if (!names_match &&
          !reported_paragraphs.insert(ctx.doc.sentences[hit_sentences[i]].block).second)
        continue;
      if (reading_.once_per_sentence && !reported_sentences.insert(hit_sentences[i]).second)
        continue;
      out.push_back(ctx.make(b, e, {}));
    }
  }

  bool not_the_writers_own(const CheckContext& ctx, Quotations& quotations, std::uint32_t sentence,
                           std::size_t b, std::size_t e) const {
    if (reading_.skip_quoted && quotations.contain(b, e)) return true;
    if (!reading_.skip_negated) return false;
    const auto& tokens = ctx.doc.tokens;
    const auto first = std::lower_bound(tokens.begin(), tokens.end(), b,
                                        [](const Token& t, std::size_t at) { return t.end <= at; });
    if (first == tokens.end()) return false;
    const auto token = static_cast<std::uint32_t>(first - tokens.begin());
    return is_negated(ctx.doc, sentence, token) || is_reported(ctx.doc, sentence, token);
  }

  // Every word of the match capitalised, not at the start of its sentence, and the next word
  // capitalised too: the match is part of a name ("our Lived Experience Advisory Panel"),
  // which the writer cannot explain away. "Randomised Controlled Trial (RCT)" is not.
  static bool inside_name(const Document& doc, std::uint32_t sentence, std::size_t b,
                          std::size_t e) {
    const auto& tokens = doc.tokens;
    auto it = std::lower_bound(tokens.begin(), tokens.end(), b,
                               [](const Token& t, std::size_t at) { return t.end <= at; });
    const auto first = static_cast<std::uint32_t>(it - tokens.begin());
    const Sentence& s = doc.sentences[sentence];
    if (it == tokens.end() || first <= s.first_token) return false;
    std::uint32_t k = first;
    for (; k < s.last_token && tokens[k].begin < e; ++k)
      if (!tokens[k].capitalised || tokens[k].all_caps) return false;
    return k > first && k < s.last_token && tokens[k].capitalised && !tokens[k].all_caps;
  }

  static std::string key(const CheckContext& ctx, std::size_t b, std::size_t e) {
    std::string k = ctx.doc.prose.substr(b, e - b);
    for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return k;
  }

  std::vector<std::string> phrases_, cues_, unit_cues_;
  std::vector<bool> marks_only_;  // per cue: brackets and dashes, no words
  int flag_group_ = 0;            // the regex group a finding points at (0: the whole match)
  std::unique_ptr<RE2> regex_;
  bool first_only_;
  std::uint32_t nearby_sentences_;
  Reading reading_;
  WordExceptions exceptions_;
};

}  // namespace

constexpr int kMaxRegexProgramSize = 5000;

std::shared_ptr<RuleCheck> make_existence_check(const Rule& rule) {
  std::vector<std::string> phrases = param_strings(rule.node, "phrases", false);
  std::vector<std::string> cues = param_strings(rule.node, "unless_nearby", false);
  std::vector<std::string> unit_cues = param_strings(rule.node, "unless_in_section", false);
  // How many sentences after the match also count as "nearby" (0: the same sentence only).
  const double nearby_sentences = param_number(rule.node, "nearby_sentences", 0);
  if (nearby_sentences < 0 || nearby_sentences > 3)
    throw KindError{"'nearby_sentences' must be 0, 1, 2 or 3",
                    rule.node["nearby_sentences"].line()};
  std::unique_ptr<RE2> regex;
  if (const DataNode& pattern = rule.node["regex"]; !pattern.is_empty()) {
    if (!pattern.is_text()) throw KindError{"'regex' must be one RE2 pattern", pattern.line()};
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    regex = std::make_unique<RE2>(pattern.value(), options);
    if (!regex->ok())
      throw KindError{fmt::format("'regex' is not a valid RE2 pattern: {}", regex->error()),
                      pattern.line()};
    if (pattern.value().size() > 4000)
      throw KindError{"'regex' is longer than 4000 characters", pattern.line()};
    // RE2 runs in linear time, but its compiled size multiplies the cost of every byte scanned:
    // a big program (long alternations, counted repeats like {1000}) belongs in 'phrases'.
    if (regex->ProgramSize() > kMaxRegexProgramSize)
      throw KindError{fmt::format("'regex' compiles to {} instructions (the limit is {}): use "
                                  "'phrases' for word lists, and avoid large counted repeats "
                                  "like {{1000}}",
                                  regex->ProgramSize(), kMaxRegexProgramSize),
                      pattern.line()};
  }
  if (phrases.empty() && !regex) throw KindError{"give 'phrases' or 'regex' (or both)", 0};
  std::vector<std::string> exceptions = param_strings(rule.node, "except", false);
  for (std::size_t i = 0; i < exceptions.size(); ++i)
    if (exceptions[i].empty() || exceptions[i] == "*") {
      const DataNode& list = rule.node["except"];
      throw KindError{"'except' entries must be words (an ending '*' covers words that start so)",
                      list.is_list() ? list.children()[i].line() : list.line()};
    }
  ExistenceCheck::Reading reading;
  reading.skip_quoted = param_bool(rule.node, "skip_quoted", true);
  reading.skip_negated = param_bool(rule.node, "skip_negated", false);
  reading.skip_tables = param_bool(rule.node, "skip_tables", false);
  reading.skip_names = param_bool(rule.node, "skip_names", false);
  reading.once_per_sentence = param_bool(rule.node, "once_per_sentence", false);
  return std::make_shared<ExistenceCheck>(
      std::move(phrases), std::move(cues), std::move(unit_cues), std::move(regex),
      param_bool(rule.node, "first_only", false), static_cast<std::uint32_t>(nearby_sentences),
      reading, WordExceptions(exceptions));
}

}  // namespace sayso
