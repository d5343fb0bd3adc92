// Reading a submission's bytes with the checks every input gets: exists, is a file, not too large,
// readable.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <system_error>

namespace sayso {

// Why a symbolic link cannot be followed, from the error of following it ("symbolic link loop",
// "broken symbolic link ...").
std::string link_problem(const std::error_code& ec);
// Why something that is not a regular file cannot be read ("a named pipe (FIFO), not a file").
std::string not_a_file_reason(std::filesystem::file_type type);

// Fills `bytes` and returns "" on success, else why the file cannot be read.
std::string read_file_bytes(const std::string& path, std::size_t max_bytes, std::string& bytes);

}  // namespace sayso
