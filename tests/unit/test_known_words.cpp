#include <catch2/catch.hpp>

#include <algorithm>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <hunspell/hunspell.hxx>

#include "engine/cache_dir.h"
#include "engine/known_words.h"
#include "engine/speller.h"

using namespace sayso;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("sayso-known-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::string file(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

// Restores "no cache" after a test that sets one (the setting is process-wide).
struct CacheDirSetting {
  explicit CacheDirSetting(const std::string& dir) { set_cache_dir(dir); }
  ~CacheDirSetting() { set_cache_dir(""); }
};

bool has(const std::vector<std::string>& v, const std::string& w) {
  return std::find(v.begin(), v.end(), w) != v.end();
}

}  // namespace

TEST_CASE("dictionary forms follow prefix and suffix rules and their cross products",
          "[spelling]") {
  TempDir dir;
  const std::string aff = dir.file("t.aff",
                                   "SET UTF-8\n"
                                   "PFX U Y 1\nPFX U 0 un .\n"
                                   "PFX R N 1\nPFX R 0 re [^e]\n"
                                   "SFX S Y 2\nSFX S y ies [^aeiou]y\nSFX S 0 s [^y]\n"
                                   "SFX D N 1\nSFX D 0 ed [^e]\n");
  const std::string dic = dir.file("t.dic", "4\nhappy/US\nkind/USR\nedit/RD\ncafé/S\tpo:noun\n");
  const std::vector<std::string> forms = dictionary_forms(aff, dic);
  for (const char* w : {"happy", "unhappy", "happies", "unhappies", "kind", "unkind", "kinds",
                        "unkinds", "rekind", "edit", "edited", "café", "cafés"})
    CHECK(has(forms, w));
  CHECK_FALSE(has(forms, "rekinds"));  // R does not combine (N)
  CHECK_FALSE(has(forms, "reedit"));   // condition [^e] fails
  CHECK_FALSE(has(forms, "happys"));   // condition [^y] fails
  CHECK_THROWS(dictionary_forms(aff, (dir.path / "missing.dic").string()));
}

TEST_CASE("a word table finds exactly its words and refuses damaged files", "[spelling]") {
  TempDir dir;
  const std::string path = (dir.path / "words.bin").string();
  std::vector<std::string> words = {"alpha", "beta", "gamma", "café", "co-design", "it's"};
  for (int i = 0; i < 1000; ++i) words.push_back(std::to_string(i).insert(0, 1, 'w'));
  REQUIRE(WordTable::write(path, 42, words));
  auto table = WordTable::open(path, 42);
  REQUIRE(table);
  CHECK(table->size() == words.size());
  for (const auto& w : words) CHECK(table->contains(w));
  for (const char* w : {"", "alph", "alphas", "Alpha", "w1000", "cafe"})
    CHECK_FALSE(table->contains(w));
  table.reset();

  CHECK_FALSE(WordTable::open(path, 43));  // written for another key: stale
  CHECK_FALSE(WordTable::open((dir.path / "none.bin").string(), 42));
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  dir.file("cut.bin", bytes.substr(0, bytes.size() - 7));
  CHECK_FALSE(WordTable::open((dir.path / "cut.bin").string(), 42));
  // A damaged word is no longer found, and its damaged spelling is not found either.
  std::string flipped = bytes;
  const std::size_t at = flipped.rfind("café");
  REQUIRE(at != std::string::npos);
  flipped[at] = 'k';  // "kafé"
  dir.file("flipped.bin", flipped);
  auto damaged = WordTable::open((dir.path / "flipped.bin").string(), 42);
  REQUIRE(damaged);
  CHECK_FALSE(damaged->contains("café"));
  CHECK_FALSE(damaged->contains("kafé"));
  CHECK(damaged->contains("alpha"));
  std::string header = bytes;
  header[20] ^= 0x01;  // the word count
  dir.file("header.bin", header);
  CHECK_FALSE(WordTable::open((dir.path / "header.bin").string(), 42));
  dir.file("garbage.bin", std::string(200, 'x'));
  CHECK_FALSE(WordTable::open((dir.path / "garbage.bin").string(), 42));
}

TEST_CASE("a speller with a cache gives Hunspell's answers and loads it only when needed",
          "[spelling]") {
  TempDir dir;
  const std::vector<std::string> words = {
      "research",  "Research",  "organisation", "organization", "participants", "Participants",
      "teh",       "recieve",   "utilise",      "well",         "co",           "coproduction",
      "wellbeing", "Wellbeing", "nonexistentx", "patients",     "it's",         "Zzyzx",
      "sayso",     "Sayso",     "e.g.",         "colour",       "unhappiest",   "re-analyse"};
  SpellerSpec spec;
  spec.words = {"sayso", "nonexistentx"};
  std::vector<bool> expected;
  {
    Speller plain(spec);  // no cache folder: Hunspell answers everything
    for (const auto& w : words) expected.push_back(plain.correct(w));
  }
  CacheDirSetting setting(dir.path.string());
  {
    Speller suggestions_only(spec);  // suggestions need Hunspell, not the known-word set
    CHECK_FALSE(suggestions_only.suggest("recieve").empty());
    CHECK(fs::is_empty(dir.path));
  }
  {
    Speller first(spec);  // builds the known-word set (Hunspell is loaded to build it)
    for (std::size_t i = 0; i < words.size(); ++i) CHECK(first.correct(words[i]) == expected[i]);
  }
  {
    Speller second(spec);
    CHECK_FALSE(second.hunspell_loaded());
    for (std::size_t i = 0; i < words.size(); ++i) CHECK(second.correct(words[i]) == expected[i]);
    // Known forms and the first speller's verdicts ("teh", "Zzyzx") were enough.
    CHECK_FALSE(second.hunspell_loaded());
    CHECK(second.known("research"));
    CHECK(second.known("Participants"));
    CHECK_FALSE(second.known("teh"));
    CHECK(second.correct("qwzzkx") == false);  // never seen: Hunspell is asked
    CHECK(second.hunspell_loaded());
  }
  // Verdicts are saved sorted by word; a file put out of order (by hand) is still read.
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    if (entry.path().filename().string().rfind("verdicts-", 0) != 0) continue;
    std::ifstream in(entry.path());
    std::string header, line;
    std::getline(in, header);
    std::vector<std::string> lines;
    while (std::getline(in, line)) lines.push_back(line);
    REQUIRE(lines.size() >= 2);
    CHECK(std::is_sorted(lines.begin(), lines.end(),
                         [](const auto& a, const auto& b) { return a.substr(1) < b.substr(1); }));
    std::ofstream out(entry.path(), std::ios::trunc);
    out << header << "\n";
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) out << *it << "\n";
  }
  {
    Speller shuffled(spec);
    for (std::size_t i = 0; i < words.size(); ++i) CHECK(shuffled.correct(words[i]) == expected[i]);
    CHECK_FALSE(shuffled.hunspell_loaded());
  }
  // Damaged cache files are rebuilt or ignored, never trusted.
  for (const auto& entry : fs::directory_iterator(dir.path))
    std::ofstream(entry.path(), std::ios::binary | std::ios::trunc) << "damaged";
  {
    Speller third(spec);
    for (std::size_t i = 0; i < words.size(); ++i) CHECK(third.correct(words[i]) == expected[i]);
  }
  // Another word list is another set of verdicts: "Zzyzx" becomes right.
  SpellerSpec other = spec;
  other.words.push_back("Zzyzx");
  Speller fourth(other);
  CHECK(fourth.correct("Zzyzx"));
  CHECK(fourth.correct("teh") == false);
}

TEST_CASE("words added to Hunspell are accepted as written", "[spelling]") {
  // Speller::known trusts this without loading Hunspell.
  Hunspell hunspell(hunspell_dictionary_path("en_GB", ".aff").c_str(),
                    hunspell_dictionary_path("en_GB", ".dic").c_str());
  const std::vector<std::string> words = {"sayso",         "NIHR-funded", "iPhone", "McCarthy",
                                          "co-researcher", "naïve-ish",   "Zzyzx",  "don't",
                                          "-lead",         "qwzz'"};
  for (const auto& w : words) {
    CHECK_FALSE(hunspell.spell(w + "q"));
    hunspell.add(w);
    CHECK(hunspell.spell(w));
  }
}

TEST_CASE("word lists are answered like Hunspell would, and share the dictionary's known-word set",
          "[spelling]") {
  TempDir dir;
  const std::string list = dir.file("domain.dic", "# research words\nmultimorbidity\nZzyzxville\n");
  SpellerSpec with_list;
  with_list.dictionaries = {list};
  const std::vector<std::string> words = {"multimorbidity", "Multimorbidity", "MULTIMORBIDITY",
                                          "Zzyzxville",     "zzyzxville",     "research",
                                          "multimorbidityx"};
  std::vector<bool> expected;
  {
    Speller hunspell_only(with_list);  // no cache folder: Hunspell, given the list, answers
    for (const auto& w : words) expected.push_back(hunspell_only.correct(w));
  }
  CHECK(expected == std::vector<bool>{true, true, true, true, false, true, false});
  CacheDirSetting setting(dir.path.string() + "/cache");
  {
    Speller listed(with_list);
    for (std::size_t i = 0; i < words.size(); ++i) CHECK(listed.correct(words[i]) == expected[i]);
    Speller plain{SpellerSpec{}};
    CHECK(plain.correct("research"));
    CHECK_FALSE(plain.correct("multimorbidity"));
  }
  std::size_t tables = 0;
  for (const auto& entry : fs::directory_iterator(dir.path / "cache"))
    tables += entry.path().filename().string().rfind("words-", 0) == 0;
  CHECK(tables == 1);  // one set for en_GB, with or without the list
}

TEST_CASE("a word one typing slip from a dictionary word: the same with and without a cache",
          "[spelling]") {
  const std::vector<std::pair<std::string, bool>> words = {
      {"recieve", true},   {"adress", true},      {"comunity", true},  {"reserach", true},
      {"patientss", true}, {"aeruginosa", false}, {"colistin", false}, {"zzyzx", false}};
  SpellerSpec spec;
  {
    Speller plain(spec);  // no cache folder: the dictionary's forms, built once
    for (const auto& [word, near] : words) {
      INFO(word);
      CHECK(plain.has_word_one_slip_away(word) == near);
    }
  }
  TempDir dir;
  CacheDirSetting setting(dir.path.string());
  Speller cached(spec);  // the known-word table
  for (const auto& [word, near] : words) {
    INFO(word);
    CHECK(cached.has_word_one_slip_away(word) == near);
  }
  // The words themselves, likeliest slip first, as many as asked for.
  CHECK(cached.words_one_slip_away("recieve", 3).front() == "receive");
  CHECK(cached.words_one_slip_away("reserach", 3).front() == "research");
  CHECK(cached.words_one_slip_away("comunity", 1) == std::vector<std::string>{"community"});
  CHECK(cached.words_one_slip_away("adress", 2).size() <= 2);
  CHECK(cached.words_one_slip_away("aeruginosa", 3).empty());
}
