// The shared state of the mission flow (internal to models/launch): the pools, the sites, the
// vehicles and the processes' bodies. launch_flow.cpp holds the pads, vehicles.cpp the boosters,
// ships and vehicle production.
#pragma once

#include <deque>
#include <limits>
#include <memory>
#include <string>

#include "models/launch/launch_flow.hpp"
#include "models/orbit/power_tracker.hpp"
#include "sim/resource.hpp"
#include "sim/rng.hpp"
#include "sim/signal.hpp"
#include "sim/store.hpp"
#include "sim/tank.hpp"
#include "sim/time_weighted.hpp"

namespace starsim::models::flow {

struct PayloadItem {
  std::int64_t id = 0;
  double produced_s = 0;
};

// What a vehicle is told at liftoff.
struct Mission {
  std::int64_t launch_id = 0;
  int site = 0;
  int pad = 0;
  std::int64_t payload = 0;
  int droneship = -1;   // the droneship the booster lands on, -1: none
  double ascent_s = 0;  // liftoff -> stage separation, the same for both stages
};

struct Vehicle {
  Vehicle(std::int64_t vehicle_id, const std::string& name, std::uint64_t seed)
      : id(vehicle_id), inbox(name + " inbox"), rng(seed, name) {}
  std::int64_t id;
  std::int64_t flights = 0;
  sim::Store<Mission> inbox;
  sim::RandomStream rng;
};

// One stage's fleet: the vehicles (stable addresses), the ready pool and the count in service.
struct Fleet {
  Fleet(const std::string& kind, const StageConfig& c)
      : config(&c), ready("ready " + kind + "s"), in_service(static_cast<double>(c.fleet)) {}
  const StageConfig* config;
  std::deque<Vehicle> vehicles;
  sim::Store<std::int64_t> ready;
  sim::TimeWeighted in_service;
};

struct RangeState {
  explicit RangeState(const RangeConfig& c) : config(&c), turn("range " + c.name, 1) {}
  const RangeConfig* config;
  sim::Resource turn;  // one liftoff decision at a time on the range
  double last_liftoff_s = -std::numeric_limits<double>::infinity();
};

struct SiteState {
  SiteState(const SiteConfig& c, std::uint64_t seed);
  const SiteConfig* config;
  std::deque<sim::Resource> towers;
  sim::Signal tower_freed;
  sim::Resource turn;  // one liftoff decision at a time at the site (spacing, cap, weather)
  double last_liftoff_s = -std::numeric_limits<double>::infinity();
  std::unique_ptr<sim::Tank> propellant;  // null: unlimited
  sim::Store<int> droneships;
  sim::RandomStream weather_rng;
  sim::TimeWeighted pads_busy;
  int cap_year = 0;          // calendar year of cap_count
  std::int64_t cap_count = 0;
};

struct PadWait {
  bool open = false;
  WaitCause cause = WaitCause::PAYLOAD;
  double from_s = 0;
};

struct State {
  State(const ScenarioConfig& c, sim::EventLog& l, LaunchStats& st);

  const ScenarioConfig& cfg;
  sim::EventLog& log;
  LaunchStats& stats;
  sim::Kernel* kernel = nullptr;
  sim::Store<PayloadItem> produced, integrated;
  Fleet boosters, ships;
  std::deque<SiteState> sites;
  std::deque<RangeState> ranges;
  std::deque<PadWait> pad_waits;
  sim::TimeWeighted bays_busy;
  PowerTracker power;
  std::int64_t next_launch_id = 0;
  double standdown_until_s = -1;
  bool standdown_open = false;  // started and not yet reported ended
  sim::Store<int> standdown_requests;
  sim::RandomStream standdown_rng;
  // The last two slots a liftoff filled: the slot clock checks slot k-1 at the start of slot k,
  // when a liftoff at that same instant may already have filled slot k.
  std::int64_t last_slot_filled = -1, previous_slot_filled = -1;
  void fill_slot(std::int64_t slot) {
    if (slot == last_slot_filled) return;
    previous_slot_filled = last_slot_filled;
    last_slot_filled = slot;
  }
  bool slot_filled(std::int64_t slot) const {
    return last_slot_filled == slot || previous_slot_filled == slot;
  }

  void emit(std::string_view name, std::int64_t launch_id = -1, int site = -1, int pad = -1,
            std::int64_t booster = -1, std::int64_t ship = -1, std::int64_t payload = -1,
            double value = std::numeric_limits<double>::quiet_NaN()) {
    log.emit({sim::now_s(), name, launch_id, site, pad, booster, ship, payload, value});
  }
  SiteState& site(int i) { return sites[static_cast<std::size_t>(i)]; }
  // Frees a tower (`tower.cleared`, naming the launch and the vehicle that held it last).
  void release_tower(int site, int tower, std::int64_t launch_id, std::int64_t booster, std::int64_t ship);
  // Waits (in orbit) until any tower at the site is free; returns its index.
  int acquire_any_tower(int site);
  void start_standdown(double duration_s);
  void end_standdown();

  // A payload queue that cannot drain (arrivals faster than departures for good) is a
  // modelling mistake: past this many payloads the run stops with a sim::ModelError naming
  // the queue and both rates, before it fills memory (a payload waiting is 16 bytes).
  static constexpr std::size_t MAX_QUEUED_PAYLOADS = 1'000'000;
  void check_queue(const sim::Store<PayloadItem>& queue, const char* arrives_by, const char* leaves_by) const;

  // Processes (one actor each).
  void factory();
  void bay(std::int64_t k);
  void pad(int site, int k, PadWait& wait);
  void booster(Vehicle& v);
  void ship(Vehicle& v);
  void production(Fleet& fleet, bool is_booster);
  void standdown_keeper();
  void slot_clock();
  // Adds a vehicle to a fleet and starts its actor.
  void add_vehicle(Fleet& fleet, bool is_booster);
  // Counts a flight; true (and the vehicle leaves service) when it reaches its life.
  bool retires(Vehicle& v, Fleet& fleet, bool is_booster);
  void lose(Vehicle& v, Fleet& fleet, bool is_booster, const Mission& m);
};

}  // namespace starsim::models::flow
