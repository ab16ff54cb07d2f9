#!/usr/bin/env bash
# Replays every input in tests/fuzz/crashes/ (each once: none may crash), then fuzzes for a
# bounded time from the seed corpus and a writable corpus kept in WORKDIR/corpus.
# usage: tests/fuzz/run_fuzz.sh FUZZER WORKDIR [SECONDS]   (SECONDS 0: replay only)
# A crash leaves WORKDIR/artifacts/crash-* (or timeout-*, oom-*): reproduce it with
#   FUZZER FILE
# and keep it as a regression input: cp FILE tests/fuzz/crashes/<what-it-breaks>
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FUZZER="${1:?usage: run_fuzz.sh FUZZER WORKDIR [SECONDS]}"
WORK="${2:?usage: run_fuzz.sh FUZZER WORKDIR [SECONDS]}"
SECONDS_TO_FUZZ="${3:-60}"
OPTS=(-rss_limit_mb=2048 -timeout=10)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

mkdir -p "$WORK/corpus" "$WORK/artifacts"
# The target's scratch folders (libFuzzer ends with _exit: they outlive the process).
export TMPDIR="$WORK/tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"' EXIT
mapfile -t crashes < <(find "$HERE/crashes" -type f ! -name '.*' | sort)
echo "fuzz: replaying ${#crashes[@]} regression input(s) from tests/fuzz/crashes/"
failed=()
: >"$WORK/replay.log"
for f in "${crashes[@]}"; do
  if ! "$FUZZER" "${OPTS[@]}" "$f" >"$WORK/replay.one.log" 2>&1; then
    failed+=("${f#"$HERE"/}")
    grep -E 'ERROR|SUMMARY|fuzz_config:| #[0-9]+ .* in (starsim|YAML)' "$WORK/replay.one.log" | head -n 12 >&2
  fi
  cat "$WORK/replay.one.log" >>"$WORK/replay.log"
done
rm -f "$WORK/replay.one.log"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: these regression inputs fail again (full log: $WORK/replay.log):" >&2
  printf '  tests/fuzz/%s\n' "${failed[@]}" >&2
  exit 1
fi
[ "$SECONDS_TO_FUZZ" -gt 0 ] || exit 0

"$HERE/seed_corpus.sh" "$WORK/seeds"
echo "fuzz: ${SECONDS_TO_FUZZ} s from $(ls "$WORK/seeds" | wc -l) seeds + $(ls "$WORK/corpus" | wc -l) corpus inputs"
if ! "$FUZZER" "${OPTS[@]}" -max_total_time="$SECONDS_TO_FUZZ" -print_final_stats=1 \
     -artifact_prefix="$WORK/artifacts/" "$WORK/corpus" "$WORK/seeds" >"$WORK/fuzz.log" 2>&1; then
  tail -n 80 "$WORK/fuzz.log" >&2
  echo "fuzz: FOUND A CRASH (log: $WORK/fuzz.log); the input is in $WORK/artifacts/:" >&2
  ls -t "$WORK/artifacts" | head -n 3 >&2
  echo "keep it as a regression input in tests/fuzz/crashes/ and fix the bug" >&2
  exit 1
fi
grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ *DONE' "$WORK/fuzz.log" || true
echo "fuzz: no crash; corpus now $(ls "$WORK/corpus" | wc -l) inputs"
