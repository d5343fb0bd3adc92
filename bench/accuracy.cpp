// sayso_accuracy: measured accuracy of the rules.
//
//   sayso_accuracy [--rules DIR] [--min-precision 0.9] [--verbose] corpus/eval/labelled.jsonl
//       Lints each labelled item and prints precision and recall per label (a category such as
//       "tokenism", or a rule id). An item is {"id", "kind", "text", "expect": [...],
//       "expect_not": [...], "good": true|false}. A category label fires on a finding at info or
//       above in that category; a rule label fires on any finding of that rule. Exit 1 if any
//       label's precision is below --min-precision, or a good item gets a warning or error.
//
//   sayso_accuracy --separation FILE.jsonl...
//       Lints technical and lay texts ({"kind": "technical"|"lay", "text"}) as plain-English
//       summaries and prints how well findings per 100 words separate them (ROC AUC).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
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
  std::vector<std::string> files;
};

constexpr const char* kUsage =
    "usage: sayso_accuracy [--rules DIR] [--min-precision 0.9] [--verbose] LABELLED.jsonl\n"
    "       sayso_accuracy [--rules DIR] --separation PAIRS.jsonl...\n";

// One session per kind of text, so each item is read as what it is.
class Sessions {
 public:
  explicit Sessions(std::string rules_dir) : rules_dir_(std::move(rules_dir)) {}
  std::vector<Diagnostic> lint(const std::string& kind, const std::string& id,
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
    return outcome.diagnostics;
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

int run_separation(const Options& o) {
  Sessions sessions(o.rules_dir);
  for (const auto& path : o.files) {
    if (!fs::exists(path)) {
      std::cout << fmt::format(
          "{}: not found, skipped (the shared corpora are not part of the repository)\n", path);
      continue;
    }
    // Scores: all findings, and findings at info or above, per 100 words.
    std::vector<double> technical_all, lay_all, technical_info, lay_info;
    std::map<std::string, std::pair<int, int>> by_category;  // findings in technical, lay texts
    std::map<std::string, std::vector<double>> category_technical, category_lay;  // per 100 words
    for (const json& item : read_jsonl(path)) {
      const std::string kind = item.value("kind", "");
      if (kind != "technical" && kind != "lay") continue;
      const std::string text = item.at("text").get<std::string>();
      const auto found = sessions.lint("plain-english-summary", item.value("id", "text"), text);
      const double words = std::max<double>(1.0, double(word_count(text)));
      const double all = 100.0 * double(found.size()) / words;
      const double info = 100.0 * double(std::count_if(found.begin(), found.end(), counts)) / words;
      for (const auto& d : found)
        (kind == "technical" ? by_category[d.category].first : by_category[d.category].second)++;
      std::map<std::string, int> per_category;
      for (const auto& d : found) ++per_category[d.category];
      for (const auto& category : sayso::category_names())
        (kind == "technical" ? category_technical : category_lay)[category].push_back(
            100.0 * per_category[category] / words);
      (kind == "technical" ? technical_all : lay_all).push_back(all);
      (kind == "technical" ? technical_info : lay_info).push_back(info);
    }
    std::cout << fmt::format("{}: {} technical, {} lay texts, read as plain-English summaries\n",
                             path, technical_all.size(), lay_all.size());
    std::cout << fmt::format(
        "  findings per 100 words (all):        technical {:.1f}, lay {:.1f}, ROC AUC {:.3f}\n",
        mean(technical_all), mean(lay_all), roc_auc(technical_all, lay_all));
    std::cout << fmt::format(
        "  findings per 100 words (info and up): technical {:.1f}, lay {:.1f}, ROC AUC {:.3f}\n",
        mean(technical_info), mean(lay_info), roc_auc(technical_info, lay_info));
    std::cout << "  findings by category (technical / lay):";
    for (const auto& [category, n] : by_category)
      std::cout << fmt::format(" {} {}/{}", category, n.first, n.second);
    std::cout << "\n  ROC AUC of one category's findings per 100 words:";
    for (const auto& [category, scores] : category_technical)
      if (std::any_of(scores.begin(), scores.end(), [](double x) { return x > 0; }))
        std::cout << fmt::format(" {} {:.3f}", category, roc_auc(scores, category_lay[category]));
    std::cout << "\n";
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
