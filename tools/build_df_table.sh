#!/bin/sh
# Rebuilds data/df_table_v1.tsv, the background document frequencies of stemmed content
# terms, from the Reuters-21578 and BBC News collections (see /work/shared/data/README.md
# for their provenance). Terms in fewer than 3 documents are left out to keep the table
# small; unseen terms get the highest IDF anyway.
#   tools/build_df_table.sh [DATA_DIR] [BUILD_DIR]
set -eu
data=${1:-../shared/data}
build=${2:-build}
ninja -C "$build" build_df_table
"$build"/bench/build_df_table data/df_table_v1.tsv 3 "$data"/reuters21578.jsonl "$data"/bbc-news.jsonl
