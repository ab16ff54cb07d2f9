// The event log: every model reports through it. Events are streamed to timeline.csv (never
// held in memory) and handed to observers (the metrics). Events at or after the horizon are
// dropped: the run covers [start, start + horizon). Rows are in order of simulated time, ties
// in emission order, which SimGrid makes deterministic for a given scenario and seed.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace starsim::sim {

class AtomicFile;

struct Event {
  double time_s = 0.0;
  std::string_view name;  // "<thing>.<past-tense verb>", a string with static lifetime
  std::int64_t launch_id = -1;
  int site = -1;                                            // index into the site names
  int pad = -1;                                             // 0-based, written 1-based
  std::int64_t booster = -1;                                // 0-based, written B1, B2, ...
  std::int64_t ship = -1;                                   // written S1, ...
  std::int64_t payload = -1;                                // written P1, ...
  double value = std::numeric_limits<double>::quiet_NaN();  // NaN: empty
};

class EventLog {
 public:
  EventLog(double horizon_s, std::int64_t start_epoch_s, std::vector<std::string> site_names);
  ~EventLog();

  // Streams rows to this file (written atomically on finish()).
  void write_csv_to(const std::string& path);
  void observe(std::function<void(const Event&)> observer);
  void emit(const Event& event);
  // Commits the CSV. Without it the temporary file is removed.
  void finish();

  std::int64_t events() const { return events_; }
  double horizon_s() const { return horizon_s_; }
  static const char* header();

 private:
  void write_row(const Event& e);
  void flush_buffer();

  double horizon_s_;
  std::int64_t start_epoch_s_;
  std::vector<std::string> site_names_;
  std::vector<std::function<void(const Event&)>> observers_;
  std::unique_ptr<AtomicFile> csv_;
  // Rows waiting to be written: buffer_ is allocated once, its first used_ characters are rows.
  std::string buffer_;
  std::size_t used_ = 0;
  std::int64_t events_ = 0;
  std::int64_t cached_day_ = -1;
  std::string cached_date_;
};

}  // namespace starsim::sim
