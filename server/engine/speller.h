// Hunspell with a per-word cache. Hunspell is not thread-safe: spellers are per thread.
#pragma once
#include <memory>
#include <string>
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
  bool correct(const std::string& word);
  std::vector<std::string> suggest(const std::string& word);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::unordered_map<std::string, bool> cache_;
};

// The calling thread's speller for this spec (created on first use).
Speller& speller_for(const SpellerSpec& spec);
// Where Hunspell dictionaries are looked for.
std::string hunspell_dictionary_path(const std::string& language, const char* extension);

}  // namespace sayso
