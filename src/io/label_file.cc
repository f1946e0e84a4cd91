#include "neardup/io/label_file.h"

#include <simdjson.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "neardup/base/strings.h"
#include "neardup/io/byte_stream.h"

namespace neardup {
namespace {

constexpr uint64_t kMaxLabelFileBytes = uint64_t{16} << 30;

absl::Status LineError(const std::string& path, size_t line, std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(path, ":", line, ": ", AsAbsl(message)));
}

// Calls fn(line_number, line) for every line that is not blank or a '#' comment; stops
// at the first error fn returns.
template <typename Fn>
absl::Status ForEachDataLine(const std::string& text, Fn fn) {
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    if (absl::Status s = fn(line_no, line); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Reads a JSON string or number as text.
bool ScalarText(simdjson::dom::element value, std::string* out) {
  std::string_view s;
  if (value.get_string().get(s) == simdjson::SUCCESS) {
    *out = std::string(s);
    return true;
  }
  if (value.is_int64() || value.is_uint64()) {
    *out = simdjson::minify(value);
    return true;
  }
  return false;
}

}  // namespace

absl::Status LabelFileOptions::Validate() const {
  if (relation_column < 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("relation column must be 3 or more (1: id, 2: cluster), got ", relation_column));
  }
  return absl::OkStatus();
}

const char* LabelFormatName(LabelFile::Format format) {
  return format == LabelFile::Format::kTsv ? "tsv" : "verdicts";
}

absl::StatusOr<LabelFile> ReadLabelFile(const std::string& path, const LabelFileOptions& options) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  absl::StatusOr<std::string> text = ReadWholeFile(path, kMaxLabelFileBytes);
  if (!text.ok()) return text.status();
  LabelFile file;
  absl::flat_hash_set<std::string> seen;
  bool first = true;
  simdjson::dom::parser parser;
  const size_t rel = static_cast<size_t>(options.relation_column) - 1;
  absl::Status status = ForEachDataLine(*text, [&](size_t line_no, std::string_view line) -> absl::Status {
    LabelRecord r;
    if (first) file.format = line.front() == '{' ? LabelFile::Format::kVerdicts : LabelFile::Format::kTsv;
    if (file.format == LabelFile::Format::kVerdicts) {
      simdjson::dom::element doc;
      simdjson::padded_string padded(line);
      if (parser.parse(padded).get(doc) != simdjson::SUCCESS) return LineError(path, line_no, "malformed JSON");
      simdjson::dom::element id;
      simdjson::dom::element cluster;
      if (doc["id"].get(id) != simdjson::SUCCESS || !ScalarText(id, &r.id)) {
        return LineError(path, line_no, "record has no string or integer \"id\"");
      }
      if (doc["cluster"].get(cluster) != simdjson::SUCCESS || !ScalarText(cluster, &r.cluster)) {
        return LineError(path, line_no, "record has no string or integer \"cluster\"");
      }
    } else {
      std::vector<absl::string_view> cols = absl::StrSplit(AsAbsl(line), '\t');
      if (cols.size() < 2) {
        return LineError(path, line_no, "expected id<TAB>cluster (a TSV line with two or more columns)");
      }
      if (first && cols[0] == "id") {
        first = false;
        return absl::OkStatus();  // header
      }
      const bool with_relation = cols.size() > rel;
      if (file.records.empty()) {
        file.has_relation = with_relation;
      } else if (with_relation != file.has_relation) {
        return LineError(path, line_no,
                         absl::StrCat("relation column ", options.relation_column,
                                      with_relation ? " present here but not on earlier lines"
                                                    : " missing here but present on earlier lines"));
      }
      r.id = std::string(cols[0]);
      r.cluster = std::string(cols[1]);
      if (with_relation) r.relation = std::string(cols[rel]);
    }
    first = false;
    if (r.id.empty()) return LineError(path, line_no, "empty id");
    if (!seen.insert(r.id).second) return LineError(path, line_no, absl::StrCat("repeated id \"", r.id, "\""));
    file.records.push_back(std::move(r));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return file;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ReadIdPairs(const std::string& path) {
  absl::StatusOr<std::string> text = ReadWholeFile(path, kMaxLabelFileBytes);
  if (!text.ok()) return text.status();
  std::vector<std::pair<std::string, std::string>> pairs;
  absl::Status status = ForEachDataLine(*text, [&](size_t line_no, std::string_view line) -> absl::Status {
    std::vector<absl::string_view> cols = absl::StrSplit(AsAbsl(line), '\t');
    if (cols.size() < 2 || cols[0].empty() || cols[1].empty()) {
      return LineError(path, line_no, "expected two tab-separated ids");
    }
    pairs.emplace_back(std::string(cols[0]), std::string(cols[1]));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return pairs;
}

}  // namespace neardup
