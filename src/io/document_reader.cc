#include "neardup/io/document_reader.h"

#include <simdjson.h>
#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "neardup/base/status_macros.h"
#include "neardup/base/strings.h"
#include "neardup/io/byte_stream.h"
#include "neardup/io/html_text.h"
#include "neardup/io/warc.h"
#include "neardup/text/utf8.h"

namespace neardup {
namespace {

namespace fs = std::filesystem;

bool HasSuffix(std::string_view path, std::string_view suffix) {
  return absl::EndsWithIgnoreCase(AsAbsl(path), AsAbsl(suffix));
}

std::optional<InputFormat> FormatOfName(std::string_view path) {
  bool compressed = false;
  for (const auto suffix : {".gz", ".zst"}) {
    if (HasSuffix(path, suffix)) {
      path.remove_suffix(std::string_view(suffix).size());
      compressed = true;
    }
  }
  for (const auto suffix : {".jsonl", ".ndjson", ".json"}) {
    if (HasSuffix(path, suffix)) return InputFormat::kJsonLines;
  }
  for (const auto suffix : {".warc", ".wet"}) {
    if (HasSuffix(path, suffix)) return InputFormat::kWarc;
  }
  if (HasSuffix(path, ".txt") && !compressed) return InputFormat::kText;
  return std::nullopt;
}

std::string WithoutExtension(const fs::path& p) {
  fs::path q = p;
  q.replace_extension();
  return q.generic_string();
}

// Reads a string or a number for an id-like field.
bool ReadScalarAsString(simdjson::dom::element value, std::string* out) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      out->assign(std::string_view(value));
      return true;
    case simdjson::dom::element_type::INT64:
      *out = std::to_string(int64_t(value));
      return true;
    case simdjson::dom::element_type::UINT64:
      *out = std::to_string(uint64_t(value));
      return true;
    case simdjson::dom::element_type::DOUBLE:
      *out = simdjson::minify(value);
      return true;
    default:
      return false;
  }
}

// Reads the documents of one file.
class FileReader {
 public:
  virtual ~FileReader() = default;
  virtual absl::StatusOr<bool> Next(Document* doc) = 0;
  virtual uint64_t bytes_read() const = 0;
};

class JsonLinesReader final : public FileReader {
 public:
  JsonLinesReader(std::unique_ptr<ByteStream> stream, std::string name, const ReaderOptions& options)
      : lines_(std::move(stream)), options_(options) {
    location_.file = std::move(name);
  }

  absl::StatusOr<bool> Next(Document* doc) override {
    for (;;) {
      NEARDUP_ASSIGN_OR_RETURN(const bool more, lines_.Next(&line_));
      if (!more) return false;
      if (absl::StripAsciiWhitespace(line_).empty()) continue;
      // A member, not a local: the file name is copied once, not once a record.
      SourceLocation& location = location_;
      location.line = lines_.line_number();
      location.offset = static_cast<int64_t>(lines_.line_offset());
      if (line_.size() > options_.max_document_bytes) {
        return RecordError(location, absl::StrCat("record of ", line_.size(),
                                                  " bytes is over the limit of ",
                                                  options_.max_document_bytes));
      }
      uint64_t repaired = 0;
      if (!simdjson::validate_utf8(line_.data(), line_.size())) {
        std::string fixed;
        repaired = RepairUtf8(line_, &fixed);
        line_.reserve(fixed.size() + simdjson::SIMDJSON_PADDING);
        line_.assign(fixed);
      }
      NEARDUP_RETURN_IF_ERROR(ParseJsonRecord(line_, location, options_, doc));
      doc->repaired_bytes = repaired;
      return true;
    }
  }

  uint64_t bytes_read() const override { return lines_.stream().raw_bytes_read(); }

 private:
  LineReader lines_;
  const ReaderOptions& options_;
  std::string line_;
  SourceLocation location_;  // of the last record: the file name and its line and offset
};

bool IsHtml(std::string_view content_type) {
  return absl::StrContains(absl::AsciiStrToLower(AsAbsl(content_type)), "html");
}

bool IsPlainText(std::string_view content_type) {
  return absl::StartsWithIgnoreCase(AsAbsl(content_type), "text/plain");
}

std::string_view WithoutAngleBrackets(std::string_view s) {
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') return s.substr(1, s.size() - 2);
  return s;
}

// Fills `doc` from a WARC record that holds a document: a WET conversion record, a 2xx
// HTTP response with an HTML or plain-text body, or a resource record of either type.
// Returns false for other records (warcinfo, request, metadata, images, redirects).
absl::StatusOr<bool> WarcRecordToDocument(const WarcRecord& record, const std::string& file,
                                          const ReaderOptions& options, Document* doc) {
  const std::string_view type = record.Field("WARC-Type");
  std::string_view body;
  bool html = false;
  if (type == "conversion") {
    body = record.block();
  } else if (type == "response") {
    const auto http = ParseHttpResponse(record.block());
    if (!http.has_value() || http->status < 200 || http->status >= 300) return false;
    html = IsHtml(http->content_type);
    if (!html && !IsPlainText(http->content_type)) return false;
    body = http->body;
  } else if (type == "resource") {
    const std::string_view content_type = record.Field("Content-Type");
    html = IsHtml(content_type);
    if (!html && !IsPlainText(content_type)) return false;
    body = record.block();
  } else {
    return false;
  }
  *doc = Document();
  doc->location = {file, 0, static_cast<int64_t>(record.offset)};
  if (html) {
    if (!IsValidUtf8(body)) {
      return ByteRecordError(file, record.offset,
                             "the HTML page is not valid UTF-8 (convert it to UTF-8 first)");
    }
    absl::StatusOr<HtmlText> page = ExtractHtmlText(body);
    if (!page.ok()) return ByteRecordError(file, record.offset, AsStd(page.status().message()));
    doc->text = std::move(page->text);
    doc->title = std::move(page->title);
  } else {
    doc->repaired_bytes = RepairUtf8(body, &doc->text);
  }
  const std::string_view record_id = WithoutAngleBrackets(record.Field("WARC-Record-ID"));
  const std::string_view uri = record.Field("WARC-Target-URI");
  doc->id = options.warc_id == WarcId::kTargetUri && !uri.empty() ? uri : record_id;
  if (doc->id.empty()) doc->id = absl::StrCat(file, ":", record.offset);
  doc->url = uri;
  doc->published = record.Field("WARC-Date");
  if (!doc->published.empty()) doc->published_time = ParsePublished(doc->published);
  if (options.keep_raw) doc->raw = record.raw;
  return true;
}

class WarcDocumentReader final : public FileReader {
 public:
  WarcDocumentReader(std::unique_ptr<ByteStream> stream, std::string name,
                     const ReaderOptions& options)
      : warc_(std::move(stream), name, options.max_document_bytes),
        name_(std::move(name)),
        options_(options) {}

  absl::StatusOr<bool> Next(Document* doc) override {
    for (;;) {
      NEARDUP_ASSIGN_OR_RETURN(const bool more, warc_.Next(&record_));
      if (!more) return false;
      NEARDUP_ASSIGN_OR_RETURN(const bool is_document,
                               WarcRecordToDocument(record_, name_, options_, doc));
      if (is_document) return true;
    }
  }

  uint64_t bytes_read() const override { return warc_.stream().raw_bytes_read(); }

 private:
  WarcReader warc_;
  std::string name_;
  const ReaderOptions& options_;
  WarcRecord record_;
};

class MultiReader final : public DocumentReader {
 public:
  MultiReader(std::vector<InputFile> files, const ReaderOptions& options, uint64_t total)
      : files_(std::move(files)), options_(options), total_bytes_(total) {}

  absl::StatusOr<bool> Next(Document* doc) override {
    for (;;) {
      if (current_ != nullptr) {
        auto more = current_->Next(doc);
        if (!more.ok() || *more) return more;
        done_bytes_ += current_->bytes_read();
        current_.reset();
      }
      if (next_file_ >= files_.size()) return false;
      const InputFile& file = files_[next_file_++];
      if (file.format == InputFormat::kText) {
        return ReadTextFile(file, file.path, doc);
      }
      NEARDUP_ASSIGN_OR_RETURN(OpenedInput input, OpenInput(file));
      if (input.format == InputFormat::kWarc) {
        current_ = std::make_unique<WarcDocumentReader>(std::move(input.stream),
                                                        std::move(input.name), options_);
      } else {
        current_ = std::make_unique<JsonLinesReader>(std::move(input.stream),
                                                     std::move(input.name), options_);
      }
    }
  }

  uint64_t bytes_read() const override {
    return done_bytes_ + (current_ != nullptr ? current_->bytes_read() : 0);
  }
  uint64_t total_bytes() const override { return total_bytes_; }

 private:
  absl::StatusOr<bool> ReadTextFile(const InputFile& file, const std::string& name, Document* doc) {
    const SourceLocation location{name, 0, 0};
    auto text = ReadWholeFile(file.path, options_.max_document_bytes);
    if (!text.ok()) {
      if (absl::IsInvalidArgument(text.status())) {
        return RecordError(location, AsStd(text.status().message()));
      }
      return text.status();
    }
    done_bytes_ += text->size();
    *doc = Document();
    doc->id = file.text_id;
    doc->repaired_bytes = RepairUtf8(*text, &doc->text);
    doc->location = location;
    return true;
  }

  std::vector<InputFile> files_;
  ReaderOptions options_;
  uint64_t total_bytes_;
  size_t next_file_ = 0;
  uint64_t done_bytes_ = 0;
  std::unique_ptr<FileReader> current_;
};

// Adds the files below directory `path`, in byte order of their paths.
absl::Status AddDirectory(const std::string& path, std::vector<InputFile>* files) {
  std::error_code ec;
  std::vector<InputFile> found;
  for (auto it = fs::recursive_directory_iterator(
           path, fs::directory_options::follow_directory_symlink, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string p = it->path().string();
    const auto format = FormatOfName(p);
    if (!format.has_value()) continue;
    InputFile file{p, *format, ""};
    if (*format == InputFormat::kText) {
      file.text_id = WithoutExtension(fs::relative(it->path(), path));
    }
    found.push_back(std::move(file));
  }
  if (ec) return absl::UnavailableError(absl::StrCat(path, ": ", ec.message()));
  std::sort(found.begin(), found.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  files->insert(files->end(), found.begin(), found.end());
  return absl::OkStatus();
}

// Adds one named path: a directory, or a file in whatever format.
absl::Status AddPath(const std::string& path, std::vector<InputFile>* files) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file or directory"));
  }
  if (fs::is_directory(status)) return AddDirectory(path, files);
  const auto format = FormatOfName(path).value_or(InputFormat::kJsonLines);
  InputFile file{path, format, ""};
  if (format == InputFormat::kText) file.text_id = fs::path(path).stem().string();
  files->push_back(std::move(file));
  return absl::OkStatus();
}

// Expands a glob(3) pattern; fails when nothing matches.
absl::StatusOr<std::vector<std::string>> Glob(const std::string& pattern) {
  glob_t matches;
  const int rc = glob(pattern.c_str(), 0, nullptr, &matches);
  std::vector<std::string> paths;
  if (rc == 0) paths.assign(matches.gl_pathv, matches.gl_pathv + matches.gl_pathc);
  globfree(&matches);
  if (rc == GLOB_NOMATCH || (rc == 0 && paths.empty())) {
    return absl::NotFoundError(absl::StrCat(pattern, ": no file matches"));
  }
  if (rc != 0) return absl::UnavailableError(absl::StrCat(pattern, ": glob failed"));
  return paths;
}

}  // namespace

absl::Status ReaderOptions::Validate() const {
  if (fields.text.empty()) return absl::InvalidArgumentError("the text field name is empty");
  if (fields.id.empty()) return absl::InvalidArgumentError("the id field name is empty");
  if (max_document_bytes == 0) {
    return absl::InvalidArgumentError("the maximum document size must be positive");
  }
  return absl::OkStatus();
}

absl::Status ParseJsonRecord(const std::string& line, const SourceLocation& location,
                             const ReaderOptions& options, Document* doc) {
  // One parser per thread: parsers are reusable and costly to create. The DOM API uses
  // simdjson's runtime CPU dispatch (On-Demand would be fixed at compile time).
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element json;
  const simdjson::padded_string_view input(line.data(), line.size(), line.capacity());
  if (auto err = parser.parse(input).get(json)) {
    *doc = Document();
    doc->location = location;
    return RecordError(location, absl::StrCat("malformed JSON record: ",
                                              simdjson::error_message(err)));
  }
  NEARDUP_RETURN_IF_ERROR(ParseJsonObject(json, location, options, doc));
  if (options.keep_raw) doc->raw = line;
  return absl::OkStatus();
}

absl::Status ParseJsonObject(const simdjson::dom::element& json, const SourceLocation& location,
                             const ReaderOptions& options, Document* doc) {
  *doc = Document();
  doc->location = location;
  simdjson::dom::object object;
  if (json.get(object)) return RecordError(location, "the record is not a JSON object");
  bool has_text = false;
  bool has_id = false;
  std::string_view html;
  bool has_html = false;
  const JsonFields& f = options.fields;
  for (const auto field : object) {
    const std::string_view key = field.key;
    if (key == f.text) {
      std::string_view text;
      if (field.value.get(text)) {
        return RecordError(location, absl::StrCat("field \"", f.text, "\" is not a string"));
      }
      doc->text.assign(text);
      has_text = true;
    } else if (key == f.id) {
      if (!ReadScalarAsString(field.value, &doc->id)) {
        return RecordError(location,
                           absl::StrCat("field \"", f.id, "\" is not a string or a number"));
      }
      has_id = true;
    } else if (key == f.html && !f.html.empty()) {
      has_html = !field.value.get(html);
    } else {
      std::string* target = nullptr;
      if (key == f.title) target = &doc->title;
      else if (key == f.url) target = &doc->url;
      else if (key == f.source) target = &doc->source;
      else if (key == f.published) target = &doc->published;
      // Optional metadata of another type (null, a list) is left empty.
      if (target != nullptr && !ReadScalarAsString(field.value, target)) target->clear();
    }
  }
  if (!has_text && has_html) {
    absl::StatusOr<HtmlText> page = ExtractHtmlText(html);
    if (!page.ok()) return RecordError(location, AsStd(page.status().message()));
    doc->text = std::move(page->text);
    if (doc->title.empty()) doc->title = std::move(page->title);
    has_text = true;
  }
  if (!has_text) {
    return RecordError(location, absl::StrCat("missing \"", f.text, "\" field"));
  }
  if (!has_id) doc->id = absl::StrCat(location.file, ":", location.line);
  if (!doc->published.empty()) doc->published_time = ParsePublished(doc->published);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back({"-", InputFormat::kJsonLines, ""});
      continue;
    }
    std::error_code ec;
    if (path.find_first_of("*?[") != std::string::npos && !fs::exists(path, ec)) {
      NEARDUP_ASSIGN_OR_RETURN(const std::vector<std::string> matches, Glob(path));
      for (const std::string& match : matches) NEARDUP_RETURN_IF_ERROR(AddPath(match, &files));
      continue;
    }
    NEARDUP_RETURN_IF_ERROR(AddPath(path, &files));
  }
  if (files.empty()) {
    return absl::NotFoundError(
        "no input files found (looked for .jsonl, .ndjson, .json, .warc, .wet, their .gz and "
        ".zst forms, and .txt)");
  }
  return files;
}

absl::StatusOr<std::vector<std::string>> ReadInputList(const std::string& path) {
  NEARDUP_ASSIGN_OR_RETURN(std::unique_ptr<ByteStream> stream, OpenFileStream(path));
  LineReader lines(std::move(stream));
  std::vector<std::string> paths;
  std::string line;
  for (;;) {
    NEARDUP_ASSIGN_OR_RETURN(const bool more, lines.Next(&line));
    if (!more) break;
    const std::string_view p = AsStd(absl::StripAsciiWhitespace(line));
    if (p.empty() || p.front() == '#') continue;
    paths.emplace_back(p);
  }
  return paths;
}

absl::StatusOr<OpenedInput> OpenInput(const InputFile& file) {
  OpenedInput input;
  input.name = file.path == "-" ? "<stdin>" : file.path;
  input.format = file.format;
  NEARDUP_ASSIGN_OR_RETURN(std::unique_ptr<ByteStream> stream,
                           OpenInputStream(file.path, &input.compression));
  // A record error here (a damaged first member) goes to the reader with the bytes.
  std::string prefix;
  absl::Status error = ReadPrefix(*stream, 5, &prefix);
  if (!error.ok() && !IsRecordError(error)) return error;
  if (prefix == "WARC/") {
    input.format = InputFormat::kWarc;
  } else if (!prefix.empty() && prefix.front() == '{') {
    input.format = InputFormat::kJsonLines;
  }
  input.stream = MakePrefixedStream(std::move(prefix), std::move(stream), std::move(error));
  return input;
}

absl::StatusOr<std::unique_ptr<DocumentReader>> OpenDocuments(const std::vector<std::string>& paths,
                                                              const ReaderOptions& options) {
  NEARDUP_RETURN_IF_ERROR(options.Validate());
  NEARDUP_ASSIGN_OR_RETURN(std::vector<InputFile> files, ExpandInputs(paths));
  uint64_t total = 0;
  for (const InputFile& f : files) {
    struct stat st;
    if (f.path == "-" || stat(f.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      total = 0;
      break;
    }
    total += static_cast<uint64_t>(st.st_size);
  }
  return std::make_unique<MultiReader>(std::move(files), options, total);
}

}  // namespace neardup
