# Writes a C++ source defining neardup::BackgroundDfTable() from the table file.
# cmake -DIN=data/df_table_v1.tsv -DOUT=background_df_data.cc -P embed_df_table.cmake
file(READ "${IN}" content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR length "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE "${OUT}" "// Generated from ${IN} by tools/embed_df_table.cmake. Do not edit.\n"
  "#include \"neardup/text/background_df.h\"\n"
  "namespace neardup {\nnamespace {\nconst unsigned char kTable[] = {${bytes}0};\n}  // namespace\n"
  "std::string_view BackgroundDfTable() { return std::string_view(reinterpret_cast<const char*>(kTable), ${length}); }\n"
  "}  // namespace neardup\n")
