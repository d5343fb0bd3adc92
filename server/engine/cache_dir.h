// Where the engine keeps what it compiles once and reuses across runs (the parsed rule files,
// the known-word sets and remembered spelling verdicts). "" = no cache: everything is computed
// afresh, with the same results. The fronts set it (LintingSession); it applies process-wide.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sayso {

void set_cache_dir(const std::string& dir);
std::string cache_dir();

// Writes a cache file whole or not at all: a temporary file of this process and call (so threads
// and processes never share one), then renamed over `path`. False on any failure.
bool write_file_atomically(const std::string& path, std::string_view bytes);

// Marks a cache file as still in use (its modification time, when a week old or more), so that
// pruning keeps it.
void mark_cache_file_used(const std::string& path);

// Deletes sayso's cache files in `dir` unused for 60 days (rules folders and word lists that are
// gone leave theirs behind), and temporary files of writers that stopped a day ago or more.
// write_file_atomically calls it, so it runs only when a cache changes.
void prune_cache_dir(const std::string& dir);

// A whole file's bytes in one read (stream iterators copy a byte at a time: ~30x slower), or
// nullopt when it cannot be read.
std::optional<std::string> read_whole_file(const std::string& path);

}  // namespace sayso
