#include "neardup/pipeline/evaluate.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "neardup/base/json_writer.h"

namespace neardup {
namespace {

constexpr std::array<const char*, 6> kKnownRelations = {"original", "near_duplicate", "contained",
                                                        "rewrite",  "hard_negative",  "none"};
constexpr size_t kMissingShown = 5;

// Interns strings as dense numbers in order of first appearance.
class Interner {
 public:
  uint32_t Id(const std::string& s) {
    return ids_.try_emplace(s, static_cast<uint32_t>(ids_.size())).first->second;
  }

 private:
  absl::flat_hash_map<std::string, uint32_t> ids_;
};

std::string MissingError(const std::string& path, const std::string& other,
                         const std::vector<std::string>& ids, uint64_t count) {
  return absl::StrCat(count, " document(s) of ", path, " are not in ", other, ", e.g. ",
                      absl::StrJoin(ids, ", "),
                      " (--missing=singleton scores them as clusters of their own)");
}

// Writes the fields of one class's scores into the open object of `w`.
void WriteClassScores(const ClassScores& c, JsonWriter* w) {
  w->Key("documents"); w->Int(static_cast<int64_t>(c.documents));
  w->Key("gold_pairs"); w->Int(static_cast<int64_t>(c.gold_pairs));
  w->Key("found_pairs"); w->Int(static_cast<int64_t>(c.found_pairs));
  w->Key("recall"); w->Double(c.recall);
  w->Key("predicted_pairs"); w->Int(static_cast<int64_t>(c.predicted_pairs));
  w->Key("correct_pairs"); w->Int(static_cast<int64_t>(c.correct_pairs));
  w->Key("precision"); w->Double(c.precision);
  w->Key("f1"); w->Double(c.f1);
  w->Key("falsely_merged"); w->Int(static_cast<int64_t>(c.falsely_merged));
}

}  // namespace

absl::Status EvalOptions::Validate() const {
  if (gold_path.empty()) return absl::InvalidArgumentError("no gold file given");
  if (predicted_path.empty()) return absl::InvalidArgumentError("no predicted file given");
  return labels.Validate();
}

absl::StatusOr<EvalReport> Evaluate(const EvalOptions& options) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  absl::StatusOr<LabelFile> gold = ReadLabelFile(options.gold_path, options.labels);
  if (!gold.ok()) return gold.status();
  absl::StatusOr<LabelFile> pred = ReadLabelFile(options.predicted_path, options.labels);
  if (!pred.ok()) return pred.status();

  EvalReport report;
  report.gold_format = LabelFormatName(gold->format);
  report.predicted_format = LabelFormatName(pred->format);

  absl::flat_hash_map<std::string, uint32_t> pred_index;
  for (uint32_t i = 0; i < pred->records.size(); ++i) pred_index.emplace(pred->records[i].id, i);

  // Gold and predicted cluster labels are interned in separate spaces; a document
  // missing on one side gets a fresh label of its own there.
  Interner gold_labels;
  Interner pred_labels;
  Interner relations;
  for (const char* r : kKnownRelations) relations.Id(r);
  std::vector<uint32_t> g;
  std::vector<uint32_t> p;
  std::vector<uint32_t> rel;
  absl::flat_hash_map<std::string, uint32_t> position;
  std::vector<bool> pred_used(pred->records.size(), false);
  std::vector<std::string> missing_shown;
  const std::string kFresh("\x01");  // prefix no label read from a file can collide with
  for (const LabelRecord& r : gold->records) {
    const auto it = pred_index.find(r.id);
    if (it == pred_index.end()) {
      ++report.only_in_gold;
      if (missing_shown.size() < kMissingShown) missing_shown.push_back(r.id);
      p.push_back(pred_labels.Id(kFresh + r.id));
    } else {
      pred_used[it->second] = true;
      p.push_back(pred_labels.Id(pred->records[it->second].cluster));
    }
    position.emplace(r.id, static_cast<uint32_t>(g.size()));
    g.push_back(gold_labels.Id(r.cluster));
    rel.push_back(relations.Id(gold->has_relation ? r.relation : "none"));
  }
  if (report.only_in_gold > 0 && options.missing == MissingPolicy::kError) {
    return absl::InvalidArgumentError(
        MissingError(options.gold_path, options.predicted_path, missing_shown, report.only_in_gold));
  }
  missing_shown.clear();
  const uint32_t unlabelled = relations.Id("unlabelled");
  for (uint32_t i = 0; i < pred->records.size(); ++i) {
    if (pred_used[i]) continue;
    const LabelRecord& r = pred->records[i];
    ++report.only_in_predicted;
    if (missing_shown.size() < kMissingShown) missing_shown.push_back(r.id);
    position.emplace(r.id, static_cast<uint32_t>(g.size()));
    g.push_back(gold_labels.Id(kFresh + r.id));
    p.push_back(pred_labels.Id(r.cluster));
    rel.push_back(unlabelled);
  }
  if (report.only_in_predicted > 0 && options.missing == MissingPolicy::kError) {
    return absl::InvalidArgumentError(
        MissingError(options.predicted_path, options.gold_path, missing_shown, report.only_in_predicted));
  }

  std::vector<std::pair<uint32_t, uint32_t>> excluded;
  if (!options.exclude_pairs_path.empty()) {
    auto pairs = ReadIdPairs(options.exclude_pairs_path);
    if (!pairs.ok()) return pairs.status();
    report.excluded_pairs = pairs->size();
    for (const auto& [a, b] : *pairs) {
      const auto ia = position.find(a);
      const auto ib = position.find(b);
      if (ia == position.end() || ib == position.end()) {
        ++report.excluded_unknown;
        continue;
      }
      excluded.emplace_back(ia->second, ib->second);
    }
  }

  report.scores = ScoreClustering(g, p, excluded);
  if (gold->has_relation) {
    // Class names in interned order; drop classes with no documents.
    std::vector<std::string> names;
    {
      absl::flat_hash_map<uint32_t, std::string> by_id;
      for (const char* r : kKnownRelations) by_id[relations.Id(r)] = r;
      by_id[unlabelled] = "unlabelled";
      for (const LabelRecord& r : gold->records) by_id[relations.Id(r.relation)] = r.relation;
      names.resize(by_id.size());
      for (const auto& [id, name] : by_id) names[id] = name;
    }
    // Copies are scored against their cluster's original when the gold file names one.
    const uint32_t original = relations.Id("original");
    const bool anchored = std::find(rel.begin(), rel.end(), original) != rel.end();
    std::vector<ClassScores> scores =
        ScoreByClass(g, p, rel, names, anchored ? static_cast<int>(original) : -1, excluded);
    std::vector<bool> is_copy(names.size(), false);
    for (uint32_t id = 0; id < scores.size(); ++id) {
      if (scores[id].documents == 0) continue;
      is_copy[id] = std::find(std::begin(kCopyRelations), std::end(kCopyRelations), names[id]) !=
                    std::end(kCopyRelations);
      if (is_copy[id]) report.copy_relations.push_back(names[id]);
      report.by_relation.push_back(std::move(scores[id]));
    }
    if (report.copy_relations.size() >= 2) {
      // Scored again with the copy relations as one class (pairs between two of them
      // counted once); the anchor stays the anchor.
      enum : uint32_t { kCopy, kAnchor, kRest };
      std::vector<uint32_t> grouped(rel.size());
      for (size_t d = 0; d < rel.size(); ++d) {
        grouped[d] = is_copy[rel[d]] ? kCopy : (anchored && rel[d] == original ? kAnchor : kRest);
      }
      const std::vector<std::string> group_names = {"copies", "original", "rest"};
      report.copies =
          std::move(ScoreByClass(g, p, grouped, group_names, anchored ? static_cast<int>(kAnchor) : -1, excluded)[kCopy]);
    }
  }
  return report;
}

void WriteEvalTable(const EvalReport& r, std::ostream* out) {
  const ClusteringScores& s = r.scores;
  *out << absl::StrFormat("documents          %d (gold: %d clusters, predicted: %d clusters)\n", s.documents,
                          s.gold_clusters, s.predicted_clusters);
  if (r.only_in_gold + r.only_in_predicted > 0) {
    *out << absl::StrFormat("missing            %d only in gold, %d only in predicted (as singletons)\n",
                            r.only_in_gold, r.only_in_predicted);
  }
  if (r.excluded_pairs > 0) {
    *out << absl::StrFormat("excluded pairs     %d (%d naming unknown documents, ignored)\n", r.excluded_pairs,
                            r.excluded_unknown);
  }
  *out << absl::StrFormat("adjusted Rand      %.4f\n\n", s.adjusted_rand);
  *out << absl::StrFormat("%-10s %9s %9s %9s\n", "", "precision", "recall", "F1");
  *out << absl::StrFormat("%-10s %9.4f %9.4f %9.4f   (gold pairs %d, predicted %d, shared %d)\n", "pairwise",
                          s.pairwise.precision, s.pairwise.recall, s.pairwise.f1, s.pairs.gold,
                          s.pairs.predicted, s.pairs.both);
  *out << absl::StrFormat("%-10s %9.4f %9.4f %9.4f\n", "B-cubed", s.bcubed.precision, s.bcubed.recall,
                          s.bcubed.f1);
  if (r.by_relation.empty()) return;
  *out << absl::StrFormat("\n%-16s %9s %11s %11s %9s %9s %9s %14s\n", "relation", "documents", "gold pairs",
                          "found pairs", "recall", "precision", "F1", "falsely merged");
  for (const ClassScores& c : r.by_relation) {
    *out << absl::StrFormat("%-16s %9d %11d %11d %9.4f %9.4f %9.4f %14d\n", c.name, c.documents, c.gold_pairs,
                            c.found_pairs, c.recall, c.precision, c.f1, c.falsely_merged);
  }
  if (r.copies) {
    const ClassScores& c = *r.copies;
    *out << absl::StrFormat("\nnear-duplicate and contained copies as one class (%s):\n",
                            absl::StrJoin(r.copy_relations, ", "));
    *out << absl::StrFormat(
        "  precision %.4f (%d of %d predicted pairs), recall %.4f (%d of %d gold pairs), F1 %.4f\n", c.precision,
        c.correct_pairs, c.predicted_pairs, c.recall, c.found_pairs, c.gold_pairs, c.f1);
  }
}

void WriteEvalJson(const EvalReport& r, std::ostream* out) {
  const ClusteringScores& s = r.scores;
  JsonWriter w;
  auto scores = [&w](const char* key, const PrecisionRecall& pr) {
    w.Key(key);
    w.BeginObject();
    w.Key("precision"); w.Double(pr.precision);
    w.Key("recall"); w.Double(pr.recall);
    w.Key("f1"); w.Double(pr.f1);
    w.EndObject();
  };
  w.BeginObject();
  w.Key("gold_format"); w.String(r.gold_format);
  w.Key("predicted_format"); w.String(r.predicted_format);
  w.Key("documents"); w.Int(static_cast<int64_t>(s.documents));
  w.Key("gold_clusters"); w.Int(static_cast<int64_t>(s.gold_clusters));
  w.Key("predicted_clusters"); w.Int(static_cast<int64_t>(s.predicted_clusters));
  w.Key("only_in_gold"); w.Int(static_cast<int64_t>(r.only_in_gold));
  w.Key("only_in_predicted"); w.Int(static_cast<int64_t>(r.only_in_predicted));
  w.Key("excluded_pairs"); w.Int(static_cast<int64_t>(r.excluded_pairs));
  w.Key("excluded_unknown"); w.Int(static_cast<int64_t>(r.excluded_unknown));
  w.Key("adjusted_rand"); w.Double(s.adjusted_rand);
  w.Key("gold_pairs"); w.Int(static_cast<int64_t>(s.pairs.gold));
  w.Key("predicted_pairs"); w.Int(static_cast<int64_t>(s.pairs.predicted));
  w.Key("shared_pairs"); w.Int(static_cast<int64_t>(s.pairs.both));
  scores("pairwise", s.pairwise);
  scores("bcubed", s.bcubed);
  w.Key("by_relation");
  w.BeginObject();
  for (const ClassScores& c : r.by_relation) {
    w.Key(c.name);
    w.BeginObject();
    WriteClassScores(c, &w);
    w.EndObject();
  }
  w.EndObject();
  if (r.copies) {
    w.Key("copies");
    w.BeginObject();
    w.Key("relations");
    w.BeginArray();
    for (const std::string& name : r.copy_relations) w.String(name);
    w.EndArray();
    WriteClassScores(*r.copies, &w);
    w.EndObject();
  }
  w.EndObject();
  *out << w.str() << '\n';
}

}  // namespace neardup
