#include "sim/event_log.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <iterator>

#include "sim/csv.hpp"
#include "sim/units.hpp"

namespace starsim::sim {

namespace {
// Rows are written straight into the buffer's memory, allocated once: a character at a time
// through a string's own checks cost more than the rest of the simulation.
char* put(char* p, std::string_view text) {
  std::memcpy(p, text.data(), text.size());
  return p + text.size();
}
char* put_int(char* p, std::int64_t x) {
  const fmt::format_int f(x);
  return put(p, std::string_view(f.data(), f.size()));
}
char* put_2(char* p, std::int64_t x) {  // 00..99
  *p++ = static_cast<char>('0' + x / 10);
  *p++ = static_cast<char>('0' + x % 10);
  return p;
}
// A time in seconds with 3 decimals, the characters fmt's "{:.3f}" gives (correctly rounded),
// through integer milliseconds when the product is clearly away from a rounding boundary: over
// a century the product's own rounding error stays below 0.001 ms, far inside that margin.
char* put_seconds(char* p, double t_s) {
  const double ms = t_s * 1000.0;
  const double fraction = ms - std::floor(ms);
  if (!(t_s >= 0.0 && ms < 1e14) || std::abs(fraction - 0.5) < 0.01)
    return fmt::format_to(p, FMT_COMPILE("{:.3f}"), t_s);
  const auto whole_ms = static_cast<std::int64_t>(std::llround(ms));
  p = put_int(p, whole_ms / 1000);
  const std::int64_t rest = whole_ms % 1000;
  *p++ = '.';
  *p++ = static_cast<char>('0' + rest / 100);
  return put_2(p, rest % 100);
}
// The buffer's size: rows are written out when the next might not fit.
constexpr std::size_t BUFFER_BYTES = std::size_t{1} << 20;
}  // namespace

EventLog::EventLog(double horizon_s, std::int64_t start_epoch_s,
                   std::vector<std::string> site_names)
    : horizon_s_(horizon_s), start_epoch_s_(start_epoch_s), site_names_(std::move(site_names)) {}

EventLog::~EventLog() = default;

const char* EventLog::header() {
  return "time_s,time_utc,event,launch_id,site,pad,booster,ship,payload,value\n";
}

void EventLog::write_csv_to(const std::string& path) {
  csv_ = std::make_unique<AtomicFile>(path);
  buffer_.assign(BUFFER_BYTES, '\0');
  used_ = static_cast<std::size_t>(put(buffer_.data(), header()) - buffer_.data());
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
  const std::string_view site =
      e.site >= 0 ? std::string_view(site_names_.at(static_cast<std::size_t>(e.site))) : "";
  // Numbers take at most 24 characters each, a value 32: a row fits in this.
  const std::size_t most = 8 * 24 + 32 + cached_date_.size() + e.name.size() + site.size() + 16;
  if (used_ + most > buffer_.size()) {
    flush_buffer();
    if (most > buffer_.size()) buffer_.resize(most);
  }
  char* p = buffer_.data() + used_;
  p = put_seconds(p, e.time_s);
  *p++ = ',';
  p = put(p, cached_date_);
  p = put_2(p, rem / 3600);
  *p++ = ':';
  p = put_2(p, rem / 60 % 60);
  *p++ = ':';
  p = put_2(p, rem % 60);
  p = put(p, "Z,");
  p = put(p, e.name);
  *p++ = ',';
  if (e.launch_id >= 0) p = put_int(p, e.launch_id + 1);
  *p++ = ',';
  p = put(p, site);
  *p++ = ',';
  if (e.pad >= 0) p = put_int(p, e.pad + 1);
  *p++ = ',';
  if (e.booster >= 0) *p++ = 'B', p = put_int(p, e.booster + 1);
  *p++ = ',';
  if (e.ship >= 0) *p++ = 'S', p = put_int(p, e.ship + 1);
  *p++ = ',';
  if (e.payload >= 0) *p++ = 'P', p = put_int(p, e.payload + 1);
  *p++ = ',';
  if (!std::isnan(e.value)) p = fmt::format_to(p, FMT_COMPILE("{}"), e.value);
  *p++ = '\n';
  used_ = static_cast<std::size_t>(p - buffer_.data());
}

void EventLog::flush_buffer() {
  csv_->write(std::string_view(buffer_.data(), used_));
  used_ = 0;
}

void EventLog::finish() {
  if (!csv_) return;
  flush_buffer();
  csv_->commit();
  csv_.reset();
}

}  // namespace starsim::sim
