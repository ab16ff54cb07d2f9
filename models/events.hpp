// Event names of the timeline ("<thing>.<past-tense verb>"), as listed in scenario-format.md,
// plus ship.deorbited (a ship leaves orbit once a tower is free), booster/ship.expended,
// droneship.returned (a droneship back at its site with its booster), pad.refurbished and
// tower.cleared (a pad and a tower free again: occupancy can be read from the timeline).
#pragma once

#include <string_view>

namespace starsim::models::events {

inline constexpr std::string_view PAYLOAD_PRODUCED = "payload.produced";
inline constexpr std::string_view PAYLOAD_INTEGRATED = "payload.integrated";
inline constexpr std::string_view STACK_STARTED = "stack.started";
inline constexpr std::string_view PROPELLANT_LOADED = "propellant.loaded";
inline constexpr std::string_view LAUNCH_LIFTED_OFF = "launch.lifted_off";
inline constexpr std::string_view BOOSTER_RECOVERED = "booster.recovered";
inline constexpr std::string_view BOOSTER_EXPENDED = "booster.expended";
inline constexpr std::string_view SHIP_INSERTED = "ship.inserted";
inline constexpr std::string_view PAYLOAD_DEPLOYED = "payload.deployed";
inline constexpr std::string_view SHIP_DEORBITED = "ship.deorbited";
inline constexpr std::string_view SHIP_RECOVERED = "ship.recovered";
inline constexpr std::string_view SHIP_EXPENDED = "ship.expended";
inline constexpr std::string_view VEHICLE_RETIRED = "vehicle.retired";
inline constexpr std::string_view VEHICLE_PRODUCED = "vehicle.produced";
inline constexpr std::string_view LAUNCH_SCRUBBED = "launch.scrubbed";
inline constexpr std::string_view LAUNCH_FAILED = "launch.failed";
inline constexpr std::string_view BOOSTER_LOST = "booster.lost";
inline constexpr std::string_view SHIP_LOST = "ship.lost";
inline constexpr std::string_view PAD_DAMAGED = "pad.damaged";
inline constexpr std::string_view PAD_REPAIRED = "pad.repaired";
inline constexpr std::string_view PAD_REFURBISHED = "pad.refurbished";
inline constexpr std::string_view TOWER_CLEARED = "tower.cleared";
inline constexpr std::string_view STANDDOWN_STARTED = "standdown.started";
inline constexpr std::string_view STANDDOWN_ENDED = "standdown.ended";
inline constexpr std::string_view PAYLOAD_OPERATIONAL = "payload.operational";
inline constexpr std::string_view PAYLOAD_FAILED = "payload.failed";
inline constexpr std::string_view SLOT_MISSED = "slot.missed";
inline constexpr std::string_view DRONESHIP_RETURNED = "droneship.returned";

}  // namespace starsim::models::events
