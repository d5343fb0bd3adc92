// sayso_accuracy: measured accuracy of the rules.
//
//   sayso_accuracy [--rules DIR] [--min-precision 0.9] [--verbose] corpus/eval/labelled.jsonl
//       Lints each labelled item and prints precision and recall per label (a category such as
//       "tokenism", or a rule id). An item is {"id", "kind", "text", "expect": [...],
//       "expect_not": [...], "good": true|false}. A category label fires on a finding at info or
//       above in that category; a rule label fires on any finding of that rule. Exit 1 if any
//       label's precision is below --min-precision, or a good item gets a warning or error.
//
//   sayso_accuracy --separation [--half tune|test|all] [--by-rule] [--count CATEGORIES]
//                  [--dump FILE] FILE.jsonl...
//       Lints technical and lay texts ({"kind": "technical"|"lay", "text", "pair_id"}) as
//       plain-English summaries and prints how well findings per 100 words separate them (ROC
//       AUC): the score (word- and sentence-level findings at info and above in CATEGORIES,
//       default jargon,acronym,readability; see bench/ACCURACY.md), all findings, each category
//       and, with --by-rule, each rule. --half reads one half of the pairs (a hash of pair_id),
//       so rules can be tuned on one half and judged on the other. --dump writes each text's
//       findings as JSON Lines.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/linting_session.h"
#include "engine/text_stats.h"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using sayso::Diagnostic;
using sayso::Severity;

struct Options {
  std::string rules_dir;
  double min_precision = 0.9;
  bool verbose = false;
  bool separation = false;
  bool by_rule = false;
  std::string half = "all";  // tune | test | all: which pairs --separation reads
  std::string dump;          // --dump FILE: findings per text, one JSON object a line
  // Categories the separation score counts (--count): the plain-English questions.
  std::set<std::string> score_categories = {"jargon", "acronym", "readability"};
  std::vector<std::string> files;
};

constexpr const char* kUsage =
    "usage: sayso_accuracy [--rules DIR] [--min-precision 0.9] [--verbose] LABELLED.jsonl\n"
    "       sayso_accuracy [--rules DIR] --separation [--half tune|test|all] [--by-rule]\n"
    "                      [--count jargon,acronym,readability] [--dump FILE] PAIRS.jsonl...\n";

std::set<std::string> split_list(const std::string& text) {
  std::set<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.insert(item);
  return out;
}

// One session per kind of text, so each item is read as what it is.
class Sessions {
 public:
  explicit Sessions(std::string rules_dir) : rules_dir_(std::move(rules_dir)) {}
  std::vector<Diagnostic> lint(const std::string& kind, const std::string& id,
                               const std::string& text) {
    return outcome(kind, id, text).diagnostics;
  }

  sayso::FileOutcome outcome(const std::string& kind, const std::string& id,
                             const std::string& text) {
    auto& session = sessions_[kind];
    if (!session) {
      sayso::SessionOptions options;
      options.rules_dir = rules_dir_;
      options.config_file = "";  // built-in defaults: never pick up a .sayso.yml near the caller
      if (kind == "application")
        options.document = "application";
      else
        options.document_kind = kind;
      session = std::make_unique<sayso::LintingSession>(options);
    }
    sayso::FileOutcome outcome = session->lint_bytes(id + ".md", text);
    if (!outcome.ok) throw std::runtime_error(id + ": " + outcome.error);
    return outcome;
  }

 private:
  std::string rules_dir_;
  std::map<std::string, std::unique_ptr<sayso::LintingSession>> sessions_;
};

std::vector<json> read_jsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read this file");
  std::vector<json> items;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      items.push_back(json::parse(line));
    } catch (const json::exception& e) {
      throw std::runtime_error(fmt::format("{}:{}: not valid JSON: {}", path, number, e.what()));
    }
  }
  return items;
}

std::set<std::string> labels_of(const json& item, const char* key) {
  std::set<std::string> out;
  if (item.contains(key))
    for (const auto& label : item.at(key)) out.insert(label.get<std::string>());
  return out;
}

bool counts(const Diagnostic& d) { return d.severity != Severity::Hint; }

struct Tally {
  int true_positive = 0, false_positive = 0, false_negative = 0, true_negative = 0;
};

std::string ratio(int num, int den) {
  return den ? fmt::format("{:.3f}", double(num) / den) : std::string("  -  ");
}

int run_labelled(const Options& o) {
  Sessions sessions(o.rules_dir);
  std::map<std::string, Tally> tallies;
  int items = 0, good_items = 0, good_with_warnings = 0;
  for (const auto& path : o.files) {
    for (const json& item : read_jsonl(path)) {
      ++items;
      const std::string id = item.at("id").get<std::string>();
      const std::string kind = item.value("kind", "document");
      const auto found = sessions.lint(kind, id, item.at("text").get<std::string>());
      std::set<std::string> fired;
      for (const auto& d : found) {
        fired.insert(d.rule_id);  // a rule label asks "did this rule speak", hints included
        if (counts(d)) fired.insert(d.category);
      }
      for (const auto& label : labels_of(item, "expect")) {
        Tally& t = tallies[label];
        if (fired.count(label)) {
          ++t.true_positive;
        } else {
          ++t.false_negative;
          if (o.verbose) std::cout << fmt::format("missed  {}: expected {}\n", id, label);
        }
      }
      for (const auto& label : labels_of(item, "expect_not")) {
        Tally& t = tallies[label];
        if (!fired.count(label)) {
          ++t.true_negative;
          continue;
        }
        ++t.false_positive;
        if (o.verbose)
          for (const auto& d : found)
            if ((counts(d) && d.category == label) || d.rule_id == label)
              std::cout << fmt::format("false   {}: {} ({}): {}\n", id, label, d.rule_id,
                                       d.message);
      }
      if (item.value("good", false)) {
        ++good_items;
        bool warned = false;
        for (const auto& d : found)
          if (d.severity == Severity::Error || d.severity == Severity::Warning) {
            warned = true;
            std::cout << fmt::format("warning on good item {}: {} ({})\n", id, d.rule_id,
                                     d.message);
          }
        good_with_warnings += warned;
      }
    }
  }
  std::cout << fmt::format(
      "{} labelled items; a category fires on a finding at info or above, a rule on any "
      "finding\n\n",
      items);
  std::cout << fmt::format("{:<44} {:>4} {:>4} {:>4} {:>4} {:>9} {:>7}\n", "label", "TP", "FP",
                           "FN", "TN", "precision", "recall");
  bool below = false;
  for (const auto& [label, t] : tallies) {
    const int predicted = t.true_positive + t.false_positive;
    const bool low = predicted && double(t.true_positive) / predicted < o.min_precision;
    below = below || low;
    std::cout << fmt::format(
        "{:<44} {:>4} {:>4} {:>4} {:>4} {:>9} {:>7}{}\n", label, t.true_positive, t.false_positive,
        t.false_negative, t.true_negative, ratio(t.true_positive, predicted),
        ratio(t.true_positive, t.true_positive + t.false_negative), low ? "  below target" : "");
  }
  std::cout << fmt::format("\ngood items: {}, with a warning or error: {}\n", good_items,
                           good_with_warnings);
  std::cout << fmt::format(
      "target: precision >= {:.2f} for every label, no warnings on good items: {}\n",
      o.min_precision, below || good_with_warnings ? "NOT MET" : "met");
  return below || good_with_warnings ? 1 : 0;
}

std::size_t word_count(const std::string& text) {
  std::size_t words = 0;
  bool in_word = false;
  for (unsigned char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// The chance that a random technical text scores higher than a random lay text (ties count half).
double roc_auc(const std::vector<double>& technical, const std::vector<double>& lay) {
  if (technical.empty() || lay.empty()) return 0;
  double wins = 0;
  for (double t : technical)
    for (double l : lay) wins += t > l ? 1.0 : t == l ? 0.5 : 0.0;
  return wins / (double(technical.size()) * double(lay.size()));
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 0 : sum / double(v.size());
}

// Which half of the pairs a text belongs to: a stable hash of its pair id, so the rules can be
// tuned on one half and judged on the other whatever the order of the file.
std::string half_of(const json& item) {
  const std::string key = item.value("pair_id", item.value("id", ""));
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (unsigned char c : key) hash = (hash ^ c) * 16777619u;
  return hash % 2 == 0 ? "tune" : "test";
}

// One linted text of a pair corpus.
struct ScoredText {
  bool technical = false;
  double words = 1;
  std::map<std::string, int> by_rule, by_category;
  int all = 0, info_and_up = 0;
  int scored_findings = 0;  // what the separation score counts (see about_words)
  sayso::TextStats stats;   // word and sentence lengths, for the readability formulas
  std::vector<std::pair<std::string, std::string>> found;  // rule id, flagged text (for --dump)
};

// True for rules whose findings are about words or sentences, so that their number grows with
// the text. Rules that judge a whole section or paragraph (length, coverage checklists, reading
// age, average sentence length, share of passive sentences, paragraph length) give at most one
// finding per unit: dividing those by the words would score short texts as hard.
bool about_words(const sayso::Rule& rule) {
  if (rule.kind == "readability") {
    const std::string& metric = rule.node["metric"].value();
    return metric == "sentence-words" || metric == "passive-voice";
  }
  static const std::set<std::string> word_kinds = {"substitution", "existence",      "acronym",
                                                   "spelling",     "number-density", "long-words"};
  return word_kinds.count(rule.kind) > 0;
}

// The rules the separation score counts: about words, in one of the chosen categories.
std::set<std::string> scored_rules(const Options& o) {
  const sayso::RuleSet set = sayso::load_rules(
      o.rules_dir.empty() ? sayso::default_rules_dir() : o.rules_dir, sayso::Config{});
  std::set<std::string> ids;
  for (const auto& rule : set.rules)
    if (about_words(rule) && o.score_categories.count(rule.category)) ids.insert(rule.id);
  return ids;
}

ScoredText score_text(Sessions& sessions, const json& item,
                      const std::set<std::string>& scored_ids) {
  const std::string text = item.at("text").get<std::string>();
  ScoredText scored;
  scored.technical = item.value("kind", "") == "technical";
  scored.words = std::max<double>(1.0, double(word_count(text)));
  const sayso::FileOutcome outcome =
      sessions.outcome("plain-english-summary", item.value("id", "text"), text);
  scored.stats = sayso::measure(*outcome.doc, 0, outcome.doc->prose.size());
  for (const auto& d : outcome.diagnostics) {
    ++scored.all;
    ++scored.by_rule[d.rule_id];
    if (d.begin <= d.end && d.end <= text.size()) {
      std::size_t end = std::min(d.end, d.begin + 80);
      while (end > d.begin && end < text.size() && (text[end] & 0xC0) == 0x80) --end;  // UTF-8
      scored.found.emplace_back(d.rule_id, text.substr(d.begin, end - d.begin));
    }
    if (!counts(d)) continue;
    ++scored.info_and_up;
    ++scored.by_category[d.category];
    if (scored_ids.count(d.rule_id)) ++scored.scored_findings;
  }
  return scored;
}

using Score = std::function<double(const ScoredText&)>;

void print_auc(const std::string& label, const std::vector<ScoredText>& texts, const Score& score) {
  std::vector<double> technical, lay;
  for (const auto& t : texts) (t.technical ? technical : lay).push_back(score(t));
  std::cout << fmt::format("  {:<44} technical {:>5.1f}  lay {:>5.1f}  ROC AUC {:.3f}\n", label,
                           mean(technical), mean(lay), roc_auc(technical, lay));
}

void write_dump(std::ostream& out, const std::string& path, const json& item, const ScoredText& t) {
  out << json{{"file", path},
              {"id", item.value("id", "")},
              {"kind", item.value("kind", "")},
              {"half", half_of(item)},
              {"words", t.words},
              {"rules", t.by_rule},
              {"found", t.found}}
             .dump()
      << "\n";
}

int run_separation(const Options& o) {
  if (o.half != "tune" && o.half != "test" && o.half != "all") {
    std::cerr << "sayso_accuracy: --half must be tune, test or all\n";
    return 2;
  }
  Sessions sessions(o.rules_dir);
  const std::set<std::string> scored_ids = scored_rules(o);
  std::ofstream dump;
  if (!o.dump.empty()) dump.open(o.dump);
  for (const auto& path : o.files) {
    if (!fs::exists(path)) {
      std::cout << fmt::format(
          "{}: not found, skipped (the shared corpora are not part of the repository)\n", path);
      continue;
    }
    std::vector<ScoredText> texts;
    std::set<std::string> rules, categories;
    for (const json& item : read_jsonl(path)) {
      const std::string kind = item.value("kind", "");
      if (kind != "technical" && kind != "lay") continue;
      if (o.half != "all" && half_of(item) != o.half) continue;
      texts.push_back(score_text(sessions, item, scored_ids));
      for (const auto& [rule, n] : texts.back().by_rule) rules.insert(rule);
      for (const auto& [category, n] : texts.back().by_category) categories.insert(category);
      if (dump.is_open()) write_dump(dump, path, item, texts.back());
    }
    const auto technical =
        std::count_if(texts.begin(), texts.end(), [](const ScoredText& t) { return t.technical; });
    std::cout << fmt::format(
        "{} ({} pairs): {} technical, {} lay texts, read as plain-English summaries\n", path,
        o.half, technical, texts.size() - std::size_t(technical));
    std::string counted;
    for (const auto& category : o.score_categories)
      counted += (counted.empty() ? "" : ", ") + category;
    std::cout << "findings per 100 words:\n";
    print_auc(fmt::format("SCORE: {}; about words; info and up", counted), texts,
              [](const ScoredText& t) { return 100.0 * t.scored_findings / t.words; });
    print_auc("all findings", texts, [](const ScoredText& t) { return 100.0 * t.all / t.words; });
    print_auc("info and up", texts,
              [](const ScoredText& t) { return 100.0 * t.info_and_up / t.words; });
    std::cout << "one category (info and up):\n";
    for (const auto& category : categories)
      print_auc(category, texts, [&](const ScoredText& t) {
        auto it = t.by_category.find(category);
        return it == t.by_category.end() ? 0.0 : 100.0 * it->second / t.words;
      });
    // Not findings: what word and sentence length alone can tell apart, for comparison.
    std::cout << "readability formulas (higher = harder), for comparison:\n";
    print_auc("Flesch reading ease, negated", texts,
              [](const ScoredText& t) { return -t.stats.flesch_reading_ease(); });
    print_auc("Flesch-Kincaid grade", texts, [](const ScoredText& t) { return t.stats.grade(); });
    print_auc("average sentence length (words)", texts,
              [](const ScoredText& t) { return t.stats.average_sentence_words(); });
    if (!o.by_rule) continue;
    std::cout << "one rule (any severity):\n";
    for (const auto& rule : rules)
      print_auc(rule, texts, [&](const ScoredText& t) {
        auto it = t.by_rule.find(rule);
        return it == t.by_rule.end() ? 0.0 : 100.0 * it->second / t.words;
      });
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--rules" && i + 1 < argc)
      o.rules_dir = argv[++i];
    else if (arg == "--min-precision" && i + 1 < argc)
      o.min_precision = std::stod(argv[++i]);
    else if (arg == "--verbose")
      o.verbose = true;
    else if (arg == "--separation")
      o.separation = true;
    else if (arg == "--by-rule")
      o.by_rule = true;
    else if (arg == "--half" && i + 1 < argc)
      o.half = argv[++i];
    else if (arg == "--dump" && i + 1 < argc)
      o.dump = argv[++i];
    else if (arg == "--count" && i + 1 < argc)
      o.score_categories = split_list(argv[++i]);
    else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "sayso_accuracy: unknown option " << arg << "\n" << kUsage;
      return 2;
    } else {
      o.files.push_back(arg);
    }
  }
  if (o.files.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    return o.separation ? run_separation(o) : run_labelled(o);
  } catch (const std::exception& e) {
    std::cerr << "sayso_accuracy: " << e.what() << "\n";
    return 2;
  }
}
