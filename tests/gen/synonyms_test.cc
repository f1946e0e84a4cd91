#include "neardup/gen/synonyms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace neardup {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A WordNet database in miniature, in the real files' format.
std::string MakeWordNet() {
  const std::string dir = ::testing::TempDir() + "/wordnet_test";
  std::filesystem::create_directories(dir);
  auto write = [&](const char* name, const std::string& content) { std::ofstream(dir + "/" + name) << content; };
  const std::string license = "  1 This software and database is being provided to you\n";
  write("data.noun", license +
                         "00000001 04 n 02 purchase 0 buy 0 000 | an acquisition\n"
                         "00000002 04 n 02 rose 0 Rosa 0 000 | a flower\n"
                         "00000003 04 n 02 sugar 0 refined_sugar 0 000 | sweet\n");
  write("data.verb", license +
                         "00000011 40 v 02 purchase 0 buy 0 000 | obtain\n"
                         "00000012 40 v 02 sugar 0 saccharify 0 000 | sweeten\n");
  write("data.adj", license + "00000021 00 a 02 big(a) 0 large 0 000 | above average\n");
  write("data.adv", license);
  write("index.noun", license + "purchase n 1 1 @ 1 1 00000001\nrose n 1 1 @ 1 1 00000002\nsugar n 1 1 @ 1 3 00000003\n");
  write("index.verb", license + "purchase v 1 1 @ 1 0 00000011\nsugar v 1 1 @ 1 1 00000012\n");
  write("index.adj", license + "big a 1 1 & 1 1 00000021\n");
  write("index.adv", license);
  write("verb.exc", "rose rise\n");
  return dir;
}

TEST(SynonymsTest, LoadsFirstSenseSingleWordSynonyms) {
  auto t = SynonymTable::LoadWordNet(MakeWordNet());
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_THAT(t->Lookup("big"), ElementsAre("large"));         // "(a)" marker stripped
  EXPECT_THAT(t->Lookup("rose"), ElementsAre("climbed", "increased", "gained"));  // built-in, not "Rosa"
  EXPECT_THAT(t->Lookup("sugar"), IsEmpty());  // its noun sense wins and has no one-word synonym
  EXPECT_THAT(t->Lookup("unknownword"), IsEmpty());
  EXPECT_FALSE(t->Lookup("purchase").empty());
}

TEST(SynonymsTest, MissingDatabaseIsAnError) {
  auto t = SynonymTable::LoadWordNet(::testing::TempDir() + "/no-wordnet-here");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(std::string(t.status().message()).find("data.noun"), std::string::npos) << t.status();
}

TEST(SynonymsTest, BuiltinHasNewswireVerbs) {
  const SynonymTable t = SynonymTable::Builtin();
  EXPECT_FALSE(t.Lookup("said").empty());
  EXPECT_FALSE(t.Lookup("fell").empty());
}

}  // namespace
}  // namespace neardup
