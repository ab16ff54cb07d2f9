// What an interrupted process leaves behind: nothing. Temporary files and folders are
// registered while they exist; on SIGINT or SIGTERM the process forwards the signal to the
// children it registered (a sweep's runs) and waits for them, removes its registered paths
// (files first, then folders), says so on stderr and exits 130 or 143. A `kill -9` cannot be
// caught: the next command that writes the folder removes what a dead process left
// (output_folder.hpp).
#pragma once

#include <sys/types.h>

#include <string>

namespace starsim::sim::interrupt {

// Installs the SIGINT and SIGTERM handlers (once, at the start of main).
void install();

// A path to remove if the process is interrupted; returns a slot for unregister (-1 when the
// table is full: the path is then left to the next command's clean-up).
int register_path(const std::string& path, bool is_folder = false);
void unregister(int slot);

void register_child(pid_t pid);
void unregister_child(pid_t pid);

// In a freshly forked child: the parent's paths and children are not its own; SIGINT and
// SIGTERM are let through again.
void forget_all();

// Holds SIGINT and SIGTERM back while it lives: a step that must not be cut in two (the
// renames that commit a set of files) completes, then the handler runs.
class Deferred {
 public:
  Deferred();
  ~Deferred();
  Deferred(const Deferred&) = delete;
  Deferred& operator=(const Deferred&) = delete;

 private:
  bool restore_;
};

}  // namespace starsim::sim::interrupt
