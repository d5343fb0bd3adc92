#include "batch/progress.h"

#include <algorithm>

#include <fmt/format.h>

namespace sayso {
namespace {

constexpr int kBarWidth = 30;

std::string duration_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  return fmt::format("{}m{:02}s", s / 60, s % 60);
}

}  // namespace

ProgressBar::ProgressBar(std::ostream& out, bool enabled, std::size_t total)
    : out_(out), enabled_(enabled), total_(total), start_(std::chrono::steady_clock::now()) {}

std::string ProgressBar::render(std::size_t done, std::size_t total, double elapsed_seconds) {
  const double rate = elapsed_seconds > 0 ? done / elapsed_seconds : 0;
  if (total == 0 || done > total)
    return fmt::format("{} done, {:.1f}/s, {} elapsed", done, rate, duration_text(elapsed_seconds));
  const int filled = static_cast<int>(kBarWidth * done / total);
  const std::string bar = std::string(filled, '#') + std::string(kBarWidth - filled, '-');
  const std::string eta = rate > 0 ? duration_text((total - done) / rate) : "?";
  return fmt::format("[{}] {}/{} {:.1f}/s, {} left", bar, done, total, rate, eta);
}

void ProgressBar::draw() {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  out_ << "\r\x1b[2K" << render(done_, total_, elapsed) << std::flush;
}

void ProgressBar::advance() {
  ++done_;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw();
}

void ProgressBar::finish() {
  if (!enabled_) return;
  draw();
  out_ << "\n" << std::flush;
}

}  // namespace sayso
