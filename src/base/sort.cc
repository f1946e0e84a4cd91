#include "neardup/base/sort.h"

#include <hwy/contrib/sort/vqsort.h>

namespace neardup {

void SortKeys(absl::Span<uint64_t> keys) {
  // A Sorter holds scratch memory and must not be shared between threads; creating one
  // per call would allocate per call.
  thread_local const hwy::Sorter sorter;
  sorter(keys.data(), keys.size(), hwy::SortAscending());
}

}  // namespace neardup
