// libFuzzer target for every io reader: the first input byte picks the reader, the rest
// is the file. Not built by default:
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DNEARDUP_BUILD_FUZZERS=ON \
//       -DNEARDUP_BUILD_TESTS=OFF -DNEARDUP_BUILD_BENCHMARKS=OFF
//   ninja -C build-fuzz fuzz_readers && build-fuzz/fuzz_readers -max_total_time=60
//
// Every reader must return (records or errors) without crashing, hanging or reading out
// of bounds, and must keep making progress after record errors.
#include <cstddef>
#include <cstdint>
#include <string>

#include "neardup/io/byte_stream.h"
#include "neardup/io/decompress.h"
#include "neardup/io/document_reader.h"
#include "neardup/io/html_text.h"
#include "neardup/io/warc.h"
#include "neardup/text/utf8.h"

namespace {

using neardup::ByteStream;

// Reads a stream to its end; record errors are skipped as --on-error=skip does.
void DrainStream(ByteStream& stream) {
  char buf[4096];
  for (int i = 0; i < 100000; ++i) {
    auto got = stream.Read(buf, sizeof(buf));
    if (!got.ok()) {
      if (neardup::IsRecordError(got.status())) continue;
      return;
    }
    if (*got == 0) return;
  }
  __builtin_trap();  // no progress: a hang
}

void ReadWarc(std::unique_ptr<ByteStream> stream) {
  neardup::WarcReader reader(std::move(stream), "fuzz", 1 << 20);
  neardup::WarcRecord record;
  for (int i = 0; i < 100000; ++i) {
    auto more = reader.Next(&record);
    if (!more.ok()) {
      if (neardup::IsRecordError(more.status())) continue;
      return;
    }
    if (!*more) return;
    (void)neardup::ParseHttpResponse(record.block());
  }
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0: {
      auto stream = neardup::MakeGzipStream(neardup::MakeStringStream(input), "fuzz");
      DrainStream(*stream);
      break;
    }
    case 1: {
      auto stream = neardup::MakeZstdStream(neardup::MakeStringStream(input), "fuzz");
      DrainStream(*stream);
      break;
    }
    case 2:
      ReadWarc(neardup::MakeStringStream(input));
      break;
    case 3:
      ReadWarc(neardup::MakeGzipStream(neardup::MakeStringStream(input), "fuzz"));
      break;
    case 4:
      if (neardup::IsValidUtf8(input)) (void)neardup::ExtractHtmlText(input);
      break;
  }
  return 0;
}
