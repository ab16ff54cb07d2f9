#include "models/launch/launch_flow.hpp"

#include "models/launch/operations.hpp"
#include "models/launch/pad.hpp"
#include "sim/timed_steps.hpp"

namespace starsim::models {

Operations::Operations(const ScenarioConfig& c, sim::EventLog& l, LaunchStats& st)
    : cfg(c),
      log(l),
      stats(st),
      payloads(c.payload, c.seed, l),
      orbit(c.payload, c.seed, l),
      boosters(Stage::BOOSTER, c.vehicle.booster, c.seed, l),
      ships(Stage::SHIP, c.vehicle.ship, c.seed, l),
      flights(c.vehicle, c.failures, c.payload, boosters, ships, sites, orbit, l),
      standdown(l),
      standdown_rng(c.seed, "stand-down"),
      slots(c.cadence.slot_interval_s, l) {
  for (std::size_t i = 0; i < c.sites.size(); ++i)
    sites.emplace_back(c.sites[i], static_cast<int>(i), c.seed, l);
  for (const auto& rc : c.ranges) ranges.emplace_back(rc);
}

LaunchFlow::LaunchFlow(const ScenarioConfig& config, sim::EventLog& log, LaunchStats& stats)
    : ops_(std::make_unique<Operations>(config, log, stats)) {}

LaunchFlow::~LaunchFlow() = default;

void LaunchFlow::start() {
  Operations& o = *ops_;
  o.boosters.start();
  o.ships.start();
  o.payloads.start();
  site_pads_.resize(o.sites.size());
  for (auto& site : o.sites) {
    site.start();
    auto& mine = site_pads_[static_cast<std::size_t>(site.index())];
    for (std::int64_t k = 0; k < site.config().pads.initial(); ++k)
      mine.push_back(&pads_.emplace_back(o, site, static_cast<int>(k)));
  }
  for (auto& p : pads_) p.start();
  for (auto& site : o.sites)
    sim::at_each_step(site.config().pads,
                      [this, &site](std::int64_t pads) { set_pads(site, pads); });
  o.slots.start();
}

void LaunchFlow::set_pads(SiteState& site, std::int64_t pads) {
  auto& mine = site_pads_[static_cast<std::size_t>(site.index())];
  site.set_open_pads(pads);
  for (std::size_t k = 0; k < mine.size(); ++k) {
    if (static_cast<std::int64_t>(k) < pads) {
      mine[k]->reopen();
    } else {
      mine[k]->close_down();
    }
  }
  for (auto k = static_cast<std::int64_t>(mine.size()); k < pads;
       ++k) {  // new pads come online empty
    mine.push_back(&pads_.emplace_back(*ops_, site, static_cast<int>(k)));
    mine.back()->start();
  }
}

void LaunchFlow::close(double horizon_s) {
  for (auto& p : pads_) p.close(horizon_s);
  ops_->boosters.ready().settle(horizon_s);
  ops_->ships.ready().settle(horizon_s);
}

Utilizations LaunchFlow::utilizations(double horizon_s) const {
  const Operations& o = *ops_;
  Utilizations u;
  double pads = 0, pad_busy = 0, tower_busy = 0;
  for (const auto& st : o.sites) {
    pads += st.pads_open.integral(horizon_s);
    pad_busy += st.pads_busy.integral(horizon_s);
    tower_busy += st.towers_busy_integral_s(horizon_s);
    if (st.propellant)
      u.propellant_stock_mean_t =
          u.propellant_stock_mean_t.value_or(0.0) + st.propellant->mean_level(horizon_s);
  }
  u.pad = pad_busy / pads;  // pads: the integral of the open pads over the horizon
  u.tower = tower_busy / pads;
  u.booster = o.boosters.busy_share(horizon_s);
  u.ship = o.ships.busy_share(horizon_s);
  u.bay = o.payloads.bay_utilization(horizon_s);
  u.integration_queue_mean = o.payloads.integration_queue_mean(horizon_s);
  u.integration_wait_mean_s = o.payloads.integration_wait_mean_s();
  return u;
}

}  // namespace starsim::models
