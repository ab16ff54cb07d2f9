#!/usr/bin/env bash
# tools/plot on small starsim outputs: every chart it names exists, is a valid PNG and SVG, and
# is not blank; bad input is exit 2 and writes nothing; text from a path, an option or a file
# (hostile) is drawn as text, never run.
# Usage: tests/plot/plot_test.sh STARSIM CASE, CASE one of run, no-timeline, years, one-year,
# schedule, bad-target, sweep, sweep-years, replications, seek, plan, plan-years, kind, bad,
# hostile
# Exit codes: 0 passed, 1 failed, 77 skipped (gnuplot missing and not root to install it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
STARSIM="$(realpath "${1:?usage: plot_test.sh STARSIM CASE}")"
CASE="${2:?usage: plot_test.sh STARSIM CASE}"
fail() { echo "FAILED: $*" >&2; exit 1; }
[ -x "$STARSIM" ] || fail "$STARSIM is not an executable"

for p in gnuplot-nox python3-yaml; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
     && [ "$(id -u)" -ne 0 ]; then
    echo "skipped: $p is not installed and installing it needs root"
    exit 77
  fi
done

WORK="$(mktemp -d /tmp/starsim-plot-test.XXXXXX)"
trap 'rc=$?; if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi' EXIT

# check_charts DIR NAME...: DIR/NAME.png and DIR/NAME.svg are valid and not blank; nothing else
# (no temporary file) is in DIR.
check_charts() {
  /usr/bin/python3 - "$@" <<'PY'
import os, re, struct, sys, zlib
import xml.etree.ElementTree as ET

folder, names = sys.argv[1], sys.argv[2:]
def fail(msg):
    print(f"FAILED: {msg}", file=sys.stderr)
    sys.exit(1)

def png_colours(path):
    """Distinct pixel colours of an 8-bit PNG, decoded with zlib and the PNG row filters."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        fail(f"{path}: no PNG signature and IHDR chunk")
    w, h, depth, ctype = struct.unpack(">IIBB", data[16:26])
    if not (200 <= w <= 4000 and 150 <= h <= 4000) or depth != 8 or ctype not in (0, 2, 4, 6):
        fail(f"{path}: unexpected size or format {w}x{h} depth {depth} type {ctype}")
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw, stride, prev, colours = zlib.decompress(idat), w * bpp, bytearray(w * bpp), set()
    for y in range(h):
        f, row = raw[y * (stride + 1)], raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
        if f == 0:
            row = bytearray(row)
        elif f == 2:
            row = bytearray((x + u) & 255 for x, u in zip(row, prev))
        else:
            row = bytearray(row)
            for i in range(stride):
                a = row[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                if f == 1: row[i] = (row[i] + a) & 255
                elif f == 3: row[i] = (row[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(row[i:i + bpp]) for i in range(0, stride, bpp * 3))
        prev = row
    return colours

for n in names:
    png, svg = os.path.join(folder, n + ".png"), os.path.join(folder, n + ".svg")
    for p in (png, svg):
        if not os.path.isfile(p) or os.path.getsize(p) == 0:
            fail(f"{p} is missing or empty")
    colours = png_colours(png)
    if len(colours) < 4:
        fail(f"{png}: blank ({len(colours)} colours)")
    try:
        root = ET.parse(svg).getroot()
    except ET.ParseError as e:
        fail(f"{svg}: not XML ({e})")
    if root.tag != "{http://www.w3.org/2000/svg}svg":
        fail(f"{svg}: root is {root.tag}, not svg")
    # What the plot commands drew (gnuplot puts each in a <g id="gnuplot_plot_N">): line
    # vertices, boxes and point markers, beyond the frame, grid and labels.
    points = 0
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if g.get("id", "").startswith("gnuplot_plot_"):
            for e in g.iter():
                tag = e.tag.rsplit("}", 1)[-1]
                if tag in ("path", "polygon", "polyline"):
                    shape = e.get("d") or e.get("points") or ""
                    points += len(re.findall(r"[-0-9.]+ *, *[-0-9.]+", shape))
                elif tag in ("use", "rect"):
                    points += 1
    if points < 8:
        fail(f"{svg}: nothing plotted ({points} points)")
    print(f"ok {n}: png {len(colours)} colours, svg {points} points plotted")
extra = sorted(set(os.listdir(folder)) - {n + e for n in names for e in (".png", ".svg")})
if extra:
    fail(f"{folder}: unexpected files {extra}")
PY
}

# expect_bad ARGS...: tools/plot exits 2 with a message naming the problem.
expect_bad() {
  local rc=0 err
  err="$(tools/plot "$@" 2>&1 >/dev/null)" || rc=$?
  [ "$rc" -eq 2 ] || fail "tools/plot $* exited $rc, expected 2"
  [ -n "$err" ] || fail "tools/plot $* printed no message"
  echo "ok exit 2: tools/plot $* -> $err"
}

# without_targets FOLDER COPY CHART: a copy of an experiment folder as an older starsim wrote
# it, with no targets.csv, plots with a note and no target line.
without_targets() {
  cp -r "$1" "$2"
  rm -r "$2/targets.csv" "$2/plots"
  local out
  out="$(tools/plot "$2")"
  echo "$out"
  grep -q "note: no targets.csv" <<< "$out" || fail "no note on the missing targets.csv"
  if grep -q "target:" "$2/plots/$3.svg"; then
    fail "a target line without targets.csv"
  fi
}

# hostile_edit OP FILE PAYLOAD ARGS: puts PAYLOAD into a file starsim wrote, as an attacker
# could: csv-set COL... (every row's COL), csv-suffix COL (PAYLOAD before each value),
# csv-rename COL (the header), site NAME (a site's name in timeline.csv or a resolved
# scenario), manifest (the experiment line of manifest.txt).
hostile_edit() {
  /usr/bin/python3 - "$@" <<'PY'
import csv, sys, yaml
op, path, payload, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
if op == "manifest":
    lines = open(path).read().splitlines()
    lines = [f"experiment {payload}" if l.startswith("experiment ") else l for l in lines]
    open(path, "w").write("\n".join(lines) + "\n")
    sys.exit(0)
if op == "site" and path.endswith(".yaml"):
    doc = yaml.safe_load(open(path))
    for site in doc["sites"]:
        if site["name"] == args[0]:
            site["name"] = payload
    yaml.safe_dump(doc, open(path, "w"), sort_keys=False, allow_unicode=True)
    sys.exit(0)
with open(path, newline="") as f:
    rows = list(csv.reader(f))
header = rows[0]
for col in args if op != "site" else ["site"]:
    i = header.index(col)
    if op == "csv-rename":
        header[i] = payload
    for r in rows[1:]:
        if op == "csv-set":
            r[i] = payload
        elif op == "csv-suffix":
            r[i] = payload + r[i]
        elif op == "site" and r[i] == args[0]:
            r[i] = payload
with open(path, "w", newline="") as f:
    csv.writer(f).writerows(rows)
PY
}

# svg_shows SVG TEXT: some text of the chart holds TEXT as tools/plot shows it (a newline as \n,
# a carriage return as \r): drawn as it is, not run, not expanded as a macro.
svg_shows() {
  /usr/bin/python3 - "$@" <<'PY'
import sys
import xml.etree.ElementTree as ET
svg, want = sys.argv[1], sys.argv[2].replace("\n", "\\n").replace("\r", "\\r")
texts = ["".join(t.itertext())
         for t in ET.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}text")]
if not any(want in t for t in texts):
    print(f"FAILED: {svg} does not show {want!r}; its texts: {texts}", file=sys.stderr)
    sys.exit(1)
PY
}

# svg_texts SVG: every text of the chart, a line each.
svg_texts() {
  /usr/bin/python3 - "$1" <<'PY'
import sys
import xml.etree.ElementTree as ET
for t in ET.parse(sys.argv[1]).getroot().iter("{http://www.w3.org/2000/svg}text"):
    print("".join(t.itertext()))
PY
}

# plotted_data SCRIPT TITLE: the data file that the plot titled TITLE in SCRIPT (a plot.gp kept
# by --script) draws, as "x y ..." lines. A title is gnuplot strings joined by `.`: 'text' as it
# is, "\047" a quote (tools/plot's text()).
plotted_data() {
  /usr/bin/python3 - "$@" <<'PY'
import os, re, sys
script, title = sys.argv[1], sys.argv[2]
part = r"""(?:'[^']*'|"[^"]*")"""
def shown(expr):
    return "".join(p[1:-1] if p[0] == "'" else
                   re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), p[1:-1])
                   for p in re.findall(part, expr))
for line in open(script):
    for m in re.finditer(rf"'(d[0-9]+\.dat)' using [^,]*? title ({part}(?:\.{part})*)", line):
        if shown(m.group(2)) == title:
            print(open(os.path.join(os.path.dirname(script), m.group(1))).read(), end="")
            sys.exit(0)
print(f"FAILED: no plot titled {title!r} in {script}", file=sys.stderr)
sys.exit(1)
PY
}

# experiment FILE NAME BODY: an experiment file on the base scenario, BODY its lines after
# `name` and `base`.
experiment() {
  printf 'experiment:\n  name: %s\n  base: %s\n%s\n' "$2" "$ROOT/configs/scenarios/baseline.yaml" \
    "$3" >"$1"
}

# The experiments of the sweep-years, plan-years and hostile cases.
SWEEP_YEARS="  replications: 2
  set: {horizon_d: 800, start_date: 2030-07-01, 'targets.gw_per_year': {schedule: {2030-01-01: 50, 2031-01-01: 70}}}
  grid: {vehicle.booster.fleet: [10, 40]}"
PLAN_YEARS="  replications: 1
  set: {horizon_d: 730, 'sites[*].pads': 1, vehicle.booster.fleet: 5, vehicle.ship.fleet: 10, vehicle.booster.production_per_week: 0, vehicle.ship.production_per_week: 0}
  plan:
    by_year: true
    metric: launches
    target: {schedule: {2030-01-01: 500, 2031-01-01: 1500}}
    resources: {'sites[*].pads': 1, vehicle.booster.fleet: 5, vehicle.ship.fleet: 10}
    max_steps: 20"

# A sweep of the baseline that only replicates it (the replications and hostile cases).
REPLICATED="  replications: 8
  seed: 11"

# The cost and ground charts of a run of the baseline (which has costs: and reference:).
COST_CHARTS=(costs costs_per_w ground_power)

case "$CASE" in
  costs)
    # Two calendar years of the baseline: the costs chart stacks each year's parts (the year's
    # total as yearly.csv has it), costs_per_w draws the ground's watt as a line, ground_power
    # each year's mean power. Without costs:, only ground_power, and a note.
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=730 --no-timeline \
      --out "$WORK/run" --quiet
    tools/plot "$WORK/run" --script "$WORK/script"
    check_charts "$WORK/run/plots" waits utilization years_launches years_gw years_bottleneck \
      "${COST_CHARTS[@]}"
    plotted_data "$WORK/script/plot.gp" "satellites (payload)" >"$WORK/payload"
    /usr/bin/python3 - "$WORK/payload" "$WORK/run/yearly.csv" <<'PY'
import csv, sys
got = [tuple(map(float, l.split()[:4])) for l in open(sys.argv[1]) if l.strip()]
rows = list(csv.DictReader(open(sys.argv[2])))
# The payload is the last part: its box ends at the year's total.
want = [(float(r["year"]), float(r["cost_usd"]) / 1e9) for r in rows]
top = [(y, mid + half) for y, mid, _, half in got]
if len(top) != len(want) or any(abs(a[1] - b[1]) > 1e-6 * b[1] or a[0] != b[0] for a, b in zip(top, want)):
    raise SystemExit(f"FAILED: the stacks end at {top}, not at yearly.csv's cost_usd {want}")
print("ok each year's stack ends at its cost_usd")
PY
    ground="$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "ground_cost_per_w_usd") c = i }
                       NR == 2 { print $c }' "$WORK/run/yearly.csv")"
    svg_shows "$WORK/run/plots/costs_per_w.svg" "a W of compute delivered on the ground: \$$(printf '%.2f' "$ground")"
    plotted_data "$WORK/script/plot.gp" "GW drawn on average to make the year's propellant" >"$WORK/power"
    /usr/bin/python3 - "$WORK/power" "$WORK/run/yearly.csv" <<'PY'
import csv, sys
got = [tuple(map(float, l.split()[:2])) for l in open(sys.argv[1]) if l.strip()]
want = [(float(r["year"]), float(r["ground_power_gw_mean"])) for r in csv.DictReader(open(sys.argv[2]))]
if got != want:
    raise SystemExit(f"FAILED: ground power {got} is not yearly.csv's {want}")
print("ok ground_power draws yearly.csv's ground_power_gw_mean")
PY
    "$STARSIM" run configs/scenarios/caps-2025.yaml --set horizon_d=30 --no-timeline --out "$WORK/plain" --quiet
    out="$(tools/plot "$WORK/plain")"
    grep -q "note: the scenario has no costs: section" <<< "$out" || fail "no note on a run without costs"
    check_charts "$WORK/plain/plots" waits utilization ground_power
    ;;
  run)
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=5 --out "$WORK/run" --quiet
    out="$(tools/plot "$WORK/run")"
    echo "$out"
    # Five days are one calendar year: the only note says why there is no years_* chart.
    [ "$(echo "$out" | grep -c "note:")" -eq 1 ] || fail "a note on a run of this starsim"
    grep -q "note: the run covers one calendar year (2030): skipped years_launches" <<< "$out" \
      || fail "no note on the years_* charts of a one-year run"
    check_charts "$WORK/run/plots" launches gw launches_per_day occupancy waits utilization \
      "${COST_CHARTS[@]}"
    for state in "held by its pad's stack" "held by the booster, liftoff to catch cleared" \
                 "held by a ship, deorbit to catch cleared" "pad: refurbishment"; do
      grep -q "$state" "$WORK/run/plots/occupancy.svg" || fail "no '$state' in the occupancy chart"
    done
    grep -q "baseline, seed 1" "$WORK/run/plots/waits.svg" || fail "no scenario and seed in a title"
    grep -q "bottleneck" "$WORK/run/plots/waits.svg" || fail "no bottleneck in the waits title"
    # Another window, another output folder.
    tools/plot "$WORK/run" --from 36h --to 2.5d --format svg --out "$WORK/window"
    if [ ! -f "$WORK/window/occupancy.svg" ] || [ -e "$WORK/window/occupancy.png" ]; then
      fail "--format svg did not write SVG only"
    fi
    grep -q "from day 1.5 to day 2.5" "$WORK/window/occupancy.svg" || fail "window not in the title"
    # A timeline from an older starsim (no pad.refurbished, no tower.cleared) does not add up to
    # the summary's utilizations: no occupancy chart, and a note that says why.
    mkdir "$WORK/old"
    cp "$WORK/run/summary.csv" "$WORK/run/scenario.resolved.yaml" "$WORK/old/"
    grep -v -e pad.refurbished -e tower.cleared "$WORK/run/timeline.csv" >"$WORK/old/timeline.csv"
    out="$(tools/plot "$WORK/old")"
    echo "$out"
    grep -q "skipped occupancy: rebuilt from timeline.csv" <<< "$out" \
      || fail "no note on the skipped occupancy chart"
    check_charts "$WORK/old/plots" launches gw launches_per_day waits utilization
    ;;
  no-timeline)
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=2 --no-timeline \
      --out "$WORK/run" --quiet
    out="$(tools/plot "$WORK/run")"
    echo "$out"
    grep -q "no timeline.csv" <<< "$out" || fail "does not say what was skipped"
    check_charts "$WORK/run/plots" waits utilization "${COST_CHARTS[@]}"
    ;;
  years)
    # Three calendar years, the first and the last partial (184 and 251 days): a bar a year,
    # partial years labelled with their own count and days, each year's target and bottleneck.
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=800 --set start_date=2030-07-01 \
      --no-timeline --out "$WORK/run" --quiet
    tools/plot "$WORK/run" --script "$WORK/script"
    check_charts "$WORK/run/plots" waits utilization years_launches years_gw years_bottleneck \
      "${COST_CHARTS[@]}"
    /usr/bin/python3 - "$WORK/run/yearly.csv" >"$WORK/want" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["days"] for r in rows] == ["184", "365", "251"], [r["days"] for r in rows]
for r in rows:
    n = f"{int(r['launches']):,}"
    print("launches", n if r["days"] == "365" else f"{n} launches")
    if r["days"] != "365":
        print("launches", f"in {r['days']} d")
    print("bottleneck", r["bottleneck"])
PY
    svg_texts "$WORK/run/plots/years_launches.svg" >"$WORK/launches.txt"
    svg_texts "$WORK/run/plots/years_bottleneck.svg" >"$WORK/bottleneck.txt"
    while read -r chart want; do
      grep -qxF "$want" "$WORK/$chart.txt" || fail "years_$chart does not show '$want'"
      echo "ok years_$chart shows '$want'"
    done <"$WORK/want"
    grep -q "GW operational at the year's end" "$WORK/run/plots/years_gw.svg" \
      || fail "no GW operational line in years_gw"
    # The target is each year's, a flat step a year; a partial year's bar is its rate scaled to
    # a whole year (launches_per_year), drawn as a partial year.
    plotted_data "$WORK/script/plot.gp" "the year's target (launches/year)" >"$WORK/target"
    printf '2029.5 10000.0\n2030.5 10000.0\n2031.5 10000.0\n2032.5 10000.0\n\n' \
      | cmp -s - "$WORK/target" || fail "the yearly target line: $(cat "$WORK/target")"
    { plotted_data "$WORK/script/plot.gp" \
        "the year's target missed, partial year scaled to a whole year" 2>/dev/null \
      || plotted_data "$WORK/script/plot.gp" \
        "the year's target met, partial year scaled to a whole year"; } >"$WORK/bars"
    want="$(awk -F, 'NR == 2 { print "2030 " $4 }' "$WORK/run/yearly.csv")"
    grep -qx "$want" "$WORK/bars" || fail "no partial bar '$want' (launches_per_year): $(cat "$WORK/bars")"
    ;;
  one-year)
    # A run within one calendar year has no years_* chart, and the notes say so.
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=365 --no-timeline \
      --out "$WORK/run" --quiet
    [ "$(wc -l <"$WORK/run/yearly.csv")" -eq 2 ] || fail "yearly.csv of one year has not one row"
    out="$(tools/plot "$WORK/run")"
    echo "$out"
    grep -q "note: the run covers one calendar year (2030): skipped years_launches, years_gw and years_bottleneck" <<< "$out" \
      || fail "no note on the skipped years_* charts"
    check_charts "$WORK/run/plots" waits utilization "${COST_CHARTS[@]}"
    # A folder of an older starsim, without yearly.csv: the same charts, and a note.
    rm -r "$WORK/run/yearly.csv" "$WORK/run/plots"
    out="$(tools/plot "$WORK/run")"
    grep -q "note: no yearly.csv" <<< "$out" || fail "no note on a missing yearly.csv"
    check_charts "$WORK/run/plots" waits utilization
    ;;
  schedule)
    # Targets as a schedule and as a ramp (written as [DATE, value] pairs): the cumulative charts
    # draw what they add up to, launches_per_day the rate in force each day. Each calendar
    # year's share of the drawn line is the year's target starsim wrote in yearly.csv.
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=1096 --out "$WORK/run" --quiet \
      --set 'targets.launches_per_year={schedule: {2030-01-01: 2000, 2031-01-01: 6000, 2032-01-01: 9000}}' \
      --set 'targets.gw_per_year={ramp: [[2030-01-01, 10], [2032-06-01, 120]]}'
    tools/plot "$WORK/run" --script "$WORK/script"
    check_charts "$WORK/run/plots" launches gw launches_per_day occupancy waits utilization \
      years_launches years_gw years_bottleneck "${COST_CHARTS[@]}"
    L="target: schedule 2,000 to 9,000 launches a year (mean 5,669.71 over the run)"
    G="target: ramp 10 to 120 GW a year (mean 75.69 over the run)"
    D="target: schedule, 5.5 to 24.7 a day"
    svg_shows "$WORK/run/plots/launches.svg" "$L"
    svg_shows "$WORK/run/plots/gw.svg" "$G"
    svg_shows "$WORK/run/plots/launches_per_day.svg" "$D"
    plotted_data "$WORK/script/plot.gp" "$L" >"$WORK/launches.dat"
    plotted_data "$WORK/script/plot.gp" "$G" >"$WORK/gw.dat"
    plotted_data "$WORK/script/plot.gp" "$D" >"$WORK/daily.dat"
    /usr/bin/python3 - "$WORK" <<'PY'
import csv, sys
w = sys.argv[1]
def line(name):
    return [tuple(map(float, l.split())) for l in open(f"{w}/{name}") if l.strip()]
def at(pts, d):   # the drawn line's value at day d
    for (a, x), (b, y) in zip(pts, pts[1:]):
        if a <= d <= b:
            return x + (y - x) * (d - a) / (b - a) if b > a else y
    raise SystemExit(f"FAILED: day {d} is off the line")
rows = list(csv.DictReader(open(f"{w}/run/yearly.csv")))
ends = [0.0, 365.0, 730.0, 1096.0]
for name, col in (("launches.dat", "launches_target"), ("gw.dat", "gw_target")):
    pts = line(name)
    for r, a, b in zip(rows, ends, ends[1:]):
        got, want = (at(pts, b) - at(pts, a)) * 365 / (b - a), float(r[col])
        if abs(got - want) > 1e-6 * max(1.0, want):
            raise SystemExit(f"FAILED: {name}: {r['year']} adds up to {got} a year, "
                             f"yearly.csv's {col} is {want}")
        print(f"ok {name} {r['year']}: {got:.6g} a year, as yearly.csv's {col}")
daily = dict(line("daily.dat"))
for r, a in zip(rows, ends):
    got, want = daily.get(a, 0.0) * 365, float(r["launches_target"])
    if abs(got - want) > 1e-6 * want:
        raise SystemExit(f"FAILED: the daily target from day {a} is {got} a year, not {want}")
print("ok the daily target steps on each date of the schedule")
PY
    # A number keeps the straight line it always was (here --target, over the schedule).
    tools/plot "$WORK/run" --target launches_per_year=5000 --format svg --out "$WORK/plain" \
      --script "$WORK/plain-script"
    grep -qF "[0:1096.0] x*5000.0/365.0 with lines dt 2 lw 2 lc rgb '#333333' title 'target: 5,000 launches a year'" \
      "$WORK/plain-script/plot.gp" || fail "a number is not drawn as a straight target line"
    grep -qF "13.698630136986301 with lines dt 2 lw 2 lc rgb '#333333' title 'target: 13.7 a day (5,000 a year)'" \
      "$WORK/plain-script/plot.gp" || fail "a number is not drawn as a flat daily target"
    ;;
  bad-target)
    # A target in scenario.resolved.yaml that is no number, schedule or ramp is bad input.
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=400 --no-timeline \
      --out "$WORK/run" --quiet
    n=0
    while IFS= read -r target; do
      n=$((n + 1))
      d="$WORK/bad$n"
      cp -r "$WORK/run" "$d"
      /usr/bin/python3 - "$d/scenario.resolved.yaml" "$target" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
doc["targets"]["launches_per_year"] = yaml.safe_load(sys.argv[2])
yaml.safe_dump(doc, open(sys.argv[1], "w"), sort_keys=False)
PY
      rc=0
      err="$(tools/plot "$d" 2>&1 >/dev/null)" || rc=$?
      [ "$rc" -eq 2 ] || fail "target $target: exit $rc, expected 2: $err"
      grep -q "scenario.resolved.yaml: targets.launches_per_year" <<< "$err" \
        || fail "target $target: the message does not name the key: $err"
      [ ! -e "$d/plots" ] || fail "target $target: bad input wrote $d/plots"
      echo "ok exit 2: $target -> $err"
    done <<'EOF'
{schedule: {}}
{schedule: {2030-01-01: many}}
{schedule: {2031-01-01: 5, 2030-01-01: 6}}
{schedule: [[2030-01-01, 5, 6]]}
{schedule: {not-a-date: 5}}
{ramp: {2030-01-01: .nan}}
{schedule: {2030-01-01: 5}, ramp: {2030-01-01: 5}}
{steps: {2030-01-01: 5}}
[2030-01-01, 5]
lots
true
EOF
    # A date YAML cannot hold is bad input too, not a Python error.
    cp -r "$WORK/run" "$WORK/baddate"
    sed -i 's/^  launches_per_year: .*/  launches_per_year: {schedule: {2030-13-01: 5}}/' \
      "$WORK/baddate/scenario.resolved.yaml"
    grep -q "2030-13-01" "$WORK/baddate/scenario.resolved.yaml" || fail "no bad date written"
    expect_bad "$WORK/baddate"
    ;;
  sweep)
    "$STARSIM" sweep configs/experiments/tiny-sweep.yaml --jobs 2 --out "$WORK/tiny-sweep" --quiet
    tools/plot "$WORK/tiny-sweep"
    check_charts "$WORK/tiny-sweep/plots" sweep_launches_per_year sweep_gw_per_year
    # The targets come from the folder's targets.csv (the base scenario's), the name with them.
    grep -q "base scenario" "$WORK/tiny-sweep/targets.csv" || fail "no targets.csv in the sweep"
    grep -q "target: 10,000 launches/year" "$WORK/tiny-sweep/plots/sweep_launches_per_year.svg" \
      || fail "no launches target line in the sweep chart"
    grep -q "target: 100 GW/year" "$WORK/tiny-sweep/plots/sweep_gw_per_year.svg" \
      || fail "no GW target line in the sweep chart"
    grep -q "(sweep tiny-sweep)" "$WORK/tiny-sweep/plots/sweep_gw_per_year.svg" \
      || fail "no experiment name in the sweep title"
    without_targets "$WORK/tiny-sweep" "$WORK/old-sweep" sweep_launches_per_year
    grep -q "(sweep tiny-sweep)" "$WORK/old-sweep/plots/sweep_gw_per_year.svg" \
      || fail "no experiment name (from manifest.txt) in the sweep title"
    tools/plot "$WORK/tiny-sweep" --metric booster_utilization --x vehicle.booster.fleet \
      --out "$WORK/other"
    check_charts "$WORK/other" sweep_booster_utilization
    expect_bad "$WORK/tiny-sweep" --metric no_such_metric
    expect_bad "$WORK/tiny-sweep" --x no.such.path
    ;;
  replications)
    # A sweep that varies nothing and only replicates: no chart against a varied path, but the
    # spread of each metric with a target (dist_*) and the bottlenecks' shares, from runs.csv.
    # The gw target is set to the runs' median (found by a first sweep of the same seeds), so
    # that some runs meet it and some do not: the share drawn is starsim's verdict.
    experiment "$WORK/first.yaml" replicated "$REPLICATED
  set: {horizon_d: 120}"
    "$STARSIM" sweep "$WORK/first.yaml" --jobs 2 --out "$WORK/first" --quiet
    median="$(/usr/bin/python3 -c 'import csv, statistics, sys
print(statistics.median_low(float(r["gw_per_year"]) for r in csv.DictReader(open(sys.argv[1]))))' \
      "$WORK/first/runs.csv")"
    experiment "$WORK/rep.yaml" replicated "$REPLICATED
  set: {horizon_d: 120, targets.gw_per_year: $median}"
    "$STARSIM" sweep "$WORK/rep.yaml" --jobs 2 --out "$WORK/rep" --quiet
    tools/plot "$WORK/rep" --script "$WORK/script"
    check_charts "$WORK/rep/plots" dist_launches_per_year dist_gw_per_year bottleneck_share
    for m in gw_per_year launches_per_year; do
      svg_texts "$WORK/rep/plots/dist_$m.svg" >"$WORK/$m.txt"
      for what in "bars:runs in each bin of " "mean:mean: " "ci:95 % confidence interval of the mean" \
                  "target:target: "; do
        title="$(grep -m1 "^${what#*:}" "$WORK/$m.txt")" || fail "dist_$m has no '${what#*:}'"
        plotted_data "$WORK/script/plot.gp" "$title" >"$WORK/$m.${what%%:*}"
      done
    done
    svg_texts "$WORK/rep/plots/bottleneck_share.svg" >"$WORK/bottleneck.txt"
    # What each chart must show and draw, from runs.csv, summary.csv and targets.csv: the share
    # of runs on target (runs.csv's *_target_met), the target line, the mean with its CI band,
    # and a bin's bar for every run; then the bottlenecks' shares.
    /usr/bin/python3 - "$WORK" <<'PY'
import csv, sys
w = sys.argv[1]
runs = list(csv.DictReader(open(f"{w}/rep/runs.csv")))
first = list(csv.DictReader(open(f"{w}/first/runs.csv")))
s = next(csv.DictReader(open(f"{w}/rep/summary.csv")))
targets = {r["metric"]: float(r["target"]) for r in csv.DictReader(open(f"{w}/rep/targets.csv"))}
n = len(runs)
def fail(msg):
    raise SystemExit(f"FAILED: {msg}")
def drawn(m, what):
    return [tuple(map(float, l.split())) for l in open(f"{w}/{m}.{what}") if l.strip()]
if [r["gw_per_year"] for r in runs] != [r["gw_per_year"] for r in first]:
    fail("setting the target changed the runs: the median does not split them")
for m, met_col, unit in (("gw_per_year", "gw_target_met", "GW/year"),
                         ("launches_per_year", "launches_target_met", "launches/year")):
    texts = open(f"{w}/{m}.txt").read().splitlines()
    t, met = targets[m], sum(r[met_col] == "true" for r in runs)
    if m == "gw_per_year" and not 0 < met < n:
        fail(f"{met} of {n} runs meet the median: the target does not split the runs")
    t_txt = f"{t:,.0f}" if t == int(t) else f"{t:,.2f}"
    share = f"target {t_txt} {unit} met by {met} of {n} runs ({100 * met / n:.0f} %)"
    if share not in texts:
        fail(f"dist_{m} does not show '{share}': {texts}")
    if [p[0] for p in drawn(m, "target")] != [t, t]:
        fail(f"dist_{m}: the target line {drawn(m, 'target')} is not at {t}")
    mean, ci = float(s[f"{m}_mean"]), float(s[f"{m}_ci95"])
    line, band = drawn(m, "mean"), drawn(m, "ci")
    if abs(line[0][0] - mean) > 1e-9 * abs(mean) or line[0][0] != line[1][0]:
        fail(f"dist_{m}: the mean line {line} is not at summary.csv's mean {mean}")
    if abs(band[0][0] - mean) > 1e-9 * abs(mean) or abs(band[0][2] - ci) > 1e-9 * abs(ci):
        fail(f"dist_{m}: the CI band {band} is not {mean} ± {ci}")
    boxes = drawn(m, "bars")
    if sum(2 * b[1] for b in boxes) != n:
        fail(f"dist_{m}: the bars count {sum(2 * b[1] for b in boxes)} runs, not {n}")
    for x, half_count, half_width, _ in boxes:
        inside = sum(x - half_width <= float(r[m]) < x + half_width for r in runs)
        if inside != 2 * half_count:
            fail(f"dist_{m}: the bar at {x} counts {2 * half_count} runs, runs.csv has {inside}")
    print(f"ok dist_{m}: {share}, {len(boxes)} bars of runs.csv's values, mean {mean} ± {ci}")
counts = {}
for r in runs:
    counts[r["bottleneck"] or "none"] = counts.get(r["bottleneck"] or "none", 0) + 1
if len(counts) < 2:
    fail(f"one bottleneck only ({counts}): the shares are not tested")
texts = open(f"{w}/bottleneck.txt").read().splitlines()
for b, c in counts.items():
    want = f"{c} of {n} ({100 * c / n:.0f} %)"
    if b not in texts or want not in texts:
        fail(f"bottleneck_share does not show {b}: {want}; its texts: {texts}")
    print(f"ok bottleneck_share: {b} {want}")
PY
    # A failed run is left out, and said so; --metric picks the metrics; --x is bad input here.
    cp -r "$WORK/rep" "$WORK/failed"
    rm -r "$WORK/failed/plots"
    /usr/bin/python3 - "$WORK/failed/runs.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
keep = {"run", "point", "replication", "seed", "config_sha256"}
rows[1] = [v if h in keep else "" for h, v in zip(rows[0], rows[1])]
rows[1][-1] = "failed (exit 1)"
csv.writer(open(sys.argv[1], "w", newline="")).writerows(rows)
PY
    out="$(tools/plot "$WORK/failed" --metric pad_utilization)"
    echo "$out"
    grep -q "note: 1 of 8 runs failed: left out" <<< "$out" || fail "no note on the failed run"
    check_charts "$WORK/failed/plots" dist_pad_utilization bottleneck_share
    # (grep reads a file: grep -q on a pipe may end the writer early, and pipefail fails it)
    svg_texts "$WORK/failed/plots/dist_pad_utilization.svg" >"$WORK/failed.txt"
    grep -q "^pad_utilization: how its 7 runs spread" "$WORK/failed.txt" \
      || fail "the failed run was counted: $(cat "$WORK/failed.txt")"
    # A --target over the folder's: a run meets it when its value is at least the target.
    /usr/bin/python3 - "$WORK/rep/runs.csv" >"$WORK/given" <<'PY'
import csv, statistics, sys
v = [float(r["launches_per_year"]) for r in csv.DictReader(open(sys.argv[1]))]
t = statistics.median_high(v)
print(f"{t:.17g}")
met = sum(x >= t for x in v)
t_txt = f"{t:,.0f}" if t == int(t) else f"{t:,.2f}"
print(f"target {t_txt} launches/year met by {met} of {len(v)} runs ({100 * met / len(v):.0f} %)")
PY
    tools/plot "$WORK/rep" --target "launches_per_year=$(head -1 "$WORK/given")" \
      --format svg --out "$WORK/given-plots" >/dev/null
    svg_shows "$WORK/given-plots/dist_launches_per_year.svg" "$(tail -1 "$WORK/given")"
    echo "ok --target: $(tail -1 "$WORK/given")"
    expect_bad "$WORK/rep" --x vehicle.booster.fleet
    expect_bad "$WORK/rep" --metric no_such_metric
    without_targets "$WORK/rep" "$WORK/old-rep" dist_launches_per_year
    ;;
  seek)
    "$STARSIM" seek tests/data/experiments/fleet-seek.yaml --jobs 2 --out "$WORK/fleet-seek" --quiet
    tools/plot "$WORK/fleet-seek"
    check_charts "$WORK/fleet-seek/plots" seek_launches
    ;;
  plan)
    "$STARSIM" plan tests/data/experiments/fleet-plan.yaml --jobs 2 --out "$WORK/fleet-plan" --quiet
    tools/plot "$WORK/fleet-plan"
    check_charts "$WORK/fleet-plan/plots" plan_launches
    grep -q "vehicle.booster.fleet = 7" "$WORK/fleet-plan/plots/plan_launches.svg" \
      || fail "the plan chart does not name the resource grown"
    grep -q "fleet-plan,plan,launches,200,plan" "$WORK/fleet-plan/targets.csv" \
      || fail "the plan's targets.csv does not record its target"
    grep -q "target: 200" "$WORK/fleet-plan/plots/plan_launches.svg" \
      || fail "no target line in the plan chart"
    grep -q "(plan fleet-plan)" "$WORK/fleet-plan/plots/plan_launches.svg" \
      || fail "no experiment name in the plan title"
    # --target overrides targets.csv.
    tools/plot "$WORK/fleet-plan" --target launches=150 --format svg --out "$WORK/override"
    grep -q "target: 150" "$WORK/override/plan_launches.svg" || fail "--target did not override"
    without_targets "$WORK/fleet-plan" "$WORK/old-plan" plan_launches
    ;;
  sweep-years)
    # A sweep over three calendar years, with a scheduled target: a chart by year per metric,
    # a line per point, its key saying from which year all the point's runs are on target.
    experiment "$WORK/sweep.yaml" sweep-by-year "$SWEEP_YEARS"
    "$STARSIM" sweep "$WORK/sweep.yaml" --jobs 2 --out "$WORK/sweep" --quiet
    grep -qx "years 2030 2031 2032" "$WORK/sweep/manifest.txt" || fail "the sweep has not 3 years"
    tools/plot "$WORK/sweep" --script "$WORK/script"
    check_charts "$WORK/sweep/plots" sweep_launches_per_year sweep_gw_per_year \
      sweep_years_launches_per_year sweep_years_gw_per_year sweep_first_year_launches \
      sweep_first_year_gw
    svg_texts "$WORK/sweep/plots/sweep_years_gw_per_year.svg" >"$WORK/texts"
    grep -qx "gw_per_year by calendar year (sweep sweep-by-year)" "$WORK/texts" \
      || fail "no title on sweep_years_gw_per_year"
    for fleet in 10 40; do
      grep -qx "vehicle.booster.fleet = $fleet (\(all runs on target: 20[-0-9, ]*\|never all runs on target\))" \
        "$WORK/texts" || fail "no line of the point with fleet $fleet"
    done
    # Each point's line is its mean by year, from the sweep's yearly.csv.
    title="$(svg_texts "$WORK/sweep/plots/sweep_years_launches_per_year.svg" \
             | grep "^vehicle.booster.fleet = 40 (")"
    plotted_data "$WORK/script/plot.gp" "$title" >"$WORK/line"
    /usr/bin/python3 - "$WORK/line" "$WORK/sweep/yearly.csv" <<'PY'
import csv, sys
got = [tuple(map(float, l.split()[:2])) for l in open(sys.argv[1]) if l.strip()]
want = [(float(r["year"]), float(r["launches_per_year_mean"]))
        for r in csv.DictReader(open(sys.argv[2])) if r["vehicle.booster.fleet"] == "40"]
if len(got) != 3 or got != want:
    raise SystemExit(f"FAILED: the line {got} is not yearly.csv's {want}")
print("ok the line of fleet 40 is its mean by year")
PY
    # The scheduled target by year, as the sweep's yearly.csv has it: a flat step a year.
    plotted_data "$WORK/script/plot.gp" "the year's target (GW/year)" >"$WORK/steps"
    /usr/bin/python3 - "$WORK/steps" "$WORK/sweep/yearly.csv" <<'PY'
import csv, sys
got = [tuple(map(float, l.split()[:2])) for l in open(sys.argv[1]) if l.strip()]
want = []
for r in csv.DictReader(open(sys.argv[2])):
    if r["point"] == "0":
        y, t = float(r["year"]), float(r["gw_target_mean"])
        want += [(y - 0.5, t), (y + 0.5, t)] if r["year"] == "2032" else [(y - 0.5, t)]
if got != want:
    raise SystemExit(f"FAILED: the target steps {got} are not yearly.csv's {want}")
print("ok the year's target is drawn as yearly.csv has it")
PY
    # The first year on target against the varied path: the mean of the runs with their
    # min-max, a point with a run that never meets it on the row above the last year.
    svg_texts "$WORK/sweep/plots/sweep_first_year_gw.svg" >"$WORK/first.txt"
    grep -qx "not by 2032" "$WORK/first.txt" || fail "sweep_first_year_gw has no 'not by 2032' row"
    # (launches: 10,000 a year, never met: every point on that row.)
    for what in "gw:GW a year" "launches:launches a year"; do
      plotted_data "$WORK/script/plot.gp" "first year the ${what#*:} target is met (mean, min-max)" \
        >"$WORK/first"
      /usr/bin/python3 - "$WORK/first" "$WORK/sweep/summary.csv" "${what%%:*}" <<'PY'
import csv, sys
got = [tuple(map(float, l.split()[:4])) for l in open(sys.argv[1]) if l.strip()]
want = []
for r in csv.DictReader(open(sys.argv[2])):
    cell = lambda s: float(r[f"first_year_{sys.argv[3]}_target_met_{s}"] or 2033)
    want.append((float(r["vehicle.booster.fleet"]), cell("mean"), cell("min"), cell("max")))
if sorted(got) != sorted(want):
    raise SystemExit(f"FAILED: first years {got} are not summary.csv's {want}")
print(f"ok the first years of {sys.argv[3]} drawn are summary.csv's: {want}")
PY
    done
    # A metric that is not yearly gets its sweep chart and a note, no chart by year.
    out="$(tools/plot "$WORK/sweep" --metric booster_utilization --out "$WORK/other")"
    grep -q "note: booster_utilization is not a yearly metric" <<< "$out" \
      || fail "no note on a metric that is not yearly"
    check_charts "$WORK/other" sweep_booster_utilization
    ;;
  plan-years)
    # A plan by year: each year's metric against its target, and the resources planned.
    experiment "$WORK/plan.yaml" plan-by-year "$PLAN_YEARS"
    "$STARSIM" plan "$WORK/plan.yaml" --jobs 2 --out "$WORK/plan" --quiet
    tools/plot "$WORK/plan" --script "$WORK/script"
    check_charts "$WORK/plan/plots" plan_launches plan_years
    svg_texts "$WORK/plan/plots/plan_years.svg" >"$WORK/texts"
    met="$(awk -F, 'NR > 1 && $5 == "true"' "$WORK/plan/plan_years.csv" | wc -l)"
    grep -qx "the year's target met in $met of 2 years" "$WORK/texts" \
      || fail "plan_years does not say the target was met in $met of 2 years"
    # The table: a row a resource grown, its value once each year is planned, from plan.csv.
    /usr/bin/python3 - "$WORK/plan/plan.csv" >"$WORK/want" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["resource"]]
assert rows, "the plan grew nothing"
for res in dict.fromkeys(r["resource"] for r in rows):
    print(res)
    for year in ("2030", "2031"):
        done = [r for r in rows if r["resource"] == res and r["year"] <= year]
        n = sum(1 for r in done if r["year"] == year)
        print(done[-1]["value"] + (f" (+{n})" if n else "") if done else "base")
PY
    while IFS= read -r want; do
      grep -qxF "$want" "$WORK/texts" || fail "plan_years does not show '$want'"
      echo "ok plan_years shows '$want'"
    done <"$WORK/want"
    plotted_data "$WORK/script/plot.gp" "the year's target" >"$WORK/target"
    printf '2029.5 500.0\n2030.5 1500.0\n2031.5 1500.0\n\n' | cmp -s - "$WORK/target" \
      || fail "the target line is not the plan's schedule: $(cat "$WORK/target")"
    # A resource that is a schedule in scenario.planned.yaml shows the value in force on
    # 1 January of each year: here the booster fleet, rewritten as 11 then 33 from 2031.
    cp -r "$WORK/plan" "$WORK/plan2"
    /usr/bin/python3 - "$WORK/plan2" <<'PY'
import csv, os, sys, yaml
d = sys.argv[1]
sc = yaml.safe_load(open(os.path.join(d, "scenario.planned.yaml")))
sc["vehicle"]["booster"]["fleet"] = {"schedule": {"2030-01-01": 11, "2031-01-01": 33}}
yaml.safe_dump(sc, open(os.path.join(d, "scenario.planned.yaml"), "w"))
rows = [r for r in csv.DictReader(open(os.path.join(d, "plan.csv")))
        if r["resource"] == "vehicle.booster.fleet"]
assert rows, "the plan grew no boosters"
with open(os.path.join(d, "want"), "w") as f:
    for year, v in (("2030", 11), ("2031", 33)):
        n = sum(1 for r in rows if r["year"] == year)
        f.write(str(v) + (f" (+{n})" if n else "") + "\n")
PY
    tools/plot "$WORK/plan2" --out "$WORK/plan2/plots" --format svg >/dev/null
    svg_texts "$WORK/plan2/plots/plan_years.svg" >"$WORK/texts2"
    while IFS= read -r want; do
      grep -qxF "$want" "$WORK/texts2" || fail "plan_years does not show the planned schedule's '$want'"
      echo "ok plan_years shows the planned schedule's '$want'"
    done <"$WORK/plan2/want"
    ;;
  kind)
    # The kind is the command that wrote the folder (manifest.txt), not what its files suggest.
    "$STARSIM" seek tests/data/experiments/fleet-seek.yaml --jobs 2 --out "$WORK/seek" --quiet
    out="$(tools/plot "$WORK/seek" --format svg)"
    grep -q "^seek $WORK/seek: " <<< "$out" || fail "a seek's folder not drawn as a seek: $out"
    cp -r "$WORK/seek" "$WORK/as-plan"
    sed -i 's/^command seek$/command plan/' "$WORK/as-plan/manifest.txt"
    expect_bad "$WORK/as-plan" | tee "$WORK/msg"
    grep -q "is the folder of a plan but holds no plan.csv" "$WORK/msg" \
      || fail "a record naming a plan, without plan.csv, not told"
    cp -r "$WORK/seek" "$WORK/unknown"
    sed -i 's/^command seek$/command frobnicate/' "$WORK/unknown/manifest.txt"
    expect_bad "$WORK/unknown" | tee "$WORK/msg"
    grep -q "command 'frobnicate' is not a kind of folder tools/plot draws" "$WORK/msg" \
      || fail "a record naming an unknown command not told"
    # A folder an older starsim wrote, without manifest.txt: its kind is told by its files.
    cp -r "$WORK/seek" "$WORK/old-seek"
    rm -r "$WORK/old-seek/manifest.txt" "$WORK/old-seek/plots"
    out="$(tools/plot "$WORK/old-seek" --format svg)"
    grep -q "^seek $WORK/old-seek: " <<< "$out" || fail "an older seek not drawn as a seek: $out"
    # A merge of a sweep's shards is drawn as a sweep.
    for k in 0 1; do
      "$STARSIM" sweep configs/experiments/tiny-sweep.yaml --shard "$k/2" --jobs 2 \
        --out "$WORK/shard$k" --quiet
    done
    "$STARSIM" merge "$WORK/shard0" "$WORK/shard1" --out "$WORK/merged" >/dev/null
    grep -qx "command merge" "$WORK/merged/manifest.txt" || fail "the merge's record names no merge"
    out="$(tools/plot "$WORK/merged")"
    grep -q "^merge $WORK/merged: " <<< "$out" || fail "a merge not drawn as a merge: $out"
    check_charts "$WORK/merged/plots" sweep_launches_per_year sweep_gw_per_year
    ;;
  bad)
    expect_bad "$WORK/no-such-folder"
    mkdir "$WORK/empty"
    expect_bad "$WORK/empty"
    mkdir "$WORK/junk"
    printf 'a,b\n1,2\n' >"$WORK/junk/summary.csv"
    printf 'name: x\n' >"$WORK/junk/scenario.resolved.yaml"
    expect_bad "$WORK/junk"
    printf 'hello\n' >"$WORK/file"
    expect_bad "$WORK/file"
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=1 --out "$WORK/run" --quiet
    expect_bad "$WORK/run" --from 2x
    expect_bad "$WORK/run" --from 12h --to 6h
    expect_bad "$WORK/run" --from 3
    expect_bad "$WORK/run" --metric launches
    expect_bad "$WORK/run" --target launches_per_year
    expect_bad "$WORK/run" --no-such-option
    expect_bad
    [ ! -e "$WORK/run/plots" ] || fail "bad input wrote $WORK/run/plots"
    # The checks above catch a blank chart: a one-colour PNG and an SVG with nothing plotted.
    mkdir "$WORK/blank"
    /usr/bin/python3 - "$WORK/blank" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
w, h = 400, 300
raw = b"".join(b"\0" + b"\xff" * (3 * w) for _ in range(h))
with open(sys.argv[1] + "/empty.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
with open(sys.argv[1] + "/empty.svg", "w") as f:
    f.write('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><text>t</text></svg>')
PY
    if (check_charts "$WORK/blank" empty) 2>/dev/null; then fail "a blank chart passed the checks"; fi
    echo "ok a blank chart fails the checks"
    ;;
  hostile)
    # Text that would run a command, each creating its own marker file, if it reached gnuplot
    # (or a shell) as code: in the folder path, --out, a run's scenario name and site names, a
    # sweep's experiment name and varied path, a plan's steps, a seek's answer and the options.
    # Every tools/plot must draw valid charts or exit 2 with a message, and no marker may exist.
    TAG="pwned-$$"
    payloads=(
      '`touch MARK`'
      '$(touch MARK)'
      '"; system("touch MARK"); "'
      "'; system('touch MARK'); '"
      $'\nsystem "touch MARK"\n'
      $'x\nEOD\nsystem "touch MARK"\nEOD'
      '@GPVAL_TERM @ARG0 @x'
      '; system "touch MARK"; '
      '\"; system("touch MARK"); \"\'
      $'\r!touch MARK\n!touch MARK'
      $'x\\\nsystem "touch MARK"'
      '%s%n%d{x}^_&'
    )
    RUN_CHARTS=(launches gw launches_per_day occupancy waits utilization "${COST_CHARTS[@]}")
    NT_CHARTS=(waits utilization "${COST_CHARTS[@]}")   # a --no-timeline run's, quicker to check
    SWEEP_CHARTS=(sweep_launches_per_year sweep_gw_per_year)
    marks=()
    # no_marker WHAT: no marker file of any payload so far, in WORK, the working folder or /tmp.
    no_marker() {
      local m found
      for m in "${marks[@]}"; do [ ! -e "$m" ] || fail "$1 ran a command: $m exists"; done
      found="$(find "$WORK" "$ROOT" /tmp -maxdepth 2 -type f -name "$TAG-*" -print -quit \
               2>/dev/null; find "$WORK" -type f -name "$TAG-*" -print -quit)"
      [ -z "$found" ] || fail "$1 ran a command: $found exists"
    }
    # attack WHAT OUT CHART... -- ARGS: tools/plot ARGS exits 0 with the charts valid in OUT (or,
    # with OUT "-", exits 2 with a message), and runs nothing.
    attack() {
      local what="$1" out="$2" names=() rc=0 err
      shift 2
      while [ "$1" != "--" ]; do names+=("$1"); shift; done
      shift
      err="$(tools/plot "$@" 2>&1 >/dev/null)" || rc=$?
      no_marker "$what"
      if [ "$out" = "-" ]; then
        [ "$rc" -eq 2 ] || fail "$what: exit $rc, expected 2: $err"
        [ -n "$err" ] || fail "$what: exit 2 without a message"
      else
        [ "$rc" -eq 0 ] || fail "$what: exit $rc, expected 0: $err"
        check_charts "$out" "${names[@]}" >/dev/null || fail "$what: the charts in $out"
      fi
      echo "ok $what"
    }
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=2 --out "$WORK/run" --quiet
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=2 --no-timeline \
      --out "$WORK/run-nt" --quiet
    "$STARSIM" sweep configs/experiments/tiny-sweep.yaml --jobs 2 --out "$WORK/sweep" --quiet
    experiment "$WORK/replicated.yaml" replicated "$REPLICATED
  set: {horizon_d: 120}"
    "$STARSIM" sweep "$WORK/replicated.yaml" --jobs 2 --out "$WORK/replicated" --quiet
    "$STARSIM" plan tests/data/experiments/fleet-plan.yaml --jobs 2 --out "$WORK/plan" --quiet
    "$STARSIM" seek tests/data/experiments/fleet-seek.yaml --jobs 2 --out "$WORK/seek" --quiet
    # Over two calendar years, for the charts by year.
    "$STARSIM" run configs/scenarios/baseline.yaml --set horizon_d=400 --no-timeline \
      --out "$WORK/run-years" --quiet
    experiment "$WORK/sweep-years.yaml" sweep-by-year "$SWEEP_YEARS"
    "$STARSIM" sweep "$WORK/sweep-years.yaml" --jobs 2 --out "$WORK/sweep-years" --quiet
    experiment "$WORK/plan-years.yaml" plan-by-year "$PLAN_YEARS"
    "$STARSIM" plan "$WORK/plan-years.yaml" --jobs 2 --out "$WORK/plan-years" --quiet
    YEARS_CHARTS=(waits utilization years_launches years_gw years_bottleneck "${COST_CHARTS[@]}")
    SWEEP_YEARS_CHARTS=("${SWEEP_CHARTS[@]}" sweep_years_launches_per_year sweep_years_gw_per_year
      sweep_first_year_launches sweep_first_year_gw)
    for i in "${!payloads[@]}"; do
      # pl ROUTE: the payload with a marker of its own for ROUTE, under WORK, in P. Routes that
      # share a tools/plot run have their own markers, so the message names the one that ran.
      pl() { marks+=("$WORK/$TAG-$1-$i"); P="${payloads[$i]//MARK/$WORK/$TAG-$1-$i}"; }
      pl path; d="$WORK/a$i/r${P}x"
      pl out; o="$WORK/b$i/o${P}x"
      mkdir -p "$(dirname "$d")" && cp -r "$WORK/run-nt" "$d"
      attack "($i) the folder path and --out" "$o" "${NT_CHARTS[@]}" -- "$d" --out "$o"
      d="$WORK/c$i"
      cp -r "$WORK/run" "$d"
      pl name; name="$P"
      hostile_edit csv-set "$d/summary.csv" "$P" name bottleneck
      pl site; site="$P"
      hostile_edit site "$d/timeline.csv" "$P" starbase
      hostile_edit site "$d/scenario.resolved.yaml" "$P" starbase
      attack "($i) the scenario name and bottleneck in summary.csv, a site name in timeline.csv" \
        "$d/plots" "${RUN_CHARTS[@]}" -- "$d"
      svg_shows "$d/plots/waits.svg" "$name, seed 1"
      svg_shows "$d/plots/occupancy.svg" "$site pad 1"
      d="$WORK/d$i"
      cp -r "$WORK/sweep" "$d"
      pl experiment; experiment="$P"
      hostile_edit manifest "$d/manifest.txt" "$P"
      hostile_edit csv-set "$d/targets.csv" "$P" experiment
      pl varied; varied="$P"
      for f in runs.csv summary.csv; do
        hostile_edit csv-suffix "$d/$f" "$P" vehicle.booster.fleet
        hostile_edit csv-rename "$d/$f" "$P" vehicle.booster.fleet
      done
      pl target
      attack "($i) the experiment name in targets.csv, a varied path and its values, --x and a \
--target name" "$d/x" "${SWEEP_CHARTS[@]}" -- "$d" --x "$varied" --target "$P=5" --out "$d/x"
      svg_shows "$d/x/sweep_gw_per_year.svg" "(sweep $experiment)"
      svg_shows "$d/x/sweep_launches_per_year.svg" "$varied (varied path"
      svg_shows "$d/x/sweep_launches_per_year.svg" "${varied}40"
      rm "$d/targets.csv"
      attack "($i) the experiment name in manifest.txt, a varied path as a line's key" \
        "$d/plots" "${SWEEP_CHARTS[@]}" -- "$d"
      d="$WORK/r$i"
      cp -r "$WORK/replicated" "$d"
      pl replicated; replicated="$P"
      hostile_edit manifest "$d/manifest.txt" "$P"
      hostile_edit csv-set "$d/targets.csv" "$P" experiment
      hostile_edit csv-set "$d/runs.csv" "$P" bottleneck
      attack "($i) a replicated sweep's experiment name and the bottleneck column of runs.csv" \
        "$d/plots" dist_launches_per_year dist_gw_per_year bottleneck_share -- "$d"
      svg_shows "$d/plots/bottleneck_share.svg" "$P"
      svg_shows "$d/plots/dist_gw_per_year.svg" "(sweep $replicated, replications only)"
      d="$WORK/g$i"
      cp -r "$WORK/plan" "$d"
      pl plan
      hostile_edit csv-set "$d/plan.csv" "$P" resource bottleneck
      hostile_edit csv-suffix "$d/plan.csv" "$P" value
      attack "($i) the resource, value and bottleneck columns of plan.csv" "$d/plots" \
        plan_launches -- "$d"
      # A tic label: gnuplot cuts one that holds a % at 49 characters, this one is shorter.
      svg_shows "$d/plots/plan_launches.svg" "1: $P = ${P}4"
      d="$WORK/h$i"
      cp -r "$WORK/seek" "$d"
      pl seek
      hostile_edit csv-set "$d/answer.csv" "$P" path value
      hostile_edit csv-rename "$d/summary.csv" "$P" vehicle.booster.fleet
      attack "($i) the path and value of a seek's answer.csv" "$d/plots" seek_launches -- "$d"
      svg_shows "$d/plots/seek_launches.svg" "the smallest $P with"
      # Options and metrics: one that is none of the folder's is bad input; one that is (a
      # column renamed to it) names a chart file, so it must be a plain name, or bad input.
      pl option
      attack "($i) --metric" - -- "$WORK/sweep" --metric "$P"
      attack "($i) --x" - -- "$WORK/sweep" --x "$P"
      attack "($i) --target METRIC=VALUE" - -- "$WORK/run-nt" --target "launches_per_year=$P"
      attack "($i) --from" - -- "$WORK/run" --from "$P"
      pl metric
      d="$WORK/j$i"
      cp -r "$WORK/sweep" "$d"
      hostile_edit csv-rename "$d/summary.csv" "${P}_mean" gw_per_year_mean
      attack "($i) --metric naming a column of summary.csv" - -- "$d" --metric "$P"
      d="$WORK/k$i"
      cp -r "$WORK/plan" "$d"
      hostile_edit csv-rename "$d/plan.csv" "${P}_mean" launches_mean
      attack "($i) the metric column of plan.csv" - -- "$d"
      d="$WORK/l$i"
      cp -r "$WORK/seek" "$d"
      hostile_edit csv-set "$d/answer.csv" "$P" metric
      attack "($i) the metric of a seek's answer.csv" - -- "$d"
      # The charts by year: text from a run's and a sweep's yearly.csv, plan.csv, plan_years.csv.
      d="$WORK/m$i"
      cp -r "$WORK/run-years" "$d"
      pl yearly
      hostile_edit csv-set "$d/yearly.csv" "$P" bottleneck
      attack "($i) the bottleneck column of a run's yearly.csv" "$d/plots" "${YEARS_CHARTS[@]}" \
        -- "$d"
      svg_shows "$d/plots/years_bottleneck.svg" "$P"
      d="$WORK/n$i"
      cp -r "$WORK/sweep-years" "$d"
      pl yvaried
      hostile_edit csv-suffix "$d/yearly.csv" "$P" vehicle.booster.fleet
      hostile_edit csv-rename "$d/yearly.csv" "$P" vehicle.booster.fleet
      attack "($i) a varied path and its values in a sweep's yearly.csv" "$d/plots" \
        "${SWEEP_YEARS_CHARTS[@]}" -- "$d"
      # A key entry is cut at 100 characters (gnuplot leaves out a key wider than the chart).
      svg_shows "$d/plots/sweep_years_launches_per_year.svg" "${P:0:40}"
      d="$WORK/o$i"
      cp -r "$WORK/plan-years" "$d"
      pl planyears
      hostile_edit csv-set "$d/plan.csv" "$P" resource
      hostile_edit csv-suffix "$d/plan.csv" "$P" value
      hostile_edit csv-set "$d/plan_years.csv" "$P" bottleneck added
      attack "($i) the resource and value of a plan's plan.csv, the bottleneck of plan_years.csv" \
        "$d/plots" plan_launches plan_years -- "$d"
      svg_shows "$d/plots/plan_years.svg" "$P"
    done
    [ ! -e "$ROOT/plots" ] || fail "tools/plot wrote into $ROOT"
    ;;
  *) fail "unknown case '$CASE'" ;;
esac
echo "passed: $CASE"
