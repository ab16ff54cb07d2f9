"""The charts of a sweep's folder (`starsim sweep`, or `starsim merge` of a sweep's shards:
summary.csv, runs.csv, targets.csv; yearly.csv over calendar years): each metric against the
varied path, or, for a sweep that only replicates, how its runs spread; and the charts by year."""
import math
import os

import replications
import years
from chart import (COLOURS, BadInput, Chart, common, fmt, key_below, metric_name, num, read_csv,
                   need_columns, say_nothing_drawn, text, unit_of)
from experiment import NO_TARGETS, folder_targets, ranges, target_line, titled

FILES = ("runs.csv", "summary.csv")


def charts(d, args, notes):
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
