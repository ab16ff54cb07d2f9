# Shared by tools/run, tools/test, tools/lint, tools/bench and tools/plot: install what is
# missing from Debian's packages, then configure and build. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${STARSIM_BUILD_DIR:-$ROOT/build}"

# Every dependency, from Debian 12's packages.
PACKAGES=(build-essential cmake ninja-build pkg-config
          libsimgrid-dev libyaml-cpp-dev libboost-program-options-dev doctest-dev libfmt-dev
          libsqlite3-dev sqlite3     # results.sqlite; sqlite3: the tests read it back
          nettle-dev                 # sha256 fingerprints
          libboost-dev               # Boost.Math: the Student-t quantile of confidence intervals
          clang libclang-rt-14-dev   # clang: tools/sanitize fuzz (libFuzzer)
          clang-format-14 clang-tidy-14  # tools/lint
          gnuplot-nox python3 python3-yaml)  # tools/plot

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "starsim needs these Debian packages; install them as root and run again:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}
