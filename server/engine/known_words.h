// The words a Hunspell dictionary accepts, expanded once from its .dic and .aff and kept on disk
// as a memory-mapped hash set, so most words are checked without loading Hunspell (~40 ms of
// CPU at every start).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sayso {

// Every form the dictionary's entries make with their prefix and suffix rules (cross products
// included), plus each extra word list's lines. A superset guess: whoever stores them keeps only
// the forms Hunspell itself accepts. Throws std::runtime_error when a file cannot be read.
std::vector<std::string> dictionary_forms(const std::string& aff_path, const std::string& dic_path);

// A read-only set of words in one file: a header, an open-addressing table of offsets and the
// words, each with its hash. Opening checks the header and the sizes (a foreign, stale or cut
// file is refused); lookups stay inside the file and check each word's hash, so a damaged byte
// can only hide a word, never add one.
class WordTable {
 public:
  ~WordTable();
  WordTable(const WordTable&) = delete;
  WordTable& operator=(const WordTable&) = delete;

  // Null when the file is missing, was written for another key, or is damaged.
  static std::unique_ptr<WordTable> open(const std::string& path, std::uint64_t key);
  // Writes the set atomically (a temporary file renamed into place). False on any failure.
  static bool write(const std::string& path, std::uint64_t key,
                    const std::vector<std::string>& words);

  bool contains(std::string_view word) const;
  std::size_t size() const { return count_; }

 private:
  WordTable() = default;
  const unsigned char* data_ = nullptr;
  std::size_t bytes_ = 0;
  std::size_t count_ = 0;
  const std::uint32_t* slots_ = nullptr;
  std::size_t slot_mask_ = 0;
  const unsigned char* blob_ = nullptr;
  std::size_t blob_size_ = 0;
};

// 64-bit FNV-1a, for cache keys and the table's hash.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ULL);

}  // namespace sayso
