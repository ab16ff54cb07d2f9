"""The chart of a seek's folder (`starsim seek`: answer.csv, summary.csv): the metric at each
probed value, the answer marked."""
import os

from chart import (COLOURS, Chart, common, fmt, metric_name, need_columns, num, read_csv, text,
                   unit_of)
from experiment import folder_targets, ranges, target_line, titled

FILES = ("answer.csv", "summary.csv")


def charts(d, args, notes):
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
