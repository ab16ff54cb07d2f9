"""The charts of a plan's folder (`starsim plan`: plan.csv, targets.csv; plan_years.csv for a
plan by year): the metric after each step, and the plan by year."""
import os

import years
from chart import (COLOURS, HEIGHT, BadInput, Chart, common, fmt, metric_name, need_columns, num,
                   read_csv, text, unit_of)
from experiment import NO_TARGETS, folder_targets, ranges, target_line, titled

FILES = ("plan.csv",)


def charts(d, args, notes):
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
