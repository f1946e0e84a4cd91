// Keeps the one-way flow of modules true: a module may include only modules to its left
// (docs/HACKING.md). Reads every #include "neardup/<module>/..." line of include/ and src/.
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace {

namespace fs = std::filesystem;

// The order of docs/HACKING.md; modules at the same rank may not include each other.
int Rank(const std::string& module) {
  static const std::vector<std::vector<std::string>> kOrder = {
      {"base"}, {"hash"}, {"text"}, {"sketch"}, {"index"}, {"verify"}, {"cluster"},
      {"io"},   {"store"}, {"pipeline"}, {"gen"}};
  for (size_t i = 0; i < kOrder.size(); ++i) {
    for (const auto& m : kOrder[i]) {
      if (m == module) return static_cast<int>(i);
    }
  }
  return -1;
}

TEST(LayeringTest, ModulesIncludeOnlyModulesToTheirLeft) {
  const fs::path root = NEARDUP_SOURCE_DIR;
  const std::regex include_re(R"(^\s*#\s*include\s+"neardup/([a-z_]+)/)");
  int files = 0;
  for (const char* top : {"include/neardup", "src"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      if (!entry.is_regular_file()) continue;
      const fs::path rel = fs::relative(entry.path(), root / top);
      const std::string module = rel.begin()->string();
      if (module == "cli" || module == "server") continue;  // on top of everything
      const int rank = Rank(module);
      ASSERT_GE(rank, 0) << "unknown module folder " << module << " (add it to this test and HACKING.md)";
      ++files;
      std::ifstream in(entry.path());
      std::string line;
      int line_no = 0;
      while (std::getline(in, line)) {
        ++line_no;
        std::smatch m;
        if (!std::regex_search(line, m, include_re)) continue;
        const std::string used = m[1];
        EXPECT_TRUE(used == module || (Rank(used) >= 0 && Rank(used) < Rank(module)))
            << entry.path().string() << ":" << line_no << ": module '" << module
            << "' must not include '" << used << "'";
      }
    }
  }
  EXPECT_GT(files, 20);
}

TEST(LayeringTest, LibraryNeverIncludesCli) {
  const fs::path root = NEARDUP_SOURCE_DIR;
  for (const auto& entry : fs::recursive_directory_iterator(root / "include")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      EXPECT_EQ(line.find("\"cli/"), std::string::npos) << entry.path();
      EXPECT_EQ(line.find("\"server/"), std::string::npos) << entry.path();
    }
  }
}

}  // namespace
