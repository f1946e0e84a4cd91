// The neardup command line: one subcommand per file in src/cli/.
#include <iostream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli/common.h"

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // Per-batch buffers of a few MB are freed and allocated again for every batch. Above
  // glibc's (adaptive) mmap threshold each one is a fresh mapping whose pages the kernel
  // zeroes and faults in again (system time was a third of a Reuters run). Served from the
  // heap they are reused. Allocations above 64 MiB (the shingle store's blocks, the LSH
  // chains of large corpora) still get mappings of their own. docs/bench/e2e.md.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
  CLI::App app(
      "neardup: find near-duplicate and rewritten copies of news articles.\n"
      "Run 'neardup <command> --help' for the options of each command.");
  app.require_subcommand(1);
  app.set_version_flag("--version", "neardup 0.1.0");
  int exit_code = 0;
  neardup::cli::RegisterDedupCommand(&app, &exit_code);
  neardup::cli::RegisterCompareCommand(&app, &exit_code);
  neardup::cli::RegisterEvalCommand(&app, &exit_code);
  neardup::cli::RegisterGenCommand(&app, &exit_code);
  neardup::cli::RegisterLiveCommands(&app, &exit_code);
  neardup::cli::RegisterServeCommand(&app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
