"""Charts of a starsim output folder, drawn by gnuplot. Run through tools/plot.

Reads only what starsim wrote into the folder (CSV files and the resolved YAML), writes one
gnuplot script and its data files into a private folder, runs gnuplot once there and renames
each chart into place (PNG and SVG). No text read or given reaches gnuplot as code: see text()
in chart.py.
"""
import argparse
import csv
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

import costs
import replications
import schedule
import years
from chart import (COLOURS, HEIGHT, WIDTH, BadInput, Chart, common, fmt, key_below,
                   metric_name, need_columns, num, read_csv, read_yaml, say_nothing_drawn, text,
                   unit_of)

HELP = """\
Charts of a starsim output folder, as PNG and SVG, drawn by gnuplot.

usage: tools/plot DIR [--out DIR] [--format png|svg|both] [--from T] [--to T]
                      [--metric NAME]... [--x PATH] [--target METRIC=VALUE]...
                      [--script DIR]

DIR is what `starsim run`, `sweep`, `seek` or `plan` wrote; its kind is told by its files.
  run    (summary.csv, scenario.resolved.yaml, timeline.csv)
         launches.*          cumulative launches against the target line (a scheduled or
                             ramped target: what it adds up to by each day)
         gw.*                cumulative GW launched (and operational) against the target line
         launches_per_day.*  liftoffs each day, with the target's daily rate (in force that day)
         occupancy.*         Gantt of every pad and tower, from --from to --to, read from the
                             timeline (stack.started to pad.refurbished or pad.repaired, and
                             to tower.cleared); skipped with a note when it does not add up
                             to summary.csv's pad and tower utilizations (an older starsim)
         waits.*             mean wait per launch by cause, stacked; the bottleneck in the title
         utilization.*       time-weighted utilization of pads, towers, boosters, ships, bays
         A run made with --no-timeline has no timeline.csv: only waits and utilization are drawn.
         From yearly.csv, when the run covers two calendar years or more:
         years_launches.*    launches per calendar year as bars, green where the year's target
                             is met, the year's target as a dashed step; a partial first or last
                             year is scaled to a whole year, lighter, labelled with its days
         years_gw.*          GW launched per calendar year (bars, as above) and GW operational
                             at each year's end (line, right axis)
         years_bottleneck.*  each year's wait per launch split by cause (100 % = its total), with
                             the year's bottleneck and total wait above the bar
         From yearly.csv's cost and ground columns (one bar a year, a one-year run too):
         costs.*             each year's cost, its parts stacked (with a costs: section)
         costs_per_w.*       $ a W launched and a W delivered in orbit against a W on the ground
                             (reference:), $ a kg on the right axis (with a costs: section)
         ground_power.*      the mean electric power the year's propellant takes to make, and
                             its share of the GW launched
  sweep  (runs.csv, summary.csv, manifest.txt, targets.csv)
         sweep_<metric>.*    each --metric against the varied path (--x), mean with 95 % CI
                             error bars, one line per value of the other varied paths
         sweep_years_<metric>.*  each yearly --metric by calendar year, a line per point, mean
                             with 95 % CI, and each year's target as a dashed step (yearly.csv;
                             two calendar years or more)
         sweep_first_year_launches.*, sweep_first_year_gw.*  with launches_per_year or
                             gw_per_year drawn: the first calendar year a point's runs meet the
                             target, against --x (mean year, min-max bars); a run that never
                             does puts its point on the row "not by <last year>"
         A sweep that varies nothing and only replicates (stress-10k) has no varied path:
         dist_<metric>.*     how the runs spread (runs.csv): a histogram of their values, the
                             target as a dashed vertical line, the mean with its 95 % CI as a
                             band (summary.csv's), and how many runs met the target; for
                             launches_per_year, gw_per_year and any other metric with a target
                             (targets.csv or --target), or each --metric
         bottleneck_share.*  the share of the runs each wait cause was the bottleneck of
         and, over two calendar years or more, sweep_years_<metric>.* as above
  seek   (answer.csv)        seek_<metric>.*: the metric at each probed value, the answer marked
  plan   (plan.csv, targets.csv)
         plan_<metric>.*     the metric after each step, labelled with the resource grown and
                             the bottleneck
         plan_years.*        a plan by year (plan_years.csv): each year's metric against the
                             year's target, and a table of the resources planned for each year

options:
  --out DIR              where the charts go (default DIR/plots)
  --format F             png, svg or both (default both)
  --from T, --to T       the occupancy chart's window, counted from the start of the run: a
                         number of days, or with a unit: 36h, 2.5d (default: from 0, to
                         --from + 3d; cut at the end of the run)
  --metric NAME          sweep metric to draw, repeatable (default launches_per_year and
                         gw_per_year); any column of summary.csv without its _mean suffix
  --x PATH               sweep: the varied path on the x axis (default the first one); bad
                         input for a sweep that varies nothing
  --target METRIC=VALUE  the target line of a metric, repeatable, over the folder's own: a
                         run's come from scenario.resolved.yaml (a number, a schedule or a
                         ramp; a malformed one is bad input), a seek's from answer.csv, a
                         sweep's and a plan's from targets.csv (a folder written by an older
                         starsim has none: its charts then have no target line)
  --script DIR           also keep the gnuplot script (plot.gp) and its data files (d0.dat,
                         ...) in DIR: `cd DIR && gnuplot plot.gp` draws the charts again
  -h, --help             this text

Exit codes: 0 done, 1 gnuplot failed, 2 bad input (the message says what).
"""

MAX_PADS = 24      # rows of the occupancy chart: a pad and its tower each


# ---------------------------------------------------------------- reading

def folder_targets(d):
    """The targets a sweep, seek or plan folder records in targets.csv (rows of experiment,
    kind, metric, target, from: the base scenario's, then the seek's or plan's own, which wins),
    and the experiment's name, from targets.csv or a sweep's manifest.txt. None for the targets
    when the folder has no targets.csv (written by an older starsim); None for an unknown name."""
    path, targets, name = os.path.join(d, "targets.csv"), None, None
    if os.path.exists(path):
        rows = read_csv(path)
        if rows:
            need_columns(path, rows, ["experiment", "metric", "target", "from"])
            name = rows[0]["experiment"] or None
        targets = {}
        for r in sorted(rows, key=lambda r: r["from"] != "base scenario"):
            if num(r["target"]) is None:
                raise BadInput(f"{path}: target '{r['target']}' of {r['metric']} is not a number")
            targets[r["metric"]] = num(r["target"])
    if name is None:   # no row names it: a sweep's manifest.txt does
        try:
            with open(os.path.join(d, "manifest.txt")) as f:
                name = next((line.split(" ", 1)[1].strip() for line in f
                             if line.startswith("experiment ")), None)
        except OSError:
            pass
    return targets, name



def verdict(what, achieved, target, met, unit):
    if target is None:
        return f"{what}: {fmt(achieved)} {unit} (no target set)"
    if met is None:
        met = achieved >= target
    if met:
        return f"{what}: target MET, {fmt(achieved)} {unit} against {fmt(target)}"
    return (f"{what}: target MISSED, {fmt(achieved)} {unit} against {fmt(target)} "
            f"(short by {fmt(target - achieved)})")


def parse_time(s, opt):
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([hd]?)\s*", s)
    if not m:
        raise BadInput(f"{opt} '{s}': expected a number of days, or a number with h or d "
                       "(e.g. 36h, 2.5d)")
    v = float(m.group(1))
    return v * 3600 if m.group(2) == "h" else v * 86400



class Steps:
    """A step line's points as they stream in, thinned evenly in flat memory: all of them while
    they are at most `limit`, then every k-th and the last, k the smallest power of two that
    keeps at most `limit` (doubled, dropping every other point kept, whenever more would be)."""

    def __init__(self, x, y, limit=2500):
        self.kept, self.last, self.n, self.k, self.limit = [(x, y)], (x, y), 1, 1, limit

    @property
    def y(self):
        return self.last[1]

    def add(self, x, y):
        if self.n % self.k == 0:
            if len(self.kept) >= self.limit:
                self.k *= 2
                del self.kept[1::2]
            if self.n % self.k == 0:
                self.kept.append((x, y))
        self.n += 1
        self.last = (x, y)

    def points(self):
        return self.kept if self.k == 1 else self.kept + [self.last]


# ---------------------------------------------------------------- run folder

def run_charts(d, args, notes):
    spath = os.path.join(d, "summary.csv")
    rows = read_csv(spath)
    need_columns(spath, rows, ["name", "seed", "launches", "launches_per_year", "gw_per_year",
                               "bottleneck", "pad_utilization"])
    s = rows[0]
    sc = read_yaml(os.path.join(d, "scenario.resolved.yaml"))
    horizon_d = num(sc.get("horizon_d"), 365.0)
    if horizon_d <= 0:
        raise BadInput(f"{os.path.join(d, 'scenario.resolved.yaml')}: horizon_d "
                       f"{fmt(horizon_d)} is not positive")
    horizon_s = horizon_d * 86400
    start = str(sc.get("start_date", "2030-01-01"))
    try:
        start_dt = datetime.strptime(start, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        start, start_dt = "2030-01-01", datetime(2030, 1, 1, tzinfo=timezone.utc)
    start_epoch = start_dt.timestamp()
    targets = run_targets(os.path.join(d, "scenario.resolved.yaml"), sc, start_dt.date())
    targets.update({k: schedule.Target("value", [(0, v)]) for k, v in args.targets.items()})
    # A scheduled target is judged over the horizon by its mean, as summary.csv does.
    mean = {k: t.mean(horizon_d) for k, t in targets.items()}
    who = f"{s['name']}, seed {s['seed']}"
    bottleneck = s["bottleneck"] or "none"
    met = {"true": True, "false": False}
    launch_verdict = verdict("launches", num(s["launches_per_year"], 0.0),
                             mean.get("launches_per_year"),
                             met.get(s.get("launches_target_met")), "a year")
    gw_verdict = verdict("power", num(s["gw_per_year"], 0.0), mean.get("gw_per_year"),
                         met.get(s.get("gw_target_met")), "GW a year")
    charts = []

    tpath = os.path.join(d, "timeline.csv")
    if os.path.exists(tpath):
        launches, power = CumulativeLaunches(horizon_d), CumulativePower(horizon_d)
        per_day = LaunchesPerDay(horizon_d)
        occ = Occupancy(horizon_s, *occupancy_window(args, horizon_s))
        read_timeline(tpath, [launches, power, per_day, occ])
        charts += [cumulative_launches(launches, s, who, horizon_d, start, targets,
                                       launch_verdict, bottleneck),
                   cumulative_gw(power, s, who, horizon_d, start, targets, gw_verdict,
                                 bottleneck),
                   launches_per_day(per_day, who, horizon_d, start, targets, bottleneck),
                   occupancy(occ, sc, s, who, start_epoch, notes)]
    else:
        notes.append("no timeline.csv (a --no-timeline run): skipped launches, gw, "
                     "launches_per_day and occupancy; run without --no-timeline to get them")
    charts += [waits(s, who, bottleneck, launch_verdict, gw_verdict),
               utilization(s, who, horizon_d, bottleneck)]
    charts += years.run_year_charts(d, who, notes)
    charts += costs.run_cost_charts(d, who, notes)
    return [ch for ch in charts if ch]


def run_targets(path, sc, start):
    """{metric: schedule.Target} of the scenario's targets (a number, a schedule or a ramp);
    BadInput for one that is none of them."""
    targets = sc.get("targets")
    if targets is None:
        return {}
    if not isinstance(targets, dict):
        raise BadInput(f"{path}: targets: expected a map of metric: target, "
                       f"got {schedule._show(targets)}")
    parsed = {str(k): schedule.parse(v, start, f"{path}: targets.{k}")
              for k, v in targets.items()}
    return {k: t for k, t in parsed.items() if t is not None}


def target_over_time(ch, t, horizon_d, unit):
    """A target a year as the dashed line a cumulative curve should follow: straight for a
    number, the integral of a schedule or a ramp otherwise."""
    if t.scalar is not None:
        return target_ramp(horizon_d, t.scalar, unit)
    return (f"{ch.block(t.cumulative(horizon_d))} using 1:2 with lines dt 2 lw 2 "
            f"lc rgb '#333333' title {text(t.label(horizon_d, unit))}")


def read_timeline(path, collectors):
    """One pass over timeline.csv, holding one row at a time: each row whose event a collector
    takes (its EVENTS) goes to its add(t, event, site, pad, value), the others are skipped
    unparsed; then each collector's end()."""
    takers = {}
    for c in collectors:
        for event in c.EVENTS:
            takers.setdefault(event, []).append(c.add)
    try:
        with open(path, newline="") as f:
            r = csv.reader(f)
            header = next(r, None)
            if header is None or header[:3] != ["time_s", "time_utc", "event"]:
                raise BadInput(f"{path}: not a timeline starsim wrote (bad header)")
            for row in r:
                adds = takers.get(row[2])
                if adds:
                    t, event, site, pad, value = float(row[0]), row[2], row[4], row[5], row[9]
                    for add in adds:
                        add(t, event, site, pad, value)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, IndexError) as e:
        raise BadInput(f"{path}: cannot be read ({e})")
    for c in collectors:
        c.end()


class CumulativeLaunches:
    """Launches since the start at each liftoff, thinned (Steps), to the horizon."""
    EVENTS = ("launch.lifted_off",)

    def __init__(self, horizon_d):
        self.horizon_d, self.steps = horizon_d, Steps(0.0, 0)

    def add(self, t, e, site, pad, value):
        self.steps.add(t / 86400, self.steps.y + 1)

    def end(self):
        self.steps.add(self.horizon_d, self.steps.y)


def cumulative_launches(launches, s, who, horizon_d, start, targets, line2, bottleneck):
    ch = Chart("launches")
    data = ch.block(launches.steps.points())
    common(ch, (f"Cumulative launches ({who})", f"{line2}; bottleneck: {bottleneck}"),
           f"days since {start} 00:00 UTC (d)", "launches since the start (launches)")
    ch(f"set xrange [0:{horizon_d}]; set yrange [0:*]")
    label = f"launches ({fmt(num(s['launches']))} in {fmt(horizon_d)} d)"
    plots = [f"{data} using 1:2 with steps lw 2 lc rgb '{COLOURS[0]}' title {text(label)}"]
    t = targets.get("launches_per_year")
    if t is not None:
        plots.append(target_over_time(ch, t, horizon_d, "launches a year"))
    ch("plot " + ", ".join(plots))
    return ch


class CumulativePower:
    """GW launched (payload.deployed) and operational (payload.operational, less
    payload.failed) since the start, each thinned (Steps), to the horizon."""
    EVENTS = ("payload.deployed", "payload.operational", "payload.failed")

    def __init__(self, horizon_d):
        self.horizon_d = horizon_d
        self.launched, self.operational = Steps(0.0, 0.0), Steps(0.0, 0.0)

    def add(self, t, e, site, pad, value):
        if e == "payload.deployed":
            self.launched.add(t / 86400, self.launched.y + num(value, 0.0) / 1e9)
        elif e == "payload.operational":
            self.operational.add(t / 86400, self.operational.y + num(value, 0.0) / 1e9)
        else:
            self.operational.add(t / 86400, self.operational.y - num(value, 0.0) / 1e9)

    def end(self):
        for steps in (self.launched, self.operational):
            steps.add(self.horizon_d, steps.y)


def cumulative_gw(power, s, who, horizon_d, start, targets, line2, bottleneck):
    ch = Chart("gw")
    a, b = ch.block(power.launched.points()), ch.block(power.operational.points())
    common(ch, (f"Cumulative power launched ({who})", f"{line2}; bottleneck: {bottleneck}"),
           f"days since {start} 00:00 UTC (d)", "power since the start (GW)")
    ch(f"set xrange [0:{horizon_d}]; set yrange [0:*]")
    la = f"GW launched ({fmt(num(s['gw_launched']))} GW)"
    lb = ("GW operational, after orbit raising and failures "
          f"({fmt(num(s.get('gw_operational')))} GW)")
    plots = [f"{a} using 1:2 with steps lw 2 lc rgb '{COLOURS[0]}' title {text(la)}",
             f"{b} using 1:2 with steps lw 2 lc rgb '{COLOURS[4]}' title {text(lb)}"]
    t = targets.get("gw_per_year")
    if t is not None:
        plots.append(target_over_time(ch, t, horizon_d, "GW a year"))
    ch("plot " + ", ".join(plots))
    return ch


class LaunchesPerDay:
    """Liftoffs in each day of the horizon (a last, partial day counted with the one before)."""
    EVENTS = ("launch.lifted_off",)

    def __init__(self, horizon_d):
        self.counts = [0] * max(1, math.ceil(horizon_d))

    def add(self, t, e, site, pad, value):
        self.counts[min(len(self.counts) - 1, int(t // 86400))] += 1

    def end(self):
        pass


def launches_per_day(per_day, who, horizon_d, start, targets, bottleneck):
    ch = Chart("launches_per_day")
    counts = per_day.counts
    days = len(counts)
    data = ch.block([(i + 0.5, c) for i, c in enumerate(counts)])
    mean = sum(counts) / horizon_d
    common(ch, (f"Launches per day ({who})",
                f"mean {mean:.1f} a day, busiest day {max(counts)}; bottleneck: {bottleneck}"),
           f"days since {start} 00:00 UTC (d)", "liftoffs in the day (launches/day)")
    t = targets.get("launches_per_year")
    daily = t.daily(horizon_d) if t is not None else []
    top = max(counts + [v for _, v in daily] + [1])
    ch(f"set xrange [0:{days}]; set yrange [0:{top * 1.3:.1f}]")
    ch("set style fill solid 0.8 noborder; set boxwidth 0.9 relative")
    ch("set key top center horizontal box opaque")
    plots = [f"{data} using 1:2 with boxes lc rgb '{COLOURS[0]}' title {text('launches each day')}",
             f"{mean} with lines lw 2 lc rgb '{COLOURS[1]}' "
             f"title {text(f'mean: {mean:.1f} a day')}"]
    if t is not None and t.scalar is not None:
        v = t.scalar
        plots.append(f"{v / 365.0} with lines dt 2 lw 2 lc rgb '#333333' "
                     f"title {text(f'target: {v / 365.0:.1f} a day ({fmt(v)} a year)')}")
    elif t is not None:   # the rate in force each day, stepping on the schedule's dates
        lo, hi = min(v for _, v in daily), max(v for _, v in daily)
        plots.append(f"{ch.block(daily)} using 1:2 with steps dt 2 lw 2 lc rgb '#333333' "
                     f"title {text(f'target: {t.kind}, {lo:.1f} to {hi:.1f} a day')}")
    ch("plot " + ", ".join(plots))
    return ch


PAD_STATES = [("stacking and loading", "#4e79a7"),
              ("loaded, waiting to lift off", "#f28e2b"),
              ("refurbishment", "#bab0ac"),
              ("repair after a failure", "#e15759")]
TOWER_STATES = [("held by its pad's stack", "#a0cbe8"),
                ("held by the booster, liftoff to catch cleared", "#59a14f"),
                ("held by a ship, deorbit to catch cleared", "#b07aa1")]


def occupancy_window(args, horizon_s):
    """(t0, t1): the occupancy chart's window, from --from and --to, cut at the horizon."""
    t0 = args.from_s if args.from_s is not None else 0.0
    t1 = args.to_s if args.to_s is not None else t0 + 3 * 86400.0
    if t0 >= horizon_s:
        raise BadInput(f"--from is at or after the end of the run ({horizon_s / 86400:g} d)")
    t1 = min(t1, horizon_s)
    if t1 <= t0:
        raise BadInput("--to must be after --from")
    return t0, t1


class Occupancy:
    """Each pad's and tower's busy intervals (start, end, state), with the states of PAD_STATES
    and TOWER_STATES, and each pad's liftoffs and scrubs, from the timeline (models/README.md,
    Towers). A pad is taken at stack.started and free at pad.refurbished or pad.repaired; its
    phase changes at propellant.loaded, launch.lifted_off and pad.damaged. A tower is taken at
    stack.started, by the stack and from liftoff by its booster, or at ship.deorbited (its pad
    column names the tower), and is free at tower.cleared. What is still busy at the horizon is
    busy to the horizon.
    Kept: the intervals and marks in the window [t0, t1] (shown, marks), the interval under way
    on each pad and tower, the pads and towers ever busy (seen), and the busy time and number of
    intervals of all pads and of all towers over the whole horizon (busy_s, intervals)."""
    EVENTS = ("stack.started", "propellant.loaded", "launch.lifted_off", "launch.scrubbed",
              "pad.damaged", "pad.refurbished", "pad.repaired", "ship.deorbited", "tower.cleared")

    def __init__(self, horizon_s, t0, t1):
        self.horizon_s, self.t0, self.t1 = horizon_s, t0, t1
        self.shown = {"pad": {}, "tower": {}}   # kind -> {(site, pad): [(start, end, state)]}
        self.busy = {"pad": {}, "tower": {}}    # kind -> {(site, pad): (start, state)} under way
        self.busy_s = {"pad": 0.0, "tower": 0.0}
        self.intervals = {"pad": 0, "tower": 0}
        self.marks = {}    # (site, pad) -> [(t, 0 for a liftoff or 1 for a scrub)] in the window
        self.seen = set()  # every (site, pad) ever busy, as a pad or as a tower

    def _end(self, kind, key, t):
        if key in self.busy[kind]:
            a, state = self.busy[kind].pop(key)
            self.busy_s[kind] += t - a
            self.intervals[kind] += 1
            if t > self.t0 and a < self.t1 and t > a:
                self.shown[kind].setdefault(key, []).append((a, t, state))

    def _begin(self, kind, key, t, state):
        self._end(kind, key, t)
        self.busy[kind][key] = (t, state)
        self.seen.add(key)

    def add(self, t, e, site, pad, value):
        key = (site, pad)
        if e == "stack.started":
            self._begin("pad", key, t, 0)
            self._begin("tower", key, t, 0)
        elif e == "propellant.loaded" and key in self.busy["pad"]:
            self._begin("pad", key, t, 1)
        elif e == "launch.lifted_off":
            if self.t0 <= t <= self.t1:
                self.marks.setdefault(key, []).append((t, 0))
            if key in self.busy["pad"]:
                self._begin("pad", key, t, 2)
            if self.busy["tower"].get(key, (0, None))[1] == 0:   # still held by this stack
                self._begin("tower", key, t, 1)
        elif e == "launch.scrubbed":
            if self.t0 <= t <= self.t1:
                self.marks.setdefault(key, []).append((t, 1))
        elif e == "pad.damaged" and key in self.busy["pad"]:
            self._begin("pad", key, t, 3)
        elif e in ("pad.refurbished", "pad.repaired"):
            self._end("pad", key, t)
        elif e == "ship.deorbited" and pad:
            self._begin("tower", key, t, 2)
        elif e == "tower.cleared":
            self._end("tower", key, t)

    def end(self):
        for kind in self.busy:
            for key in list(self.busy[kind]):
                self._end(kind, key, self.horizon_s)

    def mismatch(self, sc, s):
        """None when the busy time adds up to the summary's pad and tower utilizations (to the
        timeline's rounding of times to the millisecond), else what differs."""
        n = sum(int(num(x.get("pads"), 0)) for x in sc.get("sites") or [])
        for kind in ("pad", "tower"):
            want = num(s.get(f"{kind}_utilization"))
            if want is None or n == 0:
                continue
            got = self.busy_s[kind] / (n * self.horizon_s)
            if abs(got - want) > 1e-9 + 0.001 * self.intervals[kind] / (n * self.horizon_s):
                return (f"rebuilt from timeline.csv the {kind}s are busy {100 * got:.3f} % of "
                        f"the time, but summary.csv says {100 * want:.3f} %")
        return None


def occupancy(occ, sc, s, who, start_epoch, notes):
    """Gantt of pads and towers in the window, or None (with a note) when the timeline does not
    add up to the summary's utilizations."""
    t0, t1 = occ.t0, occ.t1
    mismatch = occ.mismatch(sc, s)
    if mismatch:
        notes.append(f"skipped occupancy: {mismatch} (a timeline from an older starsim, "
                     "without pad.refurbished and tower.cleared?)")
        return None
    sites = sc.get("sites") or []
    names = [str(x.get("name")) for x in sites]
    # Rows, top to bottom: each site's pads in order, each pad followed by its tower; idle pads
    # too, and at most MAX_PADS of them.
    keys = occ.seen | {(str(x.get("name")), str(p)) for x in sites
                       for p in range(1, int(num(x.get("pads"), 0)) + 1)}
    keys = sorted(keys, key=lambda k: (names.index(k[0]) if k[0] in names else len(names), k[0],
                                       int(k[1]) if re.fullmatch("[0-9]{1,9}", k[1]) else 0))
    shown = "" if len(keys) <= MAX_PADS else f" (the first {MAX_PADS} of {len(keys)} pads)"
    rows = [(kind, k) for k in keys[:MAX_PADS] for kind in ("pad", "tower")]
    n = len(rows)
    ch = Chart("occupancy", height=max(HEIGHT, 140 + 22 * n))
    span_d = (t1 - t0) / 86400
    title = (f"Occupancy of pads and towers ({who})",
             f"from day {t0 / 86400:g} to day {t1 / 86400:g} of the run{shown}; "
             "▲ liftoff, × scrub")
    common(ch, title, "time (UTC)", "")
    ch(f"set xdata time; set timefmt {text('%s')}")
    ch(f"set format x {text(('%d %b', '%H:%M') if span_d <= 10 else '%d %b')}")
    ch("set rmargin 6")
    ch(f"set xrange [{start_epoch + t0}:{start_epoch + t1}]")
    ch(f"set yrange [{n - 0.5}:-0.5]")
    ch("set grid xtics lc rgb '#dddddd' lt 1")
    ch("set ytics (" + ", ".join(f"{text(f'{k[0]} {kind} {k[1]}', tic=True)} {i}"
                                 for i, (kind, k) in enumerate(rows)) + ") font ',9'")
    key_below(ch, 3, ticrows=2)
    ch("set style fill solid 1.0 noborder")
    plots = []
    for kind, states in (("pad", PAD_STATES), ("tower", TOWER_STATES)):
        for si, (label, colour) in enumerate(states):
            boxes = [(start_epoch + max(a, t0), start_epoch + min(b, t1), i)
                     for i, (rk, k) in enumerate(rows) if rk == kind
                     for a, b, st in occ.shown[kind].get(k, []) if st == si]
            if boxes:
                blk = ch.block(boxes)
                plots.append(f"{blk} using (($1+$2)/2):3:(($2-$1)/2):(0.38) with boxxyerror "
                             f"lc rgb '{colour}' title {text(f'{kind}: {label}')}")
    for code, symbol, label in ((0, 9, "liftoff"), (1, 2, "scrub")):
        pts = [(start_epoch + t, i) for i, (rk, k) in enumerate(rows) if rk == "pad"
               for t, c in occ.marks.get(k, []) if c == code]
        if pts:
            blk = ch.block(pts)
            plots.append(f"{blk} using 1:2 with points pt {symbol} ps 1.1 lc rgb 'black' notitle")
    if not plots:
        say_nothing_drawn(ch, plots, 'no pad or tower was busy in this window')
    ch("plot " + ", ".join(plots))
    return ch


def waits(s, who, bottleneck, line_l, line_g):
    ch = Chart("waits")
    causes = [k[len("wait_"):-len("_h")] for k in s if k.startswith("wait_") and k.endswith("_h")]
    parts = [(c, num(s.get(f"wait_{c}_h"), 0.0)) for c in causes]
    total = sum(w for _, w in parts)
    common(ch, (f"Mean wait per launch by cause: bottleneck: {bottleneck} ({who})",
                line_l, line_g),
           "", "mean wait per launch (h)")
    ch("set xrange [0:3.2]; unset xtics; set border 2")
    ch(f"set yrange [0:{max(total * 1.12, 0.1)}]")
    ch("set key at graph 0.98, graph 0.95 right top box opaque "
       f"title {text('cause (mean h a launch)')}")
    ch("set style fill solid 0.9 border rgb 'white'")
    plots, cum = [], 0.0
    for i, (c, w) in enumerate(parts):
        if w <= 0:
            continue
        blk = ch.block([(1.0, cum + w / 2, 0.45, w / 2)])
        share = 100 * w / total
        label = f"{c}: {w:.2f} h ({share:.0f} %)"
        colour = COLOURS[causes.index(c) % len(COLOURS)]
        plots.append(f"{blk} using 1:2:3:4 with boxxyerror lc rgb '{colour}' "
                     f"title {text(label)}")
        if share >= 4:
            ch(f"set label {i + 1} {text(label)} at 1.5, {cum + w / 2} left front")
        cum += w
    if not plots:
        say_nothing_drawn(ch, plots, 'no launch waited: the pads themselves were the limit')
    else:
        ch(f"set label 99 {text(f'total {total:.2f} h')} at 1.0, {total} center offset 0,0.8 "
           "front")
    zero = [c for c, w in parts if w <= 0]
    if zero:
        ch(f"set label 98 {text('no wait on: ' + ', '.join(zero))} at graph 0.98, graph 0.5 "
           "right front font ',9'")
    ch("plot " + ", ".join(plots))
    return ch


def utilization(s, who, horizon_d, bottleneck):
    ch = Chart("utilization")
    classes = [("pads", "pad"), ("towers", "tower"), ("boosters", "booster"), ("ships", "ship"),
               ("integration bays", "bay")]
    binding = {"booster": "booster", "ship": "ship", "tower": "tower"}.get(bottleneck)
    rows = []
    for i, (label, key) in enumerate(classes):
        v = num(s.get(f"{key}_utilization"))
        if v is not None:
            rows.append((i + 1, 100 * v, label, 1 if key == binding else 0))
    common(ch, (f"Utilization of each resource class ({who})",
                f"time-weighted share busy over {fmt(horizon_d)} d; bottleneck: {bottleneck}"
                + (" (its class in red)" if binding else "")),
           "resource class", "utilization (%)")
    ch("set yrange [0:110]; set xrange [0.4:5.6]; set ytics 0,20,100")
    ch("set style fill solid 0.85 noborder; set boxwidth 0.6")
    ch("unset key")
    ch("set xtics (" + ", ".join(f"{text(label, tic=True)} {x}" for x, _, label, _ in rows)
       + ")")
    blk = ch.block([(x, y, binds) for x, y, _, binds in rows])
    ch(f"plot {blk} using 1:2:($3 > 0 ? 0xe15759 : 0x4e79a7) with boxes lc rgb variable "
       f"notitle, {blk} using 1:2:(sprintf('%.0f %%', $2)) with labels offset 0,0.8 notitle")
    return ch


# ---------------------------------------------------------------- sweep, seek and plan folders

NO_TARGETS = ("no targets.csv (a folder written by an older starsim): no target line; "
              "--target METRIC=VALUE draws one")


def titled(kind, name):
    return f"{kind} {name}" if name else kind


def ranges(ch, xs, tops, target, numeric=True):
    """Explicit ranges (5 % margins, y from 0 up to the data and the target), so that the target
    line spans the whole chart."""
    lo, hi = min(xs), max(xs)
    pad = (hi - lo) * 0.05 if hi > lo else 0.5
    if numeric and lo > 0 and hi / lo >= 20:   # e.g. a payload interval from 0.5 h to 24 h
        ch(f"set logscale x; set xrange [{lo / 1.15}:{hi * 1.15}]")
        decades = range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1)
        tics = [m * 10.0 ** e for e in decades for m in (1, 2, 5)
                if lo / 1.15 <= m * 10.0 ** e <= hi * 1.15]
        ch("set xtics (" + ", ".join(f"{v:g}" for v in tics) + ")")
    elif numeric:
        ch(f"set xrange [{lo - pad}:{hi + pad}]")
        if len(set(xs)) <= 8:
            ch("set xtics (" + ", ".join(f"{x:g}" for x in sorted(set(xs))) + ")")
    top = max(tops + ([target] if target is not None else []) + [1e-9])
    ch(f"set yrange [0:{top * 1.15}]")


def target_line(t, unit):
    """The target as a horizontal dashed line."""
    return (f"{t} with lines dt 2 lw 2 lc rgb '#333333' "
            f"title {text(f'target: {fmt(t)} {unit}')}")


def target_ramp(horizon_d, t, unit):
    """A yearly target as the dashed straight line a cumulative curve should follow."""
    return (f"[0:{horizon_d}] x*{t}/365.0 with lines dt 2 lw 2 lc rgb '#333333' "
            f"title {text(f'target: {fmt(t)} {unit}')}")


def sweep_charts(d, args, notes):
    path = os.path.join(d, "summary.csv")
    rows = read_csv(path)
    need_columns(path, rows, ["point", "runs"])
    cols = list(rows[0].keys())
    varied = cols[cols.index("point") + 1:cols.index("runs")]
    for m in args.metric or []:
        if f"{m}_mean" not in cols:
            known = [c[:-5] for c in cols if c.endswith("_mean")]
            raise BadInput(f"--metric {m}: not in {path}; one of: {', '.join(known)}")
        metric_name(m, path)
    recorded, name = folder_targets(d)
    targets = dict(recorded or {}, **args.targets)
    if not varied:
        return replicated_charts(d, args, notes, path, rows, recorded, targets, name)
    metrics = args.metric or ["launches_per_year", "gw_per_year"]
    x = args.x or next((v for v in varied if len({r[v] for r in rows}) > 1), varied[0])
    if x not in varied:
        raise BadInput(f"--x {x}: not a varied path of this sweep; one of: {', '.join(varied)}")
    # Paths that move with x (zipped with it, or never varied) draw no lines of their own.
    n_x = len({r[x] for r in rows})
    partners = [v for v in varied if v != x and len({(r[x], r[v]) for r in rows}) == n_x]
    others = [v for v in varied if v != x and v not in partners]
    xlabel = f"{x} (varied path" + (f"; {', '.join(partners)} with it)" if partners else ")")
    numeric = all(num(r[x]) is not None for r in rows)
    cats = sorted({r[x] for r in rows})
    xval = (lambda r: num(r[x])) if numeric else (lambda r: cats.index(r[x]))
    groups = {}
    for r in rows:
        groups.setdefault(tuple(r[o] for o in others), []).append(r)
    if recorded is None and any(m not in targets for m in metrics):
        notes.append(NO_TARGETS)
    runs = "/".join(sorted({r["runs"] for r in rows}))
    charts = []
    for m in metrics:
        unit, k = unit_of(m)
        t = targets.get(m)
        ch = Chart(f"sweep_{m}")
        sub = f"mean of {runs} runs a point with its 95 % confidence interval"
        if t is not None:
            best = max(num(r[f"{m}_mean"], -math.inf) for r in rows)
            sub += f"; target {fmt(t)} {unit} " + ("met at some points" if best >= t
                                                   else "met at no point")
        common(ch, (f"{m} against {x} ({titled('sweep', name)})", sub), xlabel,
               f"{m} ({unit})")
        key_below(ch, math.ceil((len(groups) + (t is not None)) / 3))
        plots, tops = [], []
        for gi, g in enumerate(sorted(groups, key=lambda g: [(num(v, 0.0), v) for v in g])):
            data = sorted((xval(r), k * num(r[f"{m}_mean"]), k * num(r.get(f"{m}_ci95"), 0.0))
                          for r in groups[g] if num(r[f"{m}_mean"]) is not None)
            if not data:   # every run of these points failed
                continue
            tops += [y + e for _, y, e in data]
            label = ", ".join(f"{o} = {v}" for o, v in zip(others, g)) or f"{m} (mean, 95 % CI)"
            plots.append(f"{ch.block(data)} using 1:2:3 with yerrorlines lw 2 pt 7 "
                         f"lc rgb '{COLOURS[gi % len(COLOURS)]}' title {text(label)}")
        ranges(ch, [xval(r) for r in rows], tops, None if t is None else k * t, numeric)
        if not plots:
            say_nothing_drawn(ch, plots, 'no run of this sweep gave a value')
        if not numeric:
            ch("set xtics (" + ", ".join(f"{text(c, tic=True)} {i}" for i, c in enumerate(cats))
               + ")")
        if t is not None:
            plots.append(target_line(k * t, unit))
        ch("plot " + ", ".join(plots))
        charts.append(ch)
    sweep = {"x": x, "xval": xval, "xlabel": xlabel, "groups": groups, "others": others,
             "numeric": numeric, "cats": cats, "ranges": ranges}
    return (charts + years.sweep_first_year_charts(d, rows, metrics, sweep, titled("sweep", name),
                                                   notes)
            + years.sweep_year_charts(d, metrics, args.targets, titled("sweep", name), notes))


def replicated_charts(d, args, notes, path, rows, recorded, targets, name):
    """A sweep that varies nothing, only replicates: the spread of each metric with a target
    (or each --metric) over the runs, the bottlenecks' shares, and the charts by year."""
    if args.x:
        raise BadInput(f"--x {args.x}: this sweep varies no path (it only replicates)")
    point = replications.one_point(path, rows)
    cols = list(point)
    metrics = args.metric or list(dict.fromkeys(
        ["launches_per_year", "gw_per_year"]
        + [m for m in targets if f"{m}_mean" in cols and metric_name(m, "--target")]))
    if recorded is None and any(m not in targets for m in metrics):
        notes.append(NO_TARGETS)
    title = titled("sweep", name)
    own = {m for m in (recorded or {}) if m not in args.targets}
    return (replications.replication_charts(d, point, metrics, targets, own, title, notes)
            + years.sweep_year_charts(d, metrics, args.targets, title, notes))


def seek_charts(d, args, notes):
    apath, spath = os.path.join(d, "answer.csv"), os.path.join(d, "summary.csv")
    a = read_csv(apath)
    need_columns(apath, a, ["path", "value", "metric", "target", "reached"])
    a = a[0]
    rows = read_csv(spath)
    m, x, answer = metric_name(a["metric"], apath), a["path"], num(a["value"])
    need_columns(spath, rows, [x, f"{m}_mean"])
    unit, k = unit_of(m)
    t = args.targets.get(m, num(a["target"]))
    ch = Chart(f"seek_{m}")
    found = (f"the smallest {x} with mean {m} >= {fmt(t)} is {a['value']}"
             if a["reached"] == "true" else f"no {x} in the range reaches mean {m} >= {fmt(t)}")
    common(ch, (f"{m} at each probed {x} ({titled('seek', folder_targets(d)[1])})", found,
                "mean over the replications with its 95 % confidence interval"),
           f"{x} (probed value)", f"{m} ({unit})")
    data = sorted((num(r[x], 0.0), k * num(r[f"{m}_mean"], 0.0), k * num(r.get(f"{m}_ci95"), 0.0))
                  for r in rows)
    ranges(ch, [p[0] for p in data], [y + e for _, y, e in data], None if t is None else k * t)
    plots = [f"{ch.block(data)} using 1:2:3 with yerrorlines lw 2 pt 7 lc rgb '{COLOURS[0]}' "
             f"title {text('probes (mean, 95 % CI)')}"]
    if t is not None:
        plots.append(target_line(k * t, unit))
    hit = [p for p in data if a["reached"] == "true" and p[0] == answer]
    if hit:
        plots.append(f"{ch.block(hit)} using 1:2 with points pt 6 ps 3 lw 2 lc rgb '{COLOURS[1]}' "
                     f"title {text('answer: ' + a['value'])}")
    ch("plot " + ", ".join(plots))
    return [ch]


def plan_charts(d, args, notes):
    path = os.path.join(d, "plan.csv")
    rows = read_csv(path)
    need_columns(path, rows, ["step", "resource", "value", "bottleneck"])
    mean_col = next((c for c in rows[0] if c.endswith("_mean")), None)
    if mean_col is None:
        raise BadInput(f"{path}: no <metric>_mean column: not a file starsim wrote")
    m = metric_name(mean_col[:-5], path)
    unit, k = unit_of(m)
    recorded, name = folder_targets(d)
    t = args.targets.get(m, (recorded or {}).get(m))
    if t is None:
        notes.append(NO_TARGETS if recorded is None
                     else f"targets.csv has no target for {m}: no target line")
    last = num(rows[-1][mean_col], 0.0)
    outcome = ("" if t is None else f"; target {fmt(t)} {unit} "
               + ("MET" if last >= t else "NOT MET") + f" after {len(rows) - 1} steps")
    ch = Chart(f"plan_{m}", height=HEIGHT + 60)
    common(ch, (f"{m} after each step of the plan ({titled('plan', name)})",
                f"mean over the replications with its 95 % confidence interval{outcome}"),
           "step: the resource grown and its new value; the bottleneck after it",
           f"{m} ({unit})")
    data = [(i, k * num(r[mean_col], 0.0), k * num(r.get(f"{m}_ci95"), 0.0))
            for i, r in enumerate(rows)]
    tics = [(f"{r['step']}: " + (f"{r['resource']} = {r['value']}" if r["resource"] else "base"),
             f"bottleneck: {r['bottleneck'] or 'none'}") for r in rows]
    ranges(ch, [p[0] for p in data], [p[1] + p[2] for p in data], None if t is None else k * t,
           numeric=False)
    ch(f"set xrange [-0.5:{len(rows) - 0.5}]")
    ch("set xtics (" + ", ".join(f"{text(label, tic=True)} {i}" for i, label in enumerate(tics))
       + ")")
    ch("set xtics rotate by 25 right font ',9'; set rmargin 4")
    plots = [f"{ch.block(data)} using 1:2:3 with yerrorlines lw 2 pt 7 lc rgb '{COLOURS[0]}' "
             f"title {text('after the step (mean, 95 % CI)')}"]
    if t is not None:
        plots.append(target_line(k * t, unit))
    ch("plot " + ", ".join(plots))
    return [ch] + years.plan_year_chart(d, titled("plan", name), notes)


# ---------------------------------------------------------------- main

def detect(d):
    has = lambda f: os.path.isfile(os.path.join(d, f))  # noqa: E731
    if has("plan.csv"):
        return "plan"
    if has("answer.csv"):
        return "seek"
    if has("runs.csv") and has("summary.csv"):
        return "sweep"
    if has("summary.csv") and has("scenario.resolved.yaml"):
        return "run"
    raise BadInput(f"'{d}' is not a starsim output folder: it holds none of summary.csv with "
                   "scenario.resolved.yaml (a run), runs.csv with summary.csv (a sweep), "
                   "answer.csv (a seek) or plan.csv (a plan)")


def render(charts, out, formats, keep=None):
    """One gnuplot script for every chart, run in a private folder made in `out` (so that the
    charts are renamed into place on the same file system): the script, the data files and the
    charts there have names made here (plot.gp, d0.dat, c0.png, ...), so that no path that
    comes from outside is ever in the script. Each chart is renamed to out/NAME.EXT once all
    are drawn; the folder is removed whether gnuplot succeeds or fails, after the script and
    data files are copied into `keep` (--script) when given."""
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".plot-", dir=out)
    try:
        script, moves = [], []
        for ch in charts:
            script.append("reset session")
            for name, body in ch.blocks:
                with open(os.path.join(work, name), "w", encoding="utf-8") as f:
                    f.write(body)
            for ext, term in (("png", f"pngcairo size {WIDTH},{ch.height} noenhanced "
                                      "font 'DejaVu Sans,10' background rgb 'white'"),
                              ("svg", f"svg size {WIDTH},{ch.height} noenhanced "
                                      "font 'DejaVu Sans,10' background rgb 'white'")):
                if ext not in formats:
                    continue
                drawn = f"c{len(moves)}.{ext}"
                moves.append((os.path.join(work, drawn), os.path.join(out, f"{ch.name}.{ext}")))
                script += [f"set terminal {term}", f"set output {text(drawn)}"]
                script += ch.cmds
                script.append("unset output")
        with open(os.path.join(work, "plot.gp"), "w", encoding="utf-8") as f:
            f.write("\n".join(script) + "\n")
        if keep:
            os.makedirs(keep, exist_ok=True)
            for name in ["plot.gp"] + [n for ch in charts for n, _ in ch.blocks]:
                shutil.copyfile(os.path.join(work, name), os.path.join(keep, name))
        try:
            r = subprocess.run(["gnuplot", "plot.gp"], cwd=work, capture_output=True, text=True,
                               errors="replace")
        except FileNotFoundError:
            raise RuntimeError("gnuplot is not installed (apt-get install gnuplot-nox)")
        if r.returncode != 0 or any(not os.path.exists(t) for t, _ in moves):
            sys.stderr.write(r.stderr)
            raise RuntimeError(f"gnuplot failed (exit {r.returncode}); its messages are above")
        for drawn, final in moves:
            os.replace(drawn, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [final for _, final in moves]


def main(argv):
    p = argparse.ArgumentParser(prog="tools/plot", add_help=False,
                                usage="tools/plot DIR [options] (tools/plot --help lists them)")
    p.add_argument("dir")
    p.add_argument("--out")
    p.add_argument("--format", choices=["png", "svg", "both"], default="both")
    p.add_argument("--from", dest="from_", default=None)
    p.add_argument("--to", default=None)
    p.add_argument("--metric", action="append")
    p.add_argument("--x")
    p.add_argument("--target", action="append", default=[])
    p.add_argument("--script")
    p.add_argument("-h", "--help", action="store_true")
    if "-h" in argv or "--help" in argv:
        print(HELP, end="")
        return 0
    args = p.parse_args(argv)   # exits 2 with a message on a bad option
    try:
        d = args.dir
        if not os.path.isdir(d):
            raise BadInput(f"'{d}' is not a folder" if os.path.exists(d)
                           else f"'{d}' does not exist")
        args.from_s = parse_time(args.from_, "--from") if args.from_ is not None else None
        args.to_s = parse_time(args.to, "--to") if args.to is not None else None
        args.targets = {}
        for t in args.target:
            name, _, value = t.partition("=")
            if not name or num(value) is None:
                raise BadInput(f"--target '{t}': expected METRIC=VALUE, "
                               "e.g. launches_per_year=10000")
            args.targets[name] = float(value)
        kind = detect(d)
        if kind != "run" and (args.from_ is not None or args.to is not None):
            raise BadInput(f"--from and --to are for a run's occupancy chart; '{d}' is a {kind}")
        if kind != "sweep" and (args.metric or args.x):
            raise BadInput(f"--metric and --x are for a sweep; '{d}' is a {kind}")
        notes = []
        charts = {"run": run_charts, "sweep": sweep_charts, "seek": seek_charts,
                  "plan": plan_charts}[kind](d, args, notes)
        out = args.out or os.path.join(d, "plots")
        try:
            files = render(charts, out, ("png", "svg") if args.format == "both" else (args.format,),
                           args.script)
        except OSError as e:
            raise BadInput(f"cannot write the charts into '{out}' (or the script into "
                           f"'{args.script}'): {e.strerror}" if args.script else
                           f"cannot write the charts into '{out}': {e.strerror}")
    except BadInput as e:
        print(f"tools/plot: {e}", file=sys.stderr)
        return 2
    except RuntimeError as e:
        print(f"tools/plot: {e}", file=sys.stderr)
        return 1
    names = sorted({os.path.splitext(os.path.basename(f))[0] for f in files})
    exts = sorted({os.path.splitext(f)[1][1:] for f in files})
    print(f"{kind} {d}: {len(names)} chart{'s' if len(names) > 1 else ''} "
          f"({' and '.join(exts)}) in {out}/: {' '.join(names)}")
    for n in notes:
        print(f"  note: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
