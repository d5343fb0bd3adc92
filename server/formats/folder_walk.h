// Walking a folder for the documents in it, accounting for every entry: shared by `check` and
// `batch`, so that both read the same files and say the same of those they cannot read.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace sayso {

struct FolderEntry {
  enum class Kind {
    Document,      // a regular file the caller reads
    Problem,       // an entry that should be a document but cannot be read: see `problem`
    Hidden,        // a hidden file or folder (".git"): not searched
    FolderConfig,  // a .sayso.yml or .sayso.yaml inside the folders
    NotDocument,   // any other file (images, spreadsheets, ...)
  };
  Kind kind;
  std::string path;
  std::string problem;  // for Problem: "symbolic link loop", "cannot open the folder: ..."
};

// Walks `folder` and its subfolders (links to folders are followed, each folder once). Problems:
// a folder that cannot be opened or read whole, a link that leads nowhere or in a loop (or to a
// folder already walked), a pipe, socket or device, and a word-processor file sayso cannot read
// (.doc, .rtf, ...). `is_document` chooses the caller's documents among the regular files. In walk
// order; the caller sorts.
std::vector<FolderEntry> walk_folder(const std::string& folder,
                                     const std::function<bool(const std::string&)>& is_document);

}  // namespace sayso
