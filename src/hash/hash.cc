// hash.h is header-only (inlined XXH3); this file keeps the module's one-header,
// one-source shape and checks that the header compiles on its own.
#include "neardup/hash/hash.h"
