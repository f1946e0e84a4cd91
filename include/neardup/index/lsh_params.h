// Chooses the banding of an LSH index. A signature of K values is cut into b bands of r
// rows (b * r <= K); two documents become candidates when any band matches, which happens
// with probability P(s) = 1 - (1 - s^r)^b for Jaccard similarity s. Following datasketch,
// (b, r) minimises  w_fp * integral_0^t P(s) ds  +  w_fn * integral_t^1 (1 - P(s)) ds.
//
//   LshParams p = OptimalLshParams(0.5, 128, /*fp_weight=*/0.5, /*fn_weight=*/0.5);
//   // p.bands, p.rows
#ifndef NEARDUP_INDEX_LSH_PARAMS_H_
#define NEARDUP_INDEX_LSH_PARAMS_H_

namespace neardup {

struct LshParams {
  int bands = 0;
  int rows = 0;
};

// Returns the probability that two documents of Jaccard similarity `s` share a band.
double CandidateProbability(double s, int bands, int rows);

// Returns the false-positive mass integral_0^t P(s) ds.
double FalsePositiveArea(double threshold, int bands, int rows);

// Returns the false-negative mass integral_t^1 (1 - P(s)) ds.
double FalseNegativeArea(double threshold, int bands, int rows);

// Returns the (bands, rows) with bands * rows <= num_hashes minimising the weighted sum
// of the two areas; ties go to fewer bands. threshold must lie in (0, 1).
LshParams OptimalLshParams(double threshold, int num_hashes, double false_positive_weight,
                           double false_negative_weight);

}  // namespace neardup

#endif  // NEARDUP_INDEX_LSH_PARAMS_H_
