// Helpers for the io tests: temporary files, and compressed and WARC fixtures built with
// zlib and libzstd directly (not with neardup's own writers, so that the readers are
// checked against independent encoders).
#ifndef NEARDUP_TESTS_IO_IO_TEST_UTIL_H_
#define NEARDUP_TESTS_IO_IO_TEST_UTIL_H_

#include <zlib.h>
#include <zstd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/io/document_reader.h"

namespace neardup::testing {

inline std::string TempPath(std::string_view name) {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string file = std::string("neardup_") + info->test_suite_name() + "_" + info->name() + "_" +
                     std::string(name);
  for (char& c : file) {
    if (c == '/') c = '_';
  }
  return ::testing::TempDir() + file;
}

inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string SourceFile(std::string_view relative) {
  return ReadFile(std::string(NEARDUP_SOURCE_DIR) + "/" + std::string(relative));
}

// Returns `data` as one gzip member.
inline std::string GzipMember(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Returns `data` as one zstd frame with a content checksum (as the zstd tool writes).
inline std::string ZstdFrame(std::string_view data) {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress2(c, out.data(), out.size(), data.data(), data.size()));
  ZSTD_freeCCtx(c);
  return out;
}

// Returns a WARC/1.0 record with the given header fields (Content-Length is added) and
// block, exactly as the standard lays it out.
inline std::string WarcRecordBytes(const std::vector<std::pair<std::string, std::string>>& fields,
                                   std::string_view block) {
  std::string out = "WARC/1.0\r\n";
  for (const auto& [name, value] : fields) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  out.append(block);
  out += "\r\n\r\n";
  return out;
}

// Every document and every record error that OpenDocuments(paths) yields; any other
// error fails the test.
struct ReadAll {
  std::vector<Document> docs;
  std::vector<std::string> errors;

  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const Document& d : docs) out.push_back(d.id);
    return out;
  }
  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const Document& d : docs) out.push_back(d.text);
    return out;
  }
};

inline ReadAll ReadAllDocuments(const std::vector<std::string>& paths,
                                const ReaderOptions& options = {}) {
  ReadAll out;
  auto reader = OpenDocuments(paths, options);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return out;
  Document doc;
  for (int guard = 0; guard < 1000000; ++guard) {
    auto more = (*reader)->Next(&doc);
    if (!more.ok()) {
      EXPECT_TRUE(IsRecordError(more.status())) << more.status();
      if (!IsRecordError(more.status())) break;
      out.errors.emplace_back(more.status().message());
      continue;
    }
    if (!*more) break;
    out.docs.push_back(doc);
  }
  return out;
}

}  // namespace neardup::testing

#endif  // NEARDUP_TESTS_IO_IO_TEST_UTIL_H_
