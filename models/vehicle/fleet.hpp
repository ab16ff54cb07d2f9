// One stage's fleet as data: every booster (or ship) ever in service is a record of 72 bytes
// (its random stream, flights flown and current mission), in a vector indexed by its id. The
// ready ones wait in a first-come-first-served pool that pads take from. Production adds a
// vehicle every 7 d / production_per_week, the first at the start (every production line
// delivers its first unit at t = 0); a vehicle leaves service when it is lost, expended or
// retired at its flight life. Events: vehicle.produced, vehicle.retired, booster/ship.lost.
#pragma once

#include <cstdint>
#include <vector>

#include "models/vehicle/vehicle_config.hpp"
#include "sim/event_log.hpp"
#include "sim/rng.hpp"
#include "sim/store.hpp"
#include "sim/time_weighted.hpp"

namespace starsim::models {

enum class Stage { BOOSTER, SHIP };

// What a vehicle is told at liftoff, and where it is recovered.
struct Mission {
  std::int64_t launch_id = 0;
  std::int64_t payload = 0;
  int site = 0;
  int pad = 0;
  int droneship = -1;  // the droneship its recovery uses, -1: none
  int tower = -1;      // a ship's catch tower, -1: none
};

struct Vehicle {
  Vehicle(std::uint64_t seed, Stage stage, std::int64_t id);
  sim::RandomStream rng;  // named "booster B<n>" / "ship S<n>"
  Mission mission;
  double waiting_from_s = 0.0;  // a ship in orbit: since when it waits for a tower
  std::int64_t flights = 0;
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
  sim::Store<std::int64_t>& ready() { return ready_; }
  Vehicle& vehicle(std::int64_t id) { return vehicles_[static_cast<std::size_t>(id)]; }
  std::size_t size() const { return vehicles_.size(); }

  // Counts a flight; true (vehicle.retired, out of service) when it reaches its life.
  bool retires(std::int64_t id);
  // Lost (booster.lost or ship.lost), out of service.
  void lose(std::int64_t id);
  // Out of service without an event of its own (expended: its event says so).
  void leave_service();
  // Share of the time in service not spent ready (flying, recovering, turning around).
  double busy_share(double horizon_s) const;

 private:
  void produce();

  Stage stage_;
  const StageConfig& config_;
  std::uint64_t seed_;
  sim::EventLog& log_;
  std::vector<Vehicle> vehicles_;
  sim::Store<std::int64_t> ready_;
  sim::TimeWeighted in_service_;
};

}  // namespace starsim::models
