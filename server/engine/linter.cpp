#include "engine/linter.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/parallel.h"
#include "core/sections.h"
#include "core/stated_limits.h"
#include "engine/builtin_findings.h"
#include "engine/kinds/kind.h"
#include "engine/phrase_matcher.h"
#include "engine/speller.h"
#include "engine/suppressions.h"

namespace sayso {

struct Linter::State {
  PhraseMatcher matcher;
  std::vector<const Rule*> active;  // enabled rules; PhraseRef::rule indexes this
  std::map<std::string, std::set<std::string>> defers_to;  // rule id -> rules it gives way to
  std::map<std::string, std::set<std::string>> defers_to_in_section;  // the same, by section
  std::map<std::string, std::set<std::string>> only_with_in_section;  // rule id -> rules it needs
};

namespace {

bool applies(const Rule& rule, bool whole_application) {
  if (rule.applies_to == AppliesTo::Application) return whole_application;
  if (rule.applies_to == AppliesTo::Fragment) return !whole_application;
  return true;
}

std::vector<std::size_t> sections_in_scope(const Document& doc, const Rule& rule) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < doc.sections.size(); ++i)
    if (rule.scope.includes(doc.sections[i].kind)) out.push_back(i);
  return out;
}

// Labelled passages of a kind in the rule's scope, in sections outside it.
std::vector<std::size_t> passages_in_scope(const Document& doc, const Rule& rule) {
  std::vector<std::size_t> out;
  if (rule.scope.all || rule.scope.negated) return out;  // such rules already see every section
  for (std::size_t i = 0; i < doc.passages.size(); ++i) {
    const LabelledPassage& p = doc.passages[i];
    if (rule.scope.includes(p.kind) &&
        !rule.scope.includes(doc.sections[doc.section_at(p.begin)].kind))
      out.push_back(i);
  }
  return out;
}

// Whether `names` (rule ids and pack names) includes the rule `id`.
bool names_rule(const std::vector<std::string>& names, const std::string& id) {
  const std::string pack = id.substr(0, id.find('.'));
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return n == id || n == pack; });
}

// Marks the sentence that holds each finding's first byte.
void mark_sentences(const Document& doc, const std::vector<Diagnostic>& found,
                    std::vector<bool>& flagged) {
  for (const Diagnostic& d : found) {
    const auto after = std::upper_bound(
        doc.sentences.begin(), doc.sentences.end(), d.begin,
        [](std::size_t at, const Sentence& sentence) { return at < sentence.begin; });
    if (after == doc.sentences.begin()) continue;
    const auto sentence = std::prev(after);
    if (d.begin < sentence->end)
      flagged[static_cast<std::size_t>(sentence - doc.sentences.begin())] = true;
  }
}

Diagnostic read_issue_diagnostic(const Document::ReadIssue& issue, const Document& doc) {
  Diagnostic d;
  d.rule_id = builtin::kInvalidText;
  d.category = "style";
  d.severity = Severity::Warning;
  d.begin = issue.begin;
  d.end = issue.end;
  d.message = issue.message;
  d.section_kind =
      doc.sections.empty() ? "document" : doc.sections[doc.section_at(issue.begin)].kind;
  return d;
}

// Said once when the time budget ran out: at the first section's heading (or the document start).
Diagnostic time_limit_diagnostic(const Document& doc, std::optional<LintClock::time_point> deadline,
                                 LintClock::time_point started) {
  Diagnostic d;
  d.rule_id = builtin::kTimeLimit;
  d.category = "style";
  d.severity = Severity::Info;
  const auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - started);
  d.message = fmt::format(
      "Checking stopped after {} ms, the time limit for one document, so some findings may be "
      "missing. Split the document, or raise lint_time_budget_ms in .sayso.yml.",
      std::max<long long>(budget.count(), 0));
  place_at_document_start(d, doc);
  return d;
}

// A form's guidance under a heading, "(Maximum 1,000 characters, excluding spaces)", is the
// funder's words, not the writer's: it is not counted against the limit, and nothing in it is
// reported either (twenty-second blind review: its long words got a note).
void drop_in_form_guidance(const Document& doc, std::vector<Diagnostic>& diagnostics) {
  std::vector<std::pair<std::size_t, std::size_t>> guidance;
  for (std::size_t i = 0; i < doc.sections.size(); ++i) {
    const Section& s = doc.sections[i];
    if (!s.has_heading()) continue;
    const std::optional<StatedLimit> limit = section_stated_limit(doc, i);
    if (limit && limit->answer_begin > s.heading_end)
      guidance.emplace_back(s.heading_end, limit->answer_begin);
  }
  if (guidance.empty()) return;
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    return !d.whole_section &&
           std::any_of(guidance.begin(), guidance.end(), [&](const auto& range) {
             return d.begin >= range.first && d.end <= range.second;
           });
  });
}

// A heading that names a section ("Please provide a plain English summary of your research",
// "How will you disseminate your findings?") is mostly the form's words, not the writer's: a
// word swap or a spelling note there asks them to change the funder's question (thirty-first
// blind review). Claims and tokenism in it are still the writer's, and so are typing slips
// (forms have none), so only the word-choice categories are dropped.
void drop_in_section_names(const Document& doc, const SectionClassifier& classifier,
                           std::vector<Diagnostic>& diagnostics) {
  static const std::set<std::string> wording = {"jargon", "readability", "acronym", "style"};
  std::vector<std::pair<std::size_t, std::size_t>> names;
  for (const Section& s : doc.sections)
    if (s.has_heading() && classifier.classify(s.title) != "other")
      names.emplace_back(s.heading_begin, s.heading_end);
  if (names.empty()) return;
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    return !d.whole_section && wording.count(d.category) &&
           std::any_of(names.begin(), names.end(), [&](const auto& range) {
             return d.begin >= range.first && d.end <= range.second;
           });
  });
}

}  // namespace

void place_at_document_start(Diagnostic& d, const Document& doc) {
  d.whole_section = true;
  if (!doc.sections.empty()) {
    d.begin = d.end = doc.sections.front().heading_begin;
    d.section_kind = doc.sections.front().kind;
  } else {
    d.section_kind = "document";
  }
}

bool Scope::includes(const std::string& section_kind) const {
  if (all) return true;
  bool listed = std::find(kinds.begin(), kinds.end(), section_kind) != kinds.end();
  return negated ? !listed : listed;
}

bool is_whole_application(const Document& doc, const Config& config) {
  if (config.document == "application") return true;
  if (config.document == "fragment") return false;
  std::set<std::string> kinds;
  for (const Section& s : doc.sections)
    if (s.kind != "other" && s.kind != "document" && s.kind != "title") kinds.insert(s.kind);
  return kinds.size() >= 3;
}

Linter::Linter(const RuleSet& rules, const Config& config)
    : rules_(rules), config_(config), state_(std::make_unique<State>()) {
  for (const Rule& rule : rules_.rules)
    if (rule.enabled && rule.check) state_->active.push_back(&rule);
  for (const Rule* rule : state_->active) {
    if (!rule->defers_to.empty())
      state_->defers_to[rule->id].insert(rule->defers_to.begin(), rule->defers_to.end());
    if (!rule->defers_to_in_section.empty())
      state_->defers_to_in_section[rule->id].insert(rule->defers_to_in_section.begin(),
                                                    rule->defers_to_in_section.end());
    if (!rule->only_with_in_section.empty())
      state_->only_with_in_section[rule->id].insert(rule->only_with_in_section.begin(),
                                                    rule->only_with_in_section.end());
  }
  for (std::uint32_t r = 0; r < state_->active.size(); ++r) {
    auto groups = state_->active[r]->check->phrase_groups();
    for (std::uint32_t g = 0; g < groups.size(); ++g)
      for (std::uint32_t i = 0; i < groups[g].size(); ++i)
        state_->matcher.add(groups[g][i], {r, g, i});
  }
}

Linter::~Linter() = default;

LintResult Linter::lint(const Document& doc) const {
  const auto budget = config_.lint_time_budget_ms
                          ? std::chrono::milliseconds(*config_.lint_time_budget_ms)
                          : kDefaultLintTimeBudget;
  if (budget.count() == 0) return lint(doc, std::nullopt);
  return lint(doc, LintClock::now() + budget);
}

LintResult Linter::lint(const Document& doc, std::optional<LintClock::time_point> deadline) const {
  return lint_rules(doc, state_->active, deadline);
}

bool Linter::run_checks(const Document& doc, const std::vector<const Rule*>& only,
                        const std::vector<Suppression>& suppressions, const CheckVisitor& visit,
                        bool on_every_core, std::optional<LintClock::time_point> deadline) const {
  // One pass of the shared matcher, then each rule reads its own matches.
  std::vector<std::vector<PhraseMatch>> by_rule(state_->active.size());
  for (const PhraseMatch& m : state_->matcher.match(doc)) by_rule[m.ref.rule].push_back(m);
  const bool whole = is_whole_application(doc, config_);
  struct Planned {
    std::uint32_t rule;  // index into state_->active
    std::vector<std::size_t> sections;
    std::vector<std::size_t> passages;
    const std::vector<bool>* flagged_sentences = nullptr;
  };
  std::vector<Planned> planned;
  for (std::uint32_t r = 0; r < state_->active.size(); ++r) {
    const Rule& rule = *state_->active[r];
    if (std::find(only.begin(), only.end(), &rule) == only.end() || !applies(rule, whole)) continue;
    std::vector<std::size_t> sections = sections_in_scope(doc, rule);
    std::vector<std::size_t> passages = passages_in_scope(doc, rule);
    if (sections.empty() && passages.empty() && rule.kind != "required-sections") continue;
    planned.push_back({r, std::move(sections), std::move(passages)});
  }
  std::map<std::string_view, const std::vector<std::size_t>*> running;
  for (const Planned& p : planned) running[state_->active[p.rule]->id] = &p.sections;
  // Rules whose evidence ignores sentences other rules flag: those rules run first, here, once
  // for each list of names (their findings are made again with the rest; they are few and quick).
  // Inline comments that hide a flagged sentence's finding do not hide it here: hiding a
  // warning must not turn the sentence into evidence.
  std::map<std::vector<std::string>, std::vector<bool>> flagged_by;
  const std::vector<Suppression> no_suppressions;
  for (Planned& p : planned) {
    const std::vector<std::string>& names = state_->active[p.rule]->ignore_sentences_flagged_by;
    if (names.empty()) continue;
    auto [entry, added] = flagged_by.try_emplace(names, doc.sentences.size(), false);
    p.flagged_sentences = &entry->second;
    if (!added) continue;
    for (const Planned& q : planned) {
      const Rule& other = *state_->active[q.rule];
      if (!other.ignore_sentences_flagged_by.empty() || !names_rule(names, other.id)) continue;
      std::vector<Diagnostic> found;
      const CheckContext ctx{doc,   other,           by_rule[q.rule], q.sections,
                             whole, no_suppressions, &running,        &q.passages};
      other.check->check(ctx, found);
      mark_sentences(doc, found, entry->second);
    }
  }
  std::atomic<bool> out_of_time{false};
  const auto run = [&](std::size_t i) {
    if (out_of_time || (deadline && LintClock::now() > *deadline)) {
      out_of_time = true;
      return;
    }
    const Planned& p = planned[i];
    const CheckContext ctx{doc,
                           *state_->active[p.rule],
                           by_rule[p.rule],
                           p.sections,
                           whole,
                           suppressions,
                           &running,
                           &p.passages,
                           p.flagged_sentences,
                           deadline ? &*deadline : nullptr};
    visit(i, ctx);
  };
  if (on_every_core) {
    run_pieces(planned.size(), run);
  } else {
    for (std::size_t i = 0; i < planned.size(); ++i) run(i);
  }
  // A check that asks past_deadline() stops part-way; past the deadline now, one may have.
  return !out_of_time && !(deadline && LintClock::now() > *deadline);
}

void Linter::visit_checks(const Document& doc,
                          const std::function<void(const CheckContext&)>& visit) const {
  run_checks(
      doc, state_->active, find_suppressions(doc),
      [&](std::size_t, const CheckContext& ctx) { visit(ctx); }, false);
}

LintResult Linter::lint_only(const Document& doc, const std::vector<const Rule*>& only) const {
  return lint_rules(doc, only, std::nullopt);
}

LintResult Linter::lint_rules(const Document& doc, const std::vector<const Rule*>& only,
                              std::optional<LintClock::time_point> deadline) const {
  const LintClock::time_point started = LintClock::now();
  LintResult result;
  const std::vector<Suppression> suppressions = find_suppressions(doc);
  // A long document's rules run on every core, each into its own list; joined in rule order, the
  // findings are those of one rule after another. A short one's checks take microseconds: handing
  // them to other threads would cost more than it saves.
  constexpr std::size_t kMinTokensOnEveryCore = 2000;
  const bool on_every_core = doc.tokens.size() >= kMinTokensOnEveryCore;
  std::vector<std::vector<Diagnostic>> found(state_->active.size());
  const bool completed = run_checks(
      doc, only, suppressions,
      [&](std::size_t i, const CheckContext& ctx) { ctx.rule.check->check(ctx, found[i]); },
      on_every_core, deadline);
  for (std::vector<Diagnostic>& diagnostics : found)
    std::move(diagnostics.begin(), diagnostics.end(), std::back_inserter(result.diagnostics));
  for (const auto& issue : doc.read_issues)
    result.diagnostics.push_back(read_issue_diagnostic(issue, doc));
  const auto in_order = [](const Diagnostic& a, const Diagnostic& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end < b.end;
    return a.rule_id < b.rule_id;
  };
  // Deferred findings go before suppressed ones: a rule defers because the words were already
  // reported, and a finding the writer turned off with a comment was reported (and dismissed).
  // Its deferring rules stay quiet, rather than bring up a new finding on the same words. Checks
  // skip the places an inline comment turns them off, so the rules deferred to are run again
  // without the comments where one covers them; what they find there joins the findings until
  // apply_suppressions removes it again.
  if (!suppressions.empty() && completed) {
    std::vector<const Rule*> deferred_to;
    for (const Rule* rule : only) {
      const bool is_target =
          std::any_of(state_->defers_to.begin(), state_->defers_to.end(),
                      [&](const auto& entry) { return entry.second.count(rule->id) > 0; }) ||
          std::any_of(state_->defers_to_in_section.begin(), state_->defers_to_in_section.end(),
                      [&](const auto& entry) { return entry.second.count(rule->id) > 0; });
      const bool turned_off_somewhere =
          std::any_of(suppressions.begin(), suppressions.end(),
                      [&](const Suppression& sup) { return sup.covers(rule->id); });
      if (is_target && turned_off_somewhere) deferred_to.push_back(rule);
    }
    if (!deferred_to.empty()) {
      std::vector<Diagnostic> unsuppressed;
      const std::vector<Suppression> none;
      run_checks(
          doc, deferred_to, none,
          [&](std::size_t, const CheckContext& ctx) { ctx.rule.check->check(ctx, unsuppressed); },
          false, deadline);
      for (Diagnostic& d : unsuppressed)
        if (std::any_of(suppressions.begin(), suppressions.end(), [&](const Suppression& sup) {
              return d.begin >= sup.begin && d.begin < sup.end && sup.covers(d.rule_id);
            }))
          result.diagnostics.push_back(std::move(d));
    }
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), in_order);
  drop_deferred(result.diagnostics);
  drop_deferred_in_section(doc, result.diagnostics);
  keep_only_with_in_section(doc, only, result.diagnostics);
  drop_in_form_guidance(doc, result.diagnostics);
  drop_in_section_names(doc, rules_.sections, result.diagnostics);
  apply_suppressions(suppressions, result.diagnostics);
  // Not suppressible: a comment cannot turn off the note that it turns nothing off.
  for (Diagnostic& d : unknown_names_in_suppressions(suppressions, doc, rules_, config_)) {
    const auto at =
        std::upper_bound(result.diagnostics.begin(), result.diagnostics.end(), d, in_order);
    result.diagnostics.insert(at, std::move(d));
  }
  // Not suppressible: whoever reads the findings must know they are incomplete.
  if (!completed) {
    Diagnostic limit = time_limit_diagnostic(doc, deadline, started);
    const auto at =
        std::upper_bound(result.diagnostics.begin(), result.diagnostics.end(), limit, in_order);
    result.diagnostics.insert(at, std::move(limit));
  }
  return result;
}

// A finding gives way to one of the rules it defers to when that rule's finding covers the same
// words or words that include them ("CI" inside "95% CI 0.70 to 0.93").
void Linter::drop_deferred(std::vector<Diagnostic>& diagnostics) const {
  if (state_->defers_to.empty()) return;
  // Per rule deferred to: its spans by start, and the furthest end among spans starting no
  // later, so "is [b, e) inside one of them" is one binary search.
  struct Spans {
    std::vector<std::pair<std::size_t, std::size_t>> by_begin;
    std::vector<std::size_t> max_end;
  };
  std::map<std::string, Spans, std::less<>> spans;
  for (const auto& [rule, targets] : state_->defers_to)
    for (const std::string& target : targets) spans.try_emplace(target);
  for (const Diagnostic& d : diagnostics)
    if (auto it = spans.find(d.rule_id); it != spans.end())
      it->second.by_begin.push_back({d.begin, d.end});
  for (auto& [rule, s] : spans) {
    std::sort(s.by_begin.begin(), s.by_begin.end());
    std::size_t furthest = 0;
    for (const auto& span : s.by_begin)
      s.max_end.push_back(furthest = std::max(furthest, span.second));
  }
  auto covered_by = [&](const std::string& rule, const Diagnostic& d) {
    const Spans& s = spans.at(rule);
    const auto after =
        std::upper_bound(s.by_begin.begin(), s.by_begin.end(),
                         std::pair{d.begin, std::numeric_limits<std::size_t>::max()});
    const std::size_t n = static_cast<std::size_t>(after - s.by_begin.begin());
    return n > 0 && s.max_end[n - 1] >= d.end;
  };
  std::vector<bool> drop(diagnostics.size(), false);
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    auto deferring = state_->defers_to.find(diagnostics[i].rule_id);
    if (deferring == state_->defers_to.end()) continue;
    for (const std::string& target : deferring->second)
      if (target != diagnostics[i].rule_id && covered_by(target, diagnostics[i])) drop[i] = true;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) diagnostics[kept] = std::move(diagnostics[i]);  // never onto itself
    ++kept;
  }
  diagnostics.resize(kept);
}

namespace {

// Which rules reported in which place (a section, or a unit of sections), with `place_of` giving
// the place of a finding.
template <typename PlaceOf>
std::set<std::pair<std::size_t, std::string>> reported_by_place(
    const std::vector<Diagnostic>& diagnostics, const PlaceOf& place_of) {
  std::set<std::pair<std::size_t, std::string>> reported;
  for (const Diagnostic& d : diagnostics) reported.insert({place_of(d), d.rule_id});
  return reported;
}

}  // namespace

// The section each finding is in: a finding at a section's heading is about that section. Only
// the section itself counts, not its subsections: a short subsection says nothing about the
// plan it is part of.
void Linter::drop_deferred_in_section(const Document& doc,
                                      std::vector<Diagnostic>& diagnostics) const {
  if (state_->defers_to_in_section.empty() || doc.sections.empty()) return;
  auto section_of = [&](const Diagnostic& d) {
    return doc.section_at(std::min(d.begin, doc.source.bytes.size()));
  };
  const auto reported = reported_by_place(diagnostics, section_of);
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    auto deferring = state_->defers_to_in_section.find(d.rule_id);
    if (deferring == state_->defers_to_in_section.end()) return false;
    const std::size_t section = section_of(d);
    for (const std::string& other : deferring->second)
      if (reported.count({section, other})) return true;
    return false;
  });
}

// A finding whose rule needs another's in the same unit (a section with its subsections of the
// same kind) shows only where that rule has spoken: "'are told' does not say who does it" only
// in a summary that the passive-heavy note has found heavy with such verbs.
void Linter::keep_only_with_in_section(const Document& doc, const std::vector<const Rule*>& ran,
                                       std::vector<Diagnostic>& diagnostics) const {
  if (state_->only_with_in_section.empty()) return;
  auto unit_of = [&](const Diagnostic& d) {
    if (doc.sections.empty()) return std::size_t{0};
    return unit_head(doc, doc.section_at(std::min(d.begin, doc.source.bytes.size())));
  };
  // A rule needed but not run (turned off, or an example tested alone) asks nothing.
  auto ran_here = [&](const std::string& id) {
    return std::any_of(ran.begin(), ran.end(), [&](const Rule* r) { return r->id == id; });
  };
  const auto reported = reported_by_place(diagnostics, unit_of);
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    auto needing = state_->only_with_in_section.find(d.rule_id);
    if (needing == state_->only_with_in_section.end()) return false;
    const std::size_t unit = unit_of(d);
    return std::none_of(needing->second.begin(), needing->second.end(),
                        [&](const std::string& other) {
                          return !ran_here(other) || reported.count({unit, other});
                        });
  });
}

std::vector<std::string> Linter::spelling_suggestions(const std::string& word) const {
  for (const Rule* rule : state_->active) {
    if (rule->kind != "spelling") continue;
    SpellerSpec spec;
    spec.language = rule->node["language"].is_text() ? rule->node["language"].value() : "en_GB";
    try {
      return speller_for(spec).suggest(word);
    } catch (const std::exception&) {
      return {};
    }
  }
  return {};
}

}  // namespace sayso
