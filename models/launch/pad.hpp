// A pad's mission flow, one step after another as actions (models/README.md, "The flow"). A
// free pad takes, in this order and each first come first served: the oldest integrated
// payload, a ready booster, a ready ship, with droneship recovery one of its site's
// droneships, and its own tower. It stacks, draws the propellant from its site's farm and
// loads it, then attempts to launch: it waits out a stand-down, takes the site's (and the
// range's) launch turn, gives it back until 1 January when the annual cap is used up, keeps the
// spacing since the last liftoffs, waits for the slot boundary, and draws the weather (a scrub
// gives the turn back and recycles). It lifts off; the launch may fail (stack and payload lost,
// the pad maybe damaged, every site standing down). Then it refurbishes and is free again.
// Every moment between free and liftoff is charged to the cause it waits on (wait_causes.hpp).
// A pad closed down by its site's schedule takes no new payload: if it waits for one it stops
// at once, otherwise it finishes the launch it prepares (and its refurbishment) first. Reopened,
// it is free again.
#pragma once

#include <cstdint>

#include "models/launch/operations.hpp"
#include "models/launch/wait_causes.hpp"
#include "sim/rng.hpp"

namespace starsim::models {

class Pad {
 public:
  Pad(Operations& ops, SiteState& site, int pad);
  Pad(const Pad&) = delete;
  Pad& operator=(const Pad&) = delete;

  // The pad is free at the start (or when it opens).
  void start() { free(); }
  // The site's schedule closes the pad, or opens it again.
  void close_down();
  void reopen();
  // Charges the wait still open at the horizon.
  void close(double horizon_s);

 private:
  // The steps, in order.
  void free();
  void take_booster();
  void take_ship();
  void take_droneship();
  void take_tower();
  void stack();
  void draw_propellant();
  void load();
  void attempt();
  void decide();
  void keep_spacing();
  void wait_for_slot();
  void lift_off();
  void fail_launch(const Mission& m);
  void refurbish();
  void refurbished();
  void repaired();

  void wait_on(WaitCause cause);  // from now, the launch waits on `cause`
  void done_waiting();            // ... until now
  void release_turns();
  std::int64_t booster_id() const { return ops_.boosters.id_of(booster_); }
  std::int64_t ship_id() const { return ops_.ships.id_of(ship_); }
  // The flight its booster is about to fly (what learns per vehicle at the pad).
  std::int64_t booster_flight() { return ops_.boosters.vehicle(booster_).flights + 1; }

  Operations& ops_;
  SiteState& site_;
  RangeState* range_;
  int pad_;
  sim::RandomStream rng_;
  // The launch in preparation (booster_ and ship_: their fleets' slots).
  std::int64_t launch_id_ = -1, booster_ = -1, ship_ = -1;
  Payload payload_;
  sim::Store<Payload>::Ticket payload_ticket_ = 0;  // while it waits for a payload
  int droneship_ = -1;
  enum class State { OPEN, CLOSING, CLOSED } state_ = State::OPEN;
  // The wait in progress.
  bool waiting_ = false;
  WaitCause cause_ = WaitCause::PAYLOAD;
  double waiting_from_s_ = 0.0;
};

}  // namespace starsim::models
