"""The charts of a run's folder (`starsim run`: summary.csv, scenario.resolved.yaml and, unless
--no-timeline, timeline.csv; yearly.csv over calendar years): cumulative launches and GW against
the target, launches per day, the occupancy of pads and towers, waits by cause, utilization, and
the charts by year and of costs."""
import csv
import math
import os
from datetime import datetime, timezone

import costs
import schedule
import years
from chart import (COLOURS, BadInput, Chart, common, fmt, need_columns, num, read_csv, read_yaml,
                   say_nothing_drawn, text)
from occupancy import Occupancy, occupancy, occupancy_window

FILES = ("summary.csv", "scenario.resolved.yaml")


def charts(d, args, notes):
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


def verdict(what, achieved, target, met, unit):
    if target is None:
        return f"{what}: {fmt(achieved)} {unit} (no target set)"
    if met is None:
        met = achieved >= target
    if met:
        return f"{what}: target MET, {fmt(achieved)} {unit} against {fmt(target)}"
    return (f"{what}: target MISSED, {fmt(achieved)} {unit} against {fmt(target)} "
            f"(short by {fmt(target - achieved)})")


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


def target_ramp(horizon_d, t, unit):
    """A yearly target as the dashed straight line a cumulative curve should follow."""
    return (f"[0:{horizon_d}] x*{t}/365.0 with lines dt 2 lw 2 lc rgb '#333333' "
            f"title {text(f'target: {fmt(t)} {unit}')}")


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
