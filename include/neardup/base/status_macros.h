// Status propagation macros. Debian's Abseil ships absl::Status without the macros that
// Google's internal code uses, so neardup keeps its own two here.
//
//   NEARDUP_RETURN_IF_ERROR(file.Open());
//   NEARDUP_ASSIGN_OR_RETURN(Document doc, reader.Next());
#ifndef NEARDUP_BASE_STATUS_MACROS_H_
#define NEARDUP_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define NEARDUP_STATUS_CONCAT_INNER_(a, b) a##b
#define NEARDUP_STATUS_CONCAT_(a, b) NEARDUP_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function with the status of `expr` when it is not OK.
#define NEARDUP_RETURN_IF_ERROR(expr)                 \
  do {                                                \
    ::absl::Status neardup_status_ = (expr);          \
    if (!neardup_status_.ok()) return neardup_status_; \
  } while (0)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status, else moves the
// value into `lhs`, which may be a declaration.
#define NEARDUP_ASSIGN_OR_RETURN(lhs, rexpr) \
  NEARDUP_ASSIGN_OR_RETURN_IMPL_(NEARDUP_STATUS_CONCAT_(neardup_statusor_, __LINE__), lhs, rexpr)

#define NEARDUP_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = std::move(statusor).value()

#endif  // NEARDUP_BASE_STATUS_MACROS_H_
