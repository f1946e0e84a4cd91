#!/usr/bin/env bash
# Load test of `neardup serve` (docs/bench/live.md): generates ~4 KB documents with
# `neardup gen`, indexes BASE of them with `neardup ingest`, starts `neardup serve` on a
# copy of that index and sends LIVE more, one per request, over CONNECTIONS keep-alive
# connections with bench/live_load. Prints the machine, the commands and the figures.
#
#   bench/live.sh                                  # rewrite mode, 100,000 + 10,000 documents
#   bench/live.sh --mode near-duplicate
#   bench/live.sh --base 10000 --live 5000         # a quick run
#
# Traffic goes to 127.0.0.1 only; the run ends when the LIVE documents are sent.
set -euo pipefail

src_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$src_dir/build"
work_dir=""
mode="rewrite"
base=100000
live=10000
connections=8
threads=8
send=0
input="$(realpath -m "$src_dir/../shared/data/reuters21578.jsonl")"

usage() {
  cat <<USAGE
Usage: bench/live.sh [--build DIR] [--work DIR] [--mode rewrite|near-duplicate]
                     [--base N] [--live N] [--send N] [--connections C] [--threads T]
                     [--input FILE]
Generates BASE + LIVE documents, indexes the first BASE (once per mode; kept in WORK),
sends the LIVE others (only the first N with --send N).
Defaults: build, BUILD/live-bench, rewrite, 100000, 10000, all, 8, 8,
../shared/data/reuters21578.jsonl
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build_dir=$2; shift 2 ;;
    --work) work_dir=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --base) base=$2; shift 2 ;;
    --live) live=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --send) send=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --input) input=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "live.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
build_dir=$(realpath "$build_dir")
[[ -n "$work_dir" ]] || work_dir="$build_dir/live-bench"
work_dir=$(realpath -m "$work_dir")
neardup="$build_dir/neardup"
live_load="$build_dir/bench/live_load"
[[ -x "$neardup" && -x "$live_load" ]] || {
  echo "live.sh: build neardup and live_load first (cmake --build $build_dir --target neardup live_load)" >&2
  exit 1
}
source "$src_dir/bench/machine.sh"
mkdir -p "$work_dir"
cd "$work_dir"

total=$((base + live))
corpus="corpus-$total.jsonl"
run() { echo "\$ $*" | sed "s|$build_dir/||g; s|$work_dir/||g"; "$@"; }

echo "| | |"
echo "|---|---|"
machine_rows "$src_dir"
echo
if [[ ! -s "$corpus" ]]; then
  run "$neardup" gen "$input" --docs "$total" --target-bytes 4096 --seed 1 -o "$corpus" --gold "gold-$total.tsv"
fi
head -n "$base" "$corpus" > base.jsonl
tail -n "$live" "$corpus" > live.jsonl
echo "base: $(wc -l < base.jsonl) documents, $(du -m base.jsonl | cut -f1) MB; live: $(wc -l < live.jsonl) documents"

base_db="base-$mode-$base-of-$total.db"
if [[ ! -d "$base_db" ]]; then
  start=$(date +%s.%N)
  echo "\$ neardup ingest --db $base_db --mode $mode base.jsonl > /dev/null"
  "$neardup" ingest --db "$base_db" --mode "$mode" base.jsonl > /dev/null
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "ingest: %.1f s\n", b - a }'
fi
# run.db starts as the base index. Table files (*.sst, *.blob) are immutable in RocksDB, so they are
# hard-linked (as RocksDB's own checkpoints do); the rest (MANIFEST, WAL, OPTIONS) is copied. A full
# copy wrote gigabytes whose write-back then competed with the server for the disk.
rm -rf run.db
mkdir run.db
for f in "$base_db"/*; do
  case "$f" in
    *.sst | *.blob) ln "$f" run.db/ ;;
    *) cp -r "$f" run.db/ ;;
  esac
done
sync

started=$(date +%s.%N)
"$neardup" serve --db run.db --port 0 --threads "$threads" 2> serve.err &
server=$!
# A server left behind would hold run.db and write into the next run's serve.err.
trap 'kill $server 2> /dev/null && wait $server 2> /dev/null || true' EXIT
port=""
# Opening reads the index's candidate records: about 5 s from the page cache, a minute or
# more when the base index has to come from disk (after a run that filled the cache).
for _ in $(seq 6000); do
  port=$(sed -nE 's|.*listening on http://[^:]+:([0-9]+).*|\1|p' serve.err)
  [[ -n "$port" ]] && break
  kill -0 $server 2> /dev/null || { cat serve.err >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "live.sh: the server did not start" >&2; exit 1; }
awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "server listening after %.1f s\n", b - a }'
echo "\$ neardup serve --db run.db --port 0 --threads $threads   # run.db: the index of $base_db"
run "$live_load" --port "$port" --connections "$connections" --docs "$send" live.jsonl
curl -s "http://127.0.0.1:$port/metrics" > metrics.txt || true
echo "server-side histogram of POST /v1/documents (cumulative):"
grep -E '^neardup_http_request_duration_seconds_(bucket|count)\{method="POST",route="/v1/documents"' metrics.txt |
  sed -E 's/.*le="([^"]+)"\} ([0-9]+)/  le \1 s: \2/; s/.*_count\{[^}]*\} ([0-9]+)/  count: \1/'
grep -E '^neardup_(documents|verdicts_total|memory_records|memory_bytes)' metrics.txt | sed 's/^/  /'
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$server/status) (now: anonymous $(awk '/RssAnon/ {print $2, $3}' /proc/$server/status), mapped files $(awk '/RssFile/ {print $2, $3}' /proc/$server/status))"
kill -TERM $server
wait $server
trap - EXIT
