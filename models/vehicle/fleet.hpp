// One stage's fleet as data: every booster (or ship) in service is a record of 64 bytes (its id,
// random stream, flights flown and current mission) in a slot of a deque; a slot is reused
// once its vehicle leaves service, so memory follows the fleet in service, not every vehicle
// ever built. The ready ones wait (as slots) in a first-come-first-served pool that pads take
// from; events name a vehicle by its id (B1, S7: in order of creation). Production adds a
// vehicle every 7 d / production_per_week, the first at the start (every production line
// delivers its first unit at t = 0; a scheduled rate changes pace as sim::Pacer says); a fleet
// schedule delivers its increases ready on their dates. A vehicle leaves service when it is
// lost, expended or retired at its flight life. Events: vehicle.produced (production and
// deliveries), vehicle.retired, booster/ship.lost.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "models/vehicle/vehicle_config.hpp"
#include "sim/event_log.hpp"
#include "sim/pacer.hpp"
#include "sim/rng.hpp"
#include "sim/store.hpp"
#include "sim/time_weighted.hpp"

namespace starsim::models {

enum class Stage { BOOSTER, SHIP };

// What a vehicle is told at liftoff, and where it is recovered: 16 bytes (make_mission checks
// the ranges: ids below 2^32, sites, pads and droneships below 2^15).
struct Mission {
  std::uint32_t launch_id = 0;
  std::uint32_t payload = 0;
  std::int16_t site = 0;
  std::int16_t pad = 0;
  std::int16_t droneship = -1;  // the droneship its recovery uses, -1: none
  std::int16_t tower = -1;      // a ship's catch tower, -1: none
};
Mission make_mission(std::int64_t launch_id, std::int64_t payload, int site, int pad,
                     int droneship);

struct Vehicle {  // 64 bytes
  Vehicle(std::uint64_t seed, Stage stage, std::int64_t vehicle_id);
  sim::RandomStream rng;  // named "booster B<n>" / "ship S<n>"
  Mission mission;
  // A ship flying a mission: its liftoff (the payload's mass and power are those in force
  // then); in orbit after the release: since when it waits for a tower.
  double since_s = 0.0;
  std::uint32_t id;  // 0-based, in order of creation; written B<id+1> / S<id+1>
  std::uint32_t flights = 0;
};

class Fleet {
 public:
  Fleet(Stage stage, const StageConfig& config, std::uint64_t seed, sim::EventLog& log);
  Fleet(const Fleet&) = delete;
  Fleet& operator=(const Fleet&) = delete;

  // The initial fleet, ready; production from the start.
  void start();
  Stage stage() const { return stage_; }
  const StageConfig& config() const { return config_; }
  // The ready vehicles' slots.
  sim::Store<std::int64_t>& ready() { return ready_; }
  // The record in a slot (valid until the vehicle leaves service).
  Vehicle& vehicle(std::int64_t slot) { return vehicles_[static_cast<std::size_t>(slot)]; }
  std::int64_t id_of(std::int64_t slot) const {
    return vehicles_[static_cast<std::size_t>(slot)].id;
  }
  std::int64_t built() const { return next_id_; }

  // Counts a flight; true (vehicle.retired, out of service) when it reaches its life.
  bool retires(std::int64_t slot);
  // Lost (booster.lost or ship.lost), out of service.
  void lose(std::int64_t slot);
  // Out of service without an event of its own (expended: its event says so).
  void leave_service(std::int64_t slot);
  // Share of the time in service not spent ready (flying, recovering, turning around).
  double busy_share(double horizon_s) const;

 private:
  void join();                 // a new vehicle, produced or delivered, ready now
  std::int64_t new_vehicle();  // its slot

  Stage stage_;
  const StageConfig& config_;
  std::uint64_t seed_;
  sim::EventLog& log_;
  std::deque<Vehicle> vehicles_;  // grows in blocks: no doubling and copying of a million records
  std::vector<std::int64_t> free_slots_;
  std::int64_t next_id_ = 0;
  sim::RandomStream production_rng_;  // fixed intervals: never drawn
  sim::Pacer production_;
  sim::Store<std::int64_t> ready_;
  sim::TimeWeighted in_service_;
};

}  // namespace starsim::models
