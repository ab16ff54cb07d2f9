# The cases of tests/slurm/slurm_sweep_test.sh that need neither Slurm nor root (sourced by it;
# it sets ROOT, STARSIM, EXPERIMENT, step and fail, and runs case_NAME).
# Stand-ins for sbatch, scontrol and scancel go first on PATH: sbatch writes each argument of
# call N on a line of $WORK/calls/N.args, copies the batch script to $WORK/calls/N.script and
# prints job id 100+N (or fails if N is in $WORK/sbatch.fail); scontrol says MaxArraySize is
# the number in $WORK/max_array (default 1001) and shows job ID as $WORK/jobs/ID says; scancel
# records its arguments in $WORK/scancel.calls. run_call N then runs what call N submitted as
# Slurm would: every array task, one by one, in the job's working folder.

WORK="$(mktemp -d /tmp/starsim-slurm-standin.XXXXXX)"
trap 'rc=$?; if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi' EXIT
mkdir "$WORK/bin" "$WORK/jobs"
cat >"$WORK/bin/sbatch" <<EOF
#!/usr/bin/env bash
n=\$((\$(cat "$WORK/calls/count") + 1))
echo "\$n" >"$WORK/calls/count"
if grep -qx "\$n" "$WORK/sbatch.fail" 2>/dev/null; then echo "sbatch: error: stand-in refuses call \$n" >&2; exit 1; fi
printf '%s\n' "\$@" >"$WORK/calls/\$n.args"
env | grep '^SBATCH_' | sort >"$WORK/calls/\$n.env" || true
for a in "\$@"; do
  case "\$a" in -*) ;; *) cp "\$a" "$WORK/calls/\$n.script"; break ;; esac
done
echo \$((100 + n))
EOF
cat >"$WORK/bin/scontrol" <<EOF
#!/usr/bin/env bash
case "\$1 \$2" in
  "show config") echo "MaxArraySize            = \$(cat "$WORK/max_array" 2>/dev/null || echo 1001)" ;;
  "show job") f="$WORK/jobs/\${*: -1}"
    [ -f "\$f" ] || { echo "slurm_load_jobs error: Invalid job id specified" >&2; exit 1; }
    cat "\$f" ;;
  *) exit 1 ;;
esac
EOF
cat >"$WORK/bin/scancel" <<EOF
#!/usr/bin/env bash
echo "\$*" >>"$WORK/scancel.calls"
EOF
chmod +x "$WORK/bin/sbatch" "$WORK/bin/scontrol" "$WORK/bin/scancel"
export PATH="$WORK/bin:$PATH" SLURM_CONF="$WORK/slurm.conf"
# Slurm's input variables would change the calls the test reads.
while read -r v; do unset "$v"; done < <(compgen -e | grep '^SBATCH_' || true)

reset_calls() {
  rm -rf "$WORK/calls" "$WORK/scancel.calls" "$WORK/sbatch.fail" "$WORK/max_array" "$WORK/jobs"
  mkdir "$WORK/calls" "$WORK/jobs"
  echo 0 >"$WORK/calls/count"
}
reset_calls
calls() { cat "$WORK/calls/count"; }
has_arg() { grep -qxF -- "$2" "$WORK/calls/$1.args" || fail "sbatch call $1 lacks '$2': $(tr '\n' ' ' <"$WORK/calls/$1.args")"; }
lacks_arg() { ! grep -q -- "$2" "$WORK/calls/$1.args" || fail "sbatch call $1 has '$2': $(tr '\n' ' ' <"$WORK/calls/$1.args")"; }
arg_line() { grep -nxF -- "$2" "$WORK/calls/$1.args" | head -n 1 | cut -d: -f1; }
# The words after the batch script: the script's own arguments.
script_args() { awk 'found { print } !found && !/^-/ { found = 1 }' "$WORK/calls/$1.args" | tr '\n' ' '; }
run_call() {
  local args=() spec="" script="" chdir="" rest=() i part lo hi t
  mapfile -t args <"$WORK/calls/$1.args"
  for i in "${!args[@]}"; do
    case "${args[$i]}" in
      --array=*) spec="${args[$i]#--array=}" ;;
      --chdir=*) chdir="${args[$i]#--chdir=}" ;;
      -*) ;;
      *) script="${args[$i]}"; rest=("${args[@]:$((i + 1))}"); break ;;
    esac
  done
  [ -n "$script" ] || fail "sbatch call $1 has no script"
  if [ -z "$spec" ]; then
    (cd "$chdir" && bash "$script" "${rest[@]}") || return 1
    return 0
  fi
  spec="${spec%%%*}"
  for part in ${spec//,/ }; do
    lo="${part%-*}" hi="${part#*-}"
    for ((t = lo; t <= hi; t++)); do
      (cd "$chdir" && SLURM_ARRAY_TASK_ID=$t bash "$script" "${rest[@]}") || return 1
    done
  done
}
local_sweep() {
  [ -f "$WORK/local/runs.csv" ] || "$STARSIM" sweep "$EXPERIMENT" --jobs 2 --out "$WORK/local" --quiet \
    || fail "the local sweep"
}
same_as_local() { # DIR
  local f
  for f in runs.csv summary.csv; do
    [ -s "$1/$f" ] || fail "no $1/$f"
    cmp "$WORK/local/$f" "$1/$f" || fail "$1/$f differs from the local sweep's"
  done
}
sweep() { tools/slurm-sweep --starsim "$STARSIM" "$@"; }

case_check() {
  local n=0 f rc err out
  for f in tests/data/bad_experiments/*.yaml; do
    n=$((n + 1))
    rc=0
    err="$(sweep "$f" --out "$WORK/out-$n" 2>&1 >/dev/null)" || rc=$?
    [ "$rc" -eq 2 ] || fail "tools/slurm-sweep $f exited $rc, expected 2: $err"
    # starsim check's message, located at the line and column: FILE:LINE:COL: what is wrong.
    case "$(head -n 1 <<<"$err")" in
      "$(realpath "$f")":[0-9]*:[0-9]*:\ *) ;;
      *) fail "tools/slurm-sweep $f: no located message from starsim check first: $err" ;;
    esac
    [ ! -e "$WORK/out-$n" ] || fail "tools/slurm-sweep $f wrote $WORK/out-$n"
    [ "$(calls)" -eq 0 ] || fail "tools/slurm-sweep $f called sbatch"
    echo "ok exit 2: $(head -n 1 <<<"$err")"
  done
  [ "$n" -gt 0 ] || fail "no experiment in tests/data/bad_experiments"
  # A scenario passes starsim check but is no experiment: refused the same way.
  rc=0
  err="$(sweep configs/scenarios/baseline.yaml --out "$WORK/not-an-experiment" 2>&1 >/dev/null)" || rc=$?
  [ "$rc" -eq 2 ] || fail "tools/slurm-sweep baseline.yaml exited $rc, expected 2: $err"
  grep -q "is not an experiment" <<<"$err" || fail "tools/slurm-sweep baseline.yaml: $err"
  [ ! -e "$WORK/not-an-experiment" ] || fail "tools/slurm-sweep baseline.yaml wrote its --out"
  [ "$(calls)" -eq 0 ] || fail "tools/slurm-sweep baseline.yaml called sbatch"
  echo "ok exit 2: a scenario is no experiment"

  # A good experiment passes the check and is submitted: the array, then the merge.
  out="$(sweep "$EXPERIMENT" --out "$WORK/good")" || fail "tools/slurm-sweep $EXPERIMENT"
  [ "$out" = $'array 101\nmerge 102' ] || fail "tools/slurm-sweep printed '$out'"
  [ "$(calls)" -eq 2 ] || fail "sbatch was not called twice"
  [ -f "$WORK/good/slurm/sweep.sbatch" ] || fail "no batch script for the good experiment"
  echo "ok $EXPERIMENT submitted"
  step "passed: $n bad experiments and a scenario refused before anything was written or submitted"
}

case_options() {
  local d="$WORK/opts" out n a
  out="$(sweep "$EXPERIMENT" --shards 4 --jobs 2 --out "$d" --partition p1 --account proj-42 \
    --time 1-02:00:00 --mem 4G --qos high --constraint 'intel&avx2' --throttle 3 \
    -- --mail-type=END --requeue)" || fail "tools/slurm-sweep with the Slurm options"
  [ "$out" = $'array 101\nmerge 102' ] || fail "printed '$out'"
  [ "$(calls)" -eq 2 ] || fail "sbatch was called $(calls) times, not twice"
  for n in 1 2; do
    for a in --partition=p1 --account=proj-42 --time=1-02:00:00 --mem=4G --qos=high \
             '--constraint=intel&avx2' --mail-type=END --requeue "--chdir=$ROOT" --ntasks=1; do
      has_arg $n "$a"
    done
    # The `--` arguments come after slurm-sweep's own (so they win), right before the script.
    [ "$(arg_line $n --mail-type=END)" -gt "$(arg_line $n --account=proj-42)" ] \
      || fail "call $n: the -- arguments do not follow the options"
    [ "$(arg_line $n --mail-type=END)" -gt "$(grep -n -- '^--job-name=' "$WORK/calls/$n.args" | cut -d: -f1)" ] \
      || fail "call $n: the -- arguments do not follow --job-name"
    [ "$(sed -n "$(($(arg_line $n --requeue) + 1))p" "$WORK/calls/$n.args")" = \
      "$d/slurm/$([ $n -eq 1 ] && echo sweep || echo merge).sbatch" ] || fail "call $n: the script does not follow the -- arguments"
    echo "ok call $n: --partition --account --time --mem --qos --constraint and the -- arguments"
  done
  has_arg 1 '--array=0-3%3'
  has_arg 1 --cpus-per-task=2
  has_arg 1 "--output=$d/slurm/shard-%a.out"
  [ "$(script_args 1)" = "0 " ] || fail "the array's script gets '$(script_args 1)', not the offset 0"
  lacks_arg 1 --dependency
  has_arg 2 --dependency=afterok:101
  has_arg 2 --kill-on-invalid-dep=yes
  has_arg 2 --cpus-per-task=1
  echo "ok the array is 0-3%3 with 2 CPUs a task; the merge waits for it"
  grep -q -- '--shard "$shard/4" --resume --jobs 2' "$WORK/calls/1.script" \
    || fail "the shards do not run with --shard K/4 --resume --jobs 2: $(cat "$WORK/calls/1.script")"
  ! grep -q 'proj-42\|intel\|mail-type' "$WORK/calls/1.script" "$WORK/calls/2.script" \
    || fail "an option's value went into a batch script"
  grep -qx 'account=proj-42' "$d/slurm/submission" || fail "the submission is not recorded"
  grep -qx 'extra=--requeue' "$d/slurm/submission" || fail "the -- arguments are not recorded"
  echo "ok the shards run with --resume; the options are on sbatch's command line only, and recorded"

  # Without them, none is given: Slurm's defaults and SBATCH_* variables apply, except the two
  # that would break the submission.
  reset_calls
  SBATCH_ACCOUNT=from-env SBATCH_ARRAY_INX=0-99 SBATCH_WAIT=1 \
    sweep "$EXPERIMENT" --out "$WORK/plain" >/dev/null 2>"$WORK/err" || fail "tools/slurm-sweep without options"
  for n in 1 2; do
    grep -qx SBATCH_ACCOUNT=from-env "$WORK/calls/$n.env" || fail "call $n did not get SBATCH_ACCOUNT"
    ! grep -q 'SBATCH_ARRAY_INX\|SBATCH_WAIT' "$WORK/calls/$n.env" || fail "call $n got SBATCH_ARRAY_INX or SBATCH_WAIT"
  done
  grep -q 'ignoring SBATCH_ARRAY_INX=0-99' "$WORK/err" || fail "no note about SBATCH_ARRAY_INX: $(cat "$WORK/err")"
  echo "ok SBATCH_ACCOUNT reaches sbatch; SBATCH_ARRAY_INX and SBATCH_WAIT do not, with a note"
  for n in 1 2; do
    for a in --partition --account --time --mem --qos --constraint --open-mode; do lacks_arg $n "$a"; done
  done
  has_arg 1 '--array=0-1'
  echo "ok without options: no --partition, --account, --time, --mem, --qos, --constraint; --array=0-1"
  step "passed: the Slurm options reach every sbatch call"
}

case_chunks() {
  local d out err
  local_sweep
  # 8 shards, MaxArraySize 3: arrays of shards 0-2, 3-5 and 6-7, as indices 0-2 with offsets.
  echo 3 >"$WORK/max_array"
  d="$WORK/chunked"
  out="$(sweep "$EXPERIMENT" --shards 8 --out "$d" --throttle 2)" || fail "the chunked submission"
  [ "$out" = $'array 101\narray 102\narray 103\nmerge 104' ] || fail "printed '$out'"
  has_arg 1 '--array=0-2%2'; has_arg 2 '--array=0-2%2'; has_arg 3 '--array=0-1%2'
  [ "$(script_args 1)" = "0 " ] && [ "$(script_args 2)" = "3 " ] && [ "$(script_args 3)" = "6 " ] \
    || fail "the offsets are '$(script_args 1)' '$(script_args 2)' '$(script_args 3)', not 0 3 6"
  lacks_arg 1 --dependency
  has_arg 2 --dependency=afterany:101
  has_arg 3 --dependency=afterany:102
  has_arg 2 "--output=$d/slurm/shard-3+%a.out"
  has_arg 4 --dependency=afterok:101:102:103
  echo "ok 3 arrays below MaxArraySize 3, each after the previous (--throttle), the merge after all"
  for n in 1 2 3 4; do run_call $n >/dev/null 2>&1 || fail "running call $n"; done
  same_as_local "$d"
  echo "ok the chunks' shards and the merge give the local sweep's results"

  reset_calls
  echo 3 >"$WORK/max_array"
  sweep "$EXPERIMENT" --shards 8 --out "$WORK/chunked-free" >/dev/null || fail "chunks without a throttle"
  [ "$(calls)" -eq 4 ] || fail "$(calls) calls for 3 chunks and a merge"
  for n in 1 2 3; do lacks_arg $n --dependency; done
  has_arg 1 '--array=0-2'; has_arg 2 '--array=0-2'; has_arg 3 '--array=0-1'
  echo "ok without --throttle, the chunks wait for nothing"

  # More shards than runs: a warning, and one run a shard.
  reset_calls
  err="$(sweep "$EXPERIMENT" --shards 20 --out "$WORK/many" 2>&1 >/dev/null)" || fail "--shards 20: $err"
  grep -q 'warning: --shards 20 exceeds the 8 runs' <<<"$err" || fail "no warning for 20 shards of 8 runs: $err"
  has_arg 1 '--array=0-7'
  grep -q 'shard-7' "$WORK/calls/2.script" && ! grep -q 'shard-8' "$WORK/calls/2.script" \
    || fail "the merge does not join shards 0-7"
  grep -qx 'shards=8' "$WORK/many/slurm/submission" || fail "the record keeps more shards than runs"
  echo "ok --shards 20 of 8 runs: warned, cut to 8"

  # A chunk refused by sbatch: the arrays already submitted are cancelled.
  reset_calls
  echo 3 >"$WORK/max_array"
  echo 2 >"$WORK/sbatch.fail"
  local rc=0
  out="$(sweep "$EXPERIMENT" --shards 8 --out "$WORK/refused" 2>"$WORK/err")" || rc=$?
  [ $rc -eq 1 ] || fail "a refused chunk: exit $rc, not 1: $(cat "$WORK/err")"
  [ -z "$out" ] || fail "a refused chunk printed '$out'"
  [ "$(cat "$WORK/scancel.calls" 2>/dev/null)" = 101 ] || fail "array 101 was not cancelled"
  [ "$(calls)" -eq 2 ] || fail "sbatch was called after a refusal"
  echo "ok a refused chunk cancels the arrays before it and submits no merge"

  # A submission sbatch refused outright submitted nothing: it may be tried again as it was.
  reset_calls
  echo 1 >"$WORK/sbatch.fail"
  rc=0
  sweep "$EXPERIMENT" --out "$WORK/retry" >/dev/null 2>&1 || rc=$?
  [ $rc -eq 1 ] || fail "a refused submission: exit $rc, not 1"
  rm "$WORK/sbatch.fail"
  out="$(sweep "$EXPERIMENT" --out "$WORK/retry" 2>"$WORK/err")" || fail "trying again: $(cat "$WORK/err")"
  [ "$out" = $'array 102\nmerge 103' ] || fail "trying again printed '$out'"
  echo "ok a submission sbatch refused can be tried again"
  step "passed: more shards than MaxArraySize go in chunks"
}

case_resubmit() {
  local d="$WORK/resub" out err rc
  local_sweep
  out="$(sweep "$EXPERIMENT" --shards 4 --out "$d" --account proj-42 --time 10 -- --mail-type=END)" \
    || fail "the first submission"
  # As on a cluster: shards 0 and 2 finish; shard 1 is preempted before its end (no runs.csv,
  # its last run missing from the journal); shard 3 ends with a failed run; no merge.
  for t in 0 1 2 3; do
    (SLURM_ARRAY_TASK_ID=$t bash "$d/slurm/sweep.sbatch" 0) >/dev/null 2>&1 || fail "shard $t"
  done
  rm "$d/shard-1/runs.csv" "$d/shard-1/summary.csv" "$d/shard-1/yearly.csv"
  sed -i '$d' "$d/shard-1/journal.csv"
  sed -i '2s/,ok$/,killed (signal 9)/' "$d/shard-3/journal.csv" "$d/shard-3/runs.csv"
  grep -q 'killed (signal 9)' "$d/shard-3/runs.csv" || fail "could not fail a run of shard 3"
  echo "JobId=101 ArrayJobId=101 ArrayTaskId=1 JobState=FAILED ExitCode=1:0" >"$WORK/jobs/101"
  echo "JobId=102 JobState=CANCELLED ExitCode=0:0" >"$WORK/jobs/102"

  # A fresh submission into the folder is refused: the shards would be taken for its own.
  reset_calls
  rc=0
  err="$(sweep "$EXPERIMENT" --shards 4 --out "$d" 2>&1 >/dev/null)" || rc=$?
  [ $rc -eq 2 ] && grep -q -- '--resubmit' <<<"$err" && [ "$(calls)" -eq 0 ] \
    || fail "a second submission into $d: exit $rc, $(calls) calls: $err"
  echo "ok a new submission into a submitted folder is refused, pointing to --resubmit"

  # While a job of the folder runs, nothing is resubmitted.
  echo "JobId=101 ArrayJobId=101 ArrayTaskId=1 JobState=RUNNING ExitCode=0:0" >"$WORK/jobs/101"
  rc=0
  err="$(tools/slurm-sweep --resubmit "$d" 2>&1 >/dev/null)" || rc=$?
  [ $rc -eq 2 ] && grep -q 'is RUNNING' <<<"$err" && [ "$(calls)" -eq 0 ] \
    || fail "resubmission beside a running job: exit $rc, $(calls) calls: $err"
  echo "ok refused while job 101_1 runs"
  echo "JobId=101 ArrayJobId=101 ArrayTaskId=1 JobState=FAILED ExitCode=1:0" >"$WORK/jobs/101"

  out="$(tools/slurm-sweep --resubmit "$d" --time 30 2>"$WORK/err")" || fail "--resubmit: $(cat "$WORK/err")"
  [ "$out" = $'array 101\nmerge 102' ] || fail "--resubmit printed '$out'"
  has_arg 1 '--array=1,3'
  [ "$(script_args 1)" = "0 " ] || fail "the resubmitted array gets '$(script_args 1)', not the offset 0"
  grep -q -- '--resume' "$WORK/calls/1.script" || fail "the resubmitted shards do not run with --resume"
  for n in 1 2; do
    has_arg $n --account=proj-42; has_arg $n --mail-type=END; has_arg $n --time=30; has_arg $n --open-mode=append
  done
  has_arg 2 --dependency=afterok:101
  grep -qx 'time=30' "$d/slurm/submission" || fail "the new --time is not recorded"
  echo "ok --resubmit: --array=1,3 with --resume, the recorded --account and --, the new --time"

  # The shards run, the merge does not (cancelled, say): then the merge alone is resubmitted.
  run_call 1 >/dev/null 2>&1 || fail "running the resubmitted shards"
  reset_calls
  out="$(tools/slurm-sweep --resubmit "$d" -- 2>"$WORK/err")" || fail "--resubmit: $(cat "$WORK/err")"
  [ "$out" = "merge 101" ] || fail "with every shard done, --resubmit printed '$out', not the merge alone"
  lacks_arg 1 --dependency
  lacks_arg 1 --mail-type   # a bare -- drops the recorded sbatch arguments
  has_arg 1 --account=proj-42
  run_call 1 >/dev/null 2>&1 || fail "running the merge"
  same_as_local "$d"
  echo "ok the merge alone, then the local sweep's results"

  reset_calls
  err="$(tools/slurm-sweep --resubmit "$d" 2>&1 >/dev/null)" || fail "--resubmit of a finished sweep: $err"
  grep -q 'nothing to resubmit' <<<"$err" && [ "$(calls)" -eq 0 ] || fail "a finished sweep resubmitted: $err"
  rc=0
  tools/slurm-sweep --resubmit "$d" --shards 8 2>/dev/null || rc=$?
  [ $rc -eq 2 ] || fail "--resubmit --shards 8 exited $rc, not 2"
  echo "ok a finished sweep: nothing to resubmit (exit 0); --shards cannot change"
  step "passed: --resubmit submits only the unfinished shards, with --resume"
}

case_hostile() {
  local opt v rc err d w
  local nl=$'x\n#SBATCH --wrap=touch pwned'
  refused() { # DESCRIPTION ARGS...: exit 2, nothing written, nothing submitted
    local what="$1" rc=0 err
    shift
    err="$("$@" 2>&1 >/dev/null)" || rc=$?
    [ $rc -eq 2 ] || fail "$what: exit $rc, not 2: $err"
    [ "$(calls)" -eq 0 ] || fail "$what: sbatch was called"
    [ ! -e "$WORK/h" ] || fail "$what: wrote $WORK/h"
    echo "ok refused: $what: $(grep -v 'for usage' <<<"$err" | tail -n 1)"
  }
  for opt in --account --time --mem --qos --constraint --partition --throttle --shards --jobs --out; do
    refused "$opt with a newline" sweep "$EXPERIMENT" --out "$WORK/h" "$opt" "$nl"
  done
  refused "--account \$(...)" sweep "$EXPERIMENT" --out "$WORK/h" --account '$(touch pwned)'
  refused "--time with ;" sweep "$EXPERIMENT" --out "$WORK/h" --time '1;touch pwned'
  refused "--mem with backquotes" sweep "$EXPERIMENT" --out "$WORK/h" --mem '4G`touch pwned`'
  refused "--constraint with \$(...)" sweep "$EXPERIMENT" --out "$WORK/h" --constraint 'a$(touch pwned)'
  refused "--partition with a space" sweep "$EXPERIMENT" --out "$WORK/h" --partition 'p1 --wrap=x'
  for w in pwned.sh --array=0-99 --dep=afterok:1 -a5 '--wrap=touch pwned' -- --cpus-per-task=8 -c8 \
           --output=/tmp/x --parsable $'--comment=a\nb'; do
    refused "-- $(printf %q "$w")" sweep "$EXPERIMENT" --out "$WORK/h" -- "$w"
  done

  # Paths with spaces, quotes and $(...) are data: submitted, run, and nothing run from them.
  d="$WORK/we ird \$(touch pwned) 'q\" \`touch pwned\`"
  mkdir -p "$d/exp \$(touch pwned)"
  sed "s#base: ../scenarios/baseline.yaml#base: $ROOT/configs/scenarios/baseline.yaml#" "$EXPERIMENT" \
    >"$d/exp \$(touch pwned)/tiny;touch pwned.yaml"
  mkdir "$d/bin \$(touch pwned)"
  cp "$STARSIM" "$d/bin \$(touch pwned)/starsim"
  (cd "$d" && "$ROOT/tools/slurm-sweep" "exp \$(touch pwned)/tiny;touch pwned.yaml" --shards 2 \
     --out "out \$(touch pwned)" --starsim "bin \$(touch pwned)/starsim") >/dev/null 2>"$WORK/err" \
    || fail "paths with shell syntax: $(cat "$WORK/err")"
  run_call 1 >/dev/null 2>&1 && run_call 2 >/dev/null 2>&1 || fail "running the jobs of odd paths"
  [ -s "$d/out \$(touch pwned)/runs.csv" ] || fail "the odd paths' sweep wrote no runs.csv"
  echo "ok paths with spaces, quotes and \$(...) carried as data"

  # A tampered record is read as data and refused.
  local rec="$d/out \$(touch pwned)/slurm/submission"
  cp "$rec" "$WORK/record"
  for w in 'extra=pwned.sh' 'evil=$(touch pwned)' 'account=$(touch pwned)' 'jobs=1; touch pwned' \
           'extra=--dependency=afterok:1'; do
    cp "$WORK/record" "$rec"
    echo "$w" >>"$rec"
    rm -f "$d/out \$(touch pwned)/runs.csv"
    reset_calls
    refused "a record with '$w'" tools/slurm-sweep --resubmit "$d/out \$(touch pwned)"
  done
  if find "$WORK" "$ROOT" "$d" -maxdepth 4 -name pwned 2>/dev/null | grep -q .; then
    fail "a file 'pwned' was created: text was run as code"
  fi
  step "passed: hostile values refused, odd paths carried as data, no 'pwned' anywhere"
}

case_seek() {
  local d="$WORK/seek" out rc err
  local seek=configs/experiments/seek-pads-100gw.yaml
  out="$(sweep "$seek" --jobs 2 --out "$d" --account proj-42)" || fail "submitting a seek"
  [ "$out" = "job 101" ] || fail "a seek printed '$out'"
  [ "$(calls)" -eq 1 ] || fail "a seek made $(calls) sbatch calls"
  has_arg 1 --cpus-per-task=2; has_arg 1 --account=proj-42; has_arg 1 "--output=$d/slurm/seek.out"
  lacks_arg 1 --array; lacks_arg 1 --dependency
  grep -q '^#SBATCH --nodes=1' "$WORK/calls/1.script" && grep -q " seek .* --jobs 2 " "$WORK/calls/1.script" \
    || fail "the seek's script: $(cat "$WORK/calls/1.script")"
  run_call 1 >/dev/null 2>&1 || fail "running the seek's job"
  "$STARSIM" seek "$seek" --jobs 2 --out "$WORK/local-seek" --quiet || fail "the local seek"
  cmp "$WORK/local-seek/answer.csv" "$d/answer.csv" || fail "the seek's answer differs from the local one"
  echo "ok a seek: one job, one node, --jobs 2 on 2 CPUs; its answer is the local one"

  reset_calls
  err="$(tools/slurm-sweep --resubmit "$d" 2>&1 >/dev/null)" || fail "--resubmit of a finished seek: $err"
  [ "$(calls)" -eq 0 ] || fail "a finished seek resubmitted"
  rm "$d/answer.csv"
  out="$(tools/slurm-sweep --resubmit "$d" 2>/dev/null)" || fail "--resubmit of an unfinished seek"
  [ "$out" = "job 101" ] && grep -q -- '--resume' "$WORK/calls/1.script" || fail "the seek not resubmitted to go on with --resume"
  echo "ok a seek resubmitted starts over"

  for opt in "--shards 4" "--throttle 2"; do
    reset_calls
    rc=0
    # shellcheck disable=SC2086
    err="$(sweep "$seek" --out "$WORK/seek-sharded" $opt 2>&1 >/dev/null)" || rc=$?
    [ $rc -eq 2 ] && grep -q 'one after another' <<<"$err" && [ "$(calls)" -eq 0 ] \
      || fail "a seek with $opt: exit $rc: $err"
    echo "ok a seek with $opt refused"
  done
  reset_calls
  out="$(sweep configs/experiments/plan-10k.yaml --jobs 4 --out "$WORK/plan")" || fail "submitting a plan"
  [ "$out" = "job 101" ] && grep -q " plan .* --jobs 4 " "$WORK/calls/1.script" || fail "a plan: '$out'"
  has_arg 1 --cpus-per-task=4
  echo "ok a plan: one job with --jobs 4 on 4 CPUs"
  step "passed: a seek or a plan is one job on one node"
}
