#!/usr/bin/env bash
# Builds neardup (installing missing Debian packages first) and runs it.
# With no arguments: deduplicates the bundled corpus/ and prints its clusters for a person to read.
# With arguments: passes them to neardup, e.g. ./run.sh dedup data.jsonl -o verdicts.jsonl
set -euo pipefail
cd "$(dirname "$0")"
source tools/deps.sh
neardup_install_deps
neardup_build --target neardup
bin="${NEARDUP_BUILD_DIR:-build}/neardup"
if [ $# -eq 0 ]; then
  exec "$bin" dedup corpus/ --format text
fi
exec "$bin" "$@"
