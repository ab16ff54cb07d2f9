#!/usr/bin/env bash
# cluster (the default): a 2-shard sweep on a real single-node Slurm equals the local sweep.
# Starts a private Slurm with tools/slurm-local (installs slurm-wlm and munge if missing, hence
# root), sweeps configs/experiments/tiny-sweep.yaml on this machine and through
# tools/slurm-sweep, and compares runs.csv and summary.csv byte for byte.
# The other cases need neither Slurm nor root: stand-ins for sbatch, scontrol and scancel record
# their calls (sbatch: each argument and a copy of the batch script) and print job ids, and the
# test runs the batch scripts itself, task by task, as Slurm would:
#   check     tools/slurm-sweep refuses each experiment of tests/data/bad_experiments with exit 2
#             and starsim check's located message, writing and submitting nothing, and a scenario;
#             it submits a good one
#   options   --partition, --account, --time, --mem, --qos, --constraint and the `--` arguments
#             reach every sbatch call, after slurm-sweep's own options and before the script;
#             --throttle gives the array's %M; the shards run with --resume
#   chunks    more shards than MaxArraySize (a stand-in scontrol says 3) go into several arrays
#             with shard offsets, the merge waits for all of them, and with --throttle each chunk
#             waits for the previous one; running the scripts gives the local sweep's results;
#             --shards above the experiment's runs warns and is cut to the runs; a failed sbatch
#             cancels the arrays already submitted
#   resubmit  after two of four shards ran (one with a failed run, one cut short), --resubmit
#             DIR submits only the unfinished shards (--array=1,3) with --resume and a new merge,
#             with the recorded options (and the ones given now); running them gives the local
#             sweep's results; nothing to do then exits 0; refused while a job is still running
#   hostile   newlines, shell code and sbatch's own options in values, paths, `--` arguments
#             and a tampered record are refused with exit 2, submitting nothing; paths with
#             spaces, quotes and $(...) are carried as data, never run
#   seek      a seek is one job on one node with --jobs CPUs (its script gives the seek's
#             answer); --shards or --throttle with a seek is refused
# Usage: tests/slurm/slurm_sweep_test.sh [STARSIM [cluster|check|options|chunks|resubmit|hostile|seek]]
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

if [ "$CASE" != cluster ]; then
  . "$ROOT/tests/slurm/standin_cases.sh"
  case "$CASE" in
    check|options|chunks|resubmit|hostile|seek) "case_$CASE" ;;
    *) fail "unknown case '$CASE'" ;;
  esac
  exit 0
fi

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
