#include "engine/speller.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include <fmt/format.h>
#include <hunspell/hunspell.h>
#include <hunspell/hunspell.hxx>

#include "core/segmentation.h"
#include "engine/cache_dir.h"
#include "engine/known_words.h"

namespace sayso {
namespace fs = std::filesystem;

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

namespace {

// Bump when the known-word set or the verdict file changes meaning.
constexpr const char* kCacheFormat = "sayso-spelling-3";
// The verdict file's lines are sorted by word, so a run looks words up in the file as read
// instead of first building a map of up to 100,000 words (over a millisecond per start).
constexpr const char* kVerdictFormat = "sayso-verdicts-3";
constexpr std::size_t kMaxRememberedVerdicts = 100000;

// Path, size and modification time: a changed dictionary gives a new key.
std::string file_stamp(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return path + "|missing";
  return fmt::format("{}|{}|{}.{}", path, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

std::string read_all(const std::string& path) { return read_whole_file(path).value_or(""); }

std::vector<std::string> word_list_lines(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out.push_back(composed_word(line));
  }
  return out;
}

// The Hunspell library in use: another version may answer differently, so its file is part of
// the cache keys.
std::string hunspell_library_stamp() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&Hunspell_create), &info) == 0 || !info.dli_fname)
    return "hunspell|unknown";
  return file_stamp(info.dli_fname);
}

// "word" → "Word" for a lower-case ASCII first letter, else "".
std::string title_case(const std::string& word) {
  if (word.empty() || word[0] < 'a' || word[0] > 'z') return "";
  std::string out = word;
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// A word Hunspell accepts once added: no dot (Hunspell reads a final dot as an abbreviation's),
// no spaces or line breaks.
bool plain_added_word(const std::string& w) {
  return !w.empty() && w.size() < 100 && w.find_first_of(". \t\r\n") == std::string::npos;
}

// Hunspell keeps one table for UTF-8 dictionaries, shared by every instance and counted without
// a lock (initialize_utf_tbl): spellers on several threads must make and destroy their
// instances one at a time, or the table is built twice and one copy is lost.
// Never destroyed, like live_spellers(): threads may end after static destruction.
std::mutex& hunspell_lifetime_mutex() {
  static auto* mutex = new std::mutex;
  return *mutex;
}

struct HunspellDeleter {
  void operator()(Hunspell* h) const {
    std::lock_guard lock(hunspell_lifetime_mutex());
    delete h;
  }
};
using HunspellPtr = std::unique_ptr<Hunspell, HunspellDeleter>;

HunspellPtr make_hunspell(const std::string& aff, const std::string& dic) {
  std::lock_guard lock(hunspell_lifetime_mutex());
  return HunspellPtr(new Hunspell(aff.c_str(), dic.c_str()));
}

}  // namespace

struct Speller::Impl {
  SpellerSpec spec;
  std::string aff, dic;
  HunspellPtr hunspell;      // loaded when a word needs it
  bool words_added = false;  // spec.words given to hunspell
  bool cache_opened = false;
  std::unique_ptr<WordTable> known;
  std::unordered_set<std::string> added;  // spec.words that Hunspell accepts as written
  // Without a cache folder: every form the dictionary and word lists make, unchecked (a
  // superset), for questions about many near forms at once (has_word_one_slip_away).
  std::unique_ptr<std::unordered_set<std::string>> forms;

  const std::unordered_set<std::string>& all_forms() {
    if (!forms) {
      forms = std::make_unique<std::unordered_set<std::string>>();
      for (std::string& form : dictionary_forms(aff, dic)) forms->insert(std::move(form));
      for (const auto& path : spec.dictionaries)
        for (const auto& line : word_list_lines(path)) forms->insert(line);
      for (const auto& w : spec.words) forms->insert(composed_word(w));
    }
    return *forms;
  }
  std::string verdicts_path;  // "" = verdicts are not remembered
  std::uint64_t verdicts_key = 0;
  std::vector<std::pair<std::string, bool>> learned;  // Hunspell's answers in this run
  std::string verdicts_text;                          // the verdict file as read
  std::vector<std::string_view> verdicts;             // its lines, sorted by word

  Hunspell& load_dictionaries() {
    if (hunspell) return *hunspell;
    hunspell = make_hunspell(aff, dic);
    for (const auto& path : spec.dictionaries)
      for (const auto& line : word_list_lines(path)) hunspell->add(line);
    return *hunspell;
  }
  Hunspell& load() {
    Hunspell& h = load_dictionaries();
    if (!words_added) {
      for (const auto& w : spec.words) h.add(composed_word(w));
      words_added = true;
    }
    return h;
  }

  // One known-word set per Hunspell dictionary, whatever word lists a rule adds (they are
  // small, and kept in `added`): rules and kinds that ask about plain English share it.
  std::uint64_t known_key() const {
    return fnv1a(std::string(kCacheFormat) + "|" + hunspell_library_stamp() + "|" + spec.language +
                 "|" + file_stamp(aff) + "|" + file_stamp(dic));
  }

  // Hunspell's answers depend on the word lists it was given too.
  std::uint64_t verdicts_key_for(std::uint64_t known) const {
    std::string k = std::to_string(known);
    for (const auto& path : spec.dictionaries)
      k += "|" + path + "|" + std::to_string(fnv1a(read_all(path)));
    for (const auto& w : spec.words) k += "\x1f" + w;
    return fnv1a(k);
  }

  // The set of accepted forms: from the cache folder, or built (about 1.5 s, once per dictionary)
  // by asking Hunspell about every form the dictionary makes, and their capitalised forms.
  void open_known_words(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    // A folder we cannot write to would mean building the set (~1.5 s) at every start.
    if (::access(dir.c_str(), W_OK) != 0) return;
    const std::uint64_t key = known_key();
    const std::string path = fmt::format("{}/words-{:016x}.bin", dir, key);
    known = WordTable::open(path, key);
    if (!known) {
      static std::mutex building;  // one thread builds; the others then open its file
      std::lock_guard<std::mutex> lock(building);
      known = WordTable::open(path, key);
      if (!known) {
        HunspellPtr alone = make_hunspell(aff, dic);  // the dictionary, without word lists
        Hunspell& h = *alone;
        std::vector<std::string> forms = dictionary_forms(aff, dic);
        std::vector<std::string> accepted;
        accepted.reserve(forms.size() * 2);
        for (const std::string& form : forms) {
          if (h.spell(form)) accepted.push_back(form);
          if (std::string title = title_case(form); !title.empty() && h.spell(title))
            accepted.push_back(std::move(title));
        }
        if (WordTable::write(path, key, accepted)) known = WordTable::open(path, key);
      }
    }
    verdicts_key = verdicts_key_for(key);
    verdicts_path = fmt::format("{}/verdicts-{:016x}.txt", dir, verdicts_key);
  }

  // Earlier runs' verdicts for this exact spec: "+word" or "-word" per line after a header,
  // sorted by word. Returns the lines, which point into `text`.
  std::vector<std::string_view> verdict_lines(const std::string& text) const {
    std::vector<std::string_view> lines;
    const std::string header = fmt::format("{} {:016x}\n", kVerdictFormat, verdicts_key);
    if (!text.starts_with(header)) return lines;
    for (std::size_t at = header.size(); at < text.size();) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      const std::string_view line(text.data() + at, end - at);
      if (line.size() > 1 && (line[0] == '+' || line[0] == '-')) lines.push_back(line);
      at = end + 1;
    }
    const auto by_word = [](std::string_view a, std::string_view b) {
      return a.substr(1) < b.substr(1);
    };
    if (!std::is_sorted(lines.begin(), lines.end(), by_word))  // edited by hand
      std::sort(lines.begin(), lines.end(), by_word);
    return lines;
  }

  void read_verdicts() {
    verdicts_text = read_whole_file(verdicts_path).value_or("");
    verdicts = verdict_lines(verdicts_text);
    if (!verdicts.empty()) mark_cache_file_used(verdicts_path);
  }

  std::optional<bool> remembered(std::string_view word) const {
    const auto it = std::lower_bound(
        verdicts.begin(), verdicts.end(), word,
        [](std::string_view line, std::string_view w) { return line.substr(1) < w; });
    if (it == verdicts.end() || it->substr(1) != word) return std::nullopt;
    return (*it)[0] == '+';
  }

  // Merges this run's verdicts into the file as it is now (another run may have added some).
  void save_verdicts() const {
    const std::string text = read_whole_file(verdicts_path).value_or("");
    std::map<std::string_view, bool> all;
    for (std::string_view line : verdict_lines(text)) all.emplace(line.substr(1), line[0] == '+');
    if (all.size() + learned.size() > kMaxRememberedVerdicts) all.clear();
    for (const auto& [word, ok] : learned) all[word] = ok;
    std::string out = fmt::format("{} {:016x}\n", kVerdictFormat, verdicts_key);
    for (const auto& [word, ok] : all) {
      out += ok ? '+' : '-';
      out += word;
      out += '\n';
    }
    write_file_atomically(verdicts_path, out);
  }
};

namespace {

// Every live speller, so that a command ending without destructors can still save their verdicts.
// Never destroyed: thread-local spellers of threads that outlive static destruction still unlist.
std::mutex live_spellers_mutex;
std::set<Speller*>& live_spellers() {
  static auto* spellers = new std::set<Speller*>;
  return *spellers;
}

}  // namespace

Speller::Speller(const SpellerSpec& spec) : impl_(std::make_unique<Impl>()) {
  impl_->spec = spec;
  impl_->aff = hunspell_dictionary_path(spec.language, ".aff");
  impl_->dic = hunspell_dictionary_path(spec.language, ".dic");
  if (impl_->aff.empty() || impl_->dic.empty())
    throw std::runtime_error("no Hunspell dictionary for " + spec.language +
                             " (install hunspell-en-gb / hunspell-en-us)");
  for (const auto& w : spec.words)
    if (plain_added_word(w)) impl_->added.insert(composed_word(w));
  // Word-list entries are accepted as written and, like Hunspell's own, capitalised.
  for (const auto& path : spec.dictionaries)
    for (const auto& w : word_list_lines(path)) {
      if (!plain_added_word(w)) continue;
      impl_->added.insert(w);
      if (std::string title = title_case(w); !title.empty()) impl_->added.insert(std::move(title));
    }
  std::lock_guard lock(live_spellers_mutex);
  live_spellers().insert(this);
}

// On the first word, not at construction: a speller asked only for suggestions needs Hunspell,
// not the known-word set.
void Speller::open_cache() {
  if (impl_->cache_opened) return;
  impl_->cache_opened = true;
  if (const std::string dir = cache_dir(); !dir.empty()) {
    try {
      impl_->open_known_words(dir);
      impl_->read_verdicts();
    } catch (const std::exception&) {
      // A cache that cannot be built or read only costs time: Hunspell answers instead.
      impl_->known.reset();
      impl_->verdicts_path.clear();
      impl_->verdicts.clear();
    }
  }
}

void Speller::save_learned() {
  if (impl_->verdicts_path.empty() || impl_->learned.empty()) return;
  try {
    impl_->save_verdicts();
  } catch (const std::exception&) {
    // Remembering verdicts is an optimisation; failing to is not an error.
  }
  impl_->learned.clear();
}

Speller::~Speller() {
  save_learned();
  std::lock_guard lock(live_spellers_mutex);
  live_spellers().erase(this);
}

void save_learned_spellings() {
  std::lock_guard lock(live_spellers_mutex);
  for (Speller* speller : live_spellers()) speller->save_learned();
}

bool Speller::known(const std::string& word) {
  if (auto nfc = nfc_composed(word)) return known(*nfc);
  open_cache();
  if (impl_->added.count(word)) return true;
  if (impl_->known && impl_->known->contains(word)) return true;
  if (auto it = cache_.find(word); it != cache_.end()) return it->second;
  return impl_->remembered(word).value_or(false);
}

bool Speller::correct(const std::string& word) {
  if (auto nfc = nfc_composed(word)) return correct(*nfc);
  open_cache();
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  if (impl_->added.count(word) || (impl_->known && impl_->known->contains(word))) return true;
  if (std::optional<bool> earlier = impl_->remembered(word)) return *earlier;
  bool ok = impl_->load().spell(word);
  if (cache_.size() > 200000) cache_.clear();  // bound memory on huge vocabularies
  cache_.emplace(word, ok);
  if (!impl_->verdicts_path.empty() && impl_->learned.size() < kMaxRememberedVerdicts &&
      word.find_first_of("\r\n") == std::string::npos)
    impl_->learned.emplace_back(word, ok);
  return ok;
}

std::vector<std::string> Speller::words_one_slip_away(const std::string& word, std::size_t limit) {
  if (auto nfc = nfc_composed(word)) return words_one_slip_away(*nfc, limit);
  open_cache();
  // The known-word table, or the dictionary's forms: asking Hunspell about up to 1,600 near
  // forms of each unknown word took seconds on a long article.
  const std::unordered_set<std::string>* forms = impl_->known ? nullptr : &impl_->all_forms();
  std::vector<std::string> found;
  auto try_word = [&](const std::string& w) {
    const bool known = impl_->added.count(w) > 0 ||
                       (impl_->known ? impl_->known->contains(w) : forms->count(w) > 0);
    if (known && std::find(found.begin(), found.end(), w) == found.end()) found.push_back(w);
    return found.size() >= limit;
  };
  constexpr std::size_t kLongestWord = 30;  // past this, 1,600 tries a word is not worth it
  if (word.size() > kLongestWord || limit == 0) return found;
  static constexpr std::string_view letters = "abcdefghijklmnopqrstuvwxyz";
  // The commonest slips first, so the first word found is the likeliest fix.
  std::string w = word;
  for (std::size_t i = 0; i + 1 < word.size(); ++i) {  // two letters swapped
    if (w[i] == w[i + 1]) continue;
    std::swap(w[i], w[i + 1]);
    if (try_word(w)) return found;
    std::swap(w[i], w[i + 1]);
  }
  for (std::size_t i = 0; i <= word.size(); ++i)  // a letter left out
    for (char c : letters) {
      std::string longer = word;
      longer.insert(i, 1, c);
      if (try_word(longer)) return found;
    }
  for (std::size_t i = 0; i < word.size(); ++i) {  // one letter changed
    const char original = w[i];
    for (char c : letters) {
      if (c == original) continue;
      w[i] = c;
      if (try_word(w)) return found;
    }
    w[i] = original;
  }
  for (std::size_t i = 0; i < word.size(); ++i) {  // a letter typed by mistake
    std::string shorter = word;
    shorter.erase(i, 1);
    if (try_word(shorter)) return found;
  }
  return found;
}

std::vector<std::string> Speller::suggest(const std::string& word) {
  return impl_->load().suggest(composed_word(word));
}

bool Speller::hunspell_loaded() const { return impl_->hunspell != nullptr; }

std::string composed_word(std::string_view word) {
  return nfc_composed(word).value_or(std::string(word));
}

Speller& speller_for(const SpellerSpec& spec) {
  thread_local std::map<std::string, std::unique_ptr<Speller>> spellers;
  auto& slot = spellers[spec.key()];
  if (!slot) slot = std::make_unique<Speller>(spec);
  return *slot;
}

}  // namespace sayso
