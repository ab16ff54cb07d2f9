"""Charts of a starsim output folder, drawn by gnuplot. Run through tools/plot.

Reads only what starsim wrote into the folder (CSV files and the resolved YAML), writes one
gnuplot script and its data files into a private folder, runs gnuplot once there and renames
each chart into place (PNG and SVG). No text read or given reaches gnuplot as code: see text()
in chart.py.

This file reads the options and the folder's kind, and hands the folder to the module of its
kind: run_folder.py, sweep_folder.py (a sweep or a merge), seek_folder.py, plan_folder.py. Each
has FILES, the files it needs, and charts(d, args, notes), the charts to draw (render.py draws
them).
"""
import argparse
import os
import re
import sys

import plan_folder
import run_folder
import seek_folder
import sweep_folder
from chart import BadInput, num
from render import render

HELP = """\
Charts of a starsim output folder, as PNG and SVG, drawn by gnuplot.

usage: tools/plot DIR [--out DIR] [--format png|svg|both] [--from T] [--to T]
                      [--metric NAME]... [--x PATH] [--target METRIC=VALUE]...
                      [--script DIR]

DIR is what `starsim run`, `sweep`, `merge`, `seek` or `plan` wrote; its kind is the command
its manifest.txt names (a folder an older starsim wrote without one: told by its files).
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
  sweep  (runs.csv, summary.csv, manifest.txt, targets.csv), and a merge of a sweep's shards
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


# The module of each kind of folder, by the command that wrote it (manifest.txt's `command`).
FOLDERS = {"run": run_folder, "sweep": sweep_folder, "merge": sweep_folder, "seek": seek_folder,
           "plan": plan_folder}


def parse_time(s, opt):
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([hd]?)\s*", s)
    if not m:
        raise BadInput(f"{opt} '{s}': expected a number of days, or a number with h or d "
                       "(e.g. 36h, 2.5d)")
    v = float(m.group(1))
    return v * 3600 if m.group(2) == "h" else v * 86400


def folder_kind(d):
    """The kind of folder d is: the command its record names (every starsim command writes
    manifest.txt, `command run`, `sweep`, `merge`, `seek` or `plan` on its first line). A folder
    without a record, or with one that names no command, was written by an older starsim: its
    kind is then told as starsim's OutputFolder::kind() tells it, by a sweep's fingerprint in
    the record, else by its files. BadInput for a record that names a command tools/plot does not
    draw, and for a folder that holds neither a record nor the files of a kind."""
    path = os.path.join(d, "manifest.txt")
    record = {}
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    key, _, value = line.rstrip("\n").partition(" ")
                    record.setdefault(key, value.strip())
        except OSError as e:
            raise BadInput(f"{path}: cannot be read ({e.strerror})")
    if "command" in record:
        kind = record["command"]
        if kind not in FOLDERS:
            raise BadInput(f"{path}: command {kind!r} is not a kind of folder tools/plot draws "
                           f"(one of: {', '.join(FOLDERS)})")
        return kind
    if "fingerprint" in record:   # written before records named their command
        return "sweep"
    has = lambda f: os.path.isfile(os.path.join(d, f))  # noqa: E731
    if has("plan.csv"):
        return "plan"
    if has("answer.csv"):
        return "seek"
    if has("runs.csv") and has("summary.csv"):
        return "sweep"
    if has("summary.csv") and has("scenario.resolved.yaml"):
        return "run"
    raise BadInput(f"'{d}' is not a starsim output folder: it holds no manifest.txt, and none of "
                   "summary.csv with scenario.resolved.yaml (a run), runs.csv with summary.csv "
                   "(a sweep), answer.csv (a seek) or plan.csv (a plan)")


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
        kind = folder_kind(d)
        folder = FOLDERS[kind]
        missing = [f for f in folder.FILES if not os.path.isfile(os.path.join(d, f))]
        if missing:
            raise BadInput(f"'{d}' is the folder of a {kind} but holds no {missing[0]}: "
                           f"an unfinished {kind}?")
        if folder is not run_folder and (args.from_ is not None or args.to is not None):
            raise BadInput(f"--from and --to are for a run's occupancy chart; '{d}' is a {kind}")
        if folder is not sweep_folder and (args.metric or args.x):
            raise BadInput(f"--metric and --x are for a sweep; '{d}' is a {kind}")
        notes = []
        charts = folder.charts(d, args, notes)
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
