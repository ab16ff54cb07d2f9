#include "sim/kernel.hpp"

#include <fmt/format.h>
#include <xbt/log.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <exception>
#include <limits>
#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u.hpp>
#include <sstream>

#include "sim/interrupt.hpp"
#include "sim/kernel_options.hpp"

namespace sg4 = simgrid::s4u;

namespace starsim::sim {

namespace {

using Timer = simgrid::kernel::timer::Timer;

bool g_kernel_created = false;
bool g_options_set = false;
std::vector<std::string> g_engine_options;
Kernel::Counts g_counts;

// Actions at one simulated instant: past this many, time has stopped for good (a cycle of
// zero durations) and the run is stopped with an error instead of hanging.
constexpr long long SAME_INSTANT_LIMIT = 5'000'000;

// The pending actions: a 4-ary min-heap of (time, sequence) keys over slots that hold the
// actions (an action is moved in once and runs where it is; the heap moves 24-byte entries).
// Times are non-negative, so their bit patterns order as unsigned integers.
class Agenda {
 public:
  ActionId push(double time_s, Action action) {
    std::uint32_t slot;
    if (free_.empty()) {
      slot = static_cast<std::uint32_t>(actions_.size());
      actions_.push_back(std::move(action));
      seqs_.push_back(0);
    } else {
      slot = free_.back();
      free_.pop_back();
      actions_[slot] = std::move(action);
    }
    const std::uint64_t seq = next_seq_++;
    seqs_[slot] = seq;
    heap_.push_back({std::bit_cast<std::uint64_t>(time_s + 0.0), seq, slot});
    sift_up(heap_.size() - 1);
    return {slot, seq};
  }
  // A cancelled action stays in the heap, empty, until it comes first: then it is dropped
  // without running (and without arming a timer of its own: drop_cancelled).
  void cancel(ActionId id) {
    if (id.slot < seqs_.size() && seqs_[id.slot] == id.seq) actions_[id.slot] = nullptr;
  }
  void drop_cancelled() {
    while (!heap_.empty() && !actions_[heap_.front().slot]) release(pop());
  }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  double next_time() const { return std::bit_cast<double>(heap_.front().time_bits); }
  // Removes the earliest action from the heap; run it with run(slot).
  std::uint32_t pop() {
    const std::uint32_t slot = heap_.front().slot;
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return slot;
  }
  void run(std::uint32_t slot) {
    struct Release {  // the slot is free again however the action ends
      Agenda* agenda;
      std::uint32_t slot;
      ~Release() { agenda->release(slot); }
    } release_slot{this, slot};
    if (actions_[slot]) actions_[slot]();  // a deque: actions pushed meanwhile do not move it
  }
  void release(std::uint32_t slot) {
    actions_[slot] = nullptr;
    seqs_[slot] = UINT64_MAX;  // a later cancel of this action finds nothing
    free_.push_back(slot);
  }
  void clear() {
    heap_.clear();
    actions_.clear();
    seqs_.clear();
    free_.clear();
  }

 private:
  struct Entry {
    std::uint64_t time_bits;
    std::uint64_t seq;
    std::uint32_t slot;
    bool before(const Entry& o) const {
      return time_bits != o.time_bits ? time_bits < o.time_bits : seq < o.seq;
    }
  };
  void sift_up(std::size_t i) {
    const Entry e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!e.before(heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  void sift_down(std::size_t i) {
    const Entry e = heap_[i];
    const std::size_t n = heap_.size();
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t last = std::min(first + 4, n);
      for (std::size_t c = first + 1; c < last; ++c)
        if (heap_[c].before(heap_[best])) best = c;
      if (!heap_[best].before(e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
  }

  std::vector<Entry> heap_;
  std::deque<Action> actions_;
  std::vector<std::uint64_t> seqs_;  // the sequence of the action each slot holds
  std::vector<std::uint32_t> free_;
  std::uint64_t next_seq_ = 0;
};

Agenda g_agenda;
// Actions scheduled during an instant for that same instant: they come after every action of
// the agenda due then (which were all scheduled before them), in the order scheduled.
std::deque<Action> g_now_queue;
double g_now_s = 0.0;  // SimGrid's clock, read once an instant
double g_horizon_s = std::numeric_limits<double>::infinity();  // set by run()
bool g_running = false;
bool g_dispatching = false;  // dispatch() re-arms once its batch is done
Timer* g_armed = nullptr;    // SimGrid's timer for the earliest pending instant
double g_armed_s = 0.0;
std::exception_ptr g_error;
double g_instant_s = -1.0;
long long g_instant_actions = 0;
std::function<void(double)> g_watch;  // Kernel::set_watch
long long g_watch_every = 1024;
long long g_watch_countdown = 1024;

void dispatch();

// Keeps one SimGrid timer armed at the earliest pending instant before the horizon.
void arm() {
  if (!g_running || g_dispatching || g_error) return;
  g_agenda.drop_cancelled();
  if (g_agenda.empty()) return;
  const double next = g_agenda.next_time();
  if (next >= g_horizon_s) return;
  if (g_armed) {
    if (g_armed_s <= next) return;
    g_armed->remove();
  }
  g_armed = Timer::set(next, dispatch);
  g_armed_s = next;
}

// Runs every action due now, in (time, sequence) order, those they schedule for now included.
void dispatch() {
  g_armed = nullptr;
  ++g_counts.instants;
  const double now = sg4::Engine::get_clock();
  g_now_s = now;
  g_dispatching = true;
  auto count = [now] {
    ++g_counts.actions;
    if (now != g_instant_s) {
      g_instant_s = now;
      g_instant_actions = 0;
    } else if (++g_instant_actions > SAME_INSTANT_LIMIT) {
      throw TimeStoppedError(
          fmt::format("simulated time stopped at t={} s: more than {} actions at one instant "
                      "without time passing: a "
                      "cycle of zero durations",
                      now, SAME_INSTANT_LIMIT));
    }
  };
  try {
    if (g_agenda.size() > g_counts.most_pending) g_counts.most_pending = g_agenda.size();
    while (!g_agenda.empty() && g_agenda.next_time() <= now) {
      count();
      g_agenda.run(g_agenda.pop());
    }
    while (!g_now_queue.empty()) {
      count();
      Action action = std::move(g_now_queue.front());
      g_now_queue.pop_front();
      action();
    }
  } catch (const std::exception&) {
    // Out of SimGrid's timer (it would abort): kept, the agenda dropped, rethrown by run().
    if (!g_error) g_error = std::current_exception();
    g_agenda.clear();
    g_now_queue.clear();
    g_dispatching = false;
    return;
  }
  g_dispatching = false;
  if (g_watch && --g_watch_countdown <= 0) {
    g_watch_countdown = g_watch_every;
    g_watch(now);
  }
  arm();
}

}  // namespace

struct Kernel::Impl {
  std::unique_ptr<sg4::Engine> engine;
};

Kernel::Kernel() : impl_(std::make_unique<Impl>()) {
  if (g_kernel_created)
    throw std::logic_error("one simulation per process: a second Kernel was created");
  g_kernel_created = true;
  if (!g_options_set) set_engine_options({});
  xbt_log_control_set("root.thres:critical");
  // No actor computes or communicates: the cheapest CPU and network models make every instant
  // about 10 % cheaper for SimGrid (2,100 instead of 2,300 instructions a timer, measured).
  std::vector<std::string> args{"starsim", "--cfg=network/model:Constant", "--cfg=cpu/optim:TI"};
  args.insert(args.end(), g_engine_options.begin(), g_engine_options.end());
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  impl_->engine = std::make_unique<sg4::Engine>(&argc, argv.data());
  // SimGrid installs a SIGINT handler of its own that exits 1 at once, leaving the temporary
  // files behind: starsim's comes back (interrupt.hpp).
  interrupt::install();
  auto* zone = sg4::create_full_zone("ground");
  zone->create_host("site", 1e9);
  zone->seal();
}

Kernel::~Kernel() = default;

void Kernel::set_engine_options(std::vector<std::string> options) {
  // STARSIM_SIMGRID_CFG adds options to every engine (the sanitizer build's tests use it for
  // --cfg=contexts/factory:thread, reaching the binary through any harness).
  check_engine_options(options);
  if (const char* extra = std::getenv("STARSIM_SIMGRID_CFG")) {
    std::vector<std::string> from_env;
    std::istringstream words(extra);
    for (std::string w; words >> w;) from_env.push_back(w);
    check_engine_options(from_env, "STARSIM_SIMGRID_CFG");
    options.insert(options.end(), from_env.begin(), from_env.end());
  }
  g_engine_options = std::move(options);
  g_options_set = true;
}

void Kernel::run(double horizon_s) {
  g_horizon_s = std::isnan(horizon_s) ? 0.0 : horizon_s;
  g_running = true;
  arm();
  // The clock ends at the horizon, whatever ran before it.
  if (std::isfinite(g_horizon_s) && g_horizon_s > 0) Timer::set(g_horizon_s, [] {});
  impl_->engine->run();
  g_now_s = sg4::Engine::get_clock();
  g_running = false;
  if (g_error) std::rethrow_exception(g_error);
}

const Kernel::Counts& Kernel::counts() { return g_counts; }

void Kernel::set_watch(std::function<void(double now_s)> watch, long long every_instants) {
  g_watch = std::move(watch);
  g_watch_every = std::max(1LL, every_instants);
  g_watch_countdown = g_watch_every;
}

double now_s() { return g_now_s; }

ActionId at(double time_s, Action action) {
  const double now = g_now_s;
  if (!(time_s >= now) || std::isinf(time_s))
    throw std::logic_error(
        fmt::format("sim::at: time {} s is before now ({} s) or not finite", time_s, now));
  if (time_s >= g_horizon_s) return {};  // would never run: nothing is kept for it
  if (g_dispatching && time_s == now) {  // not cancellable: it runs in this instant
    g_now_queue.push_back(std::move(action));
    return {};
  }
  const ActionId id = g_agenda.push(time_s, std::move(action));
  if (!g_dispatching) arm();
  return id;
}

ActionId after(double delay_s, Action action) {
  if (!(delay_s >= 0.0) || std::isinf(delay_s))
    throw std::logic_error(fmt::format("sim::after: bad delay {} s", delay_s));
  return at(g_now_s + delay_s, std::move(action));
}

void cancel(ActionId id) { g_agenda.cancel(id); }

}  // namespace starsim::sim
