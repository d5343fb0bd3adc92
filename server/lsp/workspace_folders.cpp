// Multi-root workspaces: the folders the client opened (initialize, didChangeWorkspaceFolders),
// and the documents inside them that sayso can read.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "formats/format.h"
#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

namespace fs = std::filesystem;

// Whole-workspace work stays bounded in huge folders.
constexpr std::size_t kMaxWorkspaceFiles = 5000;
constexpr std::uintmax_t kMaxWorkspaceFileBytes = 16u << 20;

std::string folder_path(const json& folder) {
  if (!folder.is_object()) return "";
  const auto uri = folder.find("uri");
  if (uri == folder.end() || !uri->is_string()) return "";
  return fs::path(file_uri_to_path(uri->get<std::string>())).lexically_normal().string();
}

// Build output, dependencies and hidden folders hold no applications.
bool skipped_folder(const fs::path& dir) {
  const std::string name = dir.filename().string();
  return (!name.empty() && name.front() == '.') || name == "node_modules" || name == "build" ||
         name.rfind("build-", 0) == 0;
}

// Text formats the language server lints (binary ones need `sayso check`).
bool lintable(const fs::path& file) {
  const std::string format = format_for_path(file.string());
  return is_known_extension(file.string()) &&
         (format == "markdown" || format == "text" || format == "latex");
}

void collect_files(const std::string& root, std::vector<std::string>& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (out.size() >= kMaxWorkspaceFiles) return;
    const fs::directory_entry& entry = *it;
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (skipped_folder(entry.path())) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_regular_file(type_ec) && lintable(entry.path()) &&
        entry.file_size(type_ec) <= kMaxWorkspaceFileBytes)
      out.push_back(entry.path().lexically_normal().string());
  }
}

}  // namespace

void Server::set_workspace_folders(const json& params) {
  folders_.clear();
  const auto folders = params.find("workspaceFolders");
  if (folders != params.end() && folders->is_array()) {
    for (const json& folder : *folders)
      if (std::string path = folder_path(folder); !path.empty()) folders_.push_back(path);
  }
  if (!folders_.empty()) return;
  // Older clients send only rootUri (or rootPath).
  const auto root_uri = params.find("rootUri");
  if (root_uri != params.end() && root_uri->is_string()) {
    const std::string path = file_uri_to_path(root_uri->get<std::string>());
    if (!path.empty()) folders_.push_back(fs::path(path).lexically_normal().string());
  }
}

void Server::on_did_change_workspace_folders(const json& params) {
  const json* event = find_path(params, {"event"});
  if (event == nullptr || !event->is_object())
    throw RpcError(ErrorCode::InvalidParams, "event must be an object");
  const auto removed = event->find("removed");
  if (removed != event->end() && removed->is_array())
    for (const json& folder : *removed) std::erase(folders_, folder_path(folder));
  const auto added = event->find("added");
  if (added != event->end() && added->is_array())
    for (const json& folder : *added) {
      const std::string path = folder_path(folder);
      if (!path.empty() && std::find(folders_.begin(), folders_.end(), path) == folders_.end())
        folders_.push_back(path);
    }
  log("workspace folders: " + std::to_string(folders_.size()));
  request_client_settings();  // the new folders may have settings of their own
}

std::string Server::folder_of(const std::string& path) const {
  // The innermost folder holding the file.
  std::string best;
  const fs::path file = fs::path(path).lexically_normal();
  for (const std::string& folder : folders_) {
    const auto rel = file.lexically_relative(folder);
    if (!rel.empty() && *rel.begin() != ".." && folder.size() > best.size()) best = folder;
  }
  return best;
}

std::vector<std::string> Server::workspace_files() {
  std::vector<std::string> files;
  for (const std::string& folder : folders_) collect_files(folder, files);
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());  // nested folders
  return files;
}

}  // namespace sayso::lsp
