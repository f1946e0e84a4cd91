#include "neardup/store/live_store.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "neardup/base/status_macros.h"
#include "neardup/base/strings.h"
#include "rocksdb/cache.h"
#include "rocksdb/convenience.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace neardup {
namespace {

// Keys: one byte of kind, then the big-endian seq, so that a scan visits documents in
// order of addition.
constexpr char kFormatKey[] = "!format";
constexpr char kParametersKey[] = "!parameters";
constexpr char kNextSeqKey[] = "!next_seq";
// Each kind of record has a column family of its own, so that every family's keys grow
// at its end: a flushed file then overlaps no older one, and compactions do not rewrite
// the older records (with one family, a flushed file spanned all three ranges and each
// compaction rewrote most of level 1).
constexpr char kDocKind = 'D';
// What a later document reads to verify a pair with this one: its shingle set and, in
// rewrite mode, the outline of its features (sentences and sorted postings,
// RewriteMayHold's input).
constexpr char kCandidateKind = 'C';
constexpr char kFeaturesKind = 'F';  // the rest of the features
// The column families: the default one holds the !keys, then one per kind.
constexpr std::array<const char*, 4> kFamilies = {"default", "documents", "candidates", "features"};
size_t FamilyOf(char kind) { return kind == kDocKind ? 1 : kind == kCandidateKind ? 2 : 3; }

// Reads of candidates on every add: block checksums are verified when RocksDB writes and
// compacts files, not again on each of these reads (as in LevelDB's default), where
// checking the blocks of 6-9 KB values cost 5% of an add.
rocksdb::ReadOptions CandidateReads() {
  rocksdb::ReadOptions read;
  read.verify_checksums = false;
  return read;
}

std::string Key(char kind, uint32_t seq) {
  std::string key(5, '\0');
  key[0] = kind;
  for (int i = 0; i < 4; ++i) key[static_cast<size_t>(1 + i)] = static_cast<char>(seq >> (24 - 8 * i));
  return key;
}

// The seq of a 5-byte key.
uint32_t SeqOf(std::string_view key) {
  uint32_t seq = 0;
  for (size_t i = 1; i < 5; ++i) seq = seq << 8 | static_cast<uint8_t>(key[i]);
  return seq;
}

// Copies the outline of `f` (its sentences and cached postings) into `*out`.
void CopyOutline(const RewriteFeatures& f, RewriteFeatures* out) {
  out->sentences = f.sentences;
  out->postings = f.postings;
  if (f.postings_cached && f.posting_starts.size() == f.posting_terms.size() + 1) {
    out->posting_terms = f.posting_terms;
    out->posting_starts = f.posting_starts;
    out->postings_cached = true;
  } else {
    out->IndexCachedPostings();
  }
}

absl::Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return absl::OkStatus();
  if (s.IsNotFound()) return absl::NotFoundError(absl::StrCat(AsAbsl(what), ": not found"));
  if (s.IsCorruption()) return absl::DataLossError(absl::StrCat(AsAbsl(what), ": ", s.ToString()));
  return absl::InternalError(absl::StrCat(AsAbsl(what), ": ", s.ToString()));
}

// The encoded size of arrays (Encoder::PutArray).
template <typename... T>
size_t ArraysBytes(absl::Span<const T>... v) {
  return ((sizeof(uint64_t) + v.size() * sizeof(T)) + ... + 0);
}

// Little-endian, fixed-width encoding of plain values and arrays of them.
class Encoder {
 public:
  // Makes room for `bytes` (records are tens of KB: growing by doubling would copy them
  // several times).
  void Reserve(size_t bytes) { out_.reserve(bytes); }
  template <typename T>
  void Put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  template <typename T>
  void PutArray(absl::Span<const T> v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put(static_cast<uint64_t>(v.size()));
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void PutString(std::string_view s) { PutArray(absl::Span<const char>(s.data(), s.size())); }
  void PutTime(const std::optional<absl::Time>& t) {
    Put<uint8_t>(t.has_value());
    Put<int64_t>(t ? absl::ToUnixNanos(*t) : 0);
  }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  template <typename T>
  bool Get(T* v) {
    if (in_.size() < sizeof(T)) return false;
    std::memcpy(v, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
    return true;
  }
  template <typename T>
  bool GetArray(std::vector<T>* v) {
    uint64_t n = 0;
    if (!Get(&n) || n > in_.size() / sizeof(T)) return false;
    v->resize(n);
    std::memcpy(v->data(), in_.data(), n * sizeof(T));
    in_.remove_prefix(n * sizeof(T));
    return true;
  }
  bool GetString(std::string* s) {
    std::vector<char> chars;
    if (!GetArray(&chars)) return false;
    s->assign(chars.begin(), chars.end());
    return true;
  }
  bool GetTime(std::optional<absl::Time>* t) {
    uint8_t has = 0;
    int64_t nanos = 0;
    if (!Get(&has) || !Get(&nanos)) return false;
    *t = has ? std::optional<absl::Time>(absl::FromUnixNanos(nanos)) : std::nullopt;
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

void PutEdge(const ScoredEdge& e, Encoder* enc) {
  enc->Put(e.a);
  enc->Put(static_cast<uint8_t>(e.relation));
  enc->Put(e.scores.intersection);
  enc->Put(e.scores.jaccard);
  enc->Put(e.scores.containment_a_in_b);
  enc->Put(e.scores.containment_b_in_a);
  enc->Put(e.strength);
  enc->Put(e.coverage_a);
  enc->Put(e.coverage_b);
  enc->Put(e.order);
  enc->Put(e.aligned_sentences);
}

bool GetEdge(uint32_t b, Decoder* dec, ScoredEdge* e) {
  uint8_t relation = 0;
  e->b = b;
  const bool ok = dec->Get(&e->a) && dec->Get(&relation) && dec->Get(&e->scores.intersection) &&
                  dec->Get(&e->scores.jaccard) && dec->Get(&e->scores.containment_a_in_b) &&
                  dec->Get(&e->scores.containment_b_in_a) && dec->Get(&e->strength) &&
                  dec->Get(&e->coverage_a) && dec->Get(&e->coverage_b) && dec->Get(&e->order) &&
                  dec->Get(&e->aligned_sentences);
  e->relation = static_cast<Relation>(relation);
  return ok && relation <= static_cast<uint8_t>(Relation::kRewrite) && e->a < b;
}

std::string EncodeDocument(const StoredDocument& d) {
  Encoder enc;
  enc.Reserve(d.id.size() + 128 +
              ArraysBytes(absl::MakeConstSpan(d.signature), absl::MakeConstSpan(d.rare_keys),
                          absl::MakeConstSpan(d.terms), absl::MakeConstSpan(d.sentence_hashes)) +
              d.edges.size() * (sizeof(ScoredEdge) + 8));
  enc.PutString(d.id);
  enc.PutTime(d.published);
  enc.PutTime(d.added);
  enc.Put(d.text_bytes);
  enc.Put(d.tokens);
  enc.Put(d.fingerprint);
  enc.PutArray(absl::MakeConstSpan(d.signature));
  enc.PutArray(absl::MakeConstSpan(d.rare_keys));
  enc.PutArray(absl::MakeConstSpan(d.terms));
  enc.PutArray(absl::MakeConstSpan(d.sentence_hashes));
  enc.Put(static_cast<uint64_t>(d.edges.size()));
  for (const ScoredEdge& e : d.edges) PutEdge(e, &enc);
  return std::move(enc.str());
}

bool DecodeDocument(uint32_t seq, std::string_view value, StoredDocument* d) {
  Decoder dec(value);
  d->seq = seq;
  std::optional<absl::Time> added;
  uint64_t edges = 0;
  if (!(dec.GetString(&d->id) && dec.GetTime(&d->published) && dec.GetTime(&added) &&
        dec.Get(&d->text_bytes) && dec.Get(&d->tokens) && dec.Get(&d->fingerprint) &&
        dec.GetArray(&d->signature) && dec.GetArray(&d->rare_keys) && dec.GetArray(&d->terms) &&
        dec.GetArray(&d->sentence_hashes) && dec.Get(&edges) && added.has_value() &&
        edges <= value.size())) {
    return false;
  }
  d->added = *added;
  d->edges.resize(edges);
  for (ScoredEdge& e : d->edges) {
    if (!GetEdge(seq, &dec, &e)) return false;
  }
  return dec.done();
}

// A candidate record: the shingle set, then the outline of the features (empty without
// features). The outline carries the sorted postings: scoring needs them and sorting them
// again for every candidate pair would cost more than reading them. The rest of the
// features, read only for the few pairs that RewriteMayHold lets through, is stored
// apart (EncodeDetails).
std::string EncodeCandidate(absl::Span<const ShingleKey> shingle_set, const RewriteFeatures* f) {
  static_assert(std::is_trivially_copyable_v<RewriteFeatures::Sentence>);
  static_assert(std::is_trivially_copyable_v<RewriteFeatures::Posting>);
  const auto sentences =
      f != nullptr ? absl::MakeConstSpan(f->sentences) : absl::Span<const RewriteFeatures::Sentence>();
  const auto postings =
      f != nullptr ? absl::MakeConstSpan(f->postings) : absl::Span<const RewriteFeatures::Posting>();
  Encoder enc;
  enc.Reserve(ArraysBytes(shingle_set, sentences, postings));
  enc.PutArray(shingle_set);
  enc.PutArray(sentences);
  enc.PutArray(postings);
  return std::move(enc.str());
}

std::string EncodeDetails(const RewriteFeatures& f) {
  Encoder enc;
  enc.Reserve(ArraysBytes(absl::MakeConstSpan(f.terms), absl::MakeConstSpan(f.weights),
                          absl::MakeConstSpan(f.words), absl::MakeConstSpan(f.grams),
                          absl::MakeConstSpan(f.numbers)));
  enc.PutArray(absl::MakeConstSpan(f.terms));
  enc.PutArray(absl::MakeConstSpan(f.weights));
  enc.PutArray(absl::MakeConstSpan(f.words));
  enc.PutArray(absl::MakeConstSpan(f.grams));
  enc.PutArray(absl::MakeConstSpan(f.numbers));
  return std::move(enc.str());
}

// Returns the line of `parameters` named like `line` ("name=value"), or "" if none.
std::string_view ParameterNamed(std::string_view parameters, std::string_view line) {
  const std::string_view name = line.substr(0, line.find('='));
  for (const absl::string_view other : absl::StrSplit(AsAbsl(parameters), '\n')) {
    if (AsStd(other).substr(0, other.find('=')) == name) return AsStd(other);
  }
  return {};
}

absl::Status CheckParameters(const std::string& dir, std::string_view stored, std::string_view wanted) {
  if (stored == wanted) return absl::OkStatus();
  for (const absl::string_view line : absl::StrSplit(AsAbsl(wanted), '\n')) {
    const std::string_view have = ParameterNamed(stored, AsStd(line));
    if (have != AsStd(line)) {
      return absl::FailedPreconditionError(
          absl::StrCat(dir, ": the index was made with ", AsAbsl(have.empty() ? "another version" : have),
                       ", not ", line,
                       "; open it with the same settings or use a new --db directory"));
    }
  }
  return absl::FailedPreconditionError(
      absl::StrCat(dir, ": the index was made with other settings:\n", AsAbsl(stored)));
}

}  // namespace

uint64_t CandidateRecord::memory_bytes() const {
  // With the shared pointer's control block and the slot that holds it.
  return sizeof(CandidateRecord) + 64 + shingles.capacity() * sizeof(ShingleKey) + outline.memory_bytes();
}

LiveStore::LiveStore(std::string dir, std::unique_ptr<rocksdb::DB> db,
                     std::vector<rocksdb::ColumnFamilyHandle*> families, const LiveStoreOptions& options)
    : dir_(std::move(dir)),
      db_(std::move(db)),
      families_(std::move(families)),
      sync_(options.sync),
      hot_budget_(options.hot_bytes),
      load_hot_(options.load_hot) {}

LiveStore::~LiveStore() {
  for (rocksdb::ColumnFamilyHandle* f : families_) db_->DestroyColumnFamilyHandle(f);
}

rocksdb::ColumnFamilyHandle* LiveStore::Family(char kind) const { return families_[FamilyOf(kind)]; }

namespace {

// This layout's name, as stored under kFormatKey.
std::string FormatName() { return absl::StrCat("neardup-live-", kLiveStoreFormatVersion); }

// The refusal of an index stored in another layout, with what to do.
absl::Status OtherFormat(const std::string& dir, std::string_view stored_format) {
  return absl::FailedPreconditionError(
      absl::StrCat(dir, ": index format ", AsAbsl(stored_format), ", this neardup reads ", FormatName(),
                   "; make a new index from the documents (neardup ingest --db NEW_DIR ...)"));
}

// The error for a database without this layout's column families: an index of an
// earlier format (it names it), or not an index.
absl::Status OtherLayout(const std::string& dir, const rocksdb::Options& options, const rocksdb::Status& why) {
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(options, dir, &raw).ok()) return FromRocks(why, dir);
  const std::unique_ptr<rocksdb::DB> db(raw);
  std::string stored_format;
  if (!db->Get(rocksdb::ReadOptions(), kFormatKey, &stored_format).ok() || stored_format == FormatName()) {
    return FromRocks(why, dir);
  }
  return OtherFormat(dir, stored_format);
}

}  // namespace

absl::StatusOr<std::unique_ptr<LiveStore>> LiveStore::Open(const std::string& dir,
                                                           const LiveStoreOptions& options) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(std::filesystem::path(dir) / "CURRENT", ec);
  if (!exists && !options.create_if_missing) {
    return absl::NotFoundError(
        absl::StrCat(dir, ": no index here (create one with neardup ingest --db ", dir, ")"));
  }
  rocksdb::Options db_options;
  db_options.create_if_missing = options.create_if_missing;
  db_options.create_missing_column_families = !exists;
  db_options.IncreaseParallelism(2);
  // Candidates' shingle sets and feature outlines are read back on every add, from
  // anywhere in the index. Uncompressed files read through mmap make those reads cheap (no
  // read call, no decompression, no copy into a cache); compression saved only 7% of the
  // space (docs/bench/live.md). A block cache for the rest, Bloom filters for the point
  // lookups.
  db_options.compression = rocksdb::kNoCompression;
  db_options.allow_mmap_reads = true;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kFamilies) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(db_options));
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status opened = rocksdb::DB::Open(db_options, dir, descriptors, &families, &raw);
  if (opened.IsInvalidArgument() && exists) return OtherLayout(dir, db_options, opened);
  NEARDUP_RETURN_IF_ERROR(FromRocks(opened, dir));
  std::unique_ptr<LiveStore> store(
      new LiveStore(dir, std::unique_ptr<rocksdb::DB>(raw), std::move(families), options));
  rocksdb::DB& db = *store->db_;
  const std::string format = FormatName();
  std::string stored_format;
  const rocksdb::Status got = db.Get(rocksdb::ReadOptions(), kFormatKey, &stored_format);
  if (got.IsNotFound()) {
    rocksdb::WriteOptions write;
    write.sync = true;
    NEARDUP_RETURN_IF_ERROR(FromRocks(db.Put(write, kFormatKey, format), dir));
    return store;
  }
  NEARDUP_RETURN_IF_ERROR(FromRocks(got, dir));
  if (stored_format != format) return OtherFormat(dir, stored_format);
  std::string next;
  const rocksdb::Status got_next = db.Get(rocksdb::ReadOptions(), kNextSeqKey, &next);
  if (!got_next.IsNotFound()) {
    NEARDUP_RETURN_IF_ERROR(FromRocks(got_next, dir));
    if (next.size() != 5) return absl::DataLossError(absl::StrCat(dir, ": a damaged sequence number"));
    for (int i = 1; i < 5; ++i) store->next_seq_ = store->next_seq_ << 8 | static_cast<uint8_t>(next[static_cast<size_t>(i)]);
  }
  std::string stored;
  const rocksdb::Status params = db.Get(rocksdb::ReadOptions(), kParametersKey, &stored);
  if (!params.IsNotFound()) {
    NEARDUP_RETURN_IF_ERROR(FromRocks(params, dir));
    store->parameters_ = std::move(stored);
  }
  NEARDUP_RETURN_IF_ERROR(store->LoadHot());
  return store;
}

absl::Status LiveStore::MatchParameters(const std::string& parameters) {
  if (parameters_) return CheckParameters(dir_, *parameters_, parameters);
  rocksdb::WriteOptions write;
  write.sync = true;
  NEARDUP_RETURN_IF_ERROR(FromRocks(db_->Put(write, kParametersKey, parameters), dir_));
  parameters_ = parameters;
  return absl::OkStatus();
}

absl::Status LiveStore::Put(const StoredDocument& doc, absl::Span<const ShingleKey> shingle_set,
                            const RewriteFeatures* features) {
  std::optional<RewriteFeatures> cached;
  if (features != nullptr && !features->postings_cached) {
    cached = *features;
    cached->CachePostings();
    features = &*cached;
  }
  const std::string record = EncodeDocument(doc);
  const std::string candidate = EncodeCandidate(shingle_set, features);
  const std::string details = features != nullptr ? EncodeDetails(*features) : std::string();
  // Room for the values, their keys and the batch's own headers, in one allocation.
  rocksdb::WriteBatch batch(record.size() + candidate.size() + details.size() + 256);
  batch.Put(Family(kDocKind), Key(kDocKind, doc.seq), record);
  batch.Put(kNextSeqKey, Key(kDocKind, doc.seq + 1));
  batch.Put(Family(kCandidateKind), Key(kCandidateKind, doc.seq), candidate);
  if (features != nullptr) batch.Put(Family(kFeaturesKind), Key(kFeaturesKind, doc.seq), details);
  rocksdb::WriteOptions write;
  write.sync = sync_;
  NEARDUP_RETURN_IF_ERROR(FromRocks(db_->Write(write, &batch), dir_));
  if (hot_budget_ > 0) {
    auto record = std::make_shared<CandidateRecord>();
    record->shingles.assign(shingle_set.begin(), shingle_set.end());
    if (features != nullptr) CopyOutline(*features, &record->outline);
    KeepHot(doc.seq, std::move(record));
  }
  return absl::OkStatus();
}

absl::Status LiveStore::Delete(absl::Span<const uint32_t> seqs) {
  rocksdb::WriteBatch batch;
  for (const uint32_t seq : seqs) {
    for (const char kind : {kDocKind, kCandidateKind, kFeaturesKind}) batch.Delete(Family(kind), Key(kind, seq));
  }
  rocksdb::WriteOptions write;
  write.sync = sync_;
  NEARDUP_RETURN_IF_ERROR(FromRocks(db_->Write(write, &batch), dir_));
  absl::MutexLock lock(&hot_mu_);
  for (const uint32_t seq : seqs) {
    std::shared_ptr<const CandidateRecord>* kept = HotSlot(seq);
    if (kept == nullptr || *kept == nullptr) continue;
    hot_used_ -= (*kept)->memory_bytes();
    --hot_kept_;
    kept->reset();
  }
  return absl::OkStatus();
}

absl::Status LiveStore::GetDocument(uint32_t seq, StoredDocument* out) const {
  rocksdb::PinnableSlice value;
  NEARDUP_RETURN_IF_ERROR(FromRocks(
      db_->Get(rocksdb::ReadOptions(), Family(kDocKind), Key(kDocKind, seq), &value),
      absl::StrCat(dir_, ": document ", seq)));
  if (!DecodeDocument(seq, value.ToStringView(), out)) {
    return absl::DataLossError(absl::StrCat(dir_, ": the record of document ", seq, " is damaged"));
  }
  return absl::OkStatus();
}

absl::Status LiveStore::GetShingles(uint32_t seq, std::vector<ShingleKey>* out) const {
  if (const std::shared_ptr<const CandidateRecord> hot = FindHot(seq)) {
    out->assign(hot->shingles.begin(), hot->shingles.end());
    return absl::OkStatus();
  }
  rocksdb::PinnableSlice value;
  NEARDUP_RETURN_IF_ERROR(ReadCandidate(seq, &value));
  return DecodeCandidate(seq, value.ToStringView(), out, nullptr);
}

absl::Status LiveStore::GetFeatures(uint32_t seq, RewriteFeatures* out) const {
  if (const std::shared_ptr<const CandidateRecord> hot = FindHot(seq)) {
    out->clear();
    CopyOutline(hot->outline, out);
    return GetFeatureDetails(seq, out);
  }
  rocksdb::PinnableSlice value;
  NEARDUP_RETURN_IF_ERROR(ReadCandidate(seq, &value));
  std::vector<ShingleKey> shingles;
  NEARDUP_RETURN_IF_ERROR(DecodeCandidate(seq, value.ToStringView(), &shingles, out));
  return GetFeatureDetails(seq, out);
}

void LiveStore::GetCandidates(absl::Span<const uint32_t> seqs,
                              std::vector<std::shared_ptr<const CandidateRecord>>* records,
                              std::vector<absl::Status>* status) const {
  const size_t n = seqs.size();
  records->assign(n, nullptr);
  status->assign(n, absl::OkStatus());
  std::vector<size_t> cold;  // positions of the records not in memory
  {
    absl::ReaderMutexLock lock(&hot_mu_);
    for (size_t i = 0; i < n; ++i) {
      if (const auto* slot = HotSlot(seqs[i])) (*records)[i] = *slot;
      if ((*records)[i] == nullptr) cold.push_back(i);
    }
  }
  if (cold.empty()) return;
  const size_t m = cold.size();
  std::vector<std::string> keys;
  keys.reserve(m);
  for (const size_t i : cold) keys.push_back(Key(kCandidateKind, seqs[i]));
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(m);
  std::vector<rocksdb::Status> got(m);
  db_->MultiGet(CandidateReads(), Family(kCandidateKind), m, slices.data(), values.data(), got.data());
  for (size_t k = 0; k < m; ++k) {
    const size_t i = cold[k];
    absl::Status& st = (*status)[i];
    st = FromRocks(got[k], absl::StrCat(dir_, ": document ", seqs[i]));
    if (!st.ok()) continue;
    auto record = std::make_shared<CandidateRecord>();
    st = DecodeCandidate(seqs[i], values[k].ToStringView(), &record->shingles, &record->outline);
    if (!st.ok()) continue;
    (*records)[i] = record;
    if (hot_budget_ > 0) KeepHot(seqs[i], std::move(record));
  }
}

std::shared_ptr<const CandidateRecord>* LiveStore::HotSlot(uint32_t seq) const {
  if (seq < hot_first_ || seq - hot_first_ >= hot_.size()) return nullptr;
  return &hot_[seq - hot_first_];
}

std::shared_ptr<const CandidateRecord> LiveStore::FindHot(uint32_t seq) const {
  absl::ReaderMutexLock lock(&hot_mu_);
  const std::shared_ptr<const CandidateRecord>* slot = HotSlot(seq);
  return slot == nullptr ? nullptr : *slot;
}

bool LiveStore::KeepHot(uint32_t seq, std::shared_ptr<const CandidateRecord> record) const {
  const uint64_t bytes = record->memory_bytes();
  absl::MutexLock lock(&hot_mu_);
  if (hot_used_ + bytes > hot_budget_ && (hot_kept_ == 0 || seq < hot_first_)) return false;
  if (hot_.empty()) hot_first_ = seq;
  while (seq < hot_first_) {
    hot_.emplace_front();
    --hot_first_;
  }
  while (seq - hot_first_ >= hot_.size()) hot_.emplace_back();
  std::shared_ptr<const CandidateRecord>& slot = hot_[seq - hot_first_];
  if (slot != nullptr) return true;  // read twice at once: kept already
  slot = std::move(record);
  hot_used_ += bytes;
  ++hot_kept_;
  // Over the budget: the oldest go (and the empty slots before the first kept).
  while (!hot_.empty() && (hot_used_ > hot_budget_ || hot_.front() == nullptr)) {
    if (hot_.front() != nullptr) {
      hot_used_ -= hot_.front()->memory_bytes();
      --hot_kept_;
    }
    hot_.pop_front();
    ++hot_first_;
  }
  return HotSlot(seq) != nullptr;
}

absl::Status LiveStore::LoadHot() {
  if (hot_budget_ == 0 || !load_hot_) return absl::OkStatus();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(CandidateReads(), Family(kCandidateKind)));
  for (it->SeekToLast(); it->Valid(); it->Prev()) {
    if (it->key().size() != 5 || it->key()[0] != kCandidateKind) {
      return absl::DataLossError(absl::StrCat(dir_, ": a damaged key"));
    }
    const uint32_t seq = SeqOf(it->key().ToStringView());
    auto record = std::make_shared<CandidateRecord>();
    NEARDUP_RETURN_IF_ERROR(DecodeCandidate(seq, it->value().ToStringView(), &record->shingles, &record->outline));
    if (!KeepHot(seq, std::move(record))) break;  // the budget is spent
  }
  return FromRocks(it->status(), dir_);
}

std::pair<size_t, uint64_t> LiveStore::HotRecords() const {
  absl::ReaderMutexLock lock(&hot_mu_);
  return {hot_kept_, hot_used_};
}

absl::Status LiveStore::ReadCandidate(uint32_t seq, rocksdb::PinnableSlice* value) const {
  return FromRocks(db_->Get(CandidateReads(), Family(kCandidateKind), Key(kCandidateKind, seq), value),
                   absl::StrCat(dir_, ": document ", seq));
}

absl::Status LiveStore::DecodeCandidate(uint32_t seq, std::string_view value, std::vector<ShingleKey>* shingles,
                                        RewriteFeatures* outline) const {
  Decoder dec(value);
  bool ok = dec.GetArray(shingles);
  if (ok && outline != nullptr) {
    outline->clear();
    ok = dec.GetArray(&outline->sentences) && dec.GetArray(&outline->postings) && dec.done();
    if (ok) outline->IndexCachedPostings();
  }
  if (!ok) return absl::DataLossError(absl::StrCat(dir_, ": the candidate record of document ", seq, " is damaged"));
  return absl::OkStatus();
}

absl::Status LiveStore::GetFeatureDetails(uint32_t seq, RewriteFeatures* out) const {
  rocksdb::PinnableSlice value;
  NEARDUP_RETURN_IF_ERROR(FromRocks(
      db_->Get(CandidateReads(), Family(kFeaturesKind), Key(kFeaturesKind, seq), &value),
      absl::StrCat(dir_, ": rewrite features of document ", seq)));
  Decoder dec(value.ToStringView());
  if (!(dec.GetArray(&out->terms) && dec.GetArray(&out->weights) && dec.GetArray(&out->words) &&
        dec.GetArray(&out->grams) && dec.GetArray(&out->numbers) && dec.done())) {
    return absl::DataLossError(
        absl::StrCat(dir_, ": rewrite features of document ", seq, " are damaged"));
  }
  return absl::OkStatus();
}

absl::Status LiveStore::ForEachDocument(
    const std::function<absl::Status(StoredDocument)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Family(kDocKind)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const rocksdb::Slice key = it->key();
    if (key.size() != 5 || key[0] != kDocKind) return absl::DataLossError(absl::StrCat(dir_, ": a damaged key"));
    const uint32_t seq = SeqOf(key.ToStringView());
    StoredDocument doc;
    if (!DecodeDocument(seq, it->value().ToStringView(), &doc)) {
      return absl::DataLossError(absl::StrCat(dir_, ": the record of document ", seq, " is damaged"));
    }
    NEARDUP_RETURN_IF_ERROR(fn(std::move(doc)));
  }
  return FromRocks(it->status(), dir_);
}

uint64_t LiveStore::DiskBytes() const {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

}  // namespace neardup
