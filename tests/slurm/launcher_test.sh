#!/usr/bin/env bash
# starsim --launcher: a seek and a sweep whose runs go through a launcher in batches give the
# same files as when starsim forks them itself; a task that fails is a failed run; and
# tools/slurm-launch submits each batch as one job array (a stand-in sbatch runs the array here,
# with SLURM_ARRAY_TASK_ID set as Slurm does), with the throttle and MaxArraySize respected.
# Usage: tests/slurm/launcher_test.sh STARSIM. Exit 0 passed, 1 failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STARSIM="$(realpath "${1:?usage: launcher_test.sh STARSIM}")"
fail() { echo "FAILED: $*" >&2; exit 1; }
WORK="$(mktemp -d /tmp/starsim-launcher-test.XXXXXX)"
trap 'rc=$?; if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi' EXIT
cd "$WORK"

# A local launcher: every task in turn, as a job array's tasks would run them.
cat > local-launch <<'SH'
#!/usr/bin/env bash
echo "$2" >> "$(dirname "$0")/batches"
for ((i = 0; i < $2; i++)); do "$STARSIM_BINARY" run-batch "$1" "$i" || true; done
SH
chmod +x local-launch

sed "s|\.\./scenarios/|$ROOT/configs/scenarios/|" "$ROOT/configs/experiments/seek-pads-100gw.yaml" > seek.yaml
sed -i 's/^  replications: 3/  replications: 2/; s/max_replications: 24/max_replications: 4/' seek.yaml
sed -i 's/^  set:/  set:\n    horizon_d: 60/' seek.yaml
"$STARSIM" seek seek.yaml --out local --quiet
"$STARSIM" seek seek.yaml --out launched --launcher "$WORK/local-launch" --quiet
for f in runs.csv summary.csv probes.csv answer.csv; do
  cmp -s local/$f launched/$f || fail "seek: $f differs with a launcher"
done
[ "$(wc -l < batches)" -ge 3 ] || fail "seek: expected a batch per probe, got $(wc -l < batches)"
[ ! -e launched/runs ] || [ -z "$(ls -A launched/runs)" ] || fail "seek: the batch files or run folders were left behind"

# A sweep, and a task that fails: its run is failed, the rest are ok, exit 1.
sed "s|\.\./scenarios/|$ROOT/configs/scenarios/|" "$ROOT/configs/experiments/tiny-sweep.yaml" > tiny.yaml
"$STARSIM" sweep tiny.yaml --out s-local --quiet
"$STARSIM" sweep tiny.yaml --out s-launched --launcher "$WORK/local-launch" --quiet
cmp -s s-local/runs.csv s-launched/runs.csv || fail "sweep: runs.csv differs with a launcher"
rc=0
STARSIM_FAULT_RUN=3:error "$STARSIM" sweep tiny.yaml --out s-fault --launcher "$WORK/local-launch" --quiet 2> err || rc=$?
[ $rc -eq 1 ] || fail "a failed task: exit $rc, expected 1"
grep -q "run 3 (point 1, replication 1): failed (exit 1): failed: an error injected" err || fail "the failed task's error: $(cat err)"
[ "$(grep -c ',ok$' s-fault/runs.csv)" -eq 7 ] || fail "the other runs are ok"
# A launcher that runs nothing: every run failed, said so.
printf '#!/bin/sh\nexit 3\n' > null-launch && chmod +x null-launch
rc=0
"$STARSIM" sweep tiny.yaml --out s-null --launcher "$WORK/null-launch" --quiet 2> err || rc=$?
[ $rc -eq 1 ] || fail "a launcher that fails: exit $rc, expected 1"
grep -q "failed (no exit code: the launcher failed (exit 3))" err || fail "no exit code: $(cat err)"
rc=0
"$STARSIM" sweep tiny.yaml --out s-none --launcher "$WORK/no-such-launcher" --quiet 2> err || rc=$?
[ $rc -eq 1 ] && grep -q "the launcher failed (exit 127)" err || fail "a missing launcher: exit $rc, $(cat err)"

# tools/slurm-launch with stand-ins for sbatch and scontrol.
mkdir bin
cat > bin/sbatch <<'SH'
#!/usr/bin/env bash
# Stand-in: records its arguments, then runs the array's tasks like Slurm (--wait).
echo "$*" >> "$(dirname "$0")/../sbatch-calls"
script="${@: -1}" array=""
for a in "$@"; do case "$a" in --array=*) array="${a#--array=}" ;; esac; done
range="${array%%%*}"
for ((i = ${range%-*}; i <= ${range#*-}; i++)); do SLURM_ARRAY_TASK_ID=$i bash "$script" || true; done
echo 4242
SH
printf '#!/bin/sh\necho "MaxArraySize            = 3"\n' > bin/scontrol
chmod +x bin/sbatch bin/scontrol
PATH="$WORK/bin:$PATH" STARSIM_SLURM_THROTTLE=2 "$STARSIM" seek seek.yaml --out slurm --launcher "$ROOT/tools/slurm-launch" --quiet
for f in runs.csv probes.csv answer.csv; do
  cmp -s local/$f slurm/$f || fail "seek through tools/slurm-launch: $f differs"
done
grep -q -- "--wait --parsable --job-name=starsim-batch --ntasks=1 --array=0-1%2 " sbatch-calls \
  || fail "sbatch arguments: $(head -1 sbatch-calls)"
# A batch larger than MaxArraySize (3 here): refused by the launcher, the runs failed.
rc=0
PATH="$WORK/bin:$PATH" "$STARSIM" sweep tiny.yaml --out s-big --launcher "$ROOT/tools/slurm-launch" --quiet 2> err || rc=$?
[ $rc -eq 1 ] && grep -q "the launcher failed (exit 2)" err || fail "8 tasks over MaxArraySize 3: exit $rc, $(cat err)"
rc=0
STARSIM_BINARY="$STARSIM" "$ROOT/tools/slurm-launch" "$WORK/seek.yaml" 'x;rm -rf /' 2> err || rc=$?
[ $rc -eq 2 ] && grep -q "N must be a positive whole number" err || fail "a bad N: exit $rc"
echo "launcher tests passed"
