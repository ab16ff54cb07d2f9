// Why a launch waited: the one vocabulary of wait causes. Every moment a pad stands between
// free and liftoff is charged to the one cause it waits on then. This table is the single
// place the causes are listed: their order (the order a pad meets them; a tie for the
// bottleneck goes to the earlier), their names (the `wait_<name>_h` columns of summary.csv and
// the `bottleneck` value), what each waits for (configs/README.md's table, checked by a test)
// and the scenario paths whose growth relieves it (the plan's map).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace starsim::models {

enum class WaitCause {
  PAYLOAD,
  BOOSTER,
  SHIP,
  DRONESHIP,
  TOWER,
  PROPELLANT,
  STANDDOWN,
  CAP,
  RANGE,
  SLOT,
  WEATHER
};
inline constexpr std::size_t WAIT_CAUSES = 11;

struct WaitCauseInfo {
  WaitCause cause;
  std::string_view name;
  std::string_view waits_for;                 // what the pad waits for
  std::vector<std::string_view> relieved_by;  // schema paths, in the order a plan grows them
};

// Every cause, in order.
const std::array<WaitCauseInfo, WAIT_CAUSES>& wait_causes();
const WaitCauseInfo& wait_cause_info(WaitCause cause);
inline std::string_view wait_cause_name(WaitCause cause) { return wait_cause_info(cause).name; }
// The summary.csv column of a cause: "wait_<name>_h".
std::string wait_column(WaitCause cause);

}  // namespace starsim::models
