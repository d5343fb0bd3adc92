#include "formats/folder_walk.h"

#include <filesystem>
#include <set>

#include "core/read_file.h"
#include "formats/format.h"

namespace sayso {
namespace fs = std::filesystem;
namespace {

class FolderWalk {
 public:
  FolderWalk(std::vector<FolderEntry>& out,
             const std::function<bool(const std::string&)>& is_document)
      : out_(out), is_document_(is_document) {}

  void walk(const fs::path& folder) {
    std::error_code ec;
    visited_.insert(fs::canonical(folder, ec).string());
    fs::directory_iterator it(folder, ec);
    if (ec) return problem(folder.string(), "cannot open the folder: " + ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      visit(it->path());
      if (ec) break;
    }
    if (ec) problem(folder.string(), "cannot read the whole folder: " + ec.message());
  }

 private:
  void add(FolderEntry::Kind kind, const std::string& path) { out_.push_back({kind, path, ""}); }
  void problem(const std::string& path, std::string why) {
    out_.push_back({FolderEntry::Kind::Problem, path, std::move(why)});
  }

  void visit(const fs::path& entry) {
    const std::string path = entry.string();
    const std::string name = entry.filename().string();
    if (name == ".sayso.yml" || name == ".sayso.yaml")
      return add(FolderEntry::Kind::FolderConfig, path);
    if (!name.empty() && name[0] == '.') return add(FolderEntry::Kind::Hidden, path);
    std::error_code ec;
    const fs::file_status own = fs::symlink_status(entry, ec);
    if (ec) return problem(path, "cannot read the folder entry: " + ec.message());
    fs::file_status target = own;
    if (fs::is_symlink(own)) {
      target = fs::status(entry, ec);
      if (ec) return problem(path, link_problem(ec));
    }
    if (fs::is_directory(target)) {
      const std::string real = fs::canonical(entry, ec).string();
      if (ec) return problem(path, "cannot open the folder: " + ec.message());
      if (visited_.count(real))
        return problem(path, "a link to a folder already searched (a loop, or a second way in)");
      return walk(entry);
    }
    if (!fs::is_regular_file(target)) return problem(path, not_a_file_reason(target.type()));
    if (is_unsupported_word_processor_file(path)) return problem(path, unsupported_reason(path));
    add(is_document_(path) ? FolderEntry::Kind::Document : FolderEntry::Kind::NotDocument, path);
  }

  std::vector<FolderEntry>& out_;
  const std::function<bool(const std::string&)>& is_document_;
  std::set<std::string> visited_;  // canonical folders walked (links to folders are followed)
};

}  // namespace

std::vector<FolderEntry> walk_folder(const std::string& folder,
                                     const std::function<bool(const std::string&)>& is_document) {
  std::vector<FolderEntry> out;
  FolderWalk(out, is_document).walk(folder);
  return out;
}

}  // namespace sayso
