#!/usr/bin/env bash
# Times two commands run alternately, N times each, and prints the median, fastest and
# slowest wall time of each in milliseconds. This machine's speed drifts by up to 1.6x
# within minutes; alternating puts both commands in the same moments, where running all
# of A and then all of B (as hyperfine does) compares two different machines.
#
#   bench/alternate.sh 20 OLD/neardup dedup R.jsonl -q -o /dev/null -- NEW/neardup dedup R.jsonl -q -o /dev/null
#
# Output of the commands is discarded; a command that fails stops the script.
set -euo pipefail

usage() {
  echo "Usage: bench/alternate.sh N COMMAND_A... -- COMMAND_B..." >&2
  exit 2
}
[[ $# -ge 4 ]] || usage
runs=$1
shift
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || usage
a=()
b=()
side=a
for word in "$@"; do
  if [[ "$word" == "--" && $side == a ]]; then
    side=b
  elif [[ $side == a ]]; then
    a+=("$word")
  else
    b+=("$word")
  fi
done
[[ ${#a[@]} -gt 0 && ${#b[@]} -gt 0 ]] || usage

# Runs "$@" once and prints its wall time in ms.
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "bench/alternate.sh: command failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

times_a=()
times_b=()
for ((i = 0; i < runs; ++i)); do
  times_a+=("$(time_ms "${a[@]}")")
  times_b+=("$(time_ms "${b[@]}")")
done

summary() {
  printf '%s\n' "$@" | sort -n |
    awk '{v[NR] = $1} END {printf "median %d ms, fastest %d, slowest %d", v[int((NR + 1) / 2)], v[1], v[NR]}'
}
echo "A ($runs runs): $(summary "${times_a[@]}")   ${a[*]}"
echo "B ($runs runs): $(summary "${times_b[@]}")   ${b[*]}"
