// The neardup command line: one subcommand per file in src/cli/.
#include <iostream>

#include "cli/common.h"

int main(int argc, char** argv) {
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
