#include "neardup/index/lsh_params.h"

#include <cmath>

namespace neardup {
namespace {

// Simpson's rule on [a, b] with an even number of steps; the integrands are smooth.
template <typename F>
double Integrate(F f, double a, double b) {
  constexpr int kSteps = 256;
  const double h = (b - a) / kSteps;
  double sum = f(a) + f(b);
  for (int i = 1; i < kSteps; ++i) sum += f(a + i * h) * ((i % 2) ? 4.0 : 2.0);
  return sum * h / 3.0;
}

// x^n for a small non-negative integer n, by squaring (std::pow costs ~100 times more,
// and the banding search evaluates it ~10^6 times).
double IntPow(double x, int n) {
  double result = 1.0;
  while (n > 0) {
    if (n & 1) result *= x;
    x *= x;
    n >>= 1;
  }
  return result;
}

}  // namespace

double CandidateProbability(double s, int bands, int rows) {
  return 1.0 - IntPow(1.0 - IntPow(s, rows), bands);
}

double FalsePositiveArea(double threshold, int bands, int rows) {
  return Integrate([&](double s) { return CandidateProbability(s, bands, rows); }, 0.0,
                   threshold);
}

double FalseNegativeArea(double threshold, int bands, int rows) {
  return Integrate([&](double s) { return 1.0 - CandidateProbability(s, bands, rows); },
                   threshold, 1.0);
}

LshParams OptimalLshParams(double threshold, int num_hashes, double false_positive_weight,
                           double false_negative_weight) {
  LshParams best;
  double best_error = INFINITY;
  for (int bands = 1; bands <= num_hashes; ++bands) {
    const int max_rows = num_hashes / bands;
    for (int rows = 1; rows <= max_rows; ++rows) {
      const double error = false_positive_weight * FalsePositiveArea(threshold, bands, rows) +
                           false_negative_weight * FalseNegativeArea(threshold, bands, rows);
      if (error < best_error) {
        best_error = error;
        best = {bands, rows};
      }
    }
  }
  return best;
}

}  // namespace neardup
