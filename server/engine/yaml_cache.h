// Parsed rule files kept between runs: yaml-cpp spends ~15 ms of CPU parsing the ~150 KB of
// rules at every start; rebuilding the same data trees (engine/data_node.h), lines included,
// from a compact binary copy takes a small part of that. Entries are keyed by each file's path
// and a hash of its bytes, so an edited file is parsed again; a damaged cache file is ignored.
//
// find() and store() may be called from several threads at once.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/data_node.h"

namespace sayso {

class YamlCache {
 public:
  // Reads the cache file if it is there and sound (else starts empty).
  explicit YamlCache(std::string file);

  // The cached tree for these bytes of `path`, or nullopt (then parse and store()).
  std::optional<DataNode> find(const std::string& path, std::string_view bytes);
  // Keeps a freshly parsed tree.
  void store(const std::string& path, std::string_view bytes, const DataNode& root);
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

// Serialization, exposed for tests: a tree with each node's line and style.
std::string serialize_data(const DataNode& root);
// Throws std::runtime_error on malformed input.
DataNode deserialize_data(std::string_view bytes);

}  // namespace sayso
