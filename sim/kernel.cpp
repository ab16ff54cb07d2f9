#include "sim/kernel.hpp"

#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <cmath>
#include <exception>
#include <cstdlib>
#include <vector>
#include <sstream>

#include "sim/wait_queue.hpp"

namespace sg4 = simgrid::s4u;

namespace starsim::sim {

namespace {
bool g_kernel_created = false;
std::exception_ptr g_error;
std::string g_deadlock;
// What each blocked actor waits on, indexed by actor id (for deadlock reports); no allocation
// on the hot path: the labels live in their wait queues.
std::vector<const std::string*> g_waiting;

void set_waiting(long pid, const std::string* label) {
  const auto i = static_cast<std::size_t>(pid);
  if (i >= g_waiting.size()) g_waiting.resize(i + 1024, nullptr);
  g_waiting[i] = label;
}
Kernel::Calls g_calls;
// Blocking calls at one simulated instant: past this many, time has stopped for good (a cycle
// of zero durations) and the run is stopped with an error instead of hanging.
constexpr long long SAME_INSTANT_LIMIT = 5'000'000;
double g_instant_s = -1.0;
long long g_instant_calls = 0;

void count_call() {
  const double now = sg4::Engine::get_clock();
  if (now != g_instant_s) {
    g_instant_s = now;
    g_instant_calls = 0;
  } else if (++g_instant_calls > SAME_INSTANT_LIMIT) {
    g_instant_calls = 0;
    throw TimeStoppedError(
        "simulated time stopped at t=" + std::to_string(now) + " s: more than " +
        std::to_string(SAME_INSTANT_LIMIT) + " kernel calls without time passing, the last by '" +
        sg4::this_actor::get_name() + "': a cycle of zero durations");
  }
}
sg4::Host* g_host = nullptr;
std::vector<std::string> g_engine_options;

void on_deadlock() {
  std::ostringstream out;
  out << "deadlock at t=" << sg4::Engine::get_clock() << " s: nothing can move;";
  auto actors = sg4::Engine::get_instance()->get_all_actors();
  const char* sep = " ";
  for (const auto& a : actors) {
    if (a->is_daemon()) continue;
    const auto i = static_cast<std::size_t>(a->get_pid());
    const std::string* label = i < g_waiting.size() ? g_waiting[i] : nullptr;
    out << sep << "'" << a->get_cname() << "' waits on "
        << (label ? "'" + *label + "'" : std::string("something outside the facade"));
    sep = "; ";
  }
  g_deadlock = out.str();
}
}  // namespace

struct Kernel::Impl {
  std::unique_ptr<sg4::Engine> engine;
};

Kernel::Kernel() : impl_(std::make_unique<Impl>()) {
  if (g_kernel_created)
    throw std::logic_error("one simulation per process: a second Kernel was created");
  g_kernel_created = true;
  xbt_log_control_set("root.thres:critical");
  std::vector<std::string> args{"starsim"};
  args.insert(args.end(), g_engine_options.begin(), g_engine_options.end());
  // STARSIM_SIMGRID_CFG adds SimGrid options to every engine (the sanitizer build's tests use
  // it for --cfg=contexts/factory:thread, reaching the binary through any harness).
  if (const char* extra = std::getenv("STARSIM_SIMGRID_CFG")) {
    std::istringstream words(extra);
    for (std::string w; words >> w;) args.push_back(w);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  impl_->engine = std::make_unique<sg4::Engine>(&argc, argv.data());
  auto* zone = sg4::create_full_zone("ground");
  g_host = zone->create_host("site", 1e9);
  zone->seal();
  sg4::Engine::on_deadlock_cb(on_deadlock);
}

Kernel::~Kernel() = default;

void Kernel::set_engine_options(std::vector<std::string> options) {
  g_engine_options = std::move(options);
}

void Kernel::spawn(const std::string& name, std::function<void()> body, Lifetime lifetime) {
  sg4::Actor::create(name, g_host, [body = std::move(body), lifetime]() {
    if (lifetime == Lifetime::DAEMON) sg4::Actor::self()->daemonize();
    try {
      body();
    } catch (const std::exception&) {
      // An exception escaping an actor would abort the process: keep it, stop everyone, and
      // let run() rethrow it. (Never catch (...): it would swallow SimGrid's kill.)
      if (!g_error) g_error = std::current_exception();
      sg4::Actor::kill_all();
    }
  });
}

void Kernel::run(double horizon_s) {
  if (std::isfinite(horizon_s)) {
    sg4::Actor::create("horizon", g_host, [horizon_s]() { sg4::this_actor::sleep_until(horizon_s); });
  }
  impl_->engine->run();
  if (g_error) std::rethrow_exception(g_error);
  if (!g_deadlock.empty()) throw DeadlockError(g_deadlock);
}

const Kernel::Calls& Kernel::calls() { return g_calls; }

double now_s() { return sg4::Engine::get_clock(); }

void sleep_for_s(double duration_s) {
  if (!(duration_s >= 0.0) || std::isinf(duration_s))
    throw std::logic_error("sleep_for_s: bad duration " + std::to_string(duration_s));
  ++g_calls.sleeps;
  count_call();
  sg4::this_actor::sleep_for(duration_s);
}

void sleep_until_s(double time_s) {
  if (std::isnan(time_s) || std::isinf(time_s))
    throw std::logic_error("sleep_until_s: bad time " + std::to_string(time_s));
  ++g_calls.sleeps;
  count_call();
  sg4::this_actor::sleep_until(time_s);
}

// ------------------------------------------------------------------------------- WaitQueue

struct WaitQueue::Impl {
  sg4::SemaphorePtr sem;
};

WaitQueue::WaitQueue(std::string label, unsigned initial)
    : impl_(std::make_unique<Impl>()), label_(std::move(label)) {
  impl_->sem = sg4::Semaphore::create(initial);
}

WaitQueue::~WaitQueue() = default;

void WaitQueue::acquire() {
  ++g_calls.waits;
  count_call();
  if (impl_->sem->would_block()) {
    const long pid = sg4::this_actor::get_pid();
    set_waiting(pid, &label_);
    impl_->sem->acquire();
    set_waiting(pid, nullptr);
  } else {
    impl_->sem->acquire();
  }
}

bool WaitQueue::try_acquire() {
  if (impl_->sem->would_block()) return false;
  ++g_calls.waits;
  impl_->sem->acquire();
  return true;
}

bool WaitQueue::acquire_until(double until_s) {
  ++g_calls.waits;
  const double timeout = until_s - sg4::Engine::get_clock();
  if (!impl_->sem->would_block()) {
    impl_->sem->acquire();
    return true;
  }
  if (timeout <= 0) return false;
  const long pid = sg4::this_actor::get_pid();
  set_waiting(pid, &label_);
  const bool timed_out = impl_->sem->acquire_timeout(timeout);
  set_waiting(pid, nullptr);
  return !timed_out;
}

void WaitQueue::release() {
  ++g_calls.releases;
  impl_->sem->release();
}

}  // namespace starsim::sim
