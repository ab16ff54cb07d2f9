#include "sim/event_log.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "sim/csv.hpp"
#include "sim/units.hpp"

namespace starsim::sim {

namespace {
void append(fmt::memory_buffer& b, std::string_view text) { b.append(text.data(), text.data() + text.size()); }
void append_int(fmt::memory_buffer& b, std::int64_t x) {
  const fmt::format_int f(x);
  b.append(f.data(), f.data() + f.size());
}
void append_2(fmt::memory_buffer& b, std::int64_t x) {  // 00..99
  b.push_back(static_cast<char>('0' + x / 10));
  b.push_back(static_cast<char>('0' + x % 10));
}
// A time in seconds with 3 decimals, the characters fmt's "{:.3f}" gives (correctly rounded),
// through integer milliseconds when the product is clearly away from a rounding boundary: over
// a century the product's own rounding error stays below 0.001 ms, far inside that margin.
void append_seconds(fmt::memory_buffer& b, double t_s) {
  const double ms = t_s * 1000.0;
  const double fraction = ms - std::floor(ms);
  if (!(t_s >= 0.0 && ms < 1e14) || std::abs(fraction - 0.5) < 0.01) {
    fmt::format_to(std::back_inserter(b), FMT_COMPILE("{:.3f}"), t_s);
    return;
  }
  const auto whole_ms = static_cast<std::int64_t>(std::llround(ms));
  append_int(b, whole_ms / 1000);
  const std::int64_t rest = whole_ms % 1000;
  b.push_back('.');
  b.push_back(static_cast<char>('0' + rest / 100));
  append_2(b, rest % 100);
}
}  // namespace

EventLog::EventLog(double horizon_s, std::int64_t start_epoch_s, std::vector<std::string> site_names)
    : horizon_s_(horizon_s), start_epoch_s_(start_epoch_s), site_names_(std::move(site_names)) {}

EventLog::~EventLog() = default;

const char* EventLog::header() {
  return "time_s,time_utc,event,launch_id,site,pad,booster,ship,payload,value\n";
}

void EventLog::write_csv_to(const std::string& path) {
  csv_ = std::make_unique<AtomicFile>(path);
  buffer_.clear();
  append(buffer_, header());
}

void EventLog::observe(std::function<void(const Event&)> observer) {
  observers_.push_back(std::move(observer));
}

void EventLog::emit(const Event& e) {
  if (!(e.time_s < horizon_s_)) return;  // half-open horizon
  ++events_;
  for (const auto& o : observers_) o(e);
  if (csv_) write_row(e);
}


void EventLog::write_row(const Event& e) {
  const auto whole_s = static_cast<std::int64_t>(std::floor(e.time_s));
  const std::int64_t epoch_s = start_epoch_s_ + whole_s;
  const std::int64_t day = epoch_s / 86400;
  if (day != cached_day_) {
    cached_day_ = day;
    cached_date_ = units::format_utc(day * 86400).substr(0, 11);  // "YYYY-MM-DDT"
  }
  const std::int64_t rem = epoch_s - day * 86400;
  append_seconds(buffer_, e.time_s);
  buffer_.push_back(',');
  append(buffer_, cached_date_);
  append_2(buffer_, rem / 3600);
  buffer_.push_back(':');
  append_2(buffer_, rem / 60 % 60);
  buffer_.push_back(':');
  append_2(buffer_, rem % 60);
  append(buffer_, "Z,");
  append(buffer_, e.name);
  buffer_.push_back(',');
  if (e.launch_id >= 0) append_int(buffer_, e.launch_id + 1);
  buffer_.push_back(',');
  if (e.site >= 0) append(buffer_, site_names_.at(static_cast<std::size_t>(e.site)));
  buffer_.push_back(',');
  if (e.pad >= 0) append_int(buffer_, e.pad + 1);
  buffer_.push_back(',');
  if (e.booster >= 0) buffer_.push_back('B'), append_int(buffer_, e.booster + 1);
  buffer_.push_back(',');
  if (e.ship >= 0) buffer_.push_back('S'), append_int(buffer_, e.ship + 1);
  buffer_.push_back(',');
  if (e.payload >= 0) buffer_.push_back('P'), append_int(buffer_, e.payload + 1);
  buffer_.push_back(',');
  if (!std::isnan(e.value)) fmt::format_to(std::back_inserter(buffer_), FMT_COMPILE("{}"), e.value);
  buffer_.push_back('\n');
  if (buffer_.size() > (1U << 20)) flush_buffer();
}

void EventLog::flush_buffer() {
  csv_->write(std::string_view(buffer_.data(), buffer_.size()));
  buffer_.clear();
}

void EventLog::finish() {
  if (!csv_) return;
  flush_buffer();
  csv_->commit();
  csv_.reset();
}

}  // namespace starsim::sim
