// The subcommands of the starsim command line. Each returns the process exit code:
// 0 done, 1 the program failed, 2 bad input (message on stderr).
#pragma once

#include <boost/program_options.hpp>
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
int run_batch_command(const std::vector<std::string>& args);

// Parses the options of a command that takes one FILE (a scenario or an experiment). Returns
// false after printing the error on a bad command line; prints the usage on --help (then
// vm.count("help") is set).
bool parse_file_command(const char* command, const char* file_kind,
                        const std::vector<std::string>& args,
                        boost::program_options::options_description& opts,
                        boost::program_options::variables_map& vm);

// Takes --out's value into `out`; false (after printing why) for an empty or blank one.
bool out_option(const char* command, const std::string& value, std::string& out);

// Runs `body`, mapping exceptions to messages and exit codes.
int guarded(const char* command, int (*body)(const std::vector<std::string>&),
            const std::vector<std::string>& args);

}  // namespace starsim::app
