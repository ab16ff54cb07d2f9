// What made an output folder, for the analyst who finds it months later: provenance.txt, with
// the starsim version, the git commit it was built from, the command line, the date (UTC) and
// the host. It is the one file two runs of the same scenario and seed do not share (they share
// every other byte), so no comparison of results reads it.
#pragma once

#include <string>

namespace starsim::sim {

// Called once by main with the process's arguments.
void set_command_line(int argc, const char* const* argv);

// provenance.txt's text: `key value` lines (starsim, git_commit, command, date_utc, host).
std::string provenance_text();

}  // namespace starsim::sim
