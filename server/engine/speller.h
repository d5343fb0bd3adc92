// Hunspell with a per-word cache. Hunspell is not thread-safe: spellers are per thread.
//
// With a cache folder (engine/cache_dir.h), a speller first looks words up in the set of
// forms its dictionary accepts (engine/known_words.h, built once per dictionary and checked
// word by word against Hunspell) and in the verdicts Hunspell gave in earlier runs; Hunspell
// itself is loaded only for a word neither knows. The answers are the same either way.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sayso {

struct SpellerSpec {
  std::string language = "en_GB";
  std::vector<std::string> dictionaries;  // extra word lists (absolute paths)
  std::vector<std::string> words;         // extra words (project or user dictionary)
  std::string key() const;
};

class Speller {
 public:
  explicit Speller(const SpellerSpec& spec);  // throws std::runtime_error if no dictionary
  ~Speller();
  Speller(const Speller&) = delete;
  Speller& operator=(const Speller&) = delete;

  bool correct(const std::string& word);
  // True when the word is known to be correct without asking Hunspell; false means "ask
  // correct()", not "misspelled".
  bool known(const std::string& word);
  std::vector<std::string> suggest(const std::string& word);
  // The correct words one typing slip away (two letters swapped, a letter left out, changed or
  // added, in that order, at most `limit`): "recieve" gives "receive"; "aeruginosa" and
  // "transcriptomic" give none. Nothing is cached.
  std::vector<std::string> words_one_slip_away(const std::string& word, std::size_t limit);
  bool has_word_one_slip_away(const std::string& word) {
    return !words_one_slip_away(word, 1).empty();
  }
  // Whether Hunspell itself has been loaded (for tests and profiling).
  bool hunspell_loaded() const;
  // Writes the verdicts Hunspell gave in this run to the cache (the destructor does too).
  void save_learned();

 private:
  void open_cache();

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::unordered_map<std::string, bool> cache_;
};

// The word in NFC, as spellers look words up: "é" typed as e and a combining acute (the way macOS
// writes it) is the "é" of the dictionary and the word lists.
std::string composed_word(std::string_view word);
// The calling thread's speller for this spec (created on first use).
Speller& speller_for(const SpellerSpec& spec);
// Saves every live speller's new verdicts now, for a process about to end without running
// destructors. Call it only when no thread is checking spelling.
void save_learned_spellings();
// Where Hunspell dictionaries are looked for.
std::string hunspell_dictionary_path(const std::string& language, const char* extension);

}  // namespace sayso
