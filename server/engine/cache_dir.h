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

// A whole file's bytes in one read (stream iterators copy a byte at a time: ~30x slower), or
// nullopt when it cannot be read.
std::optional<std::string> read_whole_file(const std::string& path);

}  // namespace sayso
