// The subcommands of the starsim command line. Each returns the process exit code:
// 0 done, 1 the program failed, 2 bad input (message on stderr).
#pragma once

#include <string>
#include <vector>

namespace starsim::app {

constexpr int EXIT_OK = 0;
constexpr int EXIT_FAILED = 1;
constexpr int EXIT_BAD_INPUT = 2;

int run_command(const std::vector<std::string>& args);
int check_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);
int seek_command(const std::vector<std::string>& args);
int plan_command(const std::vector<std::string>& args);
int merge_command(const std::vector<std::string>& args);

// Runs `body`, mapping exceptions to messages and exit codes.
int guarded(const char* command, int (*body)(const std::vector<std::string>&),
            const std::vector<std::string>& args);

}  // namespace starsim::app
