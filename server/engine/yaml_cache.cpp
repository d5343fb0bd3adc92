#include "engine/yaml_cache.h"

#include <cstring>
#include <fstream>
#include <stdexcept>

#include "engine/cache_dir.h"
#include "engine/known_words.h"

namespace sayso {
namespace {

constexpr std::string_view kMagic = "sayso-yaml-cache-2\n";
// Sequences and maps written in flow style ("[a, b]") get their own types, so that a rebuilt
// tree also prints as it was written.
enum Type : char {
  kNull = 'n',
  kScalar = 's',
  kSequence = 'q',
  kFlowSequence = 'Q',
  kMap = 'm',
  kFlowMap = 'M'
};

bool is_flow(const YAML::Node& node) { return node.Style() == YAML::EmitterStyle::Flow; }

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

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

bool write_node(std::string& out, const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      out += kNull;
      return true;
    case YAML::NodeType::Scalar:
      out += kScalar;
      put_text(out, node.Scalar());
      return true;
    case YAML::NodeType::Sequence:
      out += is_flow(node) ? kFlowSequence : kSequence;
      put_u32(out, static_cast<std::uint32_t>(node.size()));
      for (const auto& item : node)
        if (!write_node(out, item)) return false;
      return true;
    case YAML::NodeType::Map:
      out += is_flow(node) ? kFlowMap : kMap;
      put_u32(out, static_cast<std::uint32_t>(node.size()));
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) return false;
        put_text(out, kv.first.Scalar());
        if (!write_node(out, kv.second)) return false;
      }
      return true;
    default:
      return false;
  }
}

// A node of this type with no children yet (they are added once it sits in its parent).
YAML::Node empty_node(char type, Reader& r) {
  switch (type) {
    case kNull:
      return YAML::Node(YAML::NodeType::Null);
    case kScalar:
      return YAML::Node(std::string(r.text()));
    case kSequence:
    case kFlowSequence:
    case kMap:
    case kFlowMap: {
      YAML::Node node(type == kSequence || type == kFlowSequence ? YAML::NodeType::Sequence
                                                                 : YAML::NodeType::Map);
      if (type == kFlowSequence || type == kFlowMap) node.SetStyle(YAML::EmitterStyle::Flow);
      return node;
    }
    default:
      throw std::runtime_error("bad node in YAML cache");
  }
}

// Fills a sequence or map top-down: each child joins its parent while it is one node, so
// yaml-cpp's per-tree memory is merged a node at a time instead of a subtree per level.
void fill_node(Reader& r, YAML::Node& node, char type, int depth) {
  if (depth > 256) throw std::runtime_error("YAML cache nested too deeply");
  const bool is_map = type == kMap || type == kFlowMap;
  if (!is_map && type != kSequence && type != kFlowSequence) return;
  for (std::uint32_t n = r.u32(); n > 0; --n) {
    std::string key;
    if (is_map) key = std::string(r.text());
    const char child_type = r.byte();
    YAML::Node child = empty_node(child_type, r);
    if (is_map)
      node.force_insert(key, child);  // keys are unique: no lookups
    else
      node.push_back(child);
    fill_node(r, child, child_type, depth + 1);
  }
}

YAML::Node read_node(Reader& r) {
  const char type = r.byte();
  YAML::Node root = empty_node(type, r);
  fill_node(r, root, type, 0);
  return root;
}

// An anchor ("&name") makes yaml-cpp share one node between places; a copy would not.
bool has_anchor(std::string_view bytes) {
  for (std::size_t i = bytes.find('&'); i != std::string_view::npos; i = bytes.find('&', i + 1)) {
    const bool starts_token = i == 0 || std::strchr(" \t\n[{,:-", bytes[i - 1]) != nullptr;
    const bool named = i + 1 < bytes.size() && !std::strchr(" \t\r\n", bytes[i + 1]);
    if (starts_token && named) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> serialize_yaml(const YAML::Node& root) {
  std::string out;
  std::vector<int> lines;
  if (root.IsMap() && root["rules"] && root["rules"].IsSequence())
    for (const auto& item : root["rules"]) lines.push_back(line_of(item));
  put_u32(out, static_cast<std::uint32_t>(lines.size()));
  for (int line : lines) put_u32(out, static_cast<std::uint32_t>(line));
  if (!write_node(out, root)) return std::nullopt;
  return out;
}

YamlCache::Tree deserialize_yaml(std::string_view bytes) {
  Reader r{bytes};
  YamlCache::Tree tree;
  const std::uint32_t count = r.u32();
  r.need(std::size_t{count} * 4);
  for (std::uint32_t i = 0; i < count; ++i) tree.rule_lines.push_back(static_cast<int>(r.u32()));
  tree.root = read_node(r);
  if (r.at != bytes.size()) throw std::runtime_error("trailing bytes in YAML cache");
  return tree;
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
    if (r.at == bytes.size()) stored_ = std::move(entries);
  } catch (const std::runtime_error&) {
    stored_.clear();  // damaged: start again
  }
}

std::optional<YamlCache::Tree> YamlCache::find(const std::string& path, std::string_view bytes) {
  auto it = stored_.find(path);
  if (it == stored_.end() || it->second.content_hash != fnv1a(bytes)) return std::nullopt;
  try {
    Tree tree = deserialize_yaml(it->second.tree);
    const std::lock_guard lock(mutex_);
    used_[path] = it->second;
    ++hits_;
    return tree;
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

void YamlCache::store(const std::string& path, std::string_view bytes, const YAML::Node& root) {
  if (has_anchor(bytes)) return;
  std::optional<std::string> tree = serialize_yaml(root);
  if (!tree) return;
  const std::lock_guard lock(mutex_);
  used_[path] = Entry{fnv1a(bytes), std::move(*tree)};
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
