#include "sim/interrupt.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstring>

namespace starsim::sim::interrupt {

namespace {

// Fixed tables: the handler may touch nothing that allocates. Updates happen with the
// signals held back, so the handler never sees half a path.
constexpr std::size_t SLOTS = 128, PATH_BYTES = 4096, CHILDREN = 1024;
struct Slot {
  bool used = false, folder = false;
  char path[PATH_BYTES] = {};
};
std::array<Slot, SLOTS> g_slots;
std::array<pid_t, CHILDREN> g_children{};
volatile std::sig_atomic_t g_handling = 0;

sigset_t both() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  sigaddset(&s, SIGTERM);
  return s;
}

void say(const char* text) {
  const auto n = static_cast<std::size_t>(std::strlen(text));
  [[maybe_unused]] const auto written = ::write(2, text, n);
}

extern "C" void on_signal(int sig) {
  if (g_handling) return;
  g_handling = 1;
  for (pid_t& child : g_children)
    if (child > 0) ::kill(child, SIGTERM);
  for (pid_t& child : g_children)
    if (child > 0) {
      int status = 0;
      while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
      }
    }
  for (const Slot& s : g_slots)
    if (s.used && !s.folder) ::unlink(s.path);
  for (const Slot& s : g_slots)
    if (s.used && s.folder) ::rmdir(s.path);
  say(sig == SIGINT ? "starsim: interrupted (SIGINT); temporary files removed\n"
                    : "starsim: terminated (SIGTERM); temporary files removed\n");
  ::_exit(128 + sig);
}

}  // namespace

void install() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sa.sa_mask = both();
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

Deferred::Deferred() : restore_(false) {
  const sigset_t s = both();
  sigset_t old;
  if (sigprocmask(SIG_BLOCK, &s, &old) == 0) restore_ = !sigismember(&old, SIGINT);
}

Deferred::~Deferred() {
  if (!restore_) return;
  const sigset_t s = both();
  sigprocmask(SIG_UNBLOCK, &s, nullptr);
}

int register_path(const std::string& path, bool is_folder) {
  if (path.size() >= PATH_BYTES) return -1;
  Deferred held;
  for (std::size_t i = 0; i < SLOTS; ++i) {
    Slot& s = g_slots[i];
    if (s.used) continue;
    std::memcpy(s.path, path.c_str(), path.size() + 1);
    s.folder = is_folder;
    s.used = true;
    return static_cast<int>(i);
  }
  return -1;
}

void unregister(int slot) {
  if (slot < 0 || static_cast<std::size_t>(slot) >= SLOTS) return;
  Deferred held;
  g_slots[static_cast<std::size_t>(slot)].used = false;
}

void register_child(pid_t pid) {
  Deferred held;
  for (pid_t& c : g_children)
    if (c == 0) {
      c = pid;
      return;
    }
}

void unregister_child(pid_t pid) {
  Deferred held;
  for (pid_t& c : g_children)
    if (c == pid) c = 0;
}

void forget_all() {
  {
    Deferred held;
    for (Slot& s : g_slots) s.used = false;
    g_children.fill(0);
  }
  const sigset_t s = both();  // a child forked while they were held back
  sigprocmask(SIG_UNBLOCK, &s, nullptr);
}

}  // namespace starsim::sim::interrupt
