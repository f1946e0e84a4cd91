// Writes JSON text: string escaping and a small builder for one flat-or-nested object
// per output line. neardup only writes simple records, so this stays minimal; reading
// JSON is simdjson's job (see io/).
//
//   JsonWriter w;
//   w.BeginObject(); w.Key("id"); w.String("a"); w.Key("score"); w.Double(0.5); w.EndObject();
//   std::cout << w.str() << "\n";   // {"id":"a","score":0.5}
#ifndef NEARDUP_BASE_JSON_WRITER_H_
#define NEARDUP_BASE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace neardup {

// Appends `s` to `out` as a quoted JSON string. Invalid UTF-8 is written as U+FFFD so
// the output is always valid JSON.
void AppendJsonString(std::string_view s, std::string* out);

// Builds one JSON value incrementally. Commas are inserted automatically. Not thread-safe;
// use one per thread.
class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  // Writes a finite double with up to 6 significant decimals, trailing zeros trimmed, so
  // that output is short and identical across runs.
  void Double(double value);
  void Bool(bool value);
  void Null();
  // Inserts `json` verbatim as a value (it must already be valid JSON).
  void Raw(std::string_view json);

  const std::string& str() const { return out_; }
  void Clear();

 private:
  void BeforeValue();
  std::string out_;
  // One entry per open container: true once it holds a value (a comma is due).
  std::vector<bool> has_value_;
  bool after_key_ = false;
};

// Formats a score the way JsonWriter::Double does.
std::string FormatScore(double value);

}  // namespace neardup

#endif  // NEARDUP_BASE_JSON_WRITER_H_
