// Watching .sayso.yml and rule files: reload when they change (workspace/didChangeWatchedFiles,
// registered dynamically when the client can, or a save in the editor). A file that fails to load
// is reported with window/showMessage and as a diagnostic at the line the error names, and the last
// good rules stay in use.
#include <algorithm>
#include <filesystem>
#include <set>

#include "engine/builtin_findings.h"
#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

bool has_extension(const std::filesystem::path& path,
                   std::initializer_list<std::string_view> exts) {
  const std::string ext = path.extension().string();
  return std::any_of(exts.begin(), exts.end(), [&](std::string_view e) { return ext == e; });
}

bool is_inside(const std::filesystem::path& path, const std::string& dir) {
  if (dir.empty()) return false;
  const std::filesystem::path base = std::filesystem::path(dir).lexically_normal();
  const auto rel = path.lexically_normal().lexically_relative(base);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

std::optional<FileProblem> parse_file_problem(const std::string& error_text) {
  // The first ":<digits>:" ends the file name ("rules/x.yml:12: rule a.b: what is wrong").
  for (std::size_t colon = error_text.find(':'); colon != std::string::npos;
       colon = error_text.find(':', colon + 1)) {
    std::size_t end = colon + 1;
    while (end < error_text.size() && error_text[end] >= '0' && error_text[end] <= '9') ++end;
    if (end == colon + 1 || end >= error_text.size() || error_text[end] != ':' || colon == 0)
      continue;
    FileProblem problem;
    std::error_code ec;
    problem.path =
        std::filesystem::absolute(error_text.substr(0, colon), ec).lexically_normal().string();
    const unsigned long line = std::stoul(error_text.substr(colon + 1, end - colon - 1));
    problem.line = line > 0 ? static_cast<std::uint32_t>(std::min(line, 1ul << 30) - 1) : 0;
    std::size_t text_start = end + 1;
    while (text_start < error_text.size() && error_text[text_start] == ' ') ++text_start;
    problem.message = error_text.substr(text_start);
    return problem;
  }
  return std::nullopt;
}

void Server::register_file_watchers() {
  const json* dynamic = find_path(client_capabilities_,
                                  {"workspace", "didChangeWatchedFiles", "dynamicRegistration"});
  if (dynamic == nullptr || *dynamic != true) return;  // didSave still reloads
  const json* relative = find_path(
      client_capabilities_, {"workspace", "didChangeWatchedFiles", "relativePatternSupport"});
  const std::string rules_dir =
      std::filesystem::absolute(options_.rules_dir).lexically_normal().string();
  json rules_pattern = rules_dir + "/**/*.{yml,yaml,dic}";
  if (relative != nullptr && *relative == true)
    rules_pattern = {{"baseUri", path_to_file_uri(rules_dir)}, {"pattern", "**/*.{yml,yaml,dic}"}};
  const json watchers = json::array({{{"globPattern", "**/.sayso.yml"}},
                                     {{"globPattern", "**/.sayso.yaml"}},
                                     {{"globPattern", rules_pattern}}});
  send_request("client/registerCapability", {{"registrations",
                                              {{{"id", "sayso-watch-settings"},
                                                {"method", "workspace/didChangeWatchedFiles"},
                                                {"registerOptions", {{"watchers", watchers}}}}}}});
}

void Server::on_did_change_watched_files(const json& params) {
  const json* changes = find_path(params, {"changes"});
  if (changes == nullptr || !changes->is_array())
    throw RpcError(ErrorCode::InvalidParams, "changes must be an array");
  constexpr int kDeleted = 3;  // FileChangeType
  std::string changed;
  for (const json& change : *changes) {
    if (!change.is_object() || !change.contains("uri") || !change["uri"].is_string()) continue;
    const std::string path = file_uri_to_path(change["uri"].get<std::string>());
    if (!is_settings_file(path)) continue;
    if (change.value("type", 0) == kDeleted) forget_settings_file(path);
    if (changed.empty()) changed = path;
  }
  if (!changed.empty()) reload_rules(changed + " changed");
}

// A deleted settings file leaves no "last good" settings behind: a broken file saved at the
// same place later must not bring the deleted file's rules back.
void Server::forget_settings_file(const std::string& path) {
  const auto file_of = [](const std::string& key) {
    const std::size_t newline = key.find('\n');
    return newline == std::string::npos ? std::string() : key.substr(newline + 1);
  };
  unsaved_config_changes_.erase(path);
  std::erase_if(base_configs_, [&](const auto& entry) { return file_of(entry.first) == path; });
  std::erase_if(rule_contexts_, [&](const auto& entry) {
    const std::string file = file_of(entry.first);
    return file == path || file.starts_with(path + "#");
  });
}

bool Server::is_settings_file(const std::string& path) const {
  if (path.empty()) return false;
  const std::filesystem::path p(path);
  const std::string name = p.filename().string();
  if (name == ".sayso.yml" || name == ".sayso.yaml") return true;
  if (!has_extension(p, {".yml", ".yaml", ".dic"})) return false;
  if (is_inside(p, std::filesystem::absolute(options_.rules_dir).string())) return true;
  for (const auto& [file, slot] : rule_contexts_) {
    if (!slot.context) continue;
    for (const std::string& pack : slot.context->config.packs)
      if (is_inside(p, pack)) return true;
  }
  // A broken file stays interesting until it loads again.
  return std::any_of(file_problems_.begin(), file_problems_.end(),
                     [&](const FileProblem& problem) { return problem.path == path; });
}

void Server::reload_rules(const std::string& why) {
  log("reloading the rules: " + why);
  clear_file_problems();
  ++rules_generation_;
  for (auto& [key, slot] : base_configs_) slot.stale = true;
  relint_all_open();
}

void Server::report_file_problem(const std::string& error_text) {
  const std::string shown = "sayso: " + error_text + " (sayso carries on with the last good rules)";
  // One error may name several mistakes, a line each, each at its own line of a file.
  std::vector<FileProblem> found;
  std::size_t start = 0;
  while (start <= error_text.size()) {
    const std::size_t end = std::min(error_text.find('\n', start), error_text.size());
    if (auto problem = parse_file_problem(error_text.substr(start, end - start)))
      found.push_back(std::move(*problem));
    start = end + 1;
  }
  if (found.empty()) return show_message(kMessageError, shown);
  std::set<std::string> paths;
  for (FileProblem& problem : found) {
    const bool known =
        std::any_of(file_problems_.begin(), file_problems_.end(), [&](const FileProblem& p) {
          return p.path == problem.path && p.line == problem.line && p.message == problem.message;
        });
    if (known) continue;  // shown once, not on every lint
    paths.insert(problem.path);
    file_problems_.push_back(std::move(problem));
  }
  if (paths.empty()) return;
  // A save sends didSave and, from the file watcher, didChangeWatchedFiles: each reloads, and
  // the same mistakes came back as a pop-up twice a save (twenty-fourth blind review). The
  // diagnostics in the file say it anyway; the pop-up is for news.
  if (shown != last_problem_shown_) show_message(kMessageError, shown);
  last_problem_shown_ = shown;
  for (const std::string& path : paths) publish_file_problems(path);
}

void Server::publish_file_problems(const std::string& path) {
  problem_files_published_.insert(path);
  for (const auto& [open_uri, doc] : documents_)
    if (doc.is_file && doc.path == path)
      return publish_diagnostics(open_uri, doc.version, lsp_diagnostics(doc));
  publish_diagnostics(path_to_file_uri(path), std::nullopt, file_problem_diagnostics(path));
}

void Server::clear_file_problems() {
  file_problems_.clear();
  for (const std::string& path : problem_files_published_) {
    bool open = false;
    for (const auto& [uri, doc] : documents_) {
      if (!doc.is_file || doc.path != path) continue;
      publish_diagnostics(uri, doc.version, lsp_diagnostics(doc));
      open = true;
    }
    if (!open) publish_diagnostics(path_to_file_uri(path), std::nullopt, json::array());
  }
  problem_files_published_.clear();
}

json Server::file_problem_diagnostics(const std::string& path) const {
  json out = json::array();
  if (path.empty()) return out;
  for (const FileProblem& problem : file_problems_) {
    if (problem.path != path) continue;
    const json position = {{"line", problem.line}, {"character", 0}};
    const json line_end = {{"line", problem.line + 1}, {"character", 0}};
    out.push_back({{"range", {{"start", position}, {"end", line_end}}},
                   {"severity", 1},
                   {"code", builtin::kSettingsError},
                   {"source", "sayso"},
                   {"message", problem.message + " (the last good rules are still in use)"}});
  }
  return out;
}

}  // namespace sayso::lsp
