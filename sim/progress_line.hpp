// A line on the terminal that long work rewrites in place ("\r", the text, clear to the end of
// the line) so that a run of 20 s does not look hung. The caller decides whether it shows
// (stderr is a terminal and not --quiet); when it does not, nothing is written and the wall
// clock is read only to say whether a redraw is due.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace starsim::sim {

// Wall seconds left for work whose rate so far holds: elapsed_s / done * left. Unknown
// (nullopt) before anything is done. `done` counts only what this process did: a sweep resumed
// with 60 runs already in its journal and 10 done now in 10 s has 3 s a run, not 10/70 s.
std::optional<double> wall_left_s(double elapsed_s, double done, double left);

// "~12.3 s left", "~4 min left", or "time left unknown".
std::string wall_left_text(std::optional<double> left_s);

// True when stderr is a terminal (isatty(2)): a line rewritten in place would be seen there.
bool stderr_is_terminal();

class ProgressLine {
 public:
  // every_s: the least wall time between two redraws. STARSIM_PROGRESS_EVERY_S, when set,
  // replaces it (tests set 0 to see a line from a run shorter than half a second).
  explicit ProgressLine(bool enabled, double every_s = 0.5);
  ~ProgressLine();  // erases a line still shown
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const { return enabled_; }
  // Wall seconds since the line was made.
  double elapsed_s() const;
  // True when enabled and `every_s` has passed since the last redraw (or since the start).
  bool due();
  // Rewrites the line with `text` (nothing when disabled).
  void show(const std::string& text);
  // Removes the line, leaving the cursor at the start of an empty line (before a summary).
  void erase();
  // Ends the line with a newline, leaving it on the screen (a sweep's last count and time).
  void keep();

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::duration every_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace starsim::sim
