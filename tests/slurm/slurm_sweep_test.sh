#!/usr/bin/env bash
# cluster (the default): a 2-shard sweep on a real single-node Slurm equals the local sweep.
# Starts a private Slurm with tools/slurm-local (installs slurm-wlm and munge if missing, hence
# root), sweeps configs/experiments/tiny-sweep.yaml on this machine and through
# tools/slurm-sweep, and compares runs.csv and summary.csv byte for byte.
# check: tools/slurm-sweep refuses each experiment of tests/data/bad_experiments with exit 2 and
# starsim check's located message, writing and submitting nothing, and submits a good one; with
# a stand-in sbatch that records its calls, so it needs neither Slurm nor root.
# Usage: tests/slurm/slurm_sweep_test.sh [STARSIM [cluster|check]]
#        (default build/sim/app/starsim and cluster)
# Exit codes: 0 passed, 1 failed, 77 skipped (cluster, not root).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
STARSIM="$(realpath "${1:-build/sim/app/starsim}")"
CASE="${2:-cluster}"
EXPERIMENT="$ROOT/configs/experiments/tiny-sweep.yaml"
step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
[ -x "$STARSIM" ] || fail "$STARSIM is not an executable"

if [ "$CASE" = check ]; then
  WORK="$(mktemp -d /tmp/starsim-slurm-check.XXXXXX)"
  trap 'rc=$?; if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi' EXIT
  # Stand-ins for Slurm's commands: sbatch records its arguments and prints a job id.
  mkdir "$WORK/bin"
  cat >"$WORK/bin/sbatch" <<EOF
#!/usr/bin/env bash
echo "\$*" >>"$WORK/sbatch.calls"
echo \$((100 + \$(wc -l <"$WORK/sbatch.calls")))
EOF
  printf '#!/bin/sh\nexit 0\n' >"$WORK/bin/scontrol"
  chmod +x "$WORK/bin/sbatch" "$WORK/bin/scontrol"
  export PATH="$WORK/bin:$PATH" SLURM_CONF="$WORK/slurm.conf"
  n=0
  for f in tests/data/bad_experiments/*.yaml; do
    n=$((n + 1))
    rc=0
    err="$(tools/slurm-sweep "$f" --out "$WORK/out-$n" --starsim "$STARSIM" 2>&1 >/dev/null)" \
      || rc=$?
    [ "$rc" -eq 2 ] || fail "tools/slurm-sweep $f exited $rc, expected 2: $err"
    # starsim check's message, located at the line and column: FILE:LINE:COL: what is wrong.
    case "$(head -n 1 <<<"$err")" in
      "$(realpath "$f")":[0-9]*:[0-9]*:\ *) ;;
      *) fail "tools/slurm-sweep $f: no located message from starsim check first: $err" ;;
    esac
    [ ! -e "$WORK/out-$n" ] || fail "tools/slurm-sweep $f wrote $WORK/out-$n"
    [ ! -e "$WORK/sbatch.calls" ] || fail "tools/slurm-sweep $f called sbatch"
    echo "ok exit 2: $(head -n 1 <<<"$err")"
  done
  [ "$n" -gt 0 ] || fail "no experiment in tests/data/bad_experiments"
  # A seek, a plan or a scenario passes starsim check but is no sweep: refused the same way.
  for f in configs/experiments/seek-pads-100gw.yaml configs/experiments/plan-10k.yaml \
           configs/scenarios/baseline.yaml; do
    rc=0
    err="$(tools/slurm-sweep "$f" --out "$WORK/not-a-sweep" --starsim "$STARSIM" 2>&1 >/dev/null)" || rc=$?
    [ "$rc" -eq 2 ] || fail "tools/slurm-sweep $f exited $rc, expected 2: $err"
    grep -q "is not a sweep's experiment" <<<"$err" || fail "tools/slurm-sweep $f: $err"
    [ ! -e "$WORK/not-a-sweep" ] || fail "tools/slurm-sweep $f wrote $WORK/not-a-sweep"
    [ ! -e "$WORK/sbatch.calls" ] || fail "tools/slurm-sweep $f called sbatch"
    echo "ok exit 2: $f is no sweep"
  done

  # A good experiment passes the check and is submitted: the array, then the merge.
  out="$(tools/slurm-sweep "$EXPERIMENT" --out "$WORK/good" --starsim "$STARSIM")" \
    || fail "tools/slurm-sweep $EXPERIMENT"
  [ "$out" = $'array 101\nmerge 102' ] || fail "tools/slurm-sweep printed '$out'"
  [ "$(wc -l <"$WORK/sbatch.calls")" -eq 2 ] || fail "sbatch was not called twice"
  [ -f "$WORK/good/slurm/sweep.sbatch" ] || fail "no batch script for the good experiment"
  echo "ok $EXPERIMENT submitted"
  step "passed: $n bad experiments refused before anything was written or submitted"
  exit 0
fi
[ "$CASE" = cluster ] || fail "unknown case '$CASE'"

if [ "$(id -u)" -ne 0 ]; then
  echo "skipped: the Slurm test needs root to install and start slurm-wlm and munge"
  exit 77
fi

WORK="$(mktemp -d /tmp/starsim-slurm-test.XXXXXX)"
chmod 755 "$WORK"   # munged wants the folders above its socket searchable by all
# A cluster of its own (folder and ports), so that the test neither uses nor stops one a
# developer has started with tools/slurm-local.
export STARSIM_SLURM_DIR="$WORK/slurm"
export STARSIM_SLURM_PORT="${STARSIM_TEST_SLURM_PORT:-16827}"
cleanup() {
  local rc=$?
  step "stopping Slurm"
  tools/slurm-local stop || true
  if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "kept $WORK for inspection" >&2; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM

step "starting a single-node Slurm in $STARSIM_SLURM_DIR (port $STARSIM_SLURM_PORT)"
timeout 240 tools/slurm-local start || fail "tools/slurm-local start"
eval "$(tools/slurm-local env)"
export SLURM_CONF
sinfo

step "local sweep: starsim sweep $EXPERIMENT --jobs 2 --out $WORK/local"
timeout 120 "$STARSIM" sweep "$EXPERIMENT" --jobs 2 --out "$WORK/local" --quiet \
  || fail "the local sweep"

step "Slurm sweep: tools/slurm-sweep $EXPERIMENT --shards 2 --out $WORK/slurm-out --wait"
timeout 240 tools/slurm-sweep "$EXPERIMENT" --shards 2 --out "$WORK/slurm-out" \
  --starsim "$STARSIM" --wait || fail "tools/slurm-sweep (logs in $WORK/slurm-out/slurm)"

# Each shard ran its own runs, not the whole sweep.
total=$(($(wc -l <"$WORK/local/runs.csv") - 1))
for k in 0 1; do
  n=$(($(wc -l <"$WORK/slurm-out/shard-$k/runs.csv") - 1)) || fail "no runs.csv in shard $k"
  echo "shard $k: $n of $total runs"
  [ "$n" -gt 0 ] && [ "$n" -lt "$total" ] || fail "shard $k ran $n of the $total runs"
done

for f in runs.csv summary.csv; do
  step "cmp local/$f slurm-out/$f"
  [ -s "$WORK/local/$f" ] || fail "the local sweep wrote no $f"
  if ! cmp "$WORK/local/$f" "$WORK/slurm-out/$f"; then
    diff "$WORK/local/$f" "$WORK/slurm-out/$f" | head -n 20 >&2 || true
    fail "$f differs between the local and the Slurm sweep"
  fi
done
step "passed: $total runs, the Slurm sweep equals the local one"
