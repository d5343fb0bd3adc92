// A one-line progress bar on standard error: done/total, rate and time left. Drawn at most ten
// times a second, and only when it is enabled (the CLI enables it when stderr is a terminal).
#pragma once
#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace sayso {

class ProgressBar {
 public:
  ProgressBar(std::ostream& out, bool enabled, std::size_t total);
  void advance();  // one more submission delivered
  void finish();   // final line, then a line break

  // The text of the bar for `done` of `total` after `elapsed` seconds (total 0 = unknown).
  static std::string render(std::size_t done, std::size_t total, double elapsed_seconds);

 private:
  void draw();

  std::ostream& out_;
  bool enabled_;
  std::size_t total_, done_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace sayso
