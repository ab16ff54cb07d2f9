#!/usr/bin/env bash
# README.md's figures are what starsim prints: `tools/figures --check` regenerates every block
# between <!-- figures: ... --> and <!-- /figures --> whose commands are quick, and fails with
# the diff when README.md differs (run tools/figures to bring it up to date).
# Usage: tests/docs/figures_test.sh STARSIM
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STARSIM="$(realpath "${1:?usage: figures_test.sh STARSIM}")"
[ -x "$STARSIM" ] || { echo "FAILED: $STARSIM is not an executable" >&2; exit 1; }
# The markers must be there: a README without them would pass the check for nothing.
n="$(grep -c '^<!-- figures:' "$ROOT/README.md")"
[ "$n" -ge 8 ] || { echo "FAILED: README.md has $n figures markers, expected 8 or more" >&2; exit 1; }
exec "$ROOT/tools/figures" --check --starsim "$STARSIM"
