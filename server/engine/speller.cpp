#include "engine/speller.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include <hunspell/hunspell.hxx>

namespace sayso {

std::string SpellerSpec::key() const {
  std::string k = language;
  for (const auto& d : dictionaries) k += "\x1f" + d;
  k += "\x1e";
  for (const auto& w : words) k += "\x1f" + w;
  return k;
}

std::string hunspell_dictionary_path(const std::string& language, const char* extension) {
  for (const char* dir :
       {"/usr/share/hunspell", "/usr/share/myspell", "/usr/local/share/hunspell"}) {
    std::string path = std::string(dir) + "/" + language + extension;
    if (std::filesystem::exists(path)) return path;
  }
  return "";
}

struct Speller::Impl {
  std::unique_ptr<Hunspell> hunspell;
};

Speller::Speller(const SpellerSpec& spec) : impl_(std::make_unique<Impl>()) {
  const std::string aff = hunspell_dictionary_path(spec.language, ".aff");
  const std::string dic = hunspell_dictionary_path(spec.language, ".dic");
  if (aff.empty() || dic.empty())
    throw std::runtime_error("no Hunspell dictionary for " + spec.language +
                             " (install hunspell-en-gb / hunspell-en-us)");
  impl_->hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  for (const auto& path : spec.dictionaries) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      impl_->hunspell->add(line);
    }
  }
  for (const auto& w : spec.words) impl_->hunspell->add(w);
}

Speller::~Speller() = default;

bool Speller::correct(const std::string& word) {
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  bool ok = impl_->hunspell->spell(word);
  if (cache_.size() > 200000) cache_.clear();  // bound memory on huge vocabularies
  cache_.emplace(word, ok);
  return ok;
}

std::vector<std::string> Speller::suggest(const std::string& word) {
  return impl_->hunspell->suggest(word);
}

Speller& speller_for(const SpellerSpec& spec) {
  thread_local std::map<std::string, std::unique_ptr<Speller>> spellers;
  auto& slot = spellers[spec.key()];
  if (!slot) slot = std::make_unique<Speller>(spec);
  return *slot;
}

}  // namespace sayso
