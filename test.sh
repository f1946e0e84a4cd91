#!/usr/bin/env bash
# Builds neardup with its tests (installing missing Debian packages first) and runs the whole
# suite with ctest. Extra arguments go to ctest, e.g. ./test.sh -L unit
set -euo pipefail
cd "$(dirname "$0")"
source tools/deps.sh
neardup_install_deps
neardup_build
cd "${NEARDUP_BUILD_DIR:-build}"
exec ctest --output-on-failure -j "$(nproc)" "$@"
