// Reads documents from files, directories, globs and standard input, one at a time,
// whatever their format: JSON Lines (parsed with simdjson; field names configurable; an
// `html` field is turned into text when there is no text field), WARC and WET files
// (response records with HTML pages, resource and conversion records), and plain text
// files (one document per file). gzip and zstd compression is recognised by content.
// A malformed record is an error that names its file and line (or byte offset, for
// binary formats); the reader stays usable after it, so the caller chooses to skip or to
// stop.
//
//   NEARDUP_ASSIGN_OR_RETURN(auto reader, OpenDocuments({"corpus/"}, ReaderOptions{}));
//   Document doc;
//   for (;;) {
//     absl::StatusOr<bool> more = reader->Next(&doc);
//     if (!more.ok()) { if (IsRecordError(more.status())) continue; return more.status(); }
//     if (!*more) break;
//     ...
//   }
#ifndef NEARDUP_IO_DOCUMENT_READER_H_
#define NEARDUP_IO_DOCUMENT_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <simdjson.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "neardup/base/document.h"
#include "neardup/io/byte_stream.h"
#include "neardup/io/decompress.h"
#include "neardup/io/record_error.h"

namespace neardup {

// Names of the JSON fields a record's parts are read from.
struct JsonFields {
  std::string id = "id";                // string or integer; when absent: "<file>:<line>"
  std::string text = "text";            // required string
  std::string title = "title";
  std::string url = "url";
  std::string source = "source";
  std::string published = "published";  // a date/time, see ParsePublished
  std::string html = "html";            // an HTML page, used when `text` is absent
};

// Which WARC header gives a WARC document its id.
enum class WarcId {
  kRecordId,   // WARC-Record-ID without its angle brackets ("urn:uuid:...")
  kTargetUri,  // WARC-Target-URI (ids repeat when a crawl fetched a page twice)
};

struct ReaderOptions {
  JsonFields fields;
  // Documents larger than this are record errors. Default 1 GiB.
  uint64_t max_document_bytes = uint64_t{1} << 30;
  // Keep each JSON record's raw line in Document::raw (for writing the corpus back).
  bool keep_raw = false;
  // The id of WARC documents; their url is WARC-Target-URI, their published time
  // WARC-Date. Default: WARC-Record-ID.
  WarcId warc_id = WarcId::kRecordId;

  absl::Status Validate() const;
};

// The kinds of input a path can hold.
enum class InputFormat { kJsonLines, kWarc, kText };

// One file to read, with the id prefix its text documents get.
struct InputFile {
  std::string path;
  InputFormat format = InputFormat::kJsonLines;
  std::string text_id;  // for kText: the document id (path below the named directory,
                        // without extension)
};

// Expands the user's paths into files: directories are walked recursively (files in
// byte order of their paths; only .jsonl, .ndjson, .json, .warc, .wet (each also with
// .gz or .zst) and .txt files are taken), a path with * ? or [ that names no file is a
// glob(3) pattern, "-" is standard input. Fails when a path does not exist or nothing is
// found. The format given by a name is a guess: OpenInput looks at the content.
absl::StatusOr<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& paths);

// Reads a file of paths ("-" is standard input): one per line; blank lines and lines
// starting with '#' are ignored.
absl::StatusOr<std::vector<std::string>> ReadInputList(const std::string& path);

// One input file opened for reading, decompressed, with its format found from its
// content: a stream that starts with "WARC/" is WARC whatever its name, one that starts
// with '{' is JSON Lines; otherwise the name decides.
struct OpenedInput {
  std::string name;  // for messages: the path, or "<stdin>"
  InputFormat format = InputFormat::kJsonLines;
  Compression compression = Compression::kNone;
  std::unique_ptr<ByteStream> stream;  // decompressed bytes
};
absl::StatusOr<OpenedInput> OpenInput(const InputFile& file);

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;

  // Reads the next document into `*doc`: returns true when one was read, false at the
  // end of all input. A record error (see IsRecordError) names the file and line and
  // leaves the reader at the next record; any other error is final.
  virtual absl::StatusOr<bool> Next(Document* doc) = 0;

  // Bytes of input consumed so far, and the total when known (0 when not), for progress.
  virtual uint64_t bytes_read() const = 0;
  virtual uint64_t total_bytes() const = 0;
};

// Opens the given paths (see ExpandInputs) as one stream of documents.
absl::StatusOr<std::unique_ptr<DocumentReader>> OpenDocuments(const std::vector<std::string>& paths,
                                                              const ReaderOptions& options);

// Parses one JSON Lines record into `*doc` (id, text and optional fields); `location` is
// used for the id of a record without one and for error messages. `line` needs 64 bytes
// of spare capacity past its size (simdjson reads ahead).
absl::Status ParseJsonRecord(const std::string& line, const SourceLocation& location,
                             const ReaderOptions& options, Document* doc);

// Like ParseJsonRecord, for a record already parsed (as the documents of an HTTP body
// are): fills `*doc` from the JSON object `json`. Does not keep the raw record.
absl::Status ParseJsonObject(const simdjson::dom::element& json, const SourceLocation& location,
                             const ReaderOptions& options, Document* doc);

}  // namespace neardup

#endif  // NEARDUP_IO_DOCUMENT_READER_H_
