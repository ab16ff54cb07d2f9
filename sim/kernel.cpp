#include "sim/kernel.hpp"

#include <sys/resource.h>

#include <fmt/format.h>
#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <exception>
#include <cstdlib>
#include <vector>
#include <sstream>

#include "sim/config/config_error.hpp"
#include "sim/interrupt.hpp"
#include "sim/kernel_options.hpp"
#include "sim/wait_queue.hpp"

namespace sg4 = simgrid::s4u;

// AddressSanitizer's frames are larger: its builds keep SimGrid's default stack size.
#if defined(__SANITIZE_ADDRESS__)
#define STARSIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STARSIM_ASAN 1
#endif
#endif
#ifndef STARSIM_ASAN
#define STARSIM_ASAN 0
#endif

namespace starsim::sim {

namespace {
bool g_kernel_created = false;
bool g_options_set = false;
std::exception_ptr g_error;
std::string g_deadlock;
using Timer = simgrid::kernel::timer::Timer;

// What the facade knows of each actor it spawned, indexed by actor id (ids are never reused).
struct ActorSlot {
  const std::string* waiting = nullptr;  // the wait queue it blocks on (deadlock reports)
  Timer* timer = nullptr;                // its pending wake-up, if any
  bool alive = false;                    // its body has not ended (returned, thrown or killed)
};
std::vector<ActorSlot> g_actors;

ActorSlot& actor_slot(long pid) {
  const auto i = static_cast<std::size_t>(pid);
  if (i >= g_actors.size()) g_actors.resize(i + 1024);
  return g_actors[i];
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
    const std::string* label = i < g_actors.size() ? g_actors[i].waiting : nullptr;
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
  if (!g_options_set) set_engine_options({});
  xbt_log_control_set("root.thres:critical");
  std::vector<std::string> args{"starsim"};
  args.insert(args.end(), g_engine_options.begin(), g_engine_options.end());
#if !STARSIM_ASAN
  if (stack_kib(g_engine_options) == DEFAULT_STACK_KIB)
    args.push_back("--cfg=contexts/stack-size:" + std::to_string(DEFAULT_STACK_KIB));
#endif
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  impl_->engine = std::make_unique<sg4::Engine>(&argc, argv.data());
  // SimGrid installs a SIGINT handler of its own that exits 1 at once, leaving the temporary
  // files behind: starsim's comes back (interrupt.hpp).
  interrupt::install();
  auto* zone = sg4::create_full_zone("ground");
  g_host = zone->create_host("site", 1e9);
  zone->seal();
  sg4::Engine::on_deadlock_cb(on_deadlock);
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

void Kernel::spawn(const std::string& name, std::function<void()> body, Lifetime lifetime) {
  sg4::Actor::create(name, g_host, [body = std::move(body), lifetime]() {
    if (lifetime == Lifetime::DAEMON) sg4::Actor::self()->daemonize();
    // However the body ends (returns, throws, or is killed and unwound), its pending wake-up
    // is cancelled and queues skip it.
    struct Alive {
      long pid = sg4::this_actor::get_pid();
      Alive() { actor_slot(pid).alive = true; }
      ~Alive() {
        ActorSlot& a = actor_slot(pid);
        if (a.timer) a.timer->remove();
        a = ActorSlot{};
      }
    } alive;
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

void check_address_space(std::int64_t actors) {
  if (STARSIM_ASAN) return;  // AddressSanitizer reserves terabytes: no limit can hold it
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
  // Measured: the program with its libraries maps about 70-100 MiB; every actor its stack, a
  // guard page and its context.
  constexpr double PROGRAM_MIB = 110.0, PER_ACTOR_EXTRA_KIB = 8.0;
  const int stack = stack_kib(g_engine_options);
  const double need_mib = PROGRAM_MIB + static_cast<double>(actors) * (stack + PER_ACTOR_EXTRA_KIB) / 1024.0;
  const double limit_mib = static_cast<double>(limit.rlim_cur) / (1024.0 * 1024.0);
  if (need_mib <= limit_mib) return;
  throw config::ConfigError(
      "ulimit -v", "",
      fmt::format("this run's {} actors need about {:.0f} MiB of address space ({} KiB of stack each and "
                  "about {:.0f} MiB for the program), and the limit allows {:.0f} MiB: raise it to at least "
                  "`ulimit -v {:.0f}` (KiB), or lower the fleets, production or --cfg=contexts/stack-size",
                  actors, need_mib, stack, PROGRAM_MIB, limit_mib, std::ceil(need_mib * 1024.0)));
}

double now_s() { return sg4::Engine::get_clock(); }

namespace {
// Every blocked actor is suspended, and a kernel timer resumes it: at the end of a sleep, or at
// once when a wait queue hands it a unit. One simcall a block and no SimGrid activity, where an
// s4u sleep puts a CPU action through the solver and a semaphore costs two simcalls even when it
// does not block: together they made the kernel 40% slower (tools/bench, README's performance).
void wake_at(double time_s, sg4::Actor* self, long pid) {
  ActorSlot& a = actor_slot(pid);
  a.timer = Timer::set(time_s, [self, pid] {
    actor_slot(pid).timer = nullptr;
    self->resume();
  });
}
}  // namespace

void sleep_for_s(double duration_s) {
  if (!(duration_s >= 0.0) || std::isinf(duration_s))
    throw std::logic_error("sleep_for_s: bad duration " + std::to_string(duration_s));
  sleep_until_s(sg4::Engine::get_clock() + duration_s);
}

void sleep_until_s(double time_s) {
  if (std::isnan(time_s) || std::isinf(time_s))
    throw std::logic_error("sleep_until_s: bad time " + std::to_string(time_s));
  ++g_calls.sleeps;
  count_call();
  if (time_s <= sg4::Engine::get_clock()) return;  // as s4u: no time to pass, no yield
  sg4::Actor* self = sg4::Actor::self();
  wake_at(time_s, self, self->get_pid());
  sg4::this_actor::suspend();
}

// ------------------------------------------------------------------------------- WaitQueue

// A counter and a FIFO of suspended actors. A release hands its unit straight to the first
// live waiter (as SimGrid's semaphore does); a wait that need not block costs nothing.
struct WaitQueue::Impl {
  struct Waiter {
    sg4::Actor* actor;
    long pid;
    std::uint64_t ticket;  // names this wait for a timeout
    bool* timed_out;       // on the waiter's stack; touched only while it waits
  };
  unsigned count = 0;
  std::deque<Waiter> waiters;
  std::uint64_t next_ticket = 0;

  void block(const std::string& label, bool* timed_out, double until_s) {
    sg4::Actor* self = sg4::Actor::self();
    const long pid = self->get_pid();
    const std::uint64_t ticket = next_ticket++;
    waiters.push_back({self, pid, ticket, timed_out});
    ActorSlot& a = actor_slot(pid);
    if (timed_out) {
      a.timer = Timer::set(until_s, [this, self, pid, ticket] {
        actor_slot(pid).timer = nullptr;
        auto it = std::find_if(waiters.begin(), waiters.end(),
                               [ticket](const Waiter& w) { return w.ticket == ticket; });
        if (it == waiters.end()) return;  // granted meanwhile
        *it->timed_out = true;
        waiters.erase(it);
        self->resume();
      });
    }
    a.waiting = &label;
    sg4::this_actor::suspend();
    actor_slot(pid).waiting = nullptr;
  }
};

WaitQueue::WaitQueue(std::string label, unsigned initial)
    : impl_(std::make_unique<Impl>()), label_(std::move(label)) {
  impl_->count = initial;
}

WaitQueue::~WaitQueue() = default;

void WaitQueue::acquire() {
  ++g_calls.waits;
  count_call();
  if (impl_->count > 0) {
    --impl_->count;
    return;
  }
  impl_->block(label_, nullptr, 0.0);
}

bool WaitQueue::try_acquire() {
  if (impl_->count == 0) return false;
  ++g_calls.waits;
  --impl_->count;
  return true;
}

bool WaitQueue::acquire_until(double until_s) {
  ++g_calls.waits;
  count_call();
  if (impl_->count > 0) {
    --impl_->count;
    return true;
  }
  if (until_s <= sg4::Engine::get_clock()) return false;
  bool timed_out = false;
  impl_->block(label_, &timed_out, until_s);
  return !timed_out;
}

void WaitQueue::release() {
  ++g_calls.releases;
  while (!impl_->waiters.empty()) {
    const Impl::Waiter w = impl_->waiters.front();
    impl_->waiters.pop_front();
    ActorSlot& a = actor_slot(w.pid);
    if (!a.alive) continue;  // killed while waiting
    if (a.timer) a.timer->remove();  // its timeout
    // Woken by a timer at this instant rather than resumed from here: timers run in SimGrid's
    // maestro after every request of the current round, so the resume can never come before
    // the waiter's own suspension has taken effect.
    wake_at(sg4::Engine::get_clock(), w.actor, w.pid);
    return;
  }
  ++impl_->count;
}

}  // namespace starsim::sim
