#!/usr/bin/env bash
# tools/lint on a scratch repository (a copy of tools/ and the style files, with a two-file CMake
# project): a clean tree passes; a formatting difference fails with the diff; a clang-tidy finding
# fails naming its unit; a unit unchanged since it passed is not checked again, and a changed
# header checks again the units that include it.
# Usage: tests/lint/lint_test.sh CASE, CASE one of format, tidy
# Exit codes: 0 passed, 1 failed, 77 skipped (clang-format-14 or clang-tidy-14 missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CASE="${1:?usage: lint_test.sh CASE}"
fail() { echo "FAILED: $*" >&2; exit 1; }
for tool in clang-format-14 clang-tidy-14 cmake ninja git; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

WORK="$(mktemp -d /tmp/starsim-lint-test.XXXXXX)"
trap 'rc=$?; if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi' EXIT
REPO="$WORK/repo"
mkdir -p "$REPO/tools" "$REPO/sim"
cp "$ROOT/tools/lint" "$ROOT/tools/lib.sh" "$REPO/tools/"
cp -r "$ROOT/tools/lint.d" "$REPO/tools/"
cp "$ROOT/.clang-format" "$ROOT/.clang-tidy" "$REPO/"
cat >"$REPO/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(lint_scratch CXX)
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
add_library(scratch sim/a.cpp sim/b.cpp)
target_include_directories(scratch PRIVATE ${PROJECT_SOURCE_DIR})
CMAKE
cat >"$REPO/sim/a.hpp" <<'CPP'
#pragma once

namespace scratch {

constexpr int LIMIT = 3;
int twice(int x);

}  // namespace scratch
CPP
cat >"$REPO/sim/a.cpp" <<'CPP'
#include "sim/a.hpp"

namespace scratch {

int twice(int x) { return x < LIMIT ? 2 * x : x; }

}  // namespace scratch
CPP
cat >"$REPO/sim/b.cpp" <<'CPP'
namespace scratch {

int thrice(int x) { return 3 * x; }

}  // namespace scratch
CPP
export STARSIM_BUILD_DIR="$REPO/build"
(cd "$REPO" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm scratch)
cmake -S "$REPO" -B "$REPO/build" -G Ninja >/dev/null
cmake --build "$REPO/build" >/dev/null

# lint [ARGS]: runs tools/lint, its output in $WORK/out and its exit code in $rc.
lint() {
  rc=0
  "$REPO/tools/lint" "$@" >"$WORK/out" 2>&1 || rc=$?
}
expect() {  # expect RC TEXT: the last lint exited RC and printed TEXT
  [ "$rc" = "$1" ] || { cat "$WORK/out" >&2; fail "tools/lint exited $rc, not $1"; }
  grep -qF -- "$2" "$WORK/out" || { cat "$WORK/out" >&2; fail "tools/lint did not say: $2"; }
}

case "$CASE" in
  format)
    lint
    expect 0 "3 C++ files formatted as .clang-format says"
    # Two statements on a line and a missing space: a difference, shown as a diff; nothing
    # written unless --fix.
    printf 'namespace scratch {\n\nint thrice(int x) { int y=3; return y * x; }\n\n}  // namespace scratch\n' \
      >"$REPO/sim/b.cpp"
    cp "$REPO/sim/b.cpp" "$WORK/b.before"
    lint
    expect 1 "1 file(s) differ from .clang-format"
    expect 1 "+++ sim/b.cpp (clang-format)"
    cmp -s "$REPO/sim/b.cpp" "$WORK/b.before" || fail "tools/lint without --fix changed sim/b.cpp"
    cmake --build "$REPO/build" >/dev/null
    lint --fix
    cmp -s "$REPO/sim/b.cpp" "$WORK/b.before" && fail "tools/lint --fix left sim/b.cpp as it was"
    expect 0 "clang-tidy clean"
    lint --bogus
    expect 2 "unknown option '--bogus'"
    ;;
  tidy)
    lint
    expect 0 "clang-tidy on 2 of 2 translation units"
    expect 0 "clang-tidy clean"
    lint
    expect 0 "all 2 translation units unchanged since they passed"
    # A constant named otherwise than the rule: a finding in the changed unit alone.
    sed -i 's/int thrice(int x) { return 3 \* x; }/constexpr int kThree = 3;\nint thrice(int x) { return kThree * x; }/' \
      "$REPO/sim/b.cpp"
    cmake --build "$REPO/build" >/dev/null
    lint
    expect 1 "clang-tidy on 1 of 2 translation units"
    expect 1 "invalid case style for constexpr variable 'kThree'"
    expect 1 "found the above in 1 file(s): sim/b.cpp"
    # A failed unit is checked again (it left no pass), and passes once fixed.
    sed -i 's/kThree/THREE/g' "$REPO/sim/b.cpp"
    lint
    expect 0 "clang-tidy on 1 of 2 translation units"
    # A header's change checks again the unit that includes it, and its finding is reported.
    sed -i 's/constexpr int LIMIT = 3;/constexpr int limit_bad = 3;\nconstexpr int LIMIT = limit_bad;/' \
      "$REPO/sim/a.hpp"
    cmake --build "$REPO/build" >/dev/null
    lint
    expect 1 "clang-tidy on 1 of 2 translation units"
    expect 1 "invalid case style for constexpr variable 'limit_bad'"
    expect 1 "found the above in 1 file(s): sim/a.cpp"
    git -C "$REPO" checkout -q -- sim/a.hpp
    cmake --build "$REPO/build" >/dev/null
    lint
    expect 0 "all 2 translation units unchanged since they passed"  # a.cpp passed as it is now
    # --all checks every unit, passed or not.
    lint --all
    expect 0 "clang-tidy on 2 of 2 translation units"
    # No build: said, exit 2.
    rm -rf "$REPO/build"
    lint
    expect 2 "no $REPO/build/compile_commands.json: build first"
    ;;
  *) fail "unknown case $CASE" ;;
esac
echo "passed: $CASE"
