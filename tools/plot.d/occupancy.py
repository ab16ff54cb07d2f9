"""The occupancy chart of a run: a Gantt of every pad and tower in a window of the run, rebuilt
from the timeline's events (models/README.md, Towers), drawn only when it adds up to
summary.csv's pad and tower utilizations."""
import re

from chart import HEIGHT, BadInput, Chart, common, key_below, num, say_nothing_drawn, text

MAX_PADS = 24      # rows of the occupancy chart: a pad and its tower each

PAD_STATES = [("stacking and loading", "#4e79a7"),
              ("loaded, waiting to lift off", "#f28e2b"),
              ("refurbishment", "#bab0ac"),
              ("repair after a failure", "#e15759")]
TOWER_STATES = [("held by its pad's stack", "#a0cbe8"),
                ("held by the booster, liftoff to catch cleared", "#59a14f"),
                ("held by a ship, deorbit to catch cleared", "#b07aa1")]


def occupancy_window(args, horizon_s):
    """(t0, t1): the occupancy chart's window, from --from and --to, cut at the horizon."""
    t0 = args.from_s if args.from_s is not None else 0.0
    t1 = args.to_s if args.to_s is not None else t0 + 3 * 86400.0
    if t0 >= horizon_s:
        raise BadInput(f"--from is at or after the end of the run ({horizon_s / 86400:g} d)")
    t1 = min(t1, horizon_s)
    if t1 <= t0:
        raise BadInput("--to must be after --from")
    return t0, t1


class Occupancy:
    """Each pad's and tower's busy intervals (start, end, state), with the states of PAD_STATES
    and TOWER_STATES, and each pad's liftoffs and scrubs, from the timeline (models/README.md,
    Towers). A pad is taken at stack.started and free at pad.refurbished or pad.repaired; its
    phase changes at propellant.loaded, launch.lifted_off and pad.damaged. A tower is taken at
    stack.started, by the stack and from liftoff by its booster, or at ship.deorbited (its pad
    column names the tower), and is free at tower.cleared. What is still busy at the horizon is
    busy to the horizon.
    Kept: the intervals and marks in the window [t0, t1] (shown, marks), the interval under way
    on each pad and tower, the pads and towers ever busy (seen), and the busy time and number of
    intervals of all pads and of all towers over the whole horizon (busy_s, intervals)."""
    EVENTS = ("stack.started", "propellant.loaded", "launch.lifted_off", "launch.scrubbed",
              "pad.damaged", "pad.refurbished", "pad.repaired", "ship.deorbited", "tower.cleared")

    def __init__(self, horizon_s, t0, t1):
        self.horizon_s, self.t0, self.t1 = horizon_s, t0, t1
        self.shown = {"pad": {}, "tower": {}}   # kind -> {(site, pad): [(start, end, state)]}
        self.busy = {"pad": {}, "tower": {}}    # kind -> {(site, pad): (start, state)} under way
        self.busy_s = {"pad": 0.0, "tower": 0.0}
        self.intervals = {"pad": 0, "tower": 0}
        self.marks = {}    # (site, pad) -> [(t, 0 for a liftoff or 1 for a scrub)] in the window
        self.seen = set()  # every (site, pad) ever busy, as a pad or as a tower

    def _end(self, kind, key, t):
        if key in self.busy[kind]:
            a, state = self.busy[kind].pop(key)
            self.busy_s[kind] += t - a
            self.intervals[kind] += 1
            if t > self.t0 and a < self.t1 and t > a:
                self.shown[kind].setdefault(key, []).append((a, t, state))

    def _begin(self, kind, key, t, state):
        self._end(kind, key, t)
        self.busy[kind][key] = (t, state)
        self.seen.add(key)

    def add(self, t, e, site, pad, value):
        key = (site, pad)
        if e == "stack.started":
            self._begin("pad", key, t, 0)
            self._begin("tower", key, t, 0)
        elif e == "propellant.loaded" and key in self.busy["pad"]:
            self._begin("pad", key, t, 1)
        elif e == "launch.lifted_off":
            if self.t0 <= t <= self.t1:
                self.marks.setdefault(key, []).append((t, 0))
            if key in self.busy["pad"]:
                self._begin("pad", key, t, 2)
            if self.busy["tower"].get(key, (0, None))[1] == 0:   # still held by this stack
                self._begin("tower", key, t, 1)
        elif e == "launch.scrubbed":
            if self.t0 <= t <= self.t1:
                self.marks.setdefault(key, []).append((t, 1))
        elif e == "pad.damaged" and key in self.busy["pad"]:
            self._begin("pad", key, t, 3)
        elif e in ("pad.refurbished", "pad.repaired"):
            self._end("pad", key, t)
        elif e == "ship.deorbited" and pad:
            self._begin("tower", key, t, 2)
        elif e == "tower.cleared":
            self._end("tower", key, t)

    def end(self):
        for kind in self.busy:
            for key in list(self.busy[kind]):
                self._end(kind, key, self.horizon_s)

    def mismatch(self, sc, s):
        """None when the busy time adds up to the summary's pad and tower utilizations (to the
        timeline's rounding of times to the millisecond), else what differs."""
        n = sum(int(num(x.get("pads"), 0)) for x in sc.get("sites") or [])
        for kind in ("pad", "tower"):
            want = num(s.get(f"{kind}_utilization"))
            if want is None or n == 0:
                continue
            got = self.busy_s[kind] / (n * self.horizon_s)
            if abs(got - want) > 1e-9 + 0.001 * self.intervals[kind] / (n * self.horizon_s):
                return (f"rebuilt from timeline.csv the {kind}s are busy {100 * got:.3f} % of "
                        f"the time, but summary.csv says {100 * want:.3f} %")
        return None


def occupancy(occ, sc, s, who, start_epoch, notes):
    """Gantt of pads and towers in the window, or None (with a note) when the timeline does not
    add up to the summary's utilizations."""
    t0, t1 = occ.t0, occ.t1
    mismatch = occ.mismatch(sc, s)
    if mismatch:
        notes.append(f"skipped occupancy: {mismatch} (a timeline from an older starsim, "
                     "without pad.refurbished and tower.cleared?)")
        return None
    sites = sc.get("sites") or []
    names = [str(x.get("name")) for x in sites]
    # Rows, top to bottom: each site's pads in order, each pad followed by its tower; idle pads
    # too, and at most MAX_PADS of them.
    keys = occ.seen | {(str(x.get("name")), str(p)) for x in sites
                       for p in range(1, int(num(x.get("pads"), 0)) + 1)}
    keys = sorted(keys, key=lambda k: (names.index(k[0]) if k[0] in names else len(names), k[0],
                                       int(k[1]) if re.fullmatch("[0-9]{1,9}", k[1]) else 0))
    shown = "" if len(keys) <= MAX_PADS else f" (the first {MAX_PADS} of {len(keys)} pads)"
    rows = [(kind, k) for k in keys[:MAX_PADS] for kind in ("pad", "tower")]
    n = len(rows)
    ch = Chart("occupancy", height=max(HEIGHT, 140 + 22 * n))
    span_d = (t1 - t0) / 86400
    title = (f"Occupancy of pads and towers ({who})",
             f"from day {t0 / 86400:g} to day {t1 / 86400:g} of the run{shown}; "
             "▲ liftoff, × scrub")
    common(ch, title, "time (UTC)", "")
    ch(f"set xdata time; set timefmt {text('%s')}")
    ch(f"set format x {text(('%d %b', '%H:%M') if span_d <= 10 else '%d %b')}")
    ch("set rmargin 6")
    ch(f"set xrange [{start_epoch + t0}:{start_epoch + t1}]")
    ch(f"set yrange [{n - 0.5}:-0.5]")
    ch("set grid xtics lc rgb '#dddddd' lt 1")
    ch("set ytics (" + ", ".join(f"{text(f'{k[0]} {kind} {k[1]}', tic=True)} {i}"
                                 for i, (kind, k) in enumerate(rows)) + ") font ',9'")
    key_below(ch, 3, ticrows=2)
    ch("set style fill solid 1.0 noborder")
    plots = []
    for kind, states in (("pad", PAD_STATES), ("tower", TOWER_STATES)):
        for si, (label, colour) in enumerate(states):
            boxes = [(start_epoch + max(a, t0), start_epoch + min(b, t1), i)
                     for i, (rk, k) in enumerate(rows) if rk == kind
                     for a, b, st in occ.shown[kind].get(k, []) if st == si]
            if boxes:
                blk = ch.block(boxes)
                plots.append(f"{blk} using (($1+$2)/2):3:(($2-$1)/2):(0.38) with boxxyerror "
                             f"lc rgb '{colour}' title {text(f'{kind}: {label}')}")
    for code, symbol, label in ((0, 9, "liftoff"), (1, 2, "scrub")):
        pts = [(start_epoch + t, i) for i, (rk, k) in enumerate(rows) if rk == "pad"
               for t, c in occ.marks.get(k, []) if c == code]
        if pts:
            blk = ch.block(pts)
            plots.append(f"{blk} using 1:2 with points pt {symbol} ps 1.1 lc rgb 'black' notitle")
    if not plots:
        say_nothing_drawn(ch, plots, 'no pad or tower was busy in this window')
    ch("plot " + ", ".join(plots))
    return ch
