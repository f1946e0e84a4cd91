#!/usr/bin/env bash
# Regenerates tests/golden/expected/ from the current build. Review the diff before
# committing: every change in it is a change in what users see.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/neardup}"
out="$(mktemp -d)"  # scratch space for cases that write files (as in run_golden.sh)
trap 'rm -rf "$out"' EXIT
source tests/golden/cases.sh
mkdir -p tests/golden/expected
for name in "${!GOLDEN_CASES[@]}"; do
  eval "\"$bin\" ${GOLDEN_CASES[$name]}" >"tests/golden/expected/$name" 2>/dev/null || true
done
git status --short tests/golden/expected
