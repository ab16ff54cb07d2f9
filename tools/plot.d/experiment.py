"""What the charts of an experiment's folder (a sweep, a seek, a plan) share: the targets and
the experiment's name the folder records, and the target line and ranges of a chart of a metric
against what was varied, probed or grown."""
import math
import os

from chart import BadInput, fmt, need_columns, num, read_csv, text

NO_TARGETS = ("no targets.csv (a folder written by an older starsim): no target line; "
              "--target METRIC=VALUE draws one")


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
