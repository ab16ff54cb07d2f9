"""The measurements of tools/bench: runs starsim on each case, takes the median of each figure,
checks them against their budgets, prints the table and writes bench.csv. Run through
tools/bench (its header says what is measured and why), which builds first and passes
STARSIM_BENCH_ROOT (the repository) and STARSIM_BENCH_BIN (the starsim binary).
"""
import csv, os, re, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.environ["STARSIM_BENCH_ROOT"]
BIN = os.environ["STARSIM_BENCH_BIN"]
MIB = 1024.0

args = sys.argv[1:]
repeat, quick, check = 5, False, False
i = 0
while i < len(args):
    a = args[i]
    if a == "--repeat":
        if i + 1 >= len(args) or not args[i + 1].isdigit() or int(args[i + 1]) < 1:
            print("tools/bench: --repeat takes a positive integer", file=sys.stderr); sys.exit(2)
        repeat = int(args[i + 1]); i += 1
    elif a.startswith("--repeat="):
        v = a.split("=", 1)[1]
        if not v.isdigit() or int(v) < 1:
            print("tools/bench: --repeat takes a positive integer", file=sys.stderr); sys.exit(2)
        repeat = int(v)
    elif a == "--quick":
        quick = True
    elif a == "--check":
        check = True
    elif a == "--no-build":
        pass
    else:
        print(f"tools/bench: unknown option '{a}' (see tools/bench --help)", file=sys.stderr)
        sys.exit(2)
    i += 1
if quick:
    repeat = 1
sweep_repeat = 1 if quick else min(repeat, 3)
sweep_file = "sweep-20.yaml" if quick else "sweep-100.yaml"
sweep_runs = 20 if quick else 100

if not os.access(BIN, os.X_OK):
    sys.exit(f"tools/bench: no starsim binary at {BIN} (build first, or drop --no-build)")

TMP = tempfile.mkdtemp(prefix="starsim-bench.")

def loadavg():
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")
load_start = loadavg()
KC = re.compile(r"kernel_calls actions=(\d+) instants=(\d+)")

def log(msg):
    print(msg, file=sys.stderr, flush=True)

def timed(cmd):
    """Runs cmd under /usr/bin/time; returns (wall s incl. process start, peak RSS KiB, stderr)."""
    tf = os.path.join(TMP, "time.out")
    env = dict(os.environ, STARSIM_KERNEL_CALLS="1")
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-o", tf, "-f", "%e %M"] + cmd, cwd=TMP, env=env,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        log(f"tools/bench: failed (exit {p.returncode}): {' '.join(cmd)}\n{p.stderr}")
        shutil.rmtree(TMP, ignore_errors=True)
        sys.exit(1)
    with open(tf) as f:
        rss_kib = int(f.read().split()[-1])
    return wall, rss_kib, p.stderr

def summary(out):
    with open(os.path.join(out, "summary.csv"), newline="") as f:
        return next(csv.DictReader(f))

def run_case(label, scenario, extra, runs=None):
    walls, rss, calls = [], [], None
    runs = runs or repeat
    for r in range(runs):
        out = os.path.join(TMP, "run")
        shutil.rmtree(out, ignore_errors=True)
        log(f"bench: {label} ({r + 1}/{runs})")
        w, m, err = timed([BIN, "run", scenario, "--quiet", "--out", out] + extra)
        walls.append(w); rss.append(m)
        s = summary(out)
        k = KC.search(err)
        if k:
            calls = tuple(int(x) for x in k.groups())
        shutil.rmtree(out, ignore_errors=True)  # the 1M timeline is ~0.9 GB
    launches, events = int(s["launches"]), int(s["events"])
    wall = statistics.median(walls)
    return {"label": label, "launches": launches, "events": events, "wall_s": wall,
            "wall_min": min(walls), "wall_max": max(walls),
            "rss_mib": statistics.median(rss) / MIB, "events_per_s": events / wall, "calls": calls}

def run_sweep(jobs):
    walls = []
    for r in range(sweep_repeat):
        out = os.path.join(TMP, "sweep")
        shutil.rmtree(out, ignore_errors=True)
        log(f"bench: sweep of {sweep_runs} baseline runs, --jobs {jobs} ({r + 1}/{sweep_repeat})")
        w, _, _ = timed([BIN, "sweep", os.path.join(ROOT, "configs/bench", sweep_file),
                         "--jobs", str(jobs), "--quiet", "--out", out])
        walls.append(w)
        shutil.rmtree(out, ignore_errors=True)
    return statistics.median(walls)

def process_start():
    walls = []
    for _ in range(max(repeat, 3)):
        t0 = time.perf_counter()
        subprocess.run([BIN, "--version"], stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - t0)
    return statistics.median(walls)

bench = os.path.join(ROOT, "configs/bench")
baseline = os.path.join(ROOT, "configs/scenarios/baseline.yaml")
stress = os.path.join(bench, "stress-100y.yaml")
long_runs = 1 if quick else min(repeat, 3)
# The stress century with values that change by date and learning curves in every place that
# takes them on the launch path: the same budgets must hold.
SCHEDULES = [a for kv in (
    "sites[*].pads={schedule: {2030-01-01: 2, 2035-01-01: 3, 2040-01-01: 4}}",
    "sites[*].annual_launch_cap={schedule: {2030-01-01: 1000, 2035-01-01: 2000, 2040-01-01: 100000}}",
    "sites[*].pad_refurb_h={learning: {first: 48, rate: 0.8, floor: 6, per: pad}}",
    "payload.interval_h={ramp: {2030-01-01: 4, 2040-01-01: 0.8}}",
    "vehicle.booster.turnaround_h={learning: {first: {dist: lognormal, mean: 240, cv: 0.3}, rate: 0.8, floor: 24, per: vehicle}}",
    "vehicle.ship.turnaround_h={learning: {first: {dist: lognormal, mean: 480, cv: 0.3}, rate: 0.8, floor: 48, per: fleet}}",
    "failures.launch_failure_probability={learning: {first: 0.1, rate: 0.7, floor: 0.001, per: fleet}}",
) for a in ("--set", kv)]
try:
    start = process_start()
    base = run_case("baseline year, timeline", baseline, [])
    s10 = run_case("stress, 10 years", stress, ["--set", "horizon_d=3650"])
    s100 = run_case("stress, 100 years", stress, [], runs=long_runs)
    s100s = run_case("stress, 100 years, schedules", stress, SCHEDULES, runs=long_runs)
    ramp = run_case("ramp 2026-2035, timeline", os.path.join(ROOT, "configs/scenarios/ramp-2026-2035.yaml"), [])
    base_nt = run_case("baseline year, no timeline", baseline, ["--no-timeline"])
    fleet = run_case("1,000,000 boosters, one year", baseline,
                     ["--no-timeline", "--set", "vehicle.booster.fleet=1000000"], runs=long_runs)
    sw1 = run_sweep(1)
    sw2 = run_sweep(2)
finally:
    shutil.rmtree(TMP, ignore_errors=True)

# ---------------------------------------------------------------------------- budgets
verdicts = []
def budget(name, value, limit, text):
    ok = value <= limit if text.startswith("<=") else value >= limit
    verdicts.append(ok)
    return f"{name} {text} {'PASS' if ok else 'FAIL'}"

rss_limit = 1.10 * s10["rss_mib"]
per_vehicle_b = (fleet["rss_mib"] - base_nt["rss_mib"]) * MIB * 1024 / 1e6
buds = {id(base): [budget("wall", base["wall_s"], 0.10, "<= 0.10 s"),
                   budget("RSS", base["rss_mib"], 64, "<= 64 MiB")],
        id(s10): [],
        id(s100): [budget("wall", s100["wall_s"], 6, "<= 6 s"),
                   budget("RSS", s100["rss_mib"], 48, "<= 48 MiB"),
                   budget("RSS", s100["rss_mib"], rss_limit, f"<= {rss_limit:.1f} MiB (10 years +10%)")],
        id(s100s): [budget("wall", s100s["wall_s"], 6, "<= 6 s"),
                    budget("RSS", s100s["rss_mib"], 48, "<= 48 MiB")],
        id(ramp): [budget("wall", ramp["wall_s"], 1.0, "<= 1.0 s"),
                   budget("RSS", ramp["rss_mib"], 64, "<= 64 MiB")],
        id(base_nt): [],
        id(fleet): [budget("memory", per_vehicle_b, 128, f"<= 128 B a booster ({per_vehicle_b:.0f} B)")]}
speedup = sw1 / sw2
sweep_bud = budget("speed-up", speedup, 1.8, ">= 1.8")

# ---------------------------------------------------------------------------- report
try:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
except OSError:
    cpu = "?"
def per_launch(c):
    if not c["calls"] or c["launches"] == 0:
        return ["n/a"] * 2
    return [f"{x / c['launches']:.2f}" for x in c["calls"]]

CASES = (base, base_nt, s10, s100, s100s, ramp, fleet)
head = ["case", "launches", "events", "wall s", "(min-max)", "peak RSS MiB", "events/s",
        "actions/l", "instants/l", "budgets"]
table = []
for c in CASES:
    table.append([c["label"], f"{c['launches']:,}", f"{c['events']:,}", f"{c['wall_s']:.3f}",
                  f"{c['wall_min']:.3f}-{c['wall_max']:.3f}", f"{c['rss_mib']:.1f}",
                  f"{c['events_per_s']:,.0f}"] + per_launch(c) + ["; ".join(buds[id(c)])])
widths = [max(len(r[i]) for r in [head] + table) for i in range(len(head))]
def line(r):
    cells = [r[0].ljust(widths[0])] + [r[i].rjust(widths[i]) for i in range(1, len(r) - 1)] + [r[-1]]
    return "  ".join(cells).rstrip()
print(f"starsim bench: Release, median of {repeat} run(s) a figure (sweeps: {sweep_repeat}), "
      f"{os.cpu_count()} cores ({cpu}), {time.strftime('%Y-%m-%d %H:%M')}")
print(f"wall: the whole process; starting it alone (starsim --version: libsimgrid loads ns-3's libraries) "
      f"takes {start:.3f} s. Kernel actions and instants per launch (/l) from STARSIM_KERNEL_CALLS")
load_end = loadavg()
if load_start > 0.5 or load_end > 1.5:  # the bench itself adds about 1 (2 in the --jobs 2 sweep)
    print(f"warning: the machine was busy (1-min load average {load_start:.2f} before the bench, "
          f"{load_end:.2f} at its end, counting its own runs): the timings are inflated")
print(line(head))
print("-" * (sum(widths) + 2 * (len(widths) - 1)))
for r in table:
    print(line(r))
print(f"sweep of {sweep_runs} baseline runs: --jobs 1 {sw1:.2f} s, --jobs 2 {sw2:.2f} s, "
      f"{sweep_bud.replace('speed-up', f'speed-up {speedup:.2f}', 1)}")
fails = verdicts.count(False)
print(f"budgets: {len(verdicts) - fails} pass, {fails} fail")

# bench.csv: one row per figure (long form), written to a temporary file and renamed.
rows = [("process start", "wall_s", f"{start:.3f}", "s", "", max(repeat, 3))]
for c in CASES:
    pl = per_launch(c)
    bw = next((b for b in buds[id(c)] if b.startswith("wall")), "")
    br = "; ".join(b for b in buds[id(c)] if b.startswith("RSS") or b.startswith("memory"))
    rows += [(c["label"], "launches", c["launches"], "", "", repeat),
             (c["label"], "events", c["events"], "", "", repeat),
             (c["label"], "wall_s", f"{c['wall_s']:.3f}", "s", bw, repeat),
             (c["label"], "peak_rss_mib", f"{c['rss_mib']:.1f}", "MiB", br, repeat),
             (c["label"], "events_per_s", f"{c['events_per_s']:.0f}", "1/s", "", repeat),
             (c["label"], "kernel_actions_per_launch", pl[0], "", "", repeat),
             (c["label"], "kernel_instants_per_launch", pl[1], "", "", repeat)]
sl = f"sweep of {sweep_runs} baseline runs"
rows += [(sl, "wall_s_jobs1", f"{sw1:.3f}", "s", "", sweep_repeat),
         (sl, "wall_s_jobs2", f"{sw2:.3f}", "s", "", sweep_repeat),
         (sl, "speedup_jobs2", f"{speedup:.3f}", "x", sweep_bud, sweep_repeat)]
out = os.path.join(ROOT, "bench.csv")
tmp = f"{out}.tmp.{os.getpid()}"
with open(tmp, "w", newline="") as f:
    wr = csv.writer(f)
    wr.writerow(["case", "figure", "value", "unit", "budget", "repeats"])
    wr.writerows(rows)
    f.flush(); os.fsync(f.fileno())
os.replace(tmp, out)
print(f"written: {out}")
sys.exit(1 if check and fails else 0)
