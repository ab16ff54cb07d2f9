#include "sim/event_log.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "sim/csv.hpp"
#include "sim/units.hpp"

namespace starsim::sim {

EventLog::EventLog(double horizon_s, std::int64_t start_epoch_s, std::vector<std::string> site_names)
    : horizon_s_(horizon_s), start_epoch_s_(start_epoch_s), site_names_(std::move(site_names)) {}

EventLog::~EventLog() = default;

const char* EventLog::header() {
  return "time_s,time_utc,event,launch_id,site,pad,booster,ship,payload,value\n";
}

void EventLog::write_csv_to(const std::string& path) {
  csv_ = std::make_unique<AtomicFile>(path);
  buffer_ = header();
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
  auto out = std::back_inserter(buffer_);
  const auto whole_s = static_cast<std::int64_t>(std::floor(e.time_s));
  const std::int64_t epoch_s = start_epoch_s_ + whole_s;
  const std::int64_t day = epoch_s / 86400;
  if (day != cached_day_) {
    cached_day_ = day;
    cached_date_ = units::format_utc(day * 86400).substr(0, 11);  // "YYYY-MM-DDT"
  }
  const std::int64_t rem = epoch_s - day * 86400;
  fmt::format_to(out, "{:.3f},{}{:02d}:{:02d}:{:02d}Z,{},", e.time_s, cached_date_, rem / 3600,
                 rem / 60 % 60, rem % 60, e.name);
  if (e.launch_id >= 0) fmt::format_to(out, "{}", e.launch_id + 1);
  buffer_ += ',';
  if (e.site >= 0) buffer_ += site_names_.at(static_cast<std::size_t>(e.site));
  buffer_ += ',';
  if (e.pad >= 0) fmt::format_to(out, "{}", e.pad + 1);
  buffer_ += ',';
  if (e.booster >= 0) fmt::format_to(out, "B{}", e.booster + 1);
  buffer_ += ',';
  if (e.ship >= 0) fmt::format_to(out, "S{}", e.ship + 1);
  buffer_ += ',';
  if (e.payload >= 0) fmt::format_to(out, "P{}", e.payload + 1);
  buffer_ += ',';
  if (!std::isnan(e.value)) fmt::format_to(out, "{}", e.value);
  buffer_ += '\n';
  if (buffer_.size() > (1U << 20)) flush_buffer();
}

void EventLog::flush_buffer() {
  csv_->write(buffer_);
  buffer_.clear();
}

void EventLog::finish() {
  if (!csv_) return;
  flush_buffer();
  csv_->commit();
  csv_.reset();
}

}  // namespace starsim::sim
