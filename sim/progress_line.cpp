#include "sim/progress_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace starsim::sim {

std::optional<double> wall_left_s(double elapsed_s, double done, double left) {
  if (!(done > 0) || !(elapsed_s >= 0)) return std::nullopt;
  return elapsed_s / done * std::max(0.0, left);
}

std::string wall_left_text(std::optional<double> left_s) {
  if (!left_s) return "time left unknown";
  if (*left_s < 100) return fmt::format("~{:.1f} s left", *left_s);
  return fmt::format("~{:.0f} min left", *left_s / 60);
}

bool stderr_is_terminal() { return ::isatty(2) == 1; }

namespace {
double every_from_environment(double every_s) {
  const char* text = std::getenv("STARSIM_PROGRESS_EVERY_S");
  if (!text || !*text) return every_s;
  char* end = nullptr;
  const double x = std::strtod(text, &end);
  return *end == '\0' && x >= 0 ? x : every_s;
}
}  // namespace

ProgressLine::ProgressLine(bool enabled, double every_s)
    : enabled_(enabled),
      every_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(every_from_environment(every_s)))),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressLine::~ProgressLine() { erase(); }

double ProgressLine::elapsed_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

bool ProgressLine::due() {
  if (!enabled_) return false;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < every_) return false;
  last_ = now;
  return true;
}

void ProgressLine::show(const std::string& text) {
  if (!enabled_) return;
  // One write a redraw: stderr is unbuffered, and pieces would flicker.
  const std::string line = "\r" + text + "\033[K";
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::erase() {
  if (!shown_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

void ProgressLine::keep() {
  if (!shown_) return;
  std::fputs("\n", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace starsim::sim
