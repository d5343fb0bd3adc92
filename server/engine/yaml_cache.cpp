#include "engine/yaml_cache.h"

#include <cstring>
#include <stdexcept>

#include "engine/cache_dir.h"
#include "engine/known_words.h"

namespace sayso {
namespace {

constexpr std::string_view kMagic = "sayso-yaml-cache-4\n";
constexpr int kMaxDepth = 256;

void put_u32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<char*>(&v), 4); }
void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<char*>(&v), 8); }
void put_text(std::string& out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}

struct Reader {
  std::string_view in;
  std::size_t at = 0;
  void need(std::size_t n) const {
    if (n > in.size() - at) throw std::runtime_error("truncated YAML cache");
  }
  char byte() {
    need(1);
    return in[at++];
  }
  std::uint32_t u32() {
    need(4);
    std::uint32_t v;
    std::memcpy(&v, in.data() + at, 4);
    at += 4;
    return v;
  }
  std::uint64_t u64() {
    need(8);
    std::uint64_t v;
    std::memcpy(&v, in.data() + at, 8);
    at += 8;
    return v;
  }
  std::string_view text() {
    const std::uint32_t n = u32();
    need(n);
    std::string_view s = in.substr(at, n);
    at += n;
    return s;
  }
};

// A node is its type, its line, then its text or its children; a map's children are each
// preceded by their key and the key's line.

void write_node(std::string& out, const DataNode& node) {
  out += static_cast<char>(node.type());
  put_u32(out, static_cast<std::uint32_t>(node.line()));
  if (node.is_text()) put_text(out, node.value());
  if (!node.is_list() && !node.is_map()) return;
  put_u32(out, static_cast<std::uint32_t>(node.size()));
  for (const DataNode& child : node.children()) {
    if (node.is_map()) {
      put_text(out, child.key());
      put_u32(out, static_cast<std::uint32_t>(child.key_line()));
    }
    write_node(out, child);
  }
}

DataNode read_node(Reader& r, int depth) {
  if (depth > kMaxDepth) throw std::runtime_error("YAML cache nested too deeply");
  const auto type = static_cast<DataNode::Type>(r.byte());
  const int line = static_cast<int>(r.u32());
  switch (type) {
    case DataNode::Type::Null:
      return DataNode::null(line);
    case DataNode::Type::Text:
      return DataNode::text(std::string(r.text()), line);
    case DataNode::Type::List:
    case DataNode::Type::Map: {
      const bool is_map = type == DataNode::Type::Map;
      DataNode node = is_map ? DataNode::map(line) : DataNode::list(line);
      const std::uint32_t count = r.u32();
      r.need(std::size_t{count} * 5);  // each child takes 5 bytes at least: a bad count fails here
      node.reserve(count);
      for (std::uint32_t n = count; n > 0; --n) {
        if (!is_map) {
          node.push_back(read_node(r, depth + 1));
          continue;
        }
        std::string key(r.text());
        const int key_line = static_cast<int>(r.u32());
        node.append(std::move(key), read_node(r, depth + 1), key_line);
      }
      return node;
    }
    default:
      throw std::runtime_error("bad node in YAML cache");
  }
}

}  // namespace

std::string serialize_data(const DataNode& root) {
  std::string out;
  write_node(out, root);
  return out;
}

DataNode deserialize_data(std::string_view bytes) {
  Reader r{bytes};
  DataNode root = read_node(r, 0);
  if (r.at != bytes.size()) throw std::runtime_error("trailing bytes in YAML cache");
  return root;
}

YamlCache::YamlCache(std::string file) : file_(std::move(file)) {
  const std::optional<std::string> read = read_whole_file(file_);
  if (!read) return;
  const std::string& bytes = *read;
  try {
    Reader r{bytes};
    r.need(kMagic.size());
    if (bytes.compare(0, kMagic.size(), kMagic) != 0) return;
    r.at = kMagic.size();
    const std::uint64_t checksum = r.u64();
    if (fnv1a(std::string_view(bytes).substr(r.at)) != checksum) return;
    std::map<std::string, Entry> entries;
    for (std::uint32_t n = r.u32(); n > 0; --n) {
      std::string path(r.text());
      Entry e;
      e.content_hash = r.u64();
      e.tree = std::string(r.text());
      entries.emplace(std::move(path), std::move(e));
    }
    if (r.at == bytes.size()) {
      stored_ = std::move(entries);
      mark_cache_file_used(file_);
    }
  } catch (const std::runtime_error&) {
    stored_.clear();  // damaged: start again
  }
}

std::optional<DataNode> YamlCache::find(const std::string& path, std::string_view bytes) {
  auto it = stored_.find(path);
  if (it == stored_.end() || it->second.content_hash != fnv1a(bytes)) return std::nullopt;
  try {
    DataNode tree = deserialize_data(it->second.tree);
    const std::lock_guard lock(mutex_);
    used_[path] = it->second;
    ++hits_;
    return tree;
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

void YamlCache::store(const std::string& path, std::string_view bytes, const DataNode& root) {
  std::string tree = serialize_data(root);
  const std::lock_guard lock(mutex_);
  used_[path] = Entry{fnv1a(bytes), std::move(tree)};
  changed_ = true;
}

std::size_t YamlCache::hits() const {
  const std::lock_guard lock(mutex_);
  return hits_;
}

bool YamlCache::save() const {
  const std::lock_guard lock(mutex_);
  if (!changed_ && used_.size() == stored_.size()) return true;
  std::string body;
  put_u32(body, static_cast<std::uint32_t>(used_.size()));
  for (const auto& [path, e] : used_) {
    put_text(body, path);
    put_u64(body, e.content_hash);
    put_text(body, e.tree);
  }
  std::string out(kMagic);
  put_u64(out, fnv1a(body));
  out += body;
  return write_file_atomically(file_, out);
}

}  // namespace sayso
