"""Charts of the path year by year, from the yearly files starsim writes (configs/README.md,
yearly.csv and plan_years.csv): a run's years_launches, years_gw and years_bottleneck, a
sweep's sweep_years_<metric> and a plan's plan_years. A year is a calendar year (UTC); a partial
first or last year is drawn scaled to a whole year, as starsim judges it against the year's
target, and is marked as such with the days it had."""
import calendar
import math
import os
import re
from datetime import date

import schedule

from chart import (COLOURS, HEIGHT, BadInput, Chart, common, fmt, key_below, need_columns, num,
                   read_csv, read_yaml, say_nothing_drawn, text, unit_of)

MET, MISSED, NO_TARGET = "#59a14f", "#f28e2b", COLOURS[0]
TARGET_STYLE = "dt 2 lw 2 lc rgb '#333333'"
MAX_LABELLED = 25   # years: above it, only partial years have a label over their bar
MAX_LINES = 22      # points of a sweep drawn by year
KEY_WIDTH = 100     # characters of a key entry, at most


def _years(path, rows, column="year"):
    """The rows' years as integers; BadInput for a cell that is no year."""
    out = []
    for r in rows:
        y = num(r.get(column))
        if y is None or y != int(y) or not 1 <= y <= 9999:
            raise BadInput(f"{path}: {column} '{r.get(column)}' is not a year")
        out.append(int(y))
    return out


def _whole(year, days):
    return days >= (366 if calendar.isleap(year) else 365)


def _year_axis(ch, years):
    """x from the first year to the last, a tic a year (or every few years)."""
    step = max(1, math.ceil(len(years) / 20))
    ch(f"set xrange [{years[0] - 0.6}:{years[-1] + 0.6}]")
    ch(f"set xtics {step} scale 0; set format x {text('%.0f')}; set mxtics 1")


def _target_steps(years, targets):
    """Rows of a step line (`with steps`) at each year's target, a flat segment a year from its
    start to its end, a blank row after each run of years that have a target."""
    rows = []
    for i, (y, t) in enumerate(zip(years, targets)):
        if t is None:
            continue
        rows.append((y - 0.5, t))
        if i + 1 == len(years) or targets[i + 1] is None:
            rows += [(y + 0.5, t), ()]
    return rows


def _short_paths(paths):
    """The varied paths less the leading parts they all share ("failures."), for key entries."""
    parts = [p.split(".") for p in paths]
    common_n = 0
    while (len(parts) > 1 and all(len(q) > common_n + 1 for q in parts)
           and len({q[common_n] for q in parts}) == 1):
        common_n += 1
    return {p: ".".join(q[common_n:]) for p, q in zip(paths, parts)}


def _year_list(ys):
    """2030, 2031-2034, 2036: runs of consecutive years joined."""
    out, ys = [], sorted(int(y) for y in ys)
    for y in ys:
        if out and out[-1][1] == y - 1:
            out[-1][1] = y
        else:
            out.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in out)


def _met(cell):
    return {"true": True, "false": False}.get(cell)


# ---------------------------------------------------------------- a run's yearly.csv

def run_year_charts(d, who, notes):
    path = os.path.join(d, "yearly.csv")
    if not os.path.exists(path):
        notes.append("no yearly.csv (a run of an older starsim): skipped years_launches, "
                     "years_gw and years_bottleneck")
        return []
    rows = read_csv(path)
    need_columns(path, rows, ["year", "days", "launches", "launches_per_year"])
    if len(rows) < 2:
        notes.append(f"the run covers one calendar year ({rows[0]['year']}): skipped "
                     "years_launches, years_gw and years_bottleneck, which compare two or more")
        return []
    years = _years(path, rows)
    days = [num(r["days"], 0.0) for r in rows]
    charts = [years_launches(rows, years, days, who)]
    if "gw_per_year" in rows[0]:
        charts.append(years_gw(rows, years, days, who))
    if any(c.startswith("wait_") and c.endswith("_h") for c in rows[0]):
        charts.append(years_bottleneck(rows, years, who))
    return charts


def _rate_bars(ch, rows, years, days, column, count_column, target_column, met_column, unit,
               count_unit):
    """Bars of a rate a year (the year's count scaled to a whole year), coloured by the year's
    verdict against its target, partial years lighter and labelled with their days; the yearly
    target as a dashed step line. Returns (plots, the tallest value, key entries)."""
    values = [num(r.get(column), 0.0) for r in rows]
    targets = [num(r.get(target_column)) for r in rows]
    verdicts = [_met(r.get(met_column)) if t is not None else None
                for r, t in zip(rows, targets)]
    plots = []
    for verdict, colour, label in ((True, MET, "the year's target met"),
                                   (False, MISSED, "the year's target missed"),
                                   (None, NO_TARGET, "no target that year")):
        for whole in (True, False):
            pts = [(y, v) for y, v, dd, m in zip(years, values, days, verdicts)
                   if m is verdict and _whole(y, dd) == whole]
            if not pts:
                continue
            if whole:
                style = f"lc rgb '{colour}' fs solid 0.85 noborder"
                title = text(label)
            else:
                style = f"lc rgb '{colour}' fs transparent solid 0.35 border lc rgb '{colour}'"
                title = text(f"{label}, partial year scaled to a whole year")
            plots.append(f"{ch.block(pts)} using 1:2 with boxes {style} title {title}")
    steps = _target_steps(years, targets)
    if steps:
        label = f"the year's target ({unit})"
        plots.append(f"{ch.block(steps)} using 1:2 with steps {TARGET_STYLE} "
                     f"title {text(label)}")
    # Over each bar: the year's own count, and for a partial year its days.
    for i, (y, r, dd, v) in enumerate(zip(years, rows, days, values)):
        whole = _whole(y, dd)
        if whole and len(years) > MAX_LABELLED:
            continue
        count = fmt(num(r.get(count_column), 0.0))
        lines = [count] if whole else [f"{count} {count_unit}", f"in {fmt(dd)} d"]
        ch(f"set label {i + 1} {text(lines)} at {y}, {v} center offset 0,{0.7 * len(lines)} "
           "front font ',8'")
    top = max(values + [t for t in targets if t is not None] + [1e-9])
    summary = [y for y, m in zip(years, verdicts) if m]
    judged = [m for m in verdicts if m is not None]
    if not judged:
        verdict_line = "no target"
    elif summary:
        verdict_line = (f"the year's target met in {len(summary)} of {len(judged)} years, "
                        f"first in {summary[0]}")
    else:
        verdict_line = f"the year's target met in none of {len(judged)} years"
    return plots, top, verdict_line


def years_launches(rows, years, days, who):
    ch = Chart("years_launches")
    ch("set style fill solid 0.85; set boxwidth 0.7")
    plots, top, line = _rate_bars(ch, rows, years, days, "launches_per_year", "launches",
                                  "launches_target", "launches_target_met", "launches/year",
                                  "launches")
    common(ch, (f"Launches per calendar year ({who})",
                f"{line}; a partial year is scaled to a whole year (× 365 / its days)"),
           "calendar year (UTC)", "launches in the year (launches/year)")
    _year_axis(ch, years)
    ch(f"set yrange [0:{top * 1.18}]")
    key_below(ch, 2)
    ch("plot " + ", ".join(plots))
    return ch


def years_gw(rows, years, days, who):
    ch = Chart("years_gw")
    ch("set style fill solid 0.85; set boxwidth 0.7")
    plots, top, line = _rate_bars(ch, rows, years, days, "gw_per_year", "gw_launched",
                                  "gw_target", "gw_target_met", "GW/year", "GW")
    common(ch, (f"Power launched per calendar year ({who})",
                f"{line}; a partial year is scaled to a whole year (× 365 / its days)"),
           "calendar year (UTC)", "GW launched in the year (GW/year)")
    _year_axis(ch, years)
    ch(f"set yrange [0:{top * 1.18}]")
    op = [(y, num(r.get("gw_operational_end"))) for y, r in zip(years, rows)]
    op = [(y, v) for y, v in op if v is not None]
    if op:
        ch("set y2tics nomirror; set border 11")
        ch("set y2label " + text("GW operational at the year's end (GW)"))
        ch(f"set y2range [0:{max(v for _, v in op) * 1.18 + 1e-9}]")
        plots.append(f"{ch.block(op)} using 1:2 axes x1y2 with linespoints lw 2 pt 7 "
                     f"lc rgb '{COLOURS[6]}' title "
                     + text("GW operational at the year's end (right axis)"))
    key_below(ch, 2)
    ch("plot " + ", ".join(plots))
    return ch


def years_bottleneck(rows, years, who):
    """Each year's wait per launch split by cause, as shares of the year's total (100 %), the
    bottleneck and the total above each bar."""
    ch = Chart("years_bottleneck")
    causes = [c[len("wait_"):-len("_h")] for c in rows[0]
              if c.startswith("wait_") and c.endswith("_h")]
    waits = [[max(0.0, num(r.get(f"wait_{c}_h"), 0.0)) for c in causes] for r in rows]
    common(ch, (f"What binds each year: the pads' wait per launch by cause ({who})",
                "each bar is the year's wait split by cause, 100 % = its total; above it "
                "the bottleneck and the total wait per launch"),
           "calendar year (UTC)", "share of the year's wait (%)")
    _year_axis(ch, years)
    ch("set yrange [0:122]; set ytics 0,20,100")
    ch("set style fill solid 0.9 border rgb 'white'")
    shown = [i for i, c in enumerate(causes) if any(w[i] > 0 for w in waits)]
    key_below(ch, max(1, math.ceil(len(shown) / 4)))
    plots = []
    for i in shown:
        boxes = []
        for y, w in zip(years, waits):
            total = sum(w)
            if total > 0 and w[i] > 0:
                below = 100 * sum(w[:i]) / total
                share = 100 * w[i] / total
                boxes.append((y, below + share / 2, 0.35, share / 2))
        plots.append(f"{ch.block(boxes)} using 1:2:3:4 with boxxyerror "
                     f"lc rgb '{COLOURS[i % len(COLOURS)]}' title {text(causes[i])}")
    rotate = len(years) > 12
    for n, (y, r, w) in enumerate(zip(years, rows, waits)):
        total = sum(w)
        if total > 0:
            lines = [r.get("bottleneck") or "none",
                     f"{total:,.0f} h" if total >= 100 else f"{total:.3g} h"]
        else:
            lines = ["no wait" if num(r.get("launches"), 0.0) > 0 else "no launch"]
        where = f"at {y}, 101 left rotate by 90" if rotate else f"at {y}, 101 center offset 0,1"
        ch(f"set label {n + 1} {text(lines if not rotate else ' '.join(lines))} {where} "
           "front font ',8'")
    if not plots:
        say_nothing_drawn(ch, plots, 'no pad waited in any year', label=len(years) + 1)
    ch("plot " + ", ".join(plots))
    return ch


# ---------------------------------------------------------------- a sweep's yearly.csv

TARGET_MET = {"launches_per_year": "launches_target_met", "gw_per_year": "gw_target_met"}
TARGET_OF = {"launches_per_year": "launches_target", "gw_per_year": "gw_target"}


def sweep_year_charts(d, metrics, targets, title, notes):
    """sweep_years_<metric>: each point's mean by year, with its 95 % confidence interval; a
    point's key says from which year every run met the year's target (when the metric has one)."""
    path = os.path.join(d, "yearly.csv")
    if not os.path.exists(path):
        notes.append("no yearly.csv (a sweep of an older starsim): no sweep_years_* charts")
        return []
    rows = read_csv(path)
    need_columns(path, rows, ["point", "year", "runs"])
    cols = list(rows[0])
    varied = cols[cols.index("point") + 1:cols.index("year")]
    years_of = dict(zip(map(id, rows), _years(path, rows)))
    years = sorted(set(years_of.values()))
    if len(years) < 2:
        notes.append(f"the sweep covers one calendar year ({years[0]}): no sweep_years_* and "
                     "sweep_first_year_* charts")
        return []
    points = {}
    for r in rows:
        points.setdefault(r["point"], []).append(r)
    order = sorted(points, key=lambda p: (num(p, math.inf), p))
    if len(order) > MAX_LINES:
        notes.append(f"sweep_years_* charts draw the first {MAX_LINES} of the sweep's "
                     f"{len(order)} points")
        order = order[:MAX_LINES]
    short = _short_paths(varied)
    charts = []
    for m in metrics:
        if f"{m}_mean" not in cols:
            notes.append(f"{m} is not a yearly metric (no {m}_mean in yearly.csv): "
                         f"no sweep_years_{m} chart")
            continue
        unit, k = unit_of(m)
        ch = Chart(f"sweep_years_{m}")
        t = targets.get(m)
        sub = ("mean of each point's runs with its 95 % confidence interval",
               f"target {fmt(t)} {unit} (given)" if t is not None else
               "the dashed steps: each year's target" if f"{TARGET_OF.get(m)}_mean" in cols else
               "no target line: this yearly.csv has no year's target (an older starsim)")
        common(ch, (f"{m} by calendar year ({title})",) + sub, "calendar year (UTC)",
               f"{m} ({unit})")
        _year_axis(ch, years)
        plots, tops, labels = [], [], []
        met_col = TARGET_MET.get(m)
        t_col = f"{TARGET_OF.get(m)}_mean"
        if t is None and t_col in cols:   # each year's own target, from the first point drawn
            first = sorted(points[order[0]], key=lambda r: years_of[id(r)])
            steps = _target_steps([years_of[id(r)] for r in first],
                                  [None if num(r.get(t_col)) is None else k * num(r[t_col])
                                   for r in first])
            if steps:
                differ = any(r.get(t_col) != f.get(t_col) for p in order for r, f in
                             zip(sorted(points[p], key=lambda r: years_of[id(r)]), first))
                label = f"the year's target ({unit})" + (f", point {order[0]}'s: the points differ"
                                                        if differ else "")
                plots.append(f"{ch.block(steps)} using 1:2 with steps {TARGET_STYLE} "
                             f"title {text(label)}")
                tops += [row[1] for row in steps if row]
        for gi, p in enumerate(order):
            prs = sorted(points[p], key=lambda r: years_of[id(r)])
            data = [(years_of[id(r)], k * num(r[f"{m}_mean"]), k * num(r.get(f"{m}_ci95"), 0.0))
                    for r in prs if num(r[f"{m}_mean"]) is not None]
            if not data:
                continue
            tops += [y + e for _, y, e in data]
            label = ", ".join(f"{short[v]} = {prs[0][v]}" for v in varied) or f"point {p}"
            if met_col and f"{met_col}_mean" in cols:
                every = [str(years_of[id(r)]) for r in prs if num(r.get(f"{met_col}_mean")) == 1]
                label += (f" (all runs on target: {_year_list(every)})" if every
                          else " (never all runs on target)")
            labels.append(label)
            # gnuplot leaves out a key wider than the chart: a longer entry is cut.
            if len(label) > KEY_WIDTH:
                label = label[:KEY_WIDTH - 1] + "…"
            plots.append(f"{ch.block(data)} using 1:2:3 with yerrorlines lw 2 pt 7 "
                         f"dt {1 + gi // len(COLOURS)} "
                         f"lc rgb '{COLOURS[gi % len(COLOURS)]}' title {text(label)}")
        if t is not None:
            plots.append(f"{k * t} with lines {TARGET_STYLE} "
                         f"title {text(f'target: {fmt(t)} {unit}')}")
            tops.append(k * t)
        if not any("yerrorlines" in p for p in plots):
            say_nothing_drawn(ch, plots, 'no run of this sweep gave a value')
        ch(f"set yrange [0:{max(tops + [1e-9]) * 1.15}]")
        # Two columns of key entries when they fit side by side, else one, in a smaller font.
        wide = max(map(len, labels), default=0) > 60
        key_below(ch, len(plots) if wide else math.ceil(len(plots) / 2))
        if wide:
            ch("set key font ',8'")
        ch("plot " + ", ".join(plots))
        charts.append(ch)
    return charts


# ---------------------------------------------------------------- a plan's plan_years.csv

YEAR_UNITS = {"launches": "launches in the year", "gw_launched": "GW in the year",
              "mass_to_orbit_t": "t in the year"}



def _added_counts(cell):
    """plan_years.csv's `added` ("sites[*].pads x2; vehicle.ship.fleet x1") as {path: steps}."""
    out = {}
    for part in (cell or "").split("; "):
        path, _, n = part.rpartition(" x")
        if path and n.isdigit():
            out[path] = int(n)
    return out

def plan_year_chart(d, title, notes):
    """plan_years: above, each year's metric after the plan (mean with its 95 % CI) against the
    year's target; below, a table of the resources the plan grew: each one's value once the
    year is planned, and how many steps grew it that year."""
    path = os.path.join(d, "plan_years.csv")
    if not os.path.exists(path):
        return []
    rows = read_csv(path)
    need_columns(path, rows, ["year", "target", "met", "steps", "bottleneck"])
    mean_col = next((c for c in rows[0] if c.endswith("_mean")), None)
    if mean_col is None:
        raise BadInput(f"{path}: no <metric>_mean column: not a file starsim wrote")
    m = mean_col[:-5]
    unit = YEAR_UNITS.get(m) or unit_of(m)[0]
    years = _years(path, rows)
    # The resources, from plan.csv: each step's year, resource and the value it set.
    ppath = os.path.join(d, "plan.csv")
    steps = read_csv(ppath) if os.path.exists(ppath) else []
    if steps and "year" in steps[0] and "resource" in steps[0] and "value" in steps[0]:
        step_years = _years(ppath, steps)
        grown = [(y, s["resource"], s["value"]) for y, s in zip(step_years, steps)
                 if s["resource"]]
    else:
        grown = []
        notes.append(f"{ppath} has no year, resource and value columns: plan_years shows no "
                     "resources")
    resources = list(dict.fromkeys(r for _, r, _ in grown))
    planned_path = os.path.join(d, "scenario.planned.yaml")
    planned = read_yaml(planned_path) if resources and os.path.exists(planned_path) else None
    table = resources + ["steps in the year", "bottleneck after"]
    ch = Chart("plan_years", height=HEIGHT + 40 + 24 * len(table))
    ch("set multiplot")
    split = (24 * len(table) + 90) / ch.height    # the table's share of the height, at the bottom
    margins = "set lmargin at screen 0.27; set rmargin at screen 0.97"

    # Above: the metric against the target, a bar a year.
    ch(f"set origin 0,{split}; set size 1,{1 - split}; {margins}")
    means = [num(r[mean_col], 0.0) for r in rows]
    cis = [num(r.get(f"{m}_ci95"), 0.0) for r in rows]
    targets = [num(r["target"]) for r in rows]
    met = [_met(r["met"]) for r in rows]
    n_met = sum(1 for x in met if x)
    common(ch, (f"{m} by year after the plan ({title})",
                f"the year's target met in {n_met} of {len(rows)} years",
                "each year's mean over the replications with its 95 % confidence interval"),
           "", f"{m} ({unit})")
    _year_axis(ch, years)
    ch("set style fill solid 0.85 noborder; set boxwidth 0.7")
    ch("set key top left box opaque")
    top = max([a + b for a, b in zip(means, cis)] + [t for t in targets if t is not None]
              + [1e-9])
    ch(f"set yrange [0:{top * 1.15}]")
    plots = []
    for verdict, colour, label in ((True, MET, "target met"), (False, MISSED, "target missed")):
        pts = [(y, v, e) for y, v, e, x in zip(years, means, cis, met) if bool(x) == verdict]
        if pts:
            blk = ch.block(pts)
            plots += [f"{blk} using 1:2 with boxes lc rgb '{colour}' title {text(label)}",
                      f"{blk} using 1:2:3 with yerrorbars ps 0 lw 1.5 lc rgb '#333333' "
                      "notitle"]
    steps_line = _target_steps(years, targets)
    if steps_line:
        plots.append(f"{ch.block(steps_line)} using 1:2 with steps {TARGET_STYLE} title "
                     + text("the year's target"))
    ch("plot " + ", ".join(plots))

    # Below: the table, a row a resource, a column a year.
    ch("reset")
    ch(f"set origin 0,0; set size 1,{split}; {margins}")
    ch(f"set title {text('resources planned: the value on 1 January of the year (+ steps that year)')}"
       " font ',10'")
    _year_axis(ch, years)
    ch(f"set xtics scale 0 format {text('')}; unset ytics; unset key; set border 0")
    ch(f"set yrange [{len(table) - 0.5}:-0.5]")
    ch("set ytics (" + ", ".join(f"{text(name, tic=True)} {i}" for i, name in enumerate(table))
       + ") scale 0 font ',9'")
    ch("set style fill solid 1.0 noborder")
    cells, n = [], 0
    for j, y in enumerate(years):
        column = []
        for i, res in enumerate(resources):
            now = _values_on(planned, res, y, planned_path) if planned else None
            if now is None:   # no scenario.planned.yaml: the value the year's last step set
                done = [v for gy, r, v in grown if r == res and gy <= y]
                now = done[-1] if done else "base"
            if "added" in rows[j]:   # plan_years.csv's count: steps a plateau undid are not in it
                added = _added_counts(rows[j]["added"]).get(res, 0)
            else:
                added = sum(1 for gy, r, _ in grown if r == res and gy == y)
            column.append((i, _compact(now) + (f" (+{added})" if added else "")))
            if added:
                cells.append((y, i, 0.48, 0.45))
        column.append((len(resources), rows[j]["steps"]))
        column.append((len(resources) + 1, rows[j]["bottleneck"] or "none"))
        for i, cell in column:
            n += 1
            size = 8 if len(cell) <= CELL_CHARS else 7
            ch(f"set label {n} {text(cell)} at {y}, {i} center front font ',{size}'")
    boxes = (f"{ch.block(cells)} using 1:2:3:4 with boxxyerror lc rgb '#fbe3c6' notitle"
             if cells else "NaN notitle")
    ch(f"plot {boxes}")
    ch("unset multiplot")
    return [ch]


CELL_CHARS = 16   # characters of a plan table's cell in its usual font
_PART = re.compile(r"([A-Za-z0-9_]+)(?:\[(\*|[0-9]+)\])?")


def _values_on(sc, path, year, where):
    """The values a resource path (`sites[*].pads`) has on 1 January of `year` in a planned
    scenario, one per element, space-separated: a number, or a schedule's value in force then.
    None when the path does not lead to them (the file is not what the plan wrote)."""
    nodes = [sc]
    for part in path.split("."):
        m = _PART.fullmatch(part)
        if not m:
            return None
        nodes = [n.get(m.group(1)) if isinstance(n, dict) else None for n in nodes]
        if m.group(2) == "*":
            nodes = [e for n in nodes if isinstance(n, list) for e in n]
        elif m.group(2) is not None:
            i = int(m.group(2))
            nodes = [n[i] if isinstance(n, list) and i < len(n) else None for n in nodes]
        if not nodes or any(n is None for n in nodes):
            return None
    try:
        values = [schedule.parse(n, date(year, 1, 1), f"{where}: {path}").value(0) for n in nodes]
    except BadInput:
        return None
    return " ".join(f"{v:g}" for v in values)


def _compact(values):
    """A plan's value of every element ("120000 120000 120000 120000"), shortened when it would
    not fit its cell: one value for all ("120k each"), and thousands as k from 10,000."""
    parts = values.split()
    nums = [num(p) for p in parts]
    if len(values) <= CELL_CHARS or not parts or any(v is None for v in nums):
        return values
    short = [f"{v / 1000:g}k" if abs(v) >= 10000 else f"{v:g}" for v in nums]
    return f"{short[0]} each" if len(set(parts)) == 1 else " ".join(short)


# ---------------------------------------------------------------- a sweep's first year on target

FIRST_YEAR = (("launches", "launches a year", "launches_per_year"), ("gw", "GW a year", "gw_per_year"))


def sweep_first_year_charts(d, rows, metrics, sweep, title, notes):
    """sweep_first_year_<launches|gw>, with launches_per_year or gw_per_year among the metrics
    drawn: against the varied path, the first calendar year a point's
    runs meet the target (summary.csv's first_year_<x>_target_met: the mean with the min-max of
    the runs), a line per value of the other varied paths. A run that never meets it within the
    horizon counts as later than any year: it is drawn on a row "not by <last year>" above the
    years, and a point with such a run reaches up to it. `sweep` holds what sweep_charts worked
    out: x, xval, xlabel, groups, others, numeric, cats and its ranges function."""
    path = os.path.join(d, "yearly.csv")
    cols = rows[0]
    wanted = [(x, unit) for x, unit, metric in FIRST_YEAR
              if metric in metrics and f"first_year_{x}_target_met_min" in cols
              and any(num(r.get(f"first_year_{x}_target_met_min")) is not None
                      or r.get(f"{x}_target_met_mean", "") != "" for r in rows)]
    if not wanted:
        return []
    if not os.path.exists(path):
        notes.append("no yearly.csv: no sweep_first_year_* charts (they need the years covered)")
        return []
    covered = set(_years(path, read_csv(path)))
    if len(covered) < 2:   # one year: met in it or not, as sweep_<metric> shows (noted below)
        return []
    last = max(covered)
    never = last + 1
    charts = []
    for x, unit in wanted:
        col = f"first_year_{x}_target_met"
        ch = Chart(f"sweep_first_year_{x}")
        common(ch, (f"First year the {unit} target is met ({title})",
                    "the mean year of the runs, bars from the earliest to the latest; "
                    f"a run that never meets it is 'not by {last}'"),
                    sweep["xlabel"], "calendar year (UTC)")
        key_below(ch, math.ceil(len(sweep["groups"]) / 3))
        plots, lows = [], []
        for gi, g in enumerate(sorted(sweep["groups"], key=lambda g: [(num(v, 0.0), v) for v in g])):
            data = []
            for r in sweep["groups"][g]:
                mean, lo, hi = (num(r.get(f"{col}_{s}")) for s in ("mean", "min", "max"))
                if lo is None and r.get(f"{x}_target_met_mean", "") == "":
                    continue   # no run of the point gave a verdict (every run failed)
                y = mean if mean is not None else never
                data.append((sweep["xval"](r), y, lo if lo is not None else never,
                             hi if hi is not None else never))
            if not data:
                continue
            data.sort()
            lows += [row[2] for row in data]
            label = ", ".join(f"{o} = {v}" for o, v in zip(sweep["others"], g)) or f"first year the {unit} target is met (mean, min-max)"
            plots.append(f"{ch.block(data)} using 1:2:3:4 with yerrorlines lw 2 pt 7 "
                         f"lc rgb '{COLOURS[gi % len(COLOURS)]}' title {text(label)}")
        if not plots:
            continue
        sweep["ranges"](ch, [sweep["xval"](r) for r in rows], [0], None, sweep["numeric"])
        low = math.floor(min(lows + [never])) - 1
        ch(f"set yrange [{low - 0.5}:{never + 0.5}]")
        tics = [f"{text(str(y), tic=True)} {y}" for y in range(low, never)]
        ch("set ytics (" + ", ".join(tics + [f"{text(f'not by {last}', tic=True)} {never}"]) + ")")
        ch(f"set arrow 1 from graph 0, first {never - 0.5} to graph 1, first {never - 0.5} nohead "
           "dt 3 lc rgb '#999999'")
        if not sweep["numeric"]:
            ch("set xtics (" + ", ".join(f"{text(c, tic=True)} {i}" for i, c in enumerate(sweep["cats"]))
               + ")")
        ch("plot " + ", ".join(plots))
        charts.append(ch)
    return charts
