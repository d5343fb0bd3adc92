// Running a shell command line and keeping what it prints: the CLI and batch tests drive the
// sayso binary this way.
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

namespace sayso::testing {

struct Run {
  int status = -1;  // the exit status, or 128 + the signal that ended the command
  std::string out;  // what it wrote to standard output (add 2>&1 for standard error too)
};

// `command_line` as /bin/sh reads it.
inline Run run_shell(const std::string& command_line) {
  Run r;
  FILE* pipe = popen(command_line.c_str(), "r");
  REQUIRE(pipe);
  char buffer[65536];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return r;
}

}  // namespace sayso::testing
