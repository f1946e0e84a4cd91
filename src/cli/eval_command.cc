// `neardup eval`: flags -> EvalOptions -> Evaluate -> a table or one JSON object.
#include <iostream>
#include <memory>

#include "cli/common.h"
#include "neardup/pipeline/evaluate.h"

namespace neardup::cli {
namespace {

struct EvalFlags {
  std::string missing = "error";
  bool json = false;
  EvalOptions options;
};

int RunEvalCommand(EvalFlags& flags) {
  flags.options.missing = flags.missing == "singleton" ? MissingPolicy::kSingleton : MissingPolicy::kError;
  auto report = Evaluate(flags.options);
  if (!report.ok()) return Fail(report.status());
  if (flags.json) {
    WriteEvalJson(*report, &std::cout);
  } else {
    WriteEvalTable(*report, &std::cout);
  }
  return 0;
}

}  // namespace

void RegisterEvalCommand(CLI::App* app, int* exit_code) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* cmd = app->add_subcommand(
      "eval",
      "Score a clustering against gold labels: adjusted Rand index, pairwise precision,\n"
      "recall and F1 (over document pairs put in one cluster), and B-cubed precision,\n"
      "recall and F1 (per document, averaged). Definitions: docs/eval.md.\n\n"
      "GOLD is a TSV: id<TAB>cluster[<TAB>relation...], one document per line (a header\n"
      "line starting with 'id' and '#' comments are skipped). With a relation column\n"
      "(near_duplicate, contained, rewrite, hard_negative, ...) pairwise recall, precision\n"
      "and F1 are also broken down by relation (recall of a copy's pair with its original;\n"
      "precision of the predicted pairs touching the relation), with the documents of each\n"
      "relation that were merged with another gold cluster, and near-duplicate and\n"
      "contained copies are scored together on a line of their own. PRED is a TSV of the\n"
      "same shape or the verdict JSON Lines of 'neardup dedup' (detected from the content).\n\n"
      "Examples:\n"
      "  neardup gen articles.jsonl --docs 20000 -o corpus.jsonl --gold gold.tsv\n"
      "  neardup dedup corpus.jsonl --published-field published -o verdicts.jsonl\n"
      "  neardup eval --gold gold.tsv verdicts.jsonl\n"
      "  neardup eval --gold gold.tsv verdicts.jsonl --relation-column 4   # by kind of copy\n"
      "  neardup eval --gold gold.tsv verdicts.jsonl --json --exclude-pairs known.tsv");
  cmd->add_option("--gold", flags->options.gold_path, "Gold labels: TSV id<TAB>cluster[<TAB>relation]")
      ->required();
  cmd->add_option("PRED", flags->options.predicted_path,
                  "Predicted clusters: TSV id<TAB>cluster or 'neardup dedup' verdicts (JSON Lines)")
      ->required();
  cmd->add_option("--exclude-pairs", flags->options.exclude_pairs_path,
                  "File of id pairs (two tab-separated ids per line) left out of the pairwise "
                  "scores, e.g. pairs whose gold label is known to be doubtful");
  cmd->add_option("--missing", flags->missing,
                  "Documents in only one file: error (name a few and stop) or singleton (score "
                  "each as a cluster of its own on the side that lacks it)")
      ->capture_default_str()
      ->check(CLI::IsMember({"error", "singleton"}));
  cmd->add_option("--relation-column", flags->options.labels.relation_column,
                  "1-based gold column whose values the per-relation breakdown groups by (the "
                  "fourth column of 'neardup gen' gold files is the kind of copy)")
      ->capture_default_str()
      ->check(CLI::Range(3, 1000));
  cmd->add_flag("--json", flags->json, "Print one JSON object instead of a table");
  cmd->callback([flags, exit_code]() { *exit_code = RunEvalCommand(*flags); });
}

}  // namespace neardup::cli
