#include "engine/data_node.h"

#include "core/config.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

namespace sayso {
namespace {

constexpr int kMaxDepth = 256;

DataNode make(DataNode::Type type, int line) {
  switch (type) {
    case DataNode::Type::Null:
      return DataNode::null(line);
    case DataNode::Type::List:
      return DataNode::list(line);
    case DataNode::Type::Map:
      return DataNode::map(line);
    default:
      return DataNode::text("", line);
  }
}

int line_of(const YAML::Mark& mark) { return mark.line >= 0 ? mark.line + 1 : 0; }

struct Converter {
  std::size_t max_nodes;
  std::size_t nodes = 0;

  DataNode convert(const YAML::Node& node, int depth) {
    if (depth > kMaxDepth) throw std::runtime_error("nested more than 256 levels deep");
    if (++nodes > max_nodes)
      throw std::runtime_error("more than " + std::to_string(max_nodes) +
                               " values (aliases repeat a part of the file too often)");
    const int line = line_of(node.Mark());
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        return DataNode::text(node.Scalar(), line);
      case YAML::NodeType::Sequence: {
        DataNode list = make(DataNode::Type::List, line);
        for (const auto& item : node) list.push_back(convert(item, depth + 1));
        return list;
      }
      case YAML::NodeType::Map: {
        DataNode map = make(DataNode::Type::Map, line);
        for (const auto& kv : node) {
          // A list or map as a key ("? [a, b]: c") has no use in sayso's files: keep its text.
          std::string key = kv.first.IsScalar() ? kv.first.Scalar() : YAML::Dump(kv.first);
          map.append(std::move(key), convert(kv.second, depth + 1), line_of(kv.first.Mark()));
        }
        return map;
      }
      default:
        return DataNode::null(line);
    }
  }
};

}  // namespace

DataNode DataNode::null(int line) {
  DataNode n;
  n.type_ = Type::Null;
  n.line_ = line;
  return n;
}

DataNode DataNode::text(std::string value, int line) {
  DataNode n;
  n.type_ = Type::Text;
  n.text_ = std::move(value);
  n.line_ = line;
  return n;
}

DataNode DataNode::list(int line) {
  DataNode n;
  n.type_ = Type::List;
  n.line_ = line;
  return n;
}

DataNode DataNode::map(int line) {
  DataNode n;
  n.type_ = Type::Map;
  n.line_ = line;
  return n;
}

std::optional<double> DataNode::number() const {
  if (type_ != Type::Text || text_.empty()) return std::nullopt;
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  if (*begin == '+') ++begin;
  double value = 0;
  const auto [stop, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<bool> DataNode::truth() const {
  if (type_ != Type::Text) return std::nullopt;
  // YAML 1.1's words, as yaml-cpp reads them.
  for (const char* word : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"})
    if (text_ == word) return true;
  for (const char* word :
       {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"})
    if (text_ == word) return false;
  return std::nullopt;
}

const DataNode& DataNode::operator[](std::string_view key) const {
  static const DataNode missing;
  if (type_ == Type::Map)
    for (const DataNode& child : children_)
      if (child.key_ == key) return child;
  return missing;
}

DataNode* DataNode::find(std::string_view key) {
  if (type_ == Type::Map)
    for (DataNode& child : children_)
      if (child.key_ == key) return &child;
  return nullptr;
}

DataNode& DataNode::set(std::string key, DataNode value, int key_line) {
  if (type_ == Type::Missing || type_ == Type::Null) type_ = Type::Map;
  if (type_ != Type::Map) throw std::logic_error("DataNode::set on a text or list");
  value.key_ = std::move(key);
  value.key_line_ = key_line;
  for (DataNode& child : children_)
    if (child.key_ == value.key_) {
      if (key_line == 0) value.key_line_ = child.key_line_;
      return child = std::move(value);
    }
  children_.push_back(std::move(value));
  return children_.back();
}

DataNode& DataNode::append(std::string key, DataNode value, int key_line) {
  if (type_ != Type::Map) throw std::logic_error("DataNode::append on a text or list");
  value.key_ = std::move(key);
  value.key_line_ = key_line;
  children_.push_back(std::move(value));
  return children_.back();
}

DataNode& DataNode::push_back(DataNode item) {
  if (type_ == Type::Missing || type_ == Type::Null) {
    type_ = Type::List;
  } else if (type_ == Type::Text) {
    children_.push_back(text(std::move(text_), line_));
    text_.clear();
    type_ = Type::List;
  }
  if (type_ != Type::List) throw std::logic_error("DataNode::push_back on a map");
  item.key_.clear();
  children_.push_back(std::move(item));
  return children_.back();
}

DataNode data_from_yaml(const YAML::Node& node, std::size_t max_nodes) {
  return Converter{max_nodes}.convert(node, 0);
}

DataNode parse_data(std::string_view yaml_text) {
  const YAML::Node root = YAML::Load(std::string(yaml_text));
  reject_duplicate_keys(root);
  return data_from_yaml(root);
}

}  // namespace sayso
