"""Charts of a sweep that varies nothing and only replicates the base scenario (stress-10k): its
one point has no path to draw against, so what there is to see is how the runs spread.
dist_<metric>: a histogram of the runs' values from runs.csv, the target as a dashed vertical
line, the mean (summary.csv's) with its 95 % confidence interval as a band, and how many runs
met the target. bottleneck_share: how often each wait cause is a run's bottleneck."""
import math
import os

from chart import (COLOURS, BadInput, Chart, common, fmt, key_below, need_columns, num, read_csv,
                   say_nothing_drawn, text, unit_of)
from years import TARGET_MET

MEAN, BARS, TARGET_STYLE = COLOURS[1], COLOURS[0], "dt 2 lw 2 lc rgb '#333333'"
OTHER = "#bab0ac"   # a bottleneck that is no wait cause of runs.csv (none)


def replication_charts(d, summary, metrics, targets, own, title, notes):
    """summary: the sweep's one row of summary.csv; targets: {metric: target} to draw; own: the
    metrics whose target is the folder's (targets.csv), not a --target: their runs' verdict is
    starsim's own *_target_met column where runs.csv has one."""
    path = os.path.join(d, "runs.csv")
    rows = read_csv(path)
    need_columns(path, rows, ["point", "bottleneck"])
    ok = [r for r in rows if r.get("status", "ok") == "ok"]
    if len(ok) < len(rows):
        notes.append(f"{len(rows) - len(ok)} of {len(rows)} runs failed: left out of the "
                     "dist_* and bottleneck_share charts")
    charts = []
    for m in metrics:
        if m not in rows[0]:
            notes.append(f"runs.csv has no {m} column: no dist_{m} chart")
            continue
        charts.append(distribution(m, ok, summary, targets.get(m),
                                   TARGET_MET.get(m) if m in own else None, title))
    charts.append(bottleneck_share(ok, list(rows[0]), summary, title))
    return charts


def value(cell):
    """A run's value as summary.csv counts it: a number, true/false as 1/0, else None."""
    return {"true": 1.0, "false": 0.0}.get(cell, num(cell))


def nice(x):
    """The smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at least x > 0."""
    e = math.floor(math.log10(x))
    return next(m * 10.0 ** e for m in (1, 2, 2.5, 5, 10) if m * 10.0 ** e >= x * (1 - 1e-12))


def bins(values):
    """(first edge, width, counts): about 2 n^(1/3) bins (5 to 30) of a round width; for whole
    numbers a whole width with its edges at halves, so that no value sits on an edge."""
    lo, hi = min(values), max(values)
    whole = all(v == int(v) for v in values)
    want = max(5, min(30, math.ceil(2 * len(values) ** (1 / 3))))
    width = nice((hi - lo) / want if hi > lo else max(abs(lo) / 20, 1e-9))
    if whole:   # a bin holds a whole count of whole numbers: edges at halves
        width = max(1.0, float(round(width)))
    start = math.floor(lo / width) * width - (0.5 if whole else 0.0)
    n = max(1, math.floor((hi - start) / width) + 1)
    counts = [0] * n
    for v in values:
        counts[min(n - 1, max(0, math.floor((v - start) / width)))] += 1
    return start, width, counts


def distribution(m, runs, summary, t, met_col, title):
    unit, k = unit_of(m)
    values = [k * v for v in (value(r.get(m)) for r in runs) if v is not None]
    ch = Chart(f"dist_{m}")
    mean = num(summary.get(f"{m}_mean"))
    ci = num(summary.get(f"{m}_ci95"), 0.0)
    mean, ci = (None, 0.0) if mean is None else (k * mean, k * ci)
    n = len(values)
    lines = [f"{m}: how its {n} runs spread ({title}, replications only)"]
    if mean is not None:
        lines.append(f"mean {fmt(mean)} {unit}, 95 % confidence interval {fmt(mean - ci)} to "
                     f"{fmt(mean + ci)}" + (" (one run: no interval)" if n < 2 else ""))
    share = None
    if t is not None and n:
        met = sum(1 for r in runs if _met(r, m, k, t, met_col))
        share = f"target {fmt(t * k)} {unit} met by {met} of {n} runs ({100 * met / n:.0f} %)"
        lines.append(share + ("; the mean meets it" if mean is not None and mean >= k * t
                              else "; the mean misses it" if mean is not None else ""))
    common(ch, tuple(lines), f"{m} ({unit})", f"runs (of {n})")
    plots = []
    if not values:
        ch("set xrange [0:1]; set yrange [0:1]")
        say_nothing_drawn(ch, plots, "no run of this sweep gave a value")
        ch("plot " + ", ".join(plots))
        return ch
    start, width, counts = bins(values)
    top = max(counts) * 1.3 + 0.5
    xs = ([start, start + width * len(counts)] + ([k * t] if t is not None else [])
          + ([mean - ci, mean + ci] if mean is not None else []))
    pad = (max(xs) - min(xs)) * 0.05 or width
    ch(f"set xrange [{min(xs) - pad}:{max(xs) + pad}]; set yrange [0:{top}]")
    if max(counts) <= 12:
        ch("set ytics 1")
    ch("set style fill solid 0.75 border rgb 'white'")
    if mean is not None and ci > 0:   # the band behind the bars
        plots.append(f"{ch.block([(mean, top / 2, ci, top / 2)])} using 1:2:3:4 with "
                     f"boxxyerror fs transparent solid 0.2 noborder lc rgb '{MEAN}' "
                     f"title {text(f'95 % confidence interval of the mean (± {fmt(ci)})')}")
    boxes = [(start + (i + 0.5) * width, c / 2, width / 2, c / 2)
             for i, c in enumerate(counts) if c]
    plots.append(f"{ch.block(boxes)} using 1:2:3:4 with boxxyerror lc rgb '{BARS}' "
                 f"title {text(f'runs in each bin of {fmt(width)} {unit}')}")
    if mean is not None:
        plots.append(f"{ch.block([(mean, 0), (mean, top)])} using 1:2 with lines lw 2 "
                     f"lc rgb '{MEAN}' title {text(f'mean: {fmt(mean)} {unit}')}")
    if t is not None:
        plots.append(f"{ch.block([(k * t, 0), (k * t, top)])} using 1:2 with lines "
                     f"{TARGET_STYLE} title {text(f'target: {fmt(k * t)} {unit}')}")
    if share:
        ch("set style textbox opaque fillcolor rgb 'white' noborder margins 2, 2")
        ch(f"set label 1 {text(share)} at graph 0.98, graph 0.95 right front boxed font ',11'")
    key_below(ch, 2)
    ch("plot " + ", ".join(plots))
    return ch


def _met(run, m, k, t, met_col):
    """Whether a run met the target t: starsim's verdict (met_col) when the target is the
    folder's own, else its value at least the target, as starsim judges launches and GW."""
    if met_col and run.get(met_col) in ("true", "false"):
        return run[met_col] == "true"
    v = value(run.get(m))
    return v is not None and v >= t


def bottleneck_share(runs, columns, summary, title):
    """A bar for each bottleneck the runs had: the share of runs it bound, most often first, in
    the colour the waits chart gives its cause."""
    causes = [c[len("wait_"):-len("_h")] for c in columns
              if c.startswith("wait_") and c.endswith("_h")]
    counts = {}
    for r in runs:
        b = r.get("bottleneck") or "none"
        counts[b] = counts.get(b, 0) + 1
    order = sorted(counts, key=lambda b: (-counts[b], b))
    n = len(runs)
    ch = Chart("bottleneck_share")
    mode = summary.get("bottleneck_mode") or "none"
    common(ch, (f"How often each wait cause is a run's bottleneck ({title}, {n} runs)",
                "a run's bottleneck: the cause of its largest total wait (runs.csv); "
                f"the most frequent: {mode}"),
           "bottleneck", "share of the runs (%)")
    plots = []
    if not n:
        say_nothing_drawn(ch, plots, "no run of this sweep finished")
        ch("set xrange [0:1]; set yrange [0:1]")
        ch("plot " + ", ".join(plots))
        return ch
    room = max(0.0, (5 - len(order)) / 2)   # a bar is at most a fifth of the chart wide
    ch(f"set xrange [{-0.6 - room}:{len(order) - 0.4 + room}]; set yrange [0:118]; "
       "set ytics 0, 20, 100")
    ch("set xtics (" + ", ".join(f"{text(b, tic=True)} {i}" for i, b in enumerate(order)) + ")")
    ch("set style fill solid 0.9 border rgb 'white'; unset key")
    bars = []
    for i, b in enumerate(order):
        share = 100 * counts[b] / n
        colour = COLOURS[causes.index(b) % len(COLOURS)] if b in causes else OTHER
        bars.append((i, share / 2, 0.35, share / 2, int(colour[1:], 16)))
        ch(f"set label {i + 1} {text(f'{counts[b]} of {n} ({share:.0f} %)')} at {i}, {share} "
           "center offset 0,0.8 front")
    plots.append(f"{ch.block(bars)} using 1:2:3:4:5 with boxxyerror lc rgb variable notitle")
    ch("plot " + ", ".join(plots))
    return ch


def one_point(path, rows):
    """The one row of a sweep that varies nothing; BadInput for several (not starsim's)."""
    if len(rows) != 1:
        raise BadInput(f"{path}: {len(rows)} points but no varied path between 'point' and "
                       "'runs': not a file starsim wrote")
    return rows[0]
