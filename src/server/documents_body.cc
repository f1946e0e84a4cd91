#include "server/documents_body.h"

#include <simdjson.h>

#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "neardup/base/strings.h"

namespace neardup::server {
namespace {

// Parses one document object; `name` ("document", "documents[3]") prefixes every error.
absl::Status ParseOne(const simdjson::dom::element& element, const std::string& name,
                      const ReaderOptions& options, Document* doc) {
  simdjson::dom::object object;
  if (element.get(object)) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": not a JSON object"));
  }
  // ParseJsonRecord makes up an id ("<file>:<line>") for a record without one: a service
  // cannot, since the id is how clients find the document again.
  const std::string& id_field = options.fields.id;
  if (object.at_key(id_field).error() == simdjson::NO_SUCH_FIELD) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": missing \"", id_field, "\" field"));
  }
  absl::Status status = ParseJsonObject(element, SourceLocation{name, 0, 0}, options, doc);
  // A malformed record is the client's error here, not lost data.
  if (!status.ok()) return absl::InvalidArgumentError(status.message());
  if (doc->id.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": \"", id_field, "\" is empty"));
  }
  doc->location = SourceLocation{name, 0, 0};
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DocumentsBody> ParseDocumentsBody(std::string* body, const ReaderOptions& options) {
  body->reserve(body->size() + simdjson::SIMDJSON_PADDING);
  // One parser per thread, as in ParseJsonRecord: parsers are costly to create.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  const simdjson::padded_string_view input(body->data(), body->size(), body->capacity());
  if (auto err = parser.parse(input).get(root)) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed JSON: ", simdjson::error_message(err)));
  }
  simdjson::dom::object object;
  if (root.get(object)) {
    return absl::InvalidArgumentError(
        "the body must be a JSON object: one document or {\"documents\": [...]}");
  }
  DocumentsBody parsed;
  simdjson::dom::element documents;
  if (object.at_key("documents").get(documents)) {
    parsed.documents.emplace_back();
    absl::Status status = ParseOne(root, "document", options, &parsed.documents[0]);
    if (!status.ok()) return status;
    return parsed;
  }
  parsed.batch = true;
  simdjson::dom::array array;
  if (documents.get(array)) {
    return absl::InvalidArgumentError("\"documents\" must be an array of document objects");
  }
  if (array.size() == 0) return absl::InvalidArgumentError("\"documents\" is empty");
  parsed.documents.resize(array.size());
  absl::flat_hash_map<std::string_view, size_t> first_with_id;
  size_t i = 0;
  for (const simdjson::dom::element item : array) {
    const std::string name = absl::StrCat("documents[", i, "]");
    absl::Status status = ParseOne(item, name, options, &parsed.documents[i]);
    if (!status.ok()) return status;
    const auto [it, inserted] = first_with_id.emplace(parsed.documents[i].id, i);
    if (!inserted) {
      return absl::InvalidArgumentError(absl::StrCat(
          name, ": id \"", AsAbsl(it->first), "\" is also the id of documents[", it->second, "]"));
    }
    ++i;
  }
  return parsed;
}

}  // namespace neardup::server
