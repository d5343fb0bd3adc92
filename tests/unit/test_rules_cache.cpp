#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>

#include <filesystem>
#include <fstream>

#include "engine/cache_dir.h"
#include "engine/ruleset.h"
#include "engine/yaml_cache.h"

using namespace sayso;
namespace fs = std::filesystem;

namespace {

struct CacheFolder {
  fs::path path = fs::temp_directory_path() / ("sayso-rules-cache-" + std::to_string(::getpid()));
  CacheFolder() {
    fs::remove_all(path);
    set_cache_dir(path.string());
  }
  ~CacheFolder() {
    set_cache_dir("");
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::vector<fs::path> files() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(path))
      if (e.path().filename().string().rfind("rules-", 0) == 0) out.push_back(e.path());
    return out;
  }
};

// A tree as text, each node with its line.
std::string dump(const DataNode& node) {
  std::string out = std::to_string(static_cast<int>(node.type())) + "@" +
                    std::to_string(node.line()) + ":" + node.value();
  for (const DataNode& child : node.children())
    out += "{" + child.key() + "@" + std::to_string(child.key_line()) + "=" + dump(child) + "}";
  return out;
}

// Everything a loaded rule set says, as text, to compare loads with and without the cache.
std::string describe(const RuleSet& set) {
  std::string out;
  for (const Rule& r : set.rules) {
    out += r.id + "|" + r.kind + "|" + r.file + ":" + std::to_string(r.line) + "|" +
           std::to_string(static_cast<int>(r.severity)) + "|" + (r.enabled ? "on" : "off") + "|" +
           r.message + "|" + dump(r.node) + "\n";
  }
  for (const auto& [name, p] : set.profiles) out += name + "|" + dump(p.rules) + "\n";
  return out;
}

std::string copy_rules(const fs::path& to) {
  fs::remove_all(to);
  fs::copy(std::string(SAYSO_TEST_DATA_DIR) + "/rules", to, fs::copy_options::recursive);
  // A profile naming a rule that does not exist: an error only when it is chosen, whose
  // message needs the line of the name.
  std::ofstream(to / "profiles" / "broken.yml")
      << "name: broken\ndescription: names a missing rule\nrules:\n  t.length: {max_words: 5}\n"
         "  t.missing: {max_words: 1}\n";
  return to.string();
}

}  // namespace

TEST_CASE("serialized data trees read back the same, lines included", "[rules-cache]") {
  const DataNode root = parse_data(
      "rules:\n  - id: a\n    list: [x, 'y', \"z: w\"]\n    empty:\n    nested: {k: [1, {m: n}]}\n"
      "  - id: b\n    none: ~\n    seq: []\n    map: {}\n");
  const std::string bytes = serialize_data(root);
  const DataNode tree = deserialize_data(bytes);
  CHECK(tree == root);
  CHECK(dump(tree) == dump(root));
  const std::vector<DataNode>& rules = tree["rules"].children();
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].line() == 2);
  CHECK(rules[1].line() == 6);
  CHECK(rules[0]["list"].children()[2].value() == "z: w");
  CHECK(rules[0]["nested"].children()[0].key_line() == 5);
  CHECK(rules[0]["empty"].type() == DataNode::Type::Null);
  CHECK(rules[1]["seq"].is_list());
  CHECK(rules[1]["map"].is_map());
  CHECK_THROWS(deserialize_data(bytes.substr(0, bytes.size() - 1)));
  CHECK_THROWS(deserialize_data(bytes + "x"));
}

TEST_CASE("rules loaded through the cache are the rules loaded without it", "[rules-cache]") {
  const fs::path scratch =
      fs::temp_directory_path() / ("sayso-rules-copy-" + std::to_string(::getpid()));
  const std::string dir = copy_rules(scratch);
  Config config;
  const std::string plain = describe(load_rules(dir, config));
  CacheFolder cache;
  CHECK(describe(load_rules(dir, config)) == plain);  // writes the cache
  REQUIRE(cache.files().size() == 1);
  CHECK(describe(load_rules(dir, config)) == plain);  // reads it

  SECTION("an edited rule file is read again") {
    const fs::path file = fs::path(dir) / "t" / "rules.yml";
    std::string text;
    {
      std::ifstream in(file);
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const std::size_t at = text.find("severity: warning");
    REQUIRE(at != std::string::npos);
    text.replace(at, 17, "severity: error  ");
    std::ofstream(file) << text;
    const RuleSet edited = load_rules(dir, config);
    set_cache_dir("");
    CHECK(describe(edited) == describe(load_rules(dir, config)));
    CHECK(describe(edited) != plain);
  }
  SECTION("a damaged cache file is ignored") {
    for (const fs::path& f : cache.files()) {
      std::string bytes;
      {
        std::ifstream in(f, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      bytes[bytes.size() / 2] ^= 0x5A;
      std::ofstream(f, std::ios::binary) << bytes;
    }
    CHECK(describe(load_rules(dir, config)) == plain);
    for (const fs::path& f : cache.files()) std::ofstream(f, std::ios::binary) << "garbage";
    CHECK(describe(load_rules(dir, config)) == plain);
  }
  SECTION("errors after a cached load name the right line") {
    Config bad;
    bad.profile = "broken";
    std::string without, with;
    set_cache_dir("");
    try {
      load_rules(dir, bad);
    } catch (const RuleError& e) {
      without = e.what();
    }
    set_cache_dir(cache.path.string());
    try {
      load_rules(dir, bad);
    } catch (const RuleError& e) {
      with = e.what();
    }
    CHECK(without.find("broken.yml:5: unknown rule 't.missing'") != std::string::npos);
    CHECK(with == without);
  }
  fs::remove_all(scratch);
}

TEST_CASE("rule files read on several cores: the first bad file in load order is reported",
          "[rules-cache]") {
  const fs::path scratch =
      fs::temp_directory_path() / ("sayso-rules-order-" + std::to_string(::getpid()));
  const std::string dir = copy_rules(scratch);
  // Files load in name order: a-broken.yml, rules.yml, z-broken.yml.
  std::ofstream(fs::path(dir) / "t" / "a-broken.yml")
      << "rules:\n  - id: t.first\n    kind: nope\n";
  std::ofstream(fs::path(dir) / "t" / "z-broken.yml") << "rules: [unclosed\n";
  for (int round = 0; round < 20; ++round) {
    std::string error;
    try {
      load_rules(dir, Config{});
    } catch (const RuleError& e) {
      error = e.what();
    }
    INFO("round " << round);
    CHECK(error.find("a-broken.yml:3: rule t.first: unknown kind 'nope'") != std::string::npos);
  }
  fs::remove_all(scratch);
}

TEST_CASE("section aliases read through their cache are the aliases read without it",
          "[rules-cache]") {
  const std::string dir = std::string(SAYSO_TEST_DATA_DIR) + "/rules";
  const SectionClassifier plain = load_section_aliases(dir);
  CacheFolder cache;
  load_section_aliases(dir);  // writes the cache
  const SectionClassifier cached = load_section_aliases(dir);
  bool found_cache_file = false;
  for (const auto& e : fs::directory_iterator(cache.path))
    found_cache_file |= e.path().filename().string().rfind("sections-", 0) == 0;
  CHECK(found_cache_file);
  for (const char* heading : {"Plain English summary", "Lay summary:", "3. Public involvement",
                              "PPI", "Methods", "Nothing we know"})
    CHECK(cached.classify(heading) == plain.classify(heading));
  CHECK(cached.is_known_heading("PLAIN ENGLISH SUMMARY") ==
        plain.is_known_heading("PLAIN ENGLISH SUMMARY"));
}

TEST_CASE("cache files unused for 60 days are pruned when a cache is written", "[rules-cache]") {
  CacheFolder cache;
  fs::create_directories(cache.path);
  const auto file = [&](const std::string& name, int days_old) {
    const fs::path p = cache.path / name;
    std::ofstream(p) << "x";
    const timespec when{::time(nullptr) - days_old * 86400L, 0};
    const timespec times[2] = {when, when};
    ::utimensat(AT_FDCWD, p.c_str(), times, 0);
    return p;
  };
  const fs::path stale = file("rules-0000000000000001.bin", 61);
  const fs::path recent = file("rules-0000000000000002.bin", 20);
  const fs::path used = file("verdicts-0000000000000003.txt", 59);
  const fs::path abandoned = file("words-0000000000000004.bin.tmp.123.0", 2);
  const fs::path someone_elses = file("notes.txt", 400);
  mark_cache_file_used(used.string());  // read by a run today
  CHECK(write_file_atomically((cache.path / "sections-0000000000000005.bin").string(), "new"));
  CHECK_FALSE(fs::exists(stale));
  CHECK_FALSE(fs::exists(abandoned));
  CHECK(fs::exists(recent));
  CHECK(fs::exists(used));
  CHECK(fs::exists(someone_elses));
  CHECK(fs::exists(cache.path / "sections-0000000000000005.bin"));
}
