// Streams JSON text byte for byte as nlohmann::json's dump() lays it out, without building a JSON
// tree: reports and batch records hold tens of thousands of findings, and building a tree for
// each costs more than linting some of them. Callers write object keys in the order the output
// needs (sorted, where it must match a std::map-backed nlohmann object).
#pragma once
#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sayso {

class JsonWriter {
 public:
  enum class Layout {
    compact,   // as dump(): no spaces, one line
    indented,  // as dump(2): two spaces per level, "key": value
  };
  // Appends to `out`.
  JsonWriter(std::string& out, Layout layout);
  // Writes to `sink` in pieces of about 64 KB, and the rest when destroyed.
  JsonWriter(std::ostream& sink, Layout layout);
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name);
  // A string, quoted and escaped; a byte that is not UTF-8 becomes U+FFFD (as dump()'s
  // error_handler_t::replace writes it).
  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(std::size_t number);
  void null() { raw("null"); }
  void raw(std::string_view json);  // a value already serialised in the same layout
  void strings(const std::vector<std::string>& items);
  void counts(const std::map<std::string, std::size_t>& items);

 private:
  void item();
  void open(char bracket);
  void close(char bracket);
  void newline(std::size_t depth);
  void string(std::string_view text);
  void escape(unsigned char c);
  void flush();

  std::string own_buffer_;
  std::string& out_;
  std::ostream* sink_ = nullptr;
  Layout layout_;
  std::vector<bool> has_items_;  // per open container: whether it has an item yet
  bool after_key_ = false;
};

}  // namespace sayso
