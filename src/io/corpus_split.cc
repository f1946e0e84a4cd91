#include "neardup/io/corpus_split.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "neardup/base/json_writer.h"
#include "neardup/base/status_macros.h"
#include "neardup/base/strings.h"
#include "neardup/io/byte_sink.h"
#include "neardup/io/document_reader.h"
#include "neardup/io/warc.h"

namespace neardup {
namespace {

const char* FormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kJsonLines:
      return "JSON Lines";
    case InputFormat::kWarc:
      return "WARC";
    case InputFormat::kText:
      return "text";
  }
  return "?";
}

// Returns a JSON Lines record with "duplicate_of" added as its last field.
std::string WithDuplicateOfField(std::string_view line, std::string_view id) {
  size_t close = line.rfind('}');
  if (close == std::string_view::npos) return std::string(line);
  size_t before = close;
  while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t')) --before;
  const bool empty = before > 0 && line[before - 1] == '{';
  std::string out(line.substr(0, close));
  out += empty ? "\"duplicate_of\":" : ",\"duplicate_of\":";
  AppendJsonString(id, &out);
  out.append(line.substr(close));
  return out;
}

// Returns a WARC record with an X-Neardup-Duplicate-Of header field added last.
std::string WithDuplicateOfHeader(const WarcRecord& record, std::string_view id) {
  // The header ends with CRLF CRLF just before the block.
  const size_t header_end = record.block_offset - 2;
  std::string out = record.raw.substr(0, header_end);
  absl::StrAppend(&out, "X-Neardup-Duplicate-Of: ", AsAbsl(id), "\r\n");
  out.append(record.raw, header_end, std::string::npos);
  return out;
}

// The two output files, opened when the first input shows their format.
class SplitWriter {
 public:
  SplitWriter(const SplitOptions& options, absl::Span<const SplitDecision> decisions)
      : options_(options), decisions_(decisions) {}

  absl::Status Begin(const OpenedInput& input) {
    if (input.format == InputFormat::kText) {
      return absl::InvalidArgumentError(absl::StrCat(
          input.name, ": text files cannot be written back; use JSON Lines or WARC input"));
    }
    if (format_.has_value()) {
      if (*format_ == input.format) return absl::OkStatus();
      return absl::InvalidArgumentError(absl::StrCat(
          input.name, ": is ", FormatName(input.format), " but earlier inputs are ",
          FormatName(*format_), "; a corpus is written in one format"));
    }
    format_ = input.format;
    NEARDUP_RETURN_IF_ERROR(Open(options_.unique_path, &unique_));
    return Open(options_.dropped_path, &dropped_);
  }

  // Returns the decision for the record at (file, offset) when it is the next document.
  const SplitDecision* Match(const std::string& file, uint64_t offset) {
    if (next_ >= decisions_.size()) return nullptr;
    const SplitDecision& d = decisions_[next_];
    if (d.location->file != file || static_cast<uint64_t>(d.location->offset) != offset) {
      return nullptr;
    }
    ++next_;
    return &d;
  }

  absl::Status WriteDocument(const SplitDecision& d, std::string_view record) {
    ByteSink* sink = d.keep ? unique_.get() : dropped_.get();
    ++(d.keep ? stats_.unique : stats_.dropped);
    if (sink == nullptr) return absl::OkStatus();
    return WriteRecord(sink, record);
  }

  // Writes a record that belongs to both outputs (a warcinfo record).
  absl::Status WriteToBoth(std::string_view record) {
    for (ByteSink* sink : {unique_.get(), dropped_.get()}) {
      if (sink != nullptr) NEARDUP_RETURN_IF_ERROR(WriteRecord(sink, record));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<SplitStats> Finish() {
    if (next_ < decisions_.size()) {
      const SourceLocation& missing = *decisions_[next_].location;
      return absl::FailedPreconditionError(absl::StrCat(
          missing.file, ": byte ", missing.offset,
          ": the document read there in the first pass is gone; did the input change?"));
    }
    for (auto* sink : {&unique_, &dropped_}) {
      if (*sink != nullptr) NEARDUP_RETURN_IF_ERROR((*sink)->Close());
      sink->reset();
    }
    return stats_;
  }

 private:
  absl::Status Open(const std::string& path, std::unique_ptr<ByteSink>* sink) {
    if (path.empty()) return absl::OkStatus();
    SinkOptions sink_options;
    sink_options.compression = CompressionOfName(path);
    sink_options.frame_per_record = *format_ == InputFormat::kWarc;
    sink_options.level = options_.compression_level;
    NEARDUP_ASSIGN_OR_RETURN(*sink, OpenFileSink(path, sink_options));
    return absl::OkStatus();
  }

  absl::Status WriteRecord(ByteSink* sink, std::string_view record) {
    NEARDUP_RETURN_IF_ERROR(sink->Write(record));
    if (*format_ == InputFormat::kJsonLines) NEARDUP_RETURN_IF_ERROR(sink->Write("\n"));
    return sink->EndRecord();
  }

  const SplitOptions& options_;
  absl::Span<const SplitDecision> decisions_;
  std::optional<InputFormat> format_;
  std::unique_ptr<ByteSink> unique_;
  std::unique_ptr<ByteSink> dropped_;
  size_t next_ = 0;
  SplitStats stats_;
};

// Record errors were reported (or were fatal) in the first pass: here they only mean
// that no document starts there.
absl::StatusOr<bool> SkipRecordErrors(const absl::StatusOr<bool>& more) {
  if (!more.ok() && IsRecordError(more.status())) return true;
  return more;
}

absl::Status SplitJsonLines(OpenedInput& input, SplitWriter* writer) {
  LineReader lines(std::move(input.stream));
  std::string line;
  for (;;) {
    auto more = lines.Next(&line);
    NEARDUP_ASSIGN_OR_RETURN(const bool go_on, SkipRecordErrors(more));
    if (!go_on) return absl::OkStatus();
    if (!more.ok()) continue;
    const SplitDecision* d = writer->Match(input.name, lines.line_offset());
    if (d == nullptr) continue;
    NEARDUP_RETURN_IF_ERROR(writer->WriteDocument(
        *d, d->keep ? line : WithDuplicateOfField(line, d->duplicate_of)));
  }
}

absl::Status SplitWarc(OpenedInput& input, SplitWriter* writer) {
  WarcReader reader(std::move(input.stream), input.name);
  WarcRecord record;
  for (;;) {
    auto more = reader.Next(&record);
    NEARDUP_ASSIGN_OR_RETURN(const bool go_on, SkipRecordErrors(more));
    if (!go_on) return absl::OkStatus();
    if (!more.ok()) continue;
    if (record.Field("WARC-Type") == "warcinfo") {
      NEARDUP_RETURN_IF_ERROR(writer->WriteToBoth(record.raw));
      continue;
    }
    const SplitDecision* d = writer->Match(input.name, record.offset);
    if (d == nullptr) continue;
    NEARDUP_RETURN_IF_ERROR(writer->WriteDocument(
        *d, d->keep ? record.raw : WithDuplicateOfHeader(record, d->duplicate_of)));
  }
}

}  // namespace

absl::Status SplitOptions::Validate() const {
  if (unique_path.empty() && dropped_path.empty()) {
    return absl::InvalidArgumentError("no output: give a unique or a dropped path");
  }
  if (!unique_path.empty() && unique_path == dropped_path) {
    return absl::InvalidArgumentError("the unique and dropped outputs are the same file");
  }
  return absl::OkStatus();
}

absl::StatusOr<SplitStats> WriteSplitCorpus(const std::vector<std::string>& paths,
                                            absl::Span<const SplitDecision> decisions,
                                            const SplitOptions& options) {
  NEARDUP_RETURN_IF_ERROR(options.Validate());
  NEARDUP_ASSIGN_OR_RETURN(const std::vector<InputFile> files, ExpandInputs(paths));
  SplitWriter writer(options, decisions);
  for (const InputFile& file : files) {
    if (file.path == "-") {
      return absl::InvalidArgumentError(
          "standard input cannot be read twice: spool it to a file first");
    }
    OpenedInput input;
    if (file.format == InputFormat::kText) {
      input.name = file.path;
      input.format = InputFormat::kText;
    } else {
      NEARDUP_ASSIGN_OR_RETURN(input, OpenInput(file));
    }
    NEARDUP_RETURN_IF_ERROR(writer.Begin(input));
    if (input.format == InputFormat::kWarc) {
      NEARDUP_RETURN_IF_ERROR(SplitWarc(input, &writer));
    } else {
      NEARDUP_RETURN_IF_ERROR(SplitJsonLines(input, &writer));
    }
  }
  return writer.Finish();
}

}  // namespace neardup
