// How sayso's lint time compares with the Tree-sitter parse alone (issue 7: total lint time at
// most 1.5x the parse). In one process, CPU time, rules loaded before timing:
//   parse only   the block grammar over each file, then the inline grammar over every inline
//                node (what a Markdown front end parsing every paragraph would do);
//   read         load_document: front end, sections, ICU segmentation;
//   rules        Linter::lint with the full default rule set (or --rules DIR);
//   report       the JSON report written to nowhere.
// usage: sayso_parse_bench [--rules DIR] [--repeat N] FILE...   (best of N runs, default 3)
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <tree_sitter/api.h>

#include "app/linting_session.h"
#include "formats/format.h"
#include "report/json.h"

extern "C" const TSLanguage* tree_sitter_markdown();
extern "C" const TSLanguage* tree_sitter_markdown_inline();

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Block parse, then one inline parse per inline node (parsing them all in one call with
// included ranges is superlinear: see docs/toolchain notes).
std::size_t parse_only(TSParser* block, TSParser* inline_parser, const std::string& text) {
  std::size_t nodes = 0;
  TSTree* tree =
      ts_parser_parse_string(block, nullptr, text.data(), static_cast<std::uint32_t>(text.size()));
  if (!tree) return 0;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  for (bool more = true; more;) {
    const TSNode node = ts_tree_cursor_current_node(&cursor);
    const std::string_view type = ts_node_type(node);
    if (type == "inline" || type == "pipe_table_cell") {
      const std::uint32_t begin = ts_node_start_byte(node), end = ts_node_end_byte(node);
      TSTree* inline_tree =
          ts_parser_parse_string(inline_parser, nullptr, text.data() + begin, end - begin);
      if (inline_tree) ts_tree_delete(inline_tree);
      ++nodes;
    } else if (ts_tree_cursor_goto_first_child(&cursor)) {
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor))
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        more = false;
        break;
      }
  }
  ts_tree_cursor_delete(&cursor);
  ts_tree_delete(tree);
  return nodes;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

double wall_seconds() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The best CPU time of `repeat` runs (all threads of the process), and the best wall time: they
// differ when a large document is read on several threads.
struct Timing {
  double cpu = 1e300, wall = 1e300;
};

template <typename Fn>
Timing best_of(int repeat, Fn&& fn) {
  Timing best;
  for (int i = 0; i < repeat; ++i) {
    const double cpu0 = cpu_seconds(), wall0 = wall_seconds();
    fn();
    best.cpu = std::min(best.cpu, cpu_seconds() - cpu0);
    best.wall = std::min(best.wall, wall_seconds() - wall0);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sayso;
  SessionOptions options;
  options.use_cache = false;  // timing the work, not the cache
  int repeat = 3;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--rules" && i + 1 < argc) {
      options.rules_dir = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "usage: sayso_parse_bench [--rules DIR] [--repeat N] FILE...\n";
      return 2;
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: sayso_parse_bench [--rules DIR] [--repeat N] FILE...\n";
    return 2;
  }
  try {
    std::vector<std::string> texts;
    std::size_t bytes = 0;
    for (const auto& p : paths) {
      texts.push_back(read_file(p));
      bytes += texts.back().size();
    }
    LintingSession session(options);
    Linter& linter = session.linter_for(session.config_for(paths.front()));
    TSParser* block = ts_parser_new();
    TSParser* inline_parser = ts_parser_new();
    ts_parser_set_language(block, tree_sitter_markdown());
    ts_parser_set_language(inline_parser, tree_sitter_markdown_inline());

    const Timing block_parse = best_of(repeat, [&] {
      for (const auto& t : texts)
        ts_tree_delete(
            ts_parser_parse_string(block, nullptr, t.data(), static_cast<std::uint32_t>(t.size())));
    });
    std::size_t inline_nodes = 0;
    const Timing parse = best_of(repeat, [&] {
      inline_nodes = 0;
      for (const auto& t : texts) inline_nodes += parse_only(block, inline_parser, t);
    });
    std::vector<FileOutcome> outcomes(texts.size());
    const Timing read = best_of(repeat, [&] {
      for (std::size_t i = 0; i < texts.size(); ++i) {
        LoadOptions load;
        load.format = "markdown";
        LoadResult r = load_document(paths[i], texts[i], linter.rules().sections, load);
        auto doc = std::make_shared<Document>(std::move(r.doc));
        doc->rebuild_index();
        outcomes[i].path = paths[i];
        outcomes[i].ok = r.ok;
        outcomes[i].error = r.error;
        outcomes[i].doc = std::move(doc);
      }
    });
    std::size_t findings = 0;
    const Timing rules = best_of(repeat, [&] {
      findings = 0;
      for (auto& o : outcomes) {
        o.diagnostics = linter.lint(*o.doc).diagnostics;
        findings += o.diagnostics.size();
      }
    });
    const Timing report = best_of(repeat, [&] {
      std::ofstream nowhere("/dev/null");
      write_report_json(nowhere, outcomes);
    });
    const double total = read.cpu + rules.cpu + report.cpu;
    const double total_wall = read.wall + rules.wall + report.wall;
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf(
        "%zu file(s), %.3f MB, %zu inline nodes, %zu findings (CPU s, best of %d; wall s)\n",
        texts.size(), mb, inline_nodes, findings, repeat);
    std::printf("tree-sitter parse only: %.3f s (%.2f MB/s)\n", parse.cpu, mb / parse.cpu);
    std::printf("  of which block grammar: %.3f s\n", block_parse.cpu);
    std::printf("read + segment:         %.3f s (wall %.3f s)\n", read.cpu, read.wall);
    std::printf("rules:                  %.3f s\n", rules.cpu);
    std::printf("JSON report:            %.3f s\n", report.cpu);
    std::printf("total lint:             %.3f s (%.2f MB/s) = %.2fx the parse alone; wall %.3f s\n",
                total, mb / total, total / parse.cpu, total_wall);
    ts_parser_delete(block);
    ts_parser_delete(inline_parser);
  } catch (const std::exception& e) {
    std::cerr << "sayso_parse_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
