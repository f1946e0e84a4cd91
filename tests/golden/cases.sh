# The golden cases: name -> neardup arguments, run from the repository root.
# Expected outputs live in tests/golden/expected/<name>.
declare -A GOLDEN_CASES=(
  [dedup_corpus.jsonl]="dedup corpus/ --threads 2 --clusters -"
  [dedup_corpus_text.txt]="dedup corpus/ --format text"
  [dedup_fixtures_exact.jsonl]="dedup corpus/fixtures/wire.jsonl --exact --published-field published"
  [dedup_malformed_skip.jsonl]="dedup tests/golden/inputs/malformed.jsonl --on-error skip"
  [compare_wire.txt]="compare --in corpus/fixtures/wire.jsonl wire-1 wire-2"
  [compare_wire.json]="compare --in corpus/fixtures/wire.jsonl wire-1 wire-3 --json"
)
