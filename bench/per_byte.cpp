// Time per byte of every input in some folders (the fuzz seeds and corpora): each file goes
// through the whole pipeline (load_document, every real rule, per-section figures; a form export's
// rows each as their own document), best of --repeat runs. Prints, per format, the median time per
// byte and the worst file's ratio to it, and exits 1 when a ratio is over --max-ratio. The median
// is taken over the inputs that were linted: most fuzz corpus entries of the binary and form
// formats are refused at once (a damaged ZIP, a CSV without a text column), and a median of those
// would make every real document look slow. Refused inputs are still held to the same limit. A file
// under
// --min-bytes is costed as that many bytes: its time is the fixed cost of a document (sections,
// figures, rule set-up), not a cost per byte.
// usage: sayso_per_byte [--repeat N] [--min-bytes B] [--max-ratio R] [--show N]
//                       [--as NAME] PATH... [--as NAME PATH...]
// NAME is a file name whose extension picks the front end (e.g. application.md) for the PATHs
// after it, which is how fuzz corpora (files without extensions) are read; without --as a file's
// own name decides. A PATH is a file or a folder (read recursively).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "batch/form_rows.h"
#include "core/config.h"
#include "engine/linter.h"
#include "engine/ruleset.h"
#include "engine/section_figures.h"
#include "formats/format.h"

namespace fs = std::filesystem;
using namespace sayso;

namespace {

struct Options {
  int repeat = 3;
  std::size_t min_bytes = 1024;
  double max_ratio = 0;  // 0: report only
  std::size_t show = 5;
  std::vector<std::pair<std::string, std::string>> inputs;  // (name picking the format, path)
};

struct Measured {
  std::string path;
  std::string format;
  std::size_t bytes = 0;
  double seconds = 0;
  double per_byte = 0;  // seconds per costed byte
  bool linted = false;  // some of it went through the linter (else it was refused at once)
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "sayso_per_byte: %s\nusage: sayso_per_byte [--repeat N] [--min-bytes B] "
               "[--max-ratio R] [--show N] [--as NAME] PATH... [--as NAME PATH...]\n",
               why.c_str());
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  std::string as;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--repeat")
      o.repeat = std::max(1, std::atoi(value().c_str()));
    else if (arg == "--min-bytes")
      o.min_bytes = std::strtoull(value().c_str(), nullptr, 10);
    else if (arg == "--max-ratio")
      o.max_ratio = std::atof(value().c_str());
    else if (arg == "--show")
      o.show = std::strtoull(value().c_str(), nullptr, 10);
    else if (arg == "--as")
      as = value();
    else if (arg.rfind("--", 0) == 0)
      usage("unknown option " + arg);
    else
      o.inputs.emplace_back(as, arg);
  }
  if (o.inputs.empty()) usage("no inputs");
  return o;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Pipeline {
 public:
  Pipeline() {
    config_.lint_time_budget_ms = 0;  // measure the whole lint, however long
    rules_ = load_rules(SAYSO_SOURCE_RULES_DIR, config_);
    linter_ = std::make_unique<Linter>(rules_, config_);
  }

  // Lints one input as `name` says; false when it was refused (nothing linted).
  bool lint(const std::string& name, const std::string& bytes) const {
    const std::string format = format_for_path(name);
    bool linted = false;
    auto lint_text = [&](const std::string& path, const std::string& text) {
      LoadResult loaded = load_document(path, text, rules_.sections, LoadOptions{});
      if (!loaded.ok) return;
      linted = true;
      linter_->lint(loaded.doc);
      section_figures(*linter_, loaded.doc);
    };
    auto lint_row = [&](FormRow row) {
      if (row.error.empty()) lint_text(row.id + ".md", row.text);
    };
    if (format == "csv")
      read_csv_rows(bytes, nullptr, name, lint_row);
    else if (format == "jsonl")
      read_jsonl_rows(bytes, nullptr, name, lint_row);
    else
      lint_text(name, bytes);
    return linted;
  }

 private:
  Config config_;
  RuleSet rules_;
  std::unique_ptr<Linter> linter_;
};

std::vector<fs::path> files_under(const fs::path& path) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return {path};
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

Measured measure(const Pipeline& pipeline, const Options& o, const std::string& as,
                 const fs::path& file) {
  const std::string name = as.empty() ? file.filename().string() : as;
  const std::string bytes = slurp(file);
  Measured m{file.string(), format_for_path(name), bytes.size(), 1e300, 0};
  if (m.format.empty()) m.format = "(unknown)";
  for (int run = 0; run < o.repeat; ++run) {
    const auto start = std::chrono::steady_clock::now();
    m.linted = pipeline.lint(name, bytes);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    m.seconds = std::min(m.seconds, took.count());
  }
  m.per_byte =
      m.seconds / static_cast<double>(std::max(m.bytes, std::max<std::size_t>(o.min_bytes, 1)));
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const Pipeline pipeline;
  std::map<std::string, std::vector<Measured>> by_format;
  for (const auto& [as, path] : o.inputs) {
    const std::vector<fs::path> files = files_under(path);
    if (files.empty()) std::fprintf(stderr, "note: no files in %s\n", path.c_str());
    for (const fs::path& file : files) {
      Measured m = measure(pipeline, o, as, file);
      by_format[m.format].push_back(std::move(m));
    }
  }

  bool over = false;
  std::printf("time per byte (best of %d; files under %zu bytes costed as %zu bytes)\n", o.repeat,
              o.min_bytes, o.min_bytes);
  std::printf("%-10s %6s %7s %11s %10s %14s %9s  %s\n", "format", "files", "linted", "bytes",
              "total s", "median ns/B", "worst", "worst file");
  for (auto& [format, files] : by_format) {
    std::vector<double> per_byte, linted_per_byte;
    std::size_t bytes = 0;
    double seconds = 0;
    for (const Measured& m : files) {
      per_byte.push_back(m.per_byte);
      if (m.linted) linted_per_byte.push_back(m.per_byte);
      bytes += m.bytes;
      seconds += m.seconds;
    }
    // The median of the linted inputs (of all, when none was linted); see the top of the file.
    const double mid = median(linted_per_byte.empty() ? per_byte : linted_per_byte);
    std::sort(files.begin(), files.end(),
              [](const Measured& a, const Measured& b) { return a.per_byte > b.per_byte; });
    const double worst = files.front().per_byte / mid;
    over |= o.max_ratio > 0 && worst > o.max_ratio;
    std::printf("%-10s %6zu %7zu %11zu %10.3f %14.1f %8.1fx  %s\n", format.c_str(), files.size(),
                linted_per_byte.size(), bytes, seconds, mid * 1e9, worst,
                files.front().path.c_str());
    for (std::size_t i = 0; i < std::min(o.show, files.size()); ++i) {
      const Measured& m = files[i];
      std::printf("    %6.1fx %9zu B %9.4f s %-8s %s\n", m.per_byte / mid, m.bytes, m.seconds,
                  m.linted ? "linted" : "refused", m.path.c_str());
    }
  }
  if (over) {
    std::printf("an input takes over %.1fx the median time per byte of its format\n", o.max_ratio);
    return 1;
  }
  return 0;
}
