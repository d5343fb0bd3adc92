// Parsed rule files kept between runs: yaml-cpp spends ~15 ms of CPU parsing the ~150 KB of
// rules at every start, rebuilding the same trees from a compact binary copy takes a third of
// that. Entries are keyed by each file's path and a hash of its bytes, so an edited file is
// parsed again; a damaged cache file is ignored.
//
// find() and store() may be called from several threads at once.
//
// Rebuilt trees carry no line marks (yaml-cpp cannot set them): callers take the lines they need
// from here (rule_lines) and, for error messages, load again without the cache.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace sayso {

class YamlCache {
 public:
  // Reads the cache file if it is there and sound (else starts empty).
  explicit YamlCache(std::string file);

  struct Tree {
    YAML::Node root;
    std::vector<int> rule_lines;  // 1-based line of each item of root["rules"], if a list
  };
  // The cached tree for these bytes of `path`, or nullopt (then parse and store()).
  std::optional<Tree> find(const std::string& path, std::string_view bytes);
  // Keeps a freshly parsed tree. Trees with anchors or non-text keys are not kept.
  void store(const std::string& path, std::string_view bytes, const YAML::Node& root);
  // Writes the entries found or stored since opening (atomically), when any was new.
  bool save() const;
  std::size_t hits() const;

 private:
  struct Entry {
    std::uint64_t content_hash = 0;
    std::string tree;  // serialized
  };
  std::string file_;
  std::map<std::string, Entry> stored_;  // path → entry, from the file (read-only after loading)
  mutable std::mutex mutex_;             // guards what follows
  std::map<std::string, Entry> used_;    // what this run read or parsed: written by save()
  std::size_t hits_ = 0;
  bool changed_ = false;
};

// Serialization, exposed for tests: a tree with each node's line; nullopt when it cannot be kept.
std::optional<std::string> serialize_yaml(const YAML::Node& root);
// Throws std::runtime_error on malformed input.
YamlCache::Tree deserialize_yaml(std::string_view bytes);

}  // namespace sayso
