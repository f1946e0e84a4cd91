# The golden cases: name -> neardup arguments, run from the repository root.
# Expected outputs live in tests/golden/expected/<name>.
declare -A GOLDEN_CASES=(
  [dedup_corpus.jsonl]="dedup corpus/ --threads 2 --clusters -"
  [dedup_corpus_text.txt]="dedup corpus/ --format text"
  [dedup_fixtures_exact.jsonl]="dedup corpus/fixtures/wire.jsonl --exact --published-field published"
  [dedup_malformed_skip.jsonl]="dedup tests/golden/inputs/malformed.jsonl --on-error skip"
  [compare_wire.txt]="compare --in corpus/fixtures/wire.jsonl wire-1 wire-2"
  [dedup_seeds_near_duplicate.txt]="dedup corpus/seeds --mode near-duplicate --format text"
  [eval_seeds.txt]="dedup corpus/seeds -q -o /dev/stdout | \"$bin\" eval --gold corpus/seeds/gold.tsv /dev/stdin"
  [compare_seeds_rewrite.txt]="compare corpus/seeds/001_04081f6c42232b4e.txt corpus/seeds/002_934675ae537c4f87.txt --passages 3"
  [ingest_seeds.jsonl]="ingest --db \"$out/seeds1.db\" corpus/seeds -q"
  [ingest_seeds_clusters.jsonl]="ingest --db \"$out/seeds2.db\" corpus/seeds -q --clusters \"$out/seeds2.clusters\" >/dev/null && cat \"$out/seeds2.clusters\""
  [dedup_corpus_side_outputs.txt]="dedup corpus/ --threads 2 -q -o \"$out/v\" --pairs \"$out/p\" --clusters \"$out/c\" && cat \"$out/v\" \"$out/p\" \"$out/c\""
  [compare_wire.json]="compare --in corpus/fixtures/wire.jsonl wire-1 wire-3 --json"
)
