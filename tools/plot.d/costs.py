"""Charts of what a run cost and took on the ground, by calendar year, from its yearly.csv
(configs/README.md, costs and reference): costs (the parts stacked), costs_per_w ($ a W
launched and delivered in orbit against the ground's $ a W, $ a kg on the right axis) and
ground_power (the mean electric power the propellant takes, against the power launched). A run
within one calendar year gets one bar or point of each. The cost charts need a costs: section
(their columns are empty without one); ground_power is always drawn."""
import os

from chart import (COLOURS, Chart, common, fmt, key_below, need_columns, num, read_csv,
                   say_nothing_drawn, text)
from years import _year_axis as _axis
from years import _years

PARTS = ("vehicles", "refurbishment", "propellant", "launch_fixed", "pads", "droneships", "payload")
LABELS = {"launch_fixed": "launch fixed (range, operations)", "payload": "satellites (payload)"}
TARGET_STYLE = "dt 2 lw 2 lc rgb '#333333'"


def run_cost_charts(d, who, notes):
    path = os.path.join(d, "yearly.csv")
    if not os.path.exists(path):
        return []
    rows = read_csv(path)
    need_columns(path, rows, ["year"])
    if "propellant_t" not in rows[0]:
        notes.append("yearly.csv has no cost or ground columns (an older starsim): no costs, "
                     "costs_per_w or ground_power charts")
        return []
    years = _years(path, rows)
    charts = []
    if any(num(r.get("cost_usd")) is not None for r in rows):
        charts += [costs(rows, years, who), costs_per_w(rows, years, who)]
    else:
        notes.append("the scenario has no costs: section: no costs and costs_per_w charts")
    charts.append(ground_power(rows, years, who))
    return charts


def costs(rows, years, who):
    """The year's cost, its parts stacked, in billions of dollars."""
    ch = Chart("costs")
    totals = [num(r.get("cost_usd"), 0.0) / 1e9 for r in rows]
    common(ch, (f"What each calendar year cost, by part ({who})",
                f"${fmt(sum(totals))} B in all; vehicles charged by their flights and losses"),
           "calendar year (UTC)", "cost in the year ($ billion)")
    _axis(ch, years)
    ch(f"set yrange [0:{max(totals + [1e-9]) * 1.18}]")
    ch("set style fill solid 0.9 border rgb 'white'")
    plots = []
    below = [0.0] * len(rows)
    for i, part in enumerate(PARTS):
        values = [num(r.get(f"cost_{part}_usd"), 0.0) / 1e9 for r in rows]
        if not any(v > 0 for v in values):
            continue
        boxes = [(y, b + v / 2, 0.35, v / 2) for y, b, v in zip(years, below, values) if v > 0]
        below = [b + v for b, v in zip(below, values)]
        plots.append(f"{ch.block(boxes)} using 1:2:3:4 with boxxyerror "
                     f"lc rgb '{COLOURS[i % len(COLOURS)]}' title {text(LABELS.get(part, part))}")
    key_below(ch, 2)
    if not plots:
        say_nothing_drawn(ch, plots, "nothing cost anything")
    ch("plot " + ", ".join(plots))
    return ch


def costs_per_w(rows, years, who):
    """$ a W launched and a W delivered in orbit, each year, against a W on the ground; $ a kg
    to orbit on the right axis."""
    ch = Chart("costs_per_w")
    series = [("cost_per_w_launched_usd", "$ a W launched", COLOURS[0], "x1y1"),
              ("orbit_cost_per_w_usd", "$ a W of compute delivered in orbit over its life",
               COLOURS[1], "x1y1"),
              ("cost_per_kg_usd", "$ a kg to orbit, the satellites apart (right axis)",
               COLOURS[4], "x1y2")]
    ground = next((num(r.get("ground_cost_per_w_usd")) for r in rows
                   if num(r.get("ground_cost_per_w_usd")) is not None), None)
    first = next((y for y, r in zip(years, rows)
                  if num(r.get("orbit_to_ground_cost_ratio")) is not None
                  and num(r["orbit_to_ground_cost_ratio"]) < 1), None)
    sub = ("no reference: section: no ground line" if ground is None else
           f"a W on the ground: ${fmt(ground)}; orbit cheaper " +
           (f"from {first}" if first is not None else "in no year"))
    common(ch, (f"Cost of a watt, by calendar year ({who})", sub), "calendar year (UTC)",
           "$ a W")
    _axis(ch, years)
    plots, left, right = [], [], []
    for column, label, colour, axes in series:
        pts = [(y, num(r.get(column))) for y, r in zip(years, rows) if num(r.get(column)) is not None]
        if not pts:
            continue
        (right if axes == "x1y2" else left).extend(v for _, v in pts)
        plots.append(f"{ch.block(pts)} using 1:2 axes {axes} with linespoints lw 2 pt 7 "
                     f"lc rgb '{colour}' title {text(label)}")
    if ground is not None:
        left.append(ground)
        plots.append(f"{ground} axes x1y1 with lines {TARGET_STYLE} "
                     f"title {text(f'a W of compute delivered on the ground: ${fmt(ground)}')}")
    ch(f"set yrange [0:{max(left + [1e-9]) * 1.18}]")
    if right:
        ch("set y2tics nomirror; set border 11")
        ch("set y2label " + text("$ a kg to orbit"))
        ch(f"set y2range [0:{max(right) * 1.18 + 1e-9}]")
    key_below(ch, 2)
    if not plots:
        say_nothing_drawn(ch, plots, "no watt was launched")
    ch("plot " + ", ".join(plots))
    return ch


def ground_power(rows, years, who):
    """The mean electric power each year's propellant takes to make, as bars, and its share of
    the power launched that year."""
    ch = Chart("ground_power")
    power = [num(r.get("ground_power_gw_mean"), 0.0) for r in rows]
    tonnes = sum(num(r.get("propellant_t"), 0.0) for r in rows)
    common(ch, (f"Electric power on the ground to make the propellant ({who})",
                f"{fmt(tonnes / 1e6)} Mt of propellant in all; above each bar its share of the "
                "GW launched that year"),
           "calendar year (UTC)", "mean power over the year (GW)")
    _axis(ch, years)
    ch(f"set yrange [0:{max(power + [1e-9]) * 1.25}]")
    ch("set style fill solid 0.85; set boxwidth 0.7")
    pts = [(y, p) for y, p in zip(years, power)]
    label = "GW drawn on average to make the year's propellant"
    plots = [f"{ch.block(pts)} using 1:2 with boxes lc rgb '{COLOURS[3]}' title {text(label)}"]
    if len(years) <= 25:
        for i, (y, p, r) in enumerate(zip(years, power, rows)):
            share = num(r.get("ground_power_share"))
            if share is not None:
                ch(f"set label {i + 1} {text(f'{100 * share:.1f} %')} at {y}, {p} center "
                   "offset 0,0.8 front font ',8'")
    key_below(ch, 1)
    ch("plot " + ", ".join(plots))
    return ch
