// A Document is one input article: an id, its text and optional metadata, plus where it
// came from (for error messages and for writing it back out unchanged).
//
//   Document doc;
//   doc.id = "reuters-1";
//   doc.text = "Showers continued throughout the week...";
#ifndef NEARDUP_BASE_DOCUMENT_H_
#define NEARDUP_BASE_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"

namespace neardup {

// Where a document was read from: a file name and a 1-based line (JSON Lines) or 0 for
// whole-file formats, and the byte offset of its record in the (decompressed) stream.
struct SourceLocation {
  std::string file;
  int64_t line = 0;
  int64_t offset = 0;
};

struct Document {
  std::string id;
  std::string text;
  std::string title;      // Optional; empty when absent.
  std::string url;        // Optional; empty when absent.
  std::string source;     // Optional; empty when absent.
  std::string published;  // Optional, as written in the input; empty when absent.
  // `published` parsed to an instant, when it could be parsed (see ParsePublished).
  std::optional<absl::Time> published_time;
  SourceLocation location;
  // Bytes of invalid UTF-8 the reader replaced by U+FFFD; `text` is always valid UTF-8.
  uint64_t repaired_bytes = 0;
  // The record exactly as read (a JSON line without its newline, or empty for formats
  // that have no record text), kept so that outputs can reproduce every original field.
  std::string raw;
};

// Parses a publication time as found in news data: RFC 3339 / ISO 8601 with or without
// time zone or fractional seconds, "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD", RFC 1123
// ("Tue, 02 Dec 2025 10:00:00 GMT") and Reuters-style "26-FEB-1987 15:01:01.79".
// Times without a zone are taken as UTC. Returns nullopt when no format matches.
std::optional<absl::Time> ParsePublished(const std::string& text);

}  // namespace neardup

#endif  // NEARDUP_BASE_DOCUMENT_H_
