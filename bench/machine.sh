# Sourced by the benchmark scripts: prints Markdown table rows describing the commit and
# the machine a result was measured on. Usage: machine_rows SOURCE_DIR
machine_rows() {
  local src_dir=$1 commit cpu mem
  commit=$(git -C "$src_dir" rev-parse --short HEAD 2> /dev/null || echo unknown)
  # Results written to docs/bench/ by an earlier run do not count as changes.
  git -C "$src_dir" diff --quiet HEAD -- . ':!docs/bench' 2> /dev/null ||
    commit+=" (with uncommitted changes)"
  cpu=$(lscpu | sed -nE 's/^Model name: *//p' | head -1)
  mem=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
  echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
  echo "| commit | $commit |"
  echo "| machine | $(nproc) cores, $cpu, $mem RAM |"
  echo "| load average (1, 5, 15 min) at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
}
