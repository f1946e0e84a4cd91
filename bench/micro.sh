#!/usr/bin/env bash
# Runs every micro benchmark (build/bench/*_benchmark) on the benchmark corpus and keeps
# their tables, with the machine, commit and command, in docs/bench/micro.md.
#
#   bench/micro.sh                                   # all, 0.5 s per benchmark
#   bench/micro.sh --benchmark_min_time=2            # extra arguments go to every binary
#   NEARDUP_BENCH_CORPUS=news.jsonl bench/micro.sh   # another corpus
set -euo pipefail
src_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${NEARDUP_BUILD_DIR:-$src_dir/build}
out=${NEARDUP_BENCH_OUT:-$src_dir/docs/bench/micro.md}
# shellcheck source=bench/machine.sh
source "$src_dir/bench/machine.sh"
args=("$@")
[[ ${#args[@]} -gt 0 ]] || args=(--benchmark_min_time=0.5)
shopt -s nullglob
benches=("$build_dir"/bench/*_benchmark)
[[ ${#benches[@]} -gt 0 ]] || { echo "micro.sh: no benchmarks in $build_dir/bench; build first" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
corpus=${NEARDUP_BENCH_CORPUS:-$(realpath -m "$src_dir/../shared/data/reuters21578.jsonl")}
{
  echo "# Micro benchmarks"
  echo
  echo "Produced by \`bench/micro.sh\`; what each benchmark and counter means is in [README.md](README.md)."
  echo
  echo "| | |"
  echo "|---|---|"
  machine_rows "$src_dir"
  echo "| corpus | \`$corpus\` |"
  echo
  echo "Command:"
  echo
  echo '```sh'
  printf 'NEARDUP_BENCH_CORPUS=%q bench/micro.sh' "$corpus"; printf ' %q' "${args[@]}"; echo
  echo '```'
  for b in "${benches[@]}"; do
    echo >&2 "micro.sh: $(basename "$b")"
    echo
    echo "## $(basename "$b")"
    echo
    echo '```'
    NEARDUP_BENCH_CORPUS=$corpus "$b" "${args[@]}" 2> /dev/null | grep -vE '^(\*\*\*|Run on|CPU Caches|  L[123] |Load Average|[0-9]{4}-[0-9]{2}-[0-9]{2}T)'
    echo '```'
  done
} > "$out"
echo "micro.sh: wrote $out" >&2
