#!/usr/bin/env bash
# Writes the fuzzer's seed corpus into DIR (emptied first), in fuzz_config.cpp's layout
# SCENARIO \0 EXPERIMENT \0 OVERRIDES: scenarios as they are, experiments after one NUL (their
# base rewritten to the fuzzer's scratch copy ../scenarios/), --set lines after two NULs.
# usage: tests/fuzz/seed_corpus.sh DIR
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: seed_corpus.sh DIR}"
rm -rf "$OUT"
mkdir -p "$OUT"
n=0
for f in "$ROOT"/configs/scenarios/*.yaml "$ROOT"/tests/data/bad_configs/*.yaml \
         "$ROOT"/tests/golden/*.yaml "$ROOT"/tests/data/experiments/fleet-bound.yaml; do
  [ -f "$f" ] || continue
  cp "$f" "$OUT/scenario-$((n++))-$(basename "$f")"
done
for f in "$ROOT"/configs/experiments/*.yaml "$ROOT"/tests/data/experiments/*.yaml \
         "$ROOT"/tests/data/bad_experiments/*.yaml; do
  [ -f "$f" ] || continue
  grep -q '^experiment:' "$f" || continue
  { printf '\0'; sed -E 's#(base: *)[^ ]*configs/scenarios/#\1../scenarios/#' "$f"; } \
    >"$OUT/experiment-$((n++))-$(basename "$f")"
done
# --set lines: the paths the experiments vary, and a few shapes of value.
while IFS= read -r line; do
  printf '\0\0%s' "$line" >"$OUT/override-$((n++))"
done <<'LINES'
horizon_d=5
seed=7
sites[*].pads=2
sites[0].pads=3
vehicle.booster.fleet=20
vehicle.booster.turnaround_h={dist: lognormal, mean: 24, cv: 0.3}
vehicle.ship.turnaround_h={dist: uniform, min: 1, max: 2}
weather.scrub_probability_by_month=[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]
targets.gw_per_year=100
output.timeline=false
sites[1]={name: extra, pads: 1}
ranges=[]
payload.bays=4
start_date=2031-02-28
vehicle.booster.turnaround_h=&t {dist: exponential, mean: 24}
sites[0].weather=&w {scrub_probability: 0.1, recycle_h: 4}
sites={a: &a [1, 1], b: [*a, *a]}
horizon_d=&a [*a]
sites[0].pads={schedule: {2030-01-01: 1, 2030-01-03: 2}}
sites[0].pads.schedule.2030-01-02=4
sites[0].annual_launch_cap={schedule: [[2030-01-01, 5], [2031-01-01, 10]]}
payload.interval_h={ramp: {2030-01-01: 4, 2030-01-05: 1}}
vehicle.booster.turnaround_h={learning: {first: 48, rate: 0.8, floor: 4, per: vehicle, prior: 3}}
failures.launch_failure_probability={learning: {first: 0.5, rate: 0.7, per: fleet}}
targets.gw_per_year={ramp: {2030-01-01: 10, 2031-01-01: 100}}
LINES
printf '\0\0%s\n%s' 'horizon_d=10' 'sites[*].pads=1' >"$OUT/override-$((n++))"
# Experiment values with aliases: shared, and one that refers to itself.
exp_head='experiment:\n  name: aliases\n  base: ../scenarios/baseline.yaml\n'
printf "\0${exp_head}"'  set: {vehicle.booster.turnaround_h: &t {dist: exponential, mean: 24}, vehicle.ship.turnaround_h: *t}\n  grid: {horizon_d: [&h 5, 6]}\n  zip: {seed: [*h, 7]}\n' \
  >"$OUT/experiment-$((n++))-aliases"
printf "\0${exp_head}"'  grid: {horizon_d: [5, &a {x: [*a]}]}\n' >"$OUT/experiment-$((n++))-alias-cycle"
echo "seed_corpus: $n inputs in $OUT" >&2
