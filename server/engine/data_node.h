// A YAML file's content as plain data: texts, lists and maps, each remembering its line.
//
// Rule files are read into these rather than kept as yaml-cpp trees: a yaml-cpp node costs
// several allocations and shared pointers, and rebuilding ~30,000 of them from the rule cache
// was a third of a short check's time. These are plain values, cheap to build, to copy and to
// read from several threads, and they keep their lines when cached, so error messages name the
// right line however the file was read.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace YAML {
class Node;
}

namespace sayso {

class DataNode {
 public:
  enum class Type : unsigned char { Missing, Null, Text, List, Map };

  DataNode() = default;  // Missing: what a lookup of an absent key returns
  static DataNode null(int line = 0);
  static DataNode text(std::string value, int line = 0);
  static DataNode list(int line = 0);
  static DataNode map(int line = 0);

  Type type() const { return type_; }
  explicit operator bool() const { return type_ != Type::Missing; }
  // Missing or written as nothing ("key:" or "key: ~").
  bool is_empty() const { return type_ == Type::Missing || type_ == Type::Null; }
  bool is_text() const { return type_ == Type::Text; }
  bool is_list() const { return type_ == Type::List; }
  bool is_map() const { return type_ == Type::Map; }
  int line() const { return line_; }  // 1-based; 0 when not from a file

  const std::string& value() const { return text_; }  // a text's value ("" for others)
  // The value as a number or a truth value (YAML's true/false, yes/no, on/off), if it is one.
  std::optional<double> number() const;
  std::optional<bool> truth() const;

  std::size_t size() const { return children_.size(); }  // items of a list or map
  // A list's items or a map's values, in file order (a map's values carry their key).
  const std::vector<DataNode>& children() const { return children_; }
  std::vector<DataNode>& children() { return children_; }
  const std::string& key() const { return key_; }  // as a map's value: its key
  int key_line() const { return key_line_; }
  // A map's value for `key`: a Missing node when absent, or when this is not a map.
  const DataNode& operator[](std::string_view key) const;
  DataNode* find(std::string_view key);  // the same, to change it; nullptr when absent

  // Same type, value, key, lines and children.
  bool operator==(const DataNode&) const = default;

  // Building. set() replaces a map's value for `key` or adds it (a Missing node becomes a map).
  DataNode& set(std::string key, DataNode value, int key_line = 0);
  void reserve(std::size_t children) { children_.reserve(children); }
  // Adds a map entry without looking for the key first: for readers, whose keys are as written.
  DataNode& append(std::string key, DataNode value, int key_line);
  // Adds an item (a Missing or Null node becomes a list; a text becomes a list holding it).
  DataNode& push_back(DataNode item);

 private:
  Type type_ = Type::Missing;
  int line_ = 0, key_line_ = 0;
  std::string text_, key_;
  std::vector<DataNode> children_;
};

// Converts a yaml-cpp tree, lines included. Throws std::runtime_error when the tree is nested
// more than 256 deep or, with aliases expanded, has more than `max_nodes` nodes ("billion
// laughs": a few lines of aliases can stand for billions of nodes).
DataNode data_from_yaml(const YAML::Node& node, std::size_t max_nodes = 1'000'000);
// Parses YAML text; throws YAML::Exception (with its mark) or std::runtime_error as above.
DataNode parse_data(std::string_view yaml_text);

}  // namespace sayso
