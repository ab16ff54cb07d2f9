"""What every chart of tools/plot shares: reading the files starsim wrote (strictly: what is not
starsim's is BadInput), and writing gnuplot commands safely: text() for every piece of text,
Chart.block() for data, numbers only, and the common layout of a chart.
"""
import csv
import math
import re

import yaml


# A colour for each wait cause, in the order of summary.csv's wait_<cause>_h columns (starsim
# declares the causes and their order once: models/launch/wait_causes.cpp).
COLOURS = ["#4e79a7", "#e15759", "#f28e2b", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac", "#17becf"]
WIDTH, HEIGHT = 1000, 560


class BadInput(Exception):
    pass



# ---------------------------------------------------------------- reading

def read_csv(path):
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise BadInput(f"{path}: cannot be read as CSV ({e})")
    return rows


def need_columns(path, rows, columns):
    if not rows:
        raise BadInput(f"{path}: no data row: not a file starsim wrote")
    missing = [c for c in columns if c not in rows[0]]
    if missing:
        raise BadInput(f"{path}: no column '{missing[0]}': not a file starsim wrote")


def read_yaml(path):
    try:
        with open(path) as f:
            doc = yaml.safe_load(f)
    except (OSError, yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError) as e:
        # ValueError: a date YAML cannot hold (2030-13-01) is one in PyYAML
        raise BadInput(f"{path}: cannot be read as YAML ({e})")
    if not isinstance(doc, dict):
        raise BadInput(f"{path}: not a scenario starsim wrote")
    return doc


def num(s, default=None):
    try:
        v = float(s)
        return v if math.isfinite(v) else default
    except (TypeError, ValueError):
        return default


# ---------------------------------------------------------------- formatting

# Text reaches gnuplot only through text(): every title, label, key entry, tic label, format and
# file name in the script, whether it comes from starsim's files, a path, an option or this code.
# The rules it relies on, checked on gnuplot 5.4 (Debian 12's gnuplot-nox, 5.4 patchlevel 4) by
# running scripts and against its source (src/scanner.c, string_expand_macros in src/command.c):
# - A backquote inside a double-quoted string, or outside any string, runs a shell command
#   (`set output "x`cmd`"` and `set title "x`cmd`"` both do); inside a single-quoted string it
#   is a plain character. So text goes into single-quoted strings only.
# - A single-quoted string has no escape at all: backslashes are kept as they are, and '' as a
#   quote works only after another character (gnuplot's scanner looks ahead from the character
#   before it, so '''a' and 'a''''b' are syntax errors). So no ' is ever written inside one: a
#   quote is the separate double-quoted string "\047", joined with `.`, gnuplot's string
#   concatenation, which every command used here accepts where it takes a string.
# - @name is replaced by the string variable name (a macro) before a line is scanned, except
#   inside quotes, by a scan that toggles "in single quotes" at every ' and "in double quotes" at
#   every " it meets, whichever it is in: a "'" or a '"' puts it out of step with the real
#   strings, and then an @ inside a later single-quoted string is expanded (checked: 'a'."'".'@x'
#   expands @x). So no " is written inside a single-quoted string either: it is "\042". The
#   double-quoted strings written here are only these octal escapes and "\n", with no backquote.
# - A line break ends the command, and the rest of the line would run as the next one; a
#   backslash at the end of a line joins the next one to it. So control characters never reach
#   the script: a newline shows as \n, a carriage return as \r, a tab as a space, any other
#   control character as \xNN (NUL, DEL, C1) or \uNNNN (the Unicode line separators, and a
#   byte of a path that is not UTF-8). A line break that this code means is a separate line of
#   `text`, written as "\n".
# - # starts a comment and { } count as block braces only outside strings; ; ends a command
#   only outside them: inside a single-quoted string they are plain characters.
# - A tic label given in `set xtics ('label' pos)` is a printf format when it holds a %, so a
#   tic label (tic=True) has each % doubled; gnuplot then cuts such a label at 49 characters.
# - Data never goes into the script: it is written to data files, numbers only (block()), named
#   by this code; datablocks, columnheader() and xticlabels() read text as it is (no backquote,
#   no macro), but a line `EOD` in a datablock would end it, and no text column is needed.
# - Markup: every terminal is `noenhanced`, so ^ _ { } @ & are shown as they are.
_UNSAFE = re.compile(r"['\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SHOWN = {"'": '"\\047"', '"': '"\\042"', "\n": "'\\n'", "\r": "'\\r'", "\t": "' '"}


def text(lines, tic=False):
    """A gnuplot string expression showing `lines` (one string, or a list or tuple of the
    lines of a label) exactly, with control characters made visible; see the rules above."""
    parts = []
    for i, line in enumerate([lines] if isinstance(lines, str) else lines):
        line = str(line).replace("%", "%%") if tic else str(line)
        if i:
            parts.append('"\\n"')
        pos = 0
        for m in _UNSAFE.finditer(line):
            if m.start() > pos:
                parts.append("'" + line[pos:m.start()] + "'")
            c = m.group()
            parts.append(_SHOWN.get(c) or (f"'\\x{ord(c):02x}'" if ord(c) < 256
                                           else f"'\\u{ord(c):04x}'"))
            pos = m.end()
        if pos < len(line):
            parts.append("'" + line[pos:] + "'")
    return ".".join(parts) or "''"


def fmt(v, digits=None):
    """1,234 for whole numbers, 76.41 otherwise."""
    if v is None:
        return "n/a"
    if digits is None:
        digits = 0 if abs(v - round(v)) < 1e-9 else 2
    return f"{v:,.{digits}f}"


UNITS = {"launches_per_year": "launches/year", "gw_per_year": "GW/year",
         "launches": "launches in the horizon", "gw_launched": "GW", "gw_operational": "GW",
         "mass_to_orbit_t": "t", "propellant_stock_mean_t": "t", "wall_s": "s",
         "integration_queue_mean": "payloads", "events": "events",
         "max_launches_24h": "launches in 24 h"}


def unit_of(metric):
    """(label, factor): the unit shown on an axis and the factor from the CSV's value to it."""
    if metric in UNITS:
        return UNITS[metric], 1.0
    if metric.endswith("_utilization") or metric == "hourly_slots_filled":
        return "%", 100.0
    if metric.endswith("_target_met"):
        return "% of runs meeting the target", 100.0
    if metric.endswith("_h"):
        return "h", 1.0
    # Costs and the ground footprint (configs/README.md): the unit is in the name.
    for suffix, unit in (("_per_kg_usd", "$/kg"), ("_per_w_usd", "$/W"), ("_per_w_launched_usd", "$/W"),
                         ("_per_w_operational_usd", "$/W"), ("_per_launch_usd", "$/launch"),
                         ("_usd", "$"), ("_ratio", "ratio"), ("_share", "share"), ("_gwh", "GWh"),
                         ("_gw_mean", "GW"), ("_t", "t")):
        if metric.endswith(suffix):
            return unit, 1.0
    return "count", 1.0

NAME = re.compile(r"[A-Za-z0-9_.-]+")   # a metric, and so a chart's file name


def metric_name(m, where):
    """m, a metric that names a chart file, when it is a name starsim writes."""
    if not NAME.fullmatch(m):
        raise BadInput(f"{where}: metric '{m}' is not a name starsim writes "
                       "(letters, digits, _ . -)")
    return m


class Chart:
    """One chart: its data files and the gnuplot commands that draw it (no terminal, no
    output). Its name (launches, sweep_gw_per_year, ...) names its files, in Python only."""
    files = 0   # data files of every chart, named d0.dat, d1.dat, ...

    def __init__(self, name, height=HEIGHT):
        assert NAME.fullmatch(name), name
        self.name, self.height, self.blocks, self.cmds = name, height, [], []

    def block(self, rows):
        """A data file of rows (tuples of numbers), returned as the string naming it in the
        script; render() writes it beside the script."""
        name = f"d{Chart.files}.dat"
        Chart.files += 1
        self.blocks.append((name, "".join(" ".join(_cell(c) for c in r) + "\n" for r in rows)))
        return text(name)

    def __call__(self, line):
        self.cmds.append(line)


def _cell(c):
    """A number as a data file holds it; text never goes into one (it would go through text(),
    in the script)."""
    if isinstance(c, bool) or not isinstance(c, (int, float)):
        raise TypeError(f"a data cell must be a number, not {c!r}")
    return repr(float(c)) if isinstance(c, float) else str(c)


def common(ch, title, xlabel, ylabel):
    """Title (a string, or a tuple of its lines), axis labels, grid, border and key."""
    ch(f"set title {text(title)} font ',12'")
    ch(f"set xlabel {text(xlabel)}")
    ch(f"set ylabel {text(ylabel)}")
    ch("set grid ytics lc rgb '#dddddd' lt 1")
    ch("set border 3; set tics nomirror")
    ch("set key top left box opaque")


def key_below(ch, rows, ticrows=1):
    """The key in rows under the x axis label, with room kept for it."""
    ch(f"set bmargin {3 + ticrows + 1.3 * rows:.1f}")
    ch("set key default; set key at screen 0.5, screen 0.01 center bottom horizontal nobox "
       f"maxrows {rows} samplen 2")


def say_nothing_drawn(ch, plots, message, label=1):
    """A chart with nothing to draw says why in its middle (label `label`), and plots nothing."""
    ch(f"set label {label} {text(message)} at graph 0.5, graph 0.5 center")
    plots.append("NaN notitle")
