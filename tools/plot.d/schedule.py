"""A scenario's target over time, as scenario.resolved.yaml writes it: a number, a schedule (the
value steps on each date) or a ramp (linear between its dates, constant before the first and
after the last, the value of a day being the line's at its 00:00 UTC): configs/README.md, Values
that change over time. A rate a year (launches_per_year, gw_per_year) is drawn as what a run
should have done by each day (cumulative()) and as the rate in force each day (daily())."""
import math
import re
from datetime import date, datetime

from chart import BadInput

FORMS = "a number, {schedule: {DATE: value, ...}} or {ramp: {DATE: value, ...}}"


class Target:
    """The target: `scalar` for a number (drawn as today: a straight line), else `points`, the
    (day, value) of each date, day counted from the start of the run (negative before it)."""

    def __init__(self, kind, points):
        self.kind, self.points = kind, points

    @property
    def scalar(self):
        return self.points[0][1] if self.kind == "value" else None

    def value(self, day):
        """The value in force on day `day` (a whole number of days since the start)."""
        pts = self.points
        if day <= pts[0][0]:
            return pts[0][1]
        for (d0, v0), (d1, v1) in zip(pts, pts[1:]):
            if day < d1:
                return v0 if self.kind == "schedule" else v0 + (v1 - v0) * (day - d0) / (d1 - d0)
        return pts[-1][1]

    def changes(self, horizon_d):
        """The days in [0, horizon_d] where the value may change, with 0 and horizon_d: the dates
        of a schedule, every day between the first and last dates of a ramp."""
        days = {0.0, float(horizon_d)}
        if self.kind == "schedule":
            days |= {float(d) for d, _ in self.points if 0 < d < horizon_d}
        elif self.kind == "ramp":
            first, last = max(1, self.points[0][0]), min(math.ceil(horizon_d) - 1, self.points[-1][0])
            days |= {float(d) for d in range(first, last + 1)}
        return sorted(days)

    def daily(self, horizon_d, per=365.0):
        """(day, value / per) where it changes, and at the horizon: a step line of the rate a
        day in force each day."""
        days = self.changes(horizon_d)
        return [(d, self.value(math.floor(d)) / per) for d in days[:-1]] + \
               [(days[-1], self.value(math.floor(days[-2])) / per)]

    def cumulative(self, horizon_d, per=365.0):
        """(day, what the rate adds up to from the start to that day), at each change of slope:
        a piecewise straight line, exact for a schedule and for a ramp's daily steps."""
        days, total, out = self.changes(horizon_d), 0.0, [(0.0, 0.0)]
        for a, b in zip(days, days[1:]):
            total += self.value(math.floor(a)) / per * (b - a)
            out.append((b, total))
        return out

    def mean(self, horizon_d, per=365.0):
        """The target's mean over the horizon, as a rate a year (what summary.csv judges)."""
        return self.cumulative(horizon_d, per)[-1][1] * per / horizon_d if horizon_d > 0 \
            else self.value(0)

    def label(self, horizon_d, unit):
        """How a chart's key names it."""
        if self.scalar is not None:
            return f"target: {fmt_num(self.scalar)} {unit}"
        v = [fmt_num(v) for _, v in self.points]
        return (f"target: {self.kind} {v[0]} to {v[-1]} {unit} "
                f"(mean {fmt_num(self.mean(horizon_d))} over the run)")


def fmt_num(v):
    return f"{v:,.0f}" if abs(v - round(v)) < 1e-9 else f"{v:,.2f}"


def _day(d, start, where):
    if isinstance(d, datetime):
        d = d.date()
    if isinstance(d, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", d.strip()):
        try:
            d = datetime.strptime(d.strip(), "%Y-%m-%d").date()
        except ValueError:
            pass
    if not isinstance(d, date):
        raise BadInput(f"{where}: date {_show(d)} is not YYYY-MM-DD")
    return (d - start).days


def _number(v, where):
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise BadInput(f"{where}: {_show(v)} is not a number")
    try:
        x = float(v)
    except ValueError:
        raise BadInput(f"{where}: {_show(v)} is not a number")
    if not math.isfinite(x):
        raise BadInput(f"{where}: {_show(v)} is not a finite number")
    return x


def _show(v):
    s = v.isoformat() if isinstance(v, date) else repr(v)
    return s if len(s) <= 60 else s[:57] + "..."


def parse(v, start, where):
    """The Target that v (a value of scenario.resolved.yaml's targets) describes, start the
    run's start date; None for no target (null); BadInput naming `where` for anything else."""
    if v is None:
        return None
    if not isinstance(v, dict):
        if isinstance(v, (list, tuple)):
            raise BadInput(f"{where}: a list; expected {FORMS}")
        return Target("value", [(0, _number(v, where))])
    if len(v) != 1 or next(iter(v)) not in ("schedule", "ramp"):
        keys = ", ".join(str(k) for k in v) or "none"
        raise BadInput(f"{where}: keys {_show(keys)}; expected {FORMS}")
    kind, entries = next(iter(v.items()))
    where = f"{where}.{kind}"
    if isinstance(entries, dict):
        pairs = list(entries.items())
    elif isinstance(entries, (list, tuple)) and all(
            isinstance(p, (list, tuple)) and len(p) == 2 for p in entries):
        pairs = [tuple(p) for p in entries]
    else:
        raise BadInput(f"{where}: expected a map of DATE: value or a list of [DATE, value] pairs")
    if not pairs:
        raise BadInput(f"{where}: no date")
    points = [(_day(d, start, where), _number(x, f"{where} {_show(d)}")) for d, x in pairs]
    if any(b[0] <= a[0] for a, b in zip(points, points[1:])):
        raise BadInput(f"{where}: dates are not in increasing order")
    return Target(kind, points)
