// End-to-end runs of `neardup dedup` that write the deduplicated corpus.
#include <cstdlib>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/io_test_util.h"

namespace neardup {
namespace {

using ::neardup::testing::GzipMember;
using ::neardup::testing::ReadAllDocuments;
using ::neardup::testing::ReadFile;
using ::neardup::testing::SourceFile;
using ::neardup::testing::TempPath;
using ::neardup::testing::WarcRecordBytes;
using ::neardup::testing::WriteFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAreArray;

// Runs neardup with `args` (a shell fragment); returns its exit code, stderr in *err.
int RunNeardup(const std::string& args, std::string* err) {
  const std::string err_path = TempPath("stderr");
  const std::string command = std::string(NEARDUP_BINARY) + " " + args + " 2>" + err_path;
  const int rc = std::system(command.c_str());
  *err = ReadFile(err_path);
  return WEXITSTATUS(rc);
}

// A WET file of the five seed articles and a syndicated copy of one of them (with a
// line of page furniture), a gzip member per record.
TEST(CliCorpus, WetInputWritesUniqueAndDroppedWet) {
  const char* seeds[] = {"000_936ab31eb2f45218", "001_04081f6c42232b4e", "002_934675ae537c4f87",
                         "003_62e9dcc1ba3d4df9", "004_9ecd5d1f8732297e"};
  std::string file;
  for (int i = 0; i < 6; ++i) {
    const std::string text = SourceFile(std::string("corpus/seeds/") + seeds[i % 5] + ".txt");
    file += GzipMember(WarcRecordBytes(
        {{"WARC-Type", "conversion"},
         {"WARC-Target-URI", "https://news.example/" + std::to_string(i)},
         {"WARC-Date", "2025-12-0" + std::to_string(i + 1) + "T10:00:00Z"},
         {"WARC-Record-ID", "<urn:uuid:seed-" + std::to_string(i) + ">"},
         {"Content-Type", "text/plain"}},
        i < 5 ? text : text + "\nShare this article on social media.\n"));
  }
  const std::string input = TempPath("seeds.warc.wet.gz");
  WriteFile(input, file);
  const std::string list = TempPath("inputs.txt");
  WriteFile(list, input + "\n");
  const std::string unique = TempPath("unique.warc.wet.gz");
  const std::string dropped = TempPath("dropped.warc.wet");
  std::string err;
  ASSERT_EQ(RunNeardup("dedup --mode near-duplicate --input-list " + list + " -o /dev/null --write-unique " +
                    unique + " --write-dropped " + dropped,
                &err),
            0)
      << err;
  const auto kept = ReadAllDocuments({unique});
  const auto copies = ReadAllDocuments({dropped});
  std::vector<std::string> all = kept.ids();
  for (const std::string& id : copies.ids()) all.push_back(id);
  EXPECT_THAT(all, UnorderedElementsAreArray({"urn:uuid:seed-0", "urn:uuid:seed-1",
                                              "urn:uuid:seed-2", "urn:uuid:seed-3",
                                              "urn:uuid:seed-4", "urn:uuid:seed-5"}));
  // The copy is dropped in favour of the original, published earlier.
  EXPECT_THAT(copies.ids(), ElementsAre("urn:uuid:seed-5"));
  EXPECT_THAT(ReadFile(dropped), HasSubstr("X-Neardup-Duplicate-Of: urn:uuid:seed-0\r\n"));
  EXPECT_THAT(err, HasSubstr("wrote " + std::to_string(kept.docs.size()) + " unique and " +
                             std::to_string(copies.docs.size()) + " dropped documents"));
}

// Standard input is spooled so that the corpus can be written in a second pass.
TEST(CliCorpus, JsonLinesFromStandardInput) {
  const std::string unique = TempPath("u.jsonl");
  const std::string dropped = TempPath("d.jsonl");
  std::string err;
  ASSERT_EQ(RunNeardup("dedup --mode near-duplicate - -o /dev/null --write-unique " + unique + " --write-dropped " + dropped +
                    " < " NEARDUP_SOURCE_DIR "/corpus/fixtures/wire.jsonl",
                &err),
            0)
      << err;
  EXPECT_THAT(ReadAllDocuments({dropped}).ids(), ElementsAre("wire-2", "wire-3"));
  EXPECT_THAT(ReadFile(dropped), HasSubstr("\"duplicate_of\":\"wire-1\"}\n"));
  EXPECT_EQ(ReadAllDocuments({unique}).docs.size(), 5u);
}

TEST(CliCorpus, CorruptGzipMemberNamesFileAndOffset) {
  std::string file;
  for (int i = 0; i < 6; ++i) {
    file += GzipMember("{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"document number " +
                       std::to_string(i) + " about something\"}\n");
  }
  const size_t member = GzipMember("{\"id\":\"d0\",\"text\":\"document number 0 about something\"}\n").size();
  file[2 * member + member / 2] ^= 0x10;
  const std::string input = TempPath("c.jsonl.gz");
  WriteFile(input, file);
  std::string err;
  EXPECT_EQ(RunNeardup("dedup " + input + " -o /dev/null", &err), 1);
  EXPECT_THAT(err, HasSubstr(input + ": byte "));
  EXPECT_THAT(err, HasSubstr("gzip member (it starts at byte " + std::to_string(2 * member) + ")"));
  const std::string verdicts = TempPath("v.jsonl");
  ASSERT_EQ(RunNeardup("dedup " + input + " --on-error skip -o " + verdicts, &err), 0) << err;
  EXPECT_THAT(err, HasSubstr("5 documents"));
  EXPECT_THAT(err, HasSubstr("1 skipped with errors"));
  EXPECT_THAT(ReadFile(verdicts), Not(HasSubstr("\"d2\"")));
}

}  // namespace
}  // namespace neardup
