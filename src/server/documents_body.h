// The body of POST /v1/documents and POST /v1/query: one document object
// {"id": ..., "text": ..., "published": ..., ...} or a batch {"documents": [object, ...]}.
// Field names are the reader's (ReaderOptions::fields), so `serve --text-field body` reads
// the same records as `dedup --text-field body`.
//
//   std::string body = request.body;
//   NEARDUP_ASSIGN_OR_RETURN(DocumentsBody parsed, ParseDocumentsBody(&body, reader_options));
//   for (Document& doc : parsed.documents) ...
#ifndef NEARDUP_SERVER_DOCUMENTS_BODY_H_
#define NEARDUP_SERVER_DOCUMENTS_BODY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "neardup/base/document.h"
#include "neardup/io/document_reader.h"

namespace neardup::server {

struct DocumentsBody {
  // Whether the body was a {"documents": [...]} batch (the response is then a batch too).
  bool batch = false;
  std::vector<Document> documents;  // in the order of the body
};

// Parses a request body. Returns InvalidArgument, with a message naming the document
// ("documents[3]: missing \"text\" field"), when the body is not JSON, is neither form,
// a document lacks an id or a text or has one of the wrong type, an id is empty, a batch
// is empty or names one id twice. `body` is padded in place for simdjson (its content is
// unchanged). Safe to call from many threads at once.
absl::StatusOr<DocumentsBody> ParseDocumentsBody(std::string* body, const ReaderOptions& options);

}  // namespace neardup::server

#endif  // NEARDUP_SERVER_DOCUMENTS_BODY_H_
