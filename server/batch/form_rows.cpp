#include "batch/form_rows.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "batch/csv_reader.h"
#include "core/config.h"
#include "core/sections.h"
#include "core/user_json.h"

namespace sayso {
namespace {

std::string where(const std::string& file, const YAML::Node& node) {
  return fmt::format("{}:{}", file, node.Mark().line + 1);
}

// A map's key as text; YAML also allows a list or a map as a key ("? a: b").
std::string key_name(const std::string& file, const YAML::Node& key) {
  if (!key.IsScalar())
    throw ConfigError(where(file, key) +
                      ": a name here must be a single word, not a list or a map");
  return key.Scalar();
}

std::string scalar_setting(const std::string& file, const YAML::Node& node, const char* key) {
  if (!node.IsScalar() || node.Scalar().empty())
    throw ConfigError(fmt::format("{}: '{}' must be a column name", where(file, node), key));
  return node.Scalar();
}

void read_map_sections(FormMap& map, const YAML::Node& sections) {
  if (!sections.IsMap() || sections.size() == 0)
    throw ConfigError(where(map.file, sections) +
                      ": 'sections' must map column names to section kinds");
  const auto& kinds = canonical_section_kinds();
  for (const auto& entry : sections) {
    const std::string column = key_name(map.file, entry.first);
    if (!entry.second.IsScalar())
      throw ConfigError(where(map.file, entry.second) + ": the section kind of column '" + column +
                        "' must be a name");
    const std::string kind = entry.second.Scalar();
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
      throw ConfigError(
          fmt::format("{}: column '{}' names an unknown section kind '{}' (known: {})",
                      where(map.file, entry.second), column, kind, fmt::join(kinds, ", ")));
    map.sections.emplace_back(column, kind);
  }
}

// The text of a JSON field: strings as they are, numbers and booleans as written, null as "";
// nullopt for arrays and objects.
std::optional<std::string> json_field_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return std::string();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return std::nullopt;
}

// The fields a row's document is made of (others may hold anything).
std::vector<std::string> used_fields(const FormMap* map) {
  if (!map) return {"id", "text"};
  std::vector<std::string> used = {map->id_column};
  if (!map->title_column.empty()) used.push_back(map->title_column);
  for (const auto& [column, kind] : map->sections) used.push_back(column);
  return used;
}

// A header read as one column that holds ';' or tabs: a spreadsheet saved with another
// separator (Excel does so where the decimal mark is a comma).
std::string other_separator(const std::vector<std::string>& header) {
  if (header.size() != 1) return "";
  if (header[0].find(';') != std::string::npos) return "semicolons";
  if (header[0].find('\t') != std::string::npos) return "tabs";
  return "";
}

// Why the column a document is read from cannot be told: missing, or written twice (the first
// would be read and the second lost without a word).
std::string column_problem(const std::vector<std::string>& header, const std::string& column,
                           const std::string& missing) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == column) at.push_back(i + 1);
  if (at.size() > 1)
    return fmt::format("the file has {} columns named '{}' (columns {}); rename all but one",
                       at.size(), column, fmt::join(at, ", "));
  if (!at.empty()) return "";
  if (const std::string separator = other_separator(header); !separator.empty())
    return fmt::format(
        "the columns are separated by {}, not commas; save the file as CSV with "
        "commas (in Excel: CSV UTF-8)",
        separator);
  return missing;
}

// Why a CSV header cannot give documents ("" when it can).
std::string header_problem(const std::vector<std::string>& header, const FormMap* map) {
  if (!map)
    return column_problem(
        header, "text",
        "the file has no 'text' column; give --map FILE to map its columns to sections");
  std::vector<std::string> needed;
  if (!map->title_column.empty()) needed.push_back(map->title_column);
  for (const auto& [column, kind] : map->sections) needed.push_back(column);
  for (const auto& column : needed)
    if (std::string problem =
            column_problem(header, column,
                           fmt::format("the map {} names column '{}', which the file does not have",
                                       map->file, column));
        !problem.empty())
      return problem;
  return "";
}

std::string trimmed(std::string text) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  return text;
}

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Calls `visit(line, line_number)` for every line of the text (without its line ending).
template <typename Visit>
void for_each_line(std::string_view text, Visit visit) {
  std::size_t number = 0, pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    visit(line, ++number);
    pos = end + 1;
  }
}

}  // namespace

FormMap load_form_map(const std::string& path) {
  FormMap map;
  map.file = path;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ConfigError(path + ": cannot read the map file");
  } catch (const YAML::Exception& e) {
    throw ConfigError(fmt::format("{}:{}: {}", path, e.mark.line + 1, e.msg));
  }
  if (!root.IsMap()) throw ConfigError(path + ":1: the map must have 'id' and 'sections' keys");
  for (const auto& entry : root) {
    const std::string key = key_name(path, entry.first);
    if (key == "id")
      map.id_column = scalar_setting(path, entry.second, "id");
    else if (key == "title")
      map.title_column = scalar_setting(path, entry.second, "title");
    else if (key == "sections")
      read_map_sections(map, entry.second);
    else
      throw ConfigError(where(path, entry.first) + ": unknown key '" + key +
                        "' (expected id, title, sections)");
  }
  if (map.sections.empty()) throw ConfigError(path + ":1: the map has no 'sections'");
  return map;
}

FormRow error_row(std::optional<std::size_t> row, std::string id, std::string error) {
  FormRow out;
  out.row = row;
  out.id = std::move(id);
  out.error = std::move(error);
  return out;
}

std::string row_fallback_id(const std::string& path, std::size_t row) {
  return path + "#" + std::to_string(row);
}

FormRow make_form_row(const FormMap* map, const RowFields& fields, std::size_t row,
                      const std::string& fallback_id) {
  FormRow out;
  out.row = row;
  auto field = [&](const std::string& name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second.text;
  };
  // Appends a field's text to the document, noting where it lies.
  auto append = [&](const std::string& name) {
    auto it = fields.find(name);
    if (it == fields.end()) return;
    out.fields.push_back({name, it->second.number, it->second.line, out.text.size(),
                          out.text.size() + it->second.text.size()});
    out.text += it->second.text;
  };
  // A spreadsheet cell " A-1 " is the reference A-1 (and a repeat of it, not another one).
  out.id = trimmed(field(map ? map->id_column : "id"));
  if (out.id.empty()) out.id = fallback_id;
  if (!map) {
    if (!fields.count("text"))
      out.error = "no 'text' field; give --map FILE to map fields to sections";
    append("text");
    return out;
  }
  auto add_section = [&](const std::string& kind, const std::string& column) {
    out.text += "# " + section_kind_heading(kind) + "\n\n";
    append(column);
    out.text += "\n\n";
  };
  if (!map->title_column.empty()) {
    out.title = trimmed(field(map->title_column));
    add_section("title", map->title_column);
  }
  for (const auto& [column, kind] : map->sections) add_section(kind, column);
  return out;
}

FormRow jsonl_form_row(std::string_view line, const FormMap* map, std::size_t row,
                       const std::string& fallback_id) {
  UserJson parsed = parse_user_json(line);
  if (parsed.outcome == UserJson::Outcome::TooDeep)
    return error_row(row, fallback_id, "line is not read: " + parsed.problem);
  if (parsed.outcome == UserJson::Outcome::NotJson)
    return error_row(row, fallback_id, "line is not valid JSON: " + parsed.problem);
  const nlohmann::json& object = parsed.value;
  if (!object.is_object()) return error_row(row, fallback_id, "line is not a JSON object");
  RowFields fields;
  std::string not_text;  // the first used field that is an array or object
  const std::vector<std::string> used = used_fields(map);
  for (const auto& [name, value] : object.items()) {
    if (auto text = json_field_text(value))
      fields[name] = {std::move(*text), row, 0};
    else if (not_text.empty() && std::find(used.begin(), used.end(), name) != used.end())
      not_text = name;
  }
  FormRow out = make_form_row(map, fields, row, fallback_id);
  if (!not_text.empty() && out.error.empty()) out.error = "field '" + not_text + "' is not text";
  return out;
}

void read_csv_rows(std::string_view text, const FormMap* map, const std::string& path,
                   const std::function<void(FormRow)>& emit) {
  CsvReader reader(text);
  CsvRecord record;
  std::vector<std::string> header;
  while (reader.next(record) && record.blank()) {
  }
  if (record.fields.empty() && record.line == 0) {
    emit(error_row(std::nullopt, path, "the CSV file is empty (no header row)"));
    return;
  }
  std::string problem = record.error.empty() ? header_problem(record.fields, map)
                                             : "the header row is malformed: " + record.error;
  if (!problem.empty()) {
    emit(error_row(std::nullopt, path, problem));
    return;
  }
  header = record.fields;
  std::size_t row = 0;
  while (reader.next(record)) {
    if (record.blank()) continue;
    ++row;
    const std::string fallback = row_fallback_id(path, row);
    if (!record.error.empty()) {
      emit(error_row(row, fallback,
                     fmt::format("row {} (line {}): {}", row, record.line, record.error)));
      continue;
    }
    if (record.fields.size() != header.size()) {
      emit(error_row(row, fallback,
                     fmt::format("row {} (line {}) has {} fields; the header has {}", row,
                                 record.line, record.fields.size(), header.size())));
      continue;
    }
    RowFields fields;
    for (std::size_t i = 0; i < header.size(); ++i)
      fields.emplace(header[i], RowField{record.fields[i], record.field_lines[i], i + 1});
    emit(make_form_row(map, fields, row, fallback));
  }
  if (row == 0) emit(error_row(std::nullopt, path, "the CSV file has a header but no rows"));
}

void read_jsonl_rows(std::string_view text, const FormMap* map, const std::string& path,
                     const std::function<void(FormRow)>& emit) {
  bool any = false;
  for_each_line(text, [&](std::string_view line, std::size_t number) {
    if (is_blank_line(line)) return;
    any = true;
    emit(jsonl_form_row(line, map, number, row_fallback_id(path, number)));
  });
  if (!any) emit(error_row(std::nullopt, path, "the JSON Lines file has no submissions"));
}

std::size_t count_csv_rows(std::string_view text) {
  CsvReader reader(text);
  CsvRecord record;
  std::size_t records = 0;
  while (reader.next(record))
    if (!record.blank()) ++records;
  return records > 0 ? records - 1 : 1;
}

std::size_t count_jsonl_rows(std::string_view text) {
  std::size_t rows = 0;
  for_each_line(text, [&](std::string_view line, std::size_t) { rows += !is_blank_line(line); });
  return rows > 0 ? rows : 1;  // a file with no submissions gives one error record
}

}  // namespace sayso
