#!/usr/bin/env bash
# Golden end-to-end tests: runs the neardup CLI on corpus/ and diffs its output against
# the files in tests/golden/expected/. Usage: run_golden.sh NEARDUP_BINARY SOURCE_DIR
# To refresh the expected files after an intended change: tools/update_goldens.sh
set -uo pipefail
bin="$1"
src="$2"
expected="$src/tests/golden/expected"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
source "$src/tests/golden/cases.sh"
failed=0
passed=0
for name in "${!GOLDEN_CASES[@]}"; do
  (cd "$src" && eval "\"$bin\" ${GOLDEN_CASES[$name]}") >"$out/$name" 2>/dev/null
  if diff -u "$expected/$name" "$out/$name"; then
    passed=$((passed + 1))
  else
    echo "golden case '$name' differs: neardup ${GOLDEN_CASES[$name]}"
    failed=$((failed + 1))
  fi
done
echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
