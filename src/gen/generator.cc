#include "neardup/gen/generator.h"

#include <array>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "neardup/base/document.h"
#include "neardup/base/json_writer.h"
#include "neardup/base/parallel.h"
#include "neardup/base/strings.h"
#include "neardup/gen/edits.h"
#include "neardup/gen/random.h"
#include "neardup/text/sentence.h"

namespace neardup {
namespace {

// Documents per block: planned, generated (in parallel), shuffled and written together.
constexpr uint64_t kBlockDocs = 4096;
constexpr uint64_t kPlanStream = ~uint64_t{0};
constexpr uint64_t kShuffleSalt = 0x5eed5eed5eedULL;

constexpr std::array<std::string_view, 10> kOutlets = {
    "Daily Ledger",       "Market Wire Online", "The Morning Post",  "Capital Times",  "Business Courier",
    "Global News Desk",   "Metro Herald",       "Finance Today",     "The Evening Star", "Newsline 24"};

struct Unit {
  enum class Type { kCluster, kHardNegative, kSingle };
  Type type = Type::kSingle;
  uint64_t cluster = 0;  // gold cluster number; also the unit's random stream
  uint32_t article = 0;  // the article (or, with target_bytes, the lead article)
  std::vector<CopyKind> copies;
};

// Decides, in order, what each unit of the corpus is and which articles it uses.
class Planner {
 public:
  Planner(const std::vector<SourceArticle>& articles, const GenOptions& options)
      : articles_(articles), options_(options), rng_(Rng::Derive(options.seed, kPlanStream)),
        used_(articles.size(), false) {
    order_.resize(articles.size());
    for (uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
    rng_.Shuffle(&order_);
    for (uint32_t i : order_) {
      for (const std::string& topic : articles[i].topics) {
        if (!articles[i].day.empty()) buckets_[BucketKey(topic, articles[i].day)].push_back(i);
      }
    }
    copies_target_ = static_cast<uint64_t>(std::llround(options.copy_rate * static_cast<double>(options.docs)));
  }

  // Plans the next block of units; returns false when the corpus is complete.
  absl::StatusOr<bool> NextBlock(std::vector<Unit>* units, GenStats* stats) {
    units->clear();
    uint64_t block_docs = 0;
    while (planned_ < options_.docs && block_docs < kBlockDocs) {
      const uint64_t before = planned_;
      absl::Status s = PlanUnit(units, stats);
      if (!s.ok()) return s;
      block_docs += planned_ - before;
    }
    return !units->empty();
  }

 private:
  static std::string BucketKey(std::string_view topic, std::string_view day) {
    return absl::StrCat(AsAbsl(topic), "\x1f", AsAbsl(day));
  }

  bool tiled() const { return options_.target_bytes > 0; }

  absl::StatusOr<uint32_t> TakeArticle() {
    if (tiled()) return order_[rng_.Below(order_.size())];
    while (cursor_ < order_.size() && used_[order_[cursor_]]) ++cursor_;
    if (cursor_ == order_.size()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "ran out of articles after ", planned_, " of ", options_.docs, " documents: each of the ",
          articles_.size(), " usable input articles is used once; ask for fewer --docs, a higher "
          "--copy-rate, or tile articles with --target-bytes"));
    }
    used_[order_[cursor_]] = true;
    return order_[cursor_];
  }

  // Returns another article of the same topic and day, or -1.
  int64_t TakeHardNegative(uint32_t original) {
    const SourceArticle& a = articles_[original];
    for (const std::string& topic : a.topics) {
      auto it = buckets_.find(BucketKey(topic, a.day));
      if (it == buckets_.end()) continue;
      const std::vector<uint32_t>& bucket = it->second;
      if (tiled()) {
        for (int attempt = 0; attempt < 4; ++attempt) {
          const uint32_t c = bucket[rng_.Below(bucket.size())];
          if (c != original) return c;
        }
        continue;
      }
      for (uint32_t c : bucket) {
        if (!used_[c]) {
          used_[c] = true;
          return c;
        }
      }
    }
    return -1;
  }

  absl::Status PlanUnit(std::vector<Unit>* units, GenStats* stats) {
    const uint64_t remaining = options_.docs - planned_;
    Unit unit;
    unit.cluster = next_cluster_++;
    const bool want_copies = !options_.kinds.empty() && remaining >= 2 &&
                             copies_planned_ < copies_target_ &&
                             static_cast<double>(copies_target_) * static_cast<double>(planned_ + 1) /
                                     static_cast<double>(options_.docs) >
                                 static_cast<double>(copies_planned_);
    absl::StatusOr<uint32_t> article = TakeArticle();
    if (!article.ok()) return article.status();
    unit.article = *article;
    if (!want_copies) {
      unit.type = Unit::Type::kSingle;
      units->push_back(std::move(unit));
      ++planned_;
      return absl::OkStatus();
    }
    unit.type = Unit::Type::kCluster;
    uint64_t k = static_cast<uint64_t>(rng_.Range(1, options_.max_copies));
    k = std::min({k, copies_target_ - copies_planned_, remaining - 1});
    for (uint64_t i = 0; i < k; ++i) {
      unit.copies.push_back(options_.kinds[kind_cursor_++ % options_.kinds.size()]);
    }
    copies_planned_ += k;
    planned_ += 1 + k;
    ++stats->originals;
    const uint32_t original = unit.article;
    units->push_back(std::move(unit));
    if (options_.hard_negatives && planned_ < options_.docs && rng_.Chance(options_.hard_negative_rate)) {
      const int64_t negative = TakeHardNegative(original);
      if (negative < 0) {
        ++stats->hard_negatives_missing;
      } else {
        Unit hn;
        hn.type = Unit::Type::kHardNegative;
        hn.cluster = next_cluster_++;
        hn.article = static_cast<uint32_t>(negative);
        units->push_back(std::move(hn));
        ++planned_;
      }
    }
    return absl::OkStatus();
  }

  const std::vector<SourceArticle>& articles_;
  const GenOptions& options_;
  Rng rng_;
  std::vector<uint32_t> order_;
  std::vector<bool> used_;
  size_t cursor_ = 0;
  absl::flat_hash_map<std::string, std::vector<uint32_t>> buckets_;
  uint64_t copies_target_ = 0;
  uint64_t copies_planned_ = 0;
  uint64_t planned_ = 0;
  uint64_t next_cluster_ = 0;
  uint64_t kind_cursor_ = 0;
};

// Makes the documents of one unit.
class UnitWriter {
 public:
  UnitWriter(const std::vector<SourceArticle>& articles, const SynonymTable& synonyms, const GenOptions& options)
      : articles_(articles), synonyms_(synonyms), options_(options) {
    if (options.target_bytes == 0) return;
    sentences_.reserve(articles.size());
    for (const SourceArticle& a : articles) sentences_.push_back(SplitSentences(a.text));
  }

  std::vector<GeneratedDoc> Make(const Unit& unit) const {
    Rng rng = Rng::Derive(options_.seed, unit.cluster);
    const SourceArticle& lead = articles_[unit.article];
    GeneratedDoc base;
    base.text = options_.target_bytes > 0 ? Tile(lead, &rng) : lead.text;
    base.title = lead.title;
    base.published = lead.published;
    base.source = options_.original_source;
    base.cluster = absl::StrCat("c", unit.cluster);
    std::vector<GeneratedDoc> out;
    if (unit.type == Unit::Type::kSingle || unit.type == Unit::Type::kHardNegative) {
      base.relation = base.kind = unit.type == Unit::Type::kSingle ? "none" : "hard_negative";
      out.push_back(std::move(base));
      return out;
    }
    base.relation = base.kind = "original";
    for (CopyKind kind : unit.copies) out.push_back(Copy(base, lead, kind, &rng));
    out.insert(out.begin(), std::move(base));
    return out;
  }

 private:
  // Returns the start of the lead article (at most a quarter of the target) followed by
  // edited runs of sentences from random articles (each at most a fifth of the target,
  // from a random sentence on), cut at a sentence end near options.target_bytes. Short
  // tiles keep two documents that happen to draw the same article far apart: at 1M
  // documents each article leads about 45 of them.
  std::string Tile(const SourceArticle& lead, Rng* rng) const {
    const uint64_t target = options_.target_bytes;
    std::string text = SentenceRun(lead.text, sentences_[static_cast<size_t>(&lead - articles_.data())], target / 4, 0);
    while (text.size() < target) {
      const size_t next = rng->Below(articles_.size());
      const std::string run =
          SentenceRun(articles_[next].text, sentences_[next], target / 5, rng->Below(sentences_[next].size()));
      // About one word in sixteen replaced: each use of an article differs from the others.
      absl::StrAppend(&text, "\n", ReplaceWords(run, synonyms_, static_cast<int>(run.size() / 80), rng));
    }
    if (text.size() > target + target / 8) {
      size_t cut = 0;
      for (const SentenceSpan& s : SplitSentences(text)) {
        if (s.end > target + target / 16) break;
        cut = s.end;
      }
      if (cut >= target * 3 / 4) text.resize(cut);
    }
    return text;
  }

  // Returns the sentences `s` of `text` from sentence `start` on, up to `max_bytes` (at
  // least one sentence).
  static std::string SentenceRun(std::string_view text, const std::vector<SentenceSpan>& s, uint64_t max_bytes,
                                 size_t start) {
    if (s.empty()) return std::string(text);
    start = std::min(start, s.size() - 1);
    size_t end = start + 1;
    while (end < s.size() && s[end].end - s[start].begin <= max_bytes) ++end;
    return std::string(text.substr(s[start].begin, s[end - 1].end - s[start].begin));
  }

  std::string Later(const std::string& published, Rng* rng) const {
    const std::optional<absl::Time> t = ParsePublished(published);
    if (!t) return published;
    return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", *t + absl::Minutes(rng->Range(5, 48 * 60)), absl::UTCTimeZone());
  }

  GeneratedDoc Copy(const GeneratedDoc& base, const SourceArticle& lead, CopyKind kind, Rng* rng) const {
    GeneratedDoc d;
    d.cluster = base.cluster;
    d.relation = std::string(CopyKindRelation(kind));
    d.kind = std::string(CopyKindName(kind));
    d.source = std::string(rng->Pick(kOutlets));
    d.published = Later(base.published, rng);
    d.title = TitleCase(base.title);
    switch (kind) {
      case CopyKind::kFurniture: {
        FurnitureContext ctx{d.title, d.source, d.published, lead.topics};
        d.text = AddPageFurniture(base.text, ctx, rng);
        if (rng->Chance(0.5)) d.title = absl::StrCat(d.title, " | ", d.source);
        break;
      }
      case CopyKind::kLightEdit:
        d.text = LightEdit(base.text, synonyms_, rng);
        break;
      case CopyKind::kExcerpt: {
        d.text = CutExcerpt(base.text, ExcerptOptions{}, rng);
        if (d.text.empty()) d.text = CutExcerpt(base.text, ExcerptOptions{0.15, 0.85}, rng);
        if (d.text.empty()) {
          const std::vector<SentenceSpan> s = SplitSentences(base.text);
          d.text = base.text.substr(s[0].begin, s[0].end - s[0].begin);
        }
        break;
      }
      case CopyKind::kRewrite:
        d.text = RewriteSentences(base.text, synonyms_, rng);
        d.title = ReplaceWords(d.title, synonyms_, 1, rng);
        break;
      case CopyKind::kComments:
        d.text = AppendComments(base.text, rng);
        break;
    }
    return d;
  }

  const std::vector<SourceArticle>& articles_;
  const SynonymTable& synonyms_;
  const GenOptions& options_;
  std::vector<std::vector<SentenceSpan>> sentences_;  // of each article, when tiling
};

}  // namespace

std::string_view CopyKindName(CopyKind kind) {
  switch (kind) {
    case CopyKind::kFurniture: return "furniture";
    case CopyKind::kLightEdit: return "light_edit";
    case CopyKind::kExcerpt: return "excerpt";
    case CopyKind::kRewrite: return "rewrite";
    case CopyKind::kComments: return "comments";
  }
  return "unknown";
}

std::string_view CopyKindRelation(CopyKind kind) {
  switch (kind) {
    case CopyKind::kExcerpt: return "contained";
    case CopyKind::kRewrite: return "rewrite";
    default: return "near_duplicate";
  }
}

absl::Status ParseKinds(std::string_view list, std::vector<CopyKind>* kinds, bool* hard_negatives) {
  kinds->clear();
  *hard_negatives = false;
  for (absl::string_view name : absl::StrSplit(AsAbsl(list), ',', absl::SkipWhitespace())) {
    if (name == "all") {
      for (int k = 0; k < kNumCopyKinds; ++k) kinds->push_back(static_cast<CopyKind>(k));
      *hard_negatives = true;
      continue;
    }
    if (name == "hard_negative") {
      *hard_negatives = true;
      continue;
    }
    bool found = false;
    for (int k = 0; k < kNumCopyKinds; ++k) {
      if (AsStd(name) == CopyKindName(static_cast<CopyKind>(k))) {
        kinds->push_back(static_cast<CopyKind>(k));
        found = true;
      }
    }
    if (!found) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown kind \"", name, "\": use furniture, light_edit, excerpt, rewrite, comments, hard_negative or all"));
    }
  }
  return absl::OkStatus();
}

absl::Status GenOptions::Validate() const {
  if (docs == 0) return absl::InvalidArgumentError("docs must be at least 1");
  if (!(copy_rate >= 0 && copy_rate <= 0.95)) {
    return absl::InvalidArgumentError(absl::StrCat("copy rate must be in [0, 0.95], got ", copy_rate));
  }
  if (copy_rate > 0 && kinds.empty()) {
    return absl::InvalidArgumentError("a copy rate above 0 needs at least one kind of copy");
  }
  if (max_copies < 1 || max_copies > 50) {
    return absl::InvalidArgumentError(absl::StrCat("max copies must be in [1, 50], got ", max_copies));
  }
  if (!(hard_negative_rate >= 0 && hard_negative_rate <= 1)) {
    return absl::InvalidArgumentError("hard negative rate must be in [0, 1]");
  }
  if (target_bytes != 0 && target_bytes < 256) {
    return absl::InvalidArgumentError(absl::StrCat("target bytes must be 0 (off) or at least 256, got ", target_bytes));
  }
  if (threads < 1) return absl::InvalidArgumentError("threads must be at least 1");
  return absl::OkStatus();
}

absl::StatusOr<GenStats> GenerateCorpus(const std::vector<SourceArticle>& articles, const SynonymTable& synonyms,
                                        const GenOptions& options,
                                        const std::function<absl::Status(const GeneratedDoc&)>& sink) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  if (articles.empty()) return absl::FailedPreconditionError("no usable input articles");
  GenStats stats;
  Planner planner(articles, options);
  const UnitWriter writer(articles, synonyms, options);
  std::vector<Unit> units;
  for (uint64_t block = 0;; ++block) {
    absl::StatusOr<bool> more = planner.NextBlock(&units, &stats);
    if (!more.ok()) return more.status();
    if (!*more) break;
    std::vector<std::vector<GeneratedDoc>> made(units.size());
    ParallelFor(options.threads, units.size(), [&](size_t i, int) { made[i] = writer.Make(units[i]); });
    std::vector<GeneratedDoc> docs;
    for (auto& m : made) {
      for (auto& d : m) docs.push_back(std::move(d));
    }
    Rng shuffle = Rng::Derive(options.seed ^ kShuffleSalt, block);
    shuffle.Shuffle(&docs);
    stats.clusters += units.size();
    for (GeneratedDoc& d : docs) {
      d.id = absl::StrFormat("g%08d", stats.docs);
      ++stats.docs;
      stats.bytes += d.text.size();
      ++stats.by_kind[d.kind];
      if (d.relation != "original" && d.relation != "none" && d.relation != "hard_negative") ++stats.copies;
      if (absl::Status s = sink(d); !s.ok()) return s;
    }
  }
  return stats;
}

void AppendCorpusRecord(const GeneratedDoc& doc, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(doc.id, out);
  out->append(",\"text\":");
  AppendJsonString(doc.text, out);
  out->append(",\"title\":");
  AppendJsonString(doc.title, out);
  out->append(",\"published\":");
  AppendJsonString(doc.published, out);
  out->append(",\"source\":");
  AppendJsonString(doc.source, out);
  out->append("}\n");
}

void AppendGoldRecord(const GeneratedDoc& doc, std::string* out) {
  absl::StrAppend(out, doc.id, "\t", doc.cluster, "\t", doc.relation, "\t", doc.kind, "\n");
}

}  // namespace neardup
