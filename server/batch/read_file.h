// Reading a submission's bytes with the checks every input gets: exists, is a file, not too large,
// readable.
#pragma once
#include <cstddef>
#include <string>

namespace sayso {

// Fills `bytes` and returns "" on success, else why the file cannot be read.
std::string read_file_bytes(const std::string& path, std::size_t max_bytes, std::string& bytes);

}  // namespace sayso
