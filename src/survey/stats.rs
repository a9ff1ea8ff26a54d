//! The statistics behind the research report: Pearson's chi-square test, Fisher's exact
//! test, a seeded permutation (Monte Carlo) p, Kruskal–Wallis, the two-proportion z-test and
//! the Benjamini–Hochberg correction. The distributions (chi-square, normal, hypergeometric)
//! come from the `statrs` crate; what is written here is only how each statistic is counted.
//! Which test suits which table is decided in `significance.rs`.

use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::erf::erfc;
use statrs::stats_tests::{fishers_exact, Alternative};

/// The outcome of Pearson's chi-square test on a contingency table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChiSquare {
    pub statistic: f64,
    pub degrees_of_freedom: u32,
    pub p_value: f64,
    /// The smallest expected count of any cell.
    pub min_expected: f64,
    /// How many cells expect fewer than 5 answers, of how many cells.
    pub cells_below_5: usize,
    pub cells: usize,
}

/// Cochran's rule for a contingency table: the chi-square approximation holds when no more
/// than 20% of the expected counts lie below `threshold` (5 by convention) and none below 1.
pub fn cochran_holds(table: &[Vec<u32>], threshold: f64) -> bool {
    let Some(table) = compact(table) else { return false };
    let row_totals: Vec<f64> = table.iter().map(|row| row.iter().map(|&v| f64::from(v)).sum()).collect();
    let column_totals: Vec<f64> = (0..table[0].len()).map(|c| table.iter().map(|row| f64::from(row[c])).sum()).collect();
    let total: f64 = row_totals.iter().sum();
    let expected: Vec<f64> = row_totals.iter().flat_map(|r| column_totals.iter().map(move |c| r * c / total)).collect();
    let small = expected.iter().filter(|&&e| e < threshold).count();
    expected.iter().all(|&e| e >= 1.0) && small * 5 <= expected.len()
}

/// The table without rows and columns that hold no count: they carry no information and
/// would divide by zero. `None` when fewer than two of either remain (nothing to compare).
pub fn compact(table: &[Vec<u32>]) -> Option<Vec<Vec<u32>>> {
    let columns = table.iter().map(Vec::len).max().unwrap_or(0);
    let cell = |row: &Vec<u32>, c: usize| row.get(c).copied().unwrap_or(0);
    let kept_columns: Vec<usize> = (0..columns).filter(|&c| table.iter().any(|row| cell(row, c) > 0)).collect();
    let kept: Vec<Vec<u32>> =
        table.iter().filter(|row| row.iter().any(|&v| v > 0)).map(|row| kept_columns.iter().map(|&c| cell(row, c)).collect()).collect();
    (kept.len() >= 2 && kept_columns.len() >= 2).then_some(kept)
}

/// Tests whether rows and columns of `table` (counts, rows × columns) are independent.
/// Empty rows and columns are left out first (see [`compact`]).
pub fn chi_square(table: &[Vec<u32>]) -> Option<ChiSquare> {
    let table = compact(table)?;
    let row_totals: Vec<f64> = table.iter().map(|row| row.iter().map(|&v| f64::from(v)).sum()).collect();
    let column_totals: Vec<f64> = (0..table[0].len()).map(|c| table.iter().map(|row| f64::from(row[c])).sum()).collect();
    let total: f64 = row_totals.iter().sum();
    let mut statistic = 0.0;
    let mut min_expected = f64::INFINITY;
    let mut cells_below_5 = 0;
    for (row, row_total) in table.iter().zip(&row_totals) {
        for (&observed, column_total) in row.iter().zip(&column_totals) {
            let expected = row_total * column_total / total;
            statistic += (f64::from(observed) - expected).powi(2) / expected;
            min_expected = min_expected.min(expected);
            cells_below_5 += usize::from(expected < 5.0);
        }
    }
    let degrees_of_freedom = ((table.len() - 1) * (column_totals.len() - 1)) as u32;
    Some(ChiSquare {
        statistic,
        degrees_of_freedom,
        p_value: chi_square_p(statistic, degrees_of_freedom),
        min_expected,
        cells_below_5,
        cells: table.len() * column_totals.len(),
    })
}

/// P(X ≥ statistic) for a chi-square distribution with `df` degrees of freedom.
pub fn chi_square_p(statistic: f64, df: u32) -> f64 {
    if statistic <= 0.0 || df == 0 {
        return 1.0;
    }
    match ChiSquared::new(f64::from(df)) {
        Ok(distribution) => distribution.sf(statistic).clamp(0.0, 1.0),
        Err(_) => 1.0,
    }
}

/// Fisher's exact test of a 2×2 table, two-sided (as R's `fisher.test` and scipy's
/// `fisher_exact`): the probability of a table at most as likely as this one, margins fixed.
pub fn fisher_exact(table: [[u32; 2]; 2]) -> f64 {
    let [[a, b], [c, d]] = table;
    fishers_exact(&[a, b, c, d].map(u64::from), Alternative::TwoSided).map_or(1.0, |p| p.clamp(0.0, 1.0))
}

/// A small deterministic generator (SplitMix64): the same seed gives the same permutations
/// on every machine and every run, so a published p never changes between builds.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number below `bound` (Lemire's multiply-shift; the bias is below 2⁻⁵⁰ here).
    pub fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next_u64()) * bound as u128) >> 64) as usize
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// The seed of every permutation test in the report: fixed, so the report is reproducible.
pub const PERMUTATION_SEED: u64 = 2026;
/// Permutations per Monte Carlo test: the p it gives is within ±0.01 of the exact one (95%).
pub const PERMUTATIONS: u32 = 10_000;

/// The Monte Carlo p of a statistic that depends on how respondents are divided over groups:
/// the group labels are shuffled `permutations` times and p = (1 + the number of shuffles with
/// a statistic at least the observed one) / (1 + permutations), as R's `chisq.test(...,
/// simulate.p.value = TRUE)` counts it.
pub fn permutation_p<F>(groups: &[usize], observed: f64, permutations: u32, seed: u64, statistic: F) -> f64
where
    F: Fn(&[usize]) -> f64,
{
    let mut shuffled = groups.to_vec();
    let mut generator = SplitMix64::new(seed);
    // Equal statistics can differ in the last bits; count them as equal (as R does).
    let threshold = observed * (1.0 - 64.0 * f64::EPSILON);
    let mut as_extreme = 0u32;
    for _ in 0..permutations {
        generator.shuffle(&mut shuffled);
        as_extreme += u32::from(statistic(&shuffled) >= threshold);
    }
    f64::from(1 + as_extreme) / f64::from(1 + permutations)
}

/// Pearson's X² of the table counted from one row and one column index per respondent,
/// with the margins given: the quantity [`permutation_p`] shuffles for a contingency table.
pub fn pearson_statistic(rows: &[usize], columns: &[usize], row_totals: &[f64], column_totals: &[f64]) -> f64 {
    let width = column_totals.len();
    let mut counts = vec![0u32; row_totals.len() * width];
    for (&r, &c) in rows.iter().zip(columns) {
        counts[r * width + c] += 1;
    }
    let total = rows.len() as f64;
    // With the margins fixed, X² = N (Σ O² / (row × column) − 1).
    let mut sum = 0.0;
    for (r, row_total) in row_totals.iter().enumerate() {
        for (c, column_total) in column_totals.iter().enumerate() {
            let observed = f64::from(counts[r * width + c]);
            sum += observed * observed / (row_total * column_total);
        }
    }
    total * (sum - 1.0)
}

/// The outcome of a Kruskal–Wallis test: do the groups' scores come from one distribution?
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KruskalWallis {
    /// H, corrected for ties.
    pub statistic: f64,
    pub degrees_of_freedom: u32,
    /// From the chi-square approximation of H.
    pub p_value: f64,
}

/// Kruskal–Wallis H of the scores per group, ties given their mean rank and corrected for
/// (as R's `kruskal.test` and scipy's `kruskal`). Groups without scores are left out; `None`
/// when fewer than two groups remain or every score is the same.
pub fn kruskal_wallis(groups: &[Vec<f64>]) -> Option<KruskalWallis> {
    let groups: Vec<&Vec<f64>> = groups.iter().filter(|g| !g.is_empty()).collect();
    if groups.len() < 2 {
        return None;
    }
    let statistic = kruskal_wallis_h(&groups)?;
    let degrees_of_freedom = (groups.len() - 1) as u32;
    Some(KruskalWallis { statistic, degrees_of_freedom, p_value: chi_square_p(statistic, degrees_of_freedom) })
}

fn kruskal_wallis_h(groups: &[&Vec<f64>]) -> Option<f64> {
    let mut all: Vec<(f64, usize)> = groups.iter().enumerate().flat_map(|(g, scores)| scores.iter().map(move |&s| (s, g))).collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = all.len() as f64;
    let mut rank_sums = vec![0.0; groups.len()];
    let mut ties = 0.0;
    let mut start = 0;
    while start < all.len() {
        let end = start + all[start..].iter().take_while(|(s, _)| *s == all[start].0).count();
        let mean_rank = (start + 1 + end) as f64 / 2.0;
        for &(_, g) in &all[start..end] {
            rank_sums[g] += mean_rank;
        }
        let t = (end - start) as f64;
        ties += t * t * t - t;
        start = end;
    }
    let correction = 1.0 - ties / (n * n * n - n);
    if correction <= 0.0 {
        return None;
    }
    let sum: f64 = rank_sums.iter().zip(groups).map(|(r, g)| r * r / g.len() as f64).sum();
    Some((12.0 / (n * (n + 1.0)) * sum - 3.0 * (n + 1.0)) / correction)
}

/// The outcome of a two-proportion z-test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoProportions {
    pub z: f64,
    /// Two-sided.
    pub p_value: f64,
}

/// Whether `x1` of `n1` and `x2` of `n2` differ, with the pooled standard error (R's
/// `prop.test(correct = FALSE)`, whose X² is z²). `None` without respondents in either, or
/// when both shares are 0% or both 100% (no spread to test against).
pub fn two_proportions(x1: u32, n1: u32, x2: u32, n2: u32) -> Option<TwoProportions> {
    if n1 == 0 || n2 == 0 || x1 > n1 || x2 > n2 {
        return None;
    }
    let (x1, n1, x2, n2) = (f64::from(x1), f64::from(n1), f64::from(x2), f64::from(n2));
    let pooled = (x1 + x2) / (n1 + n2);
    let standard_error = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if standard_error <= 0.0 {
        return None;
    }
    let z = (x1 / n1 - x2 / n2) / standard_error;
    Some(TwoProportions { z, p_value: erfc(z.abs() / std::f64::consts::SQRT_2).clamp(0.0, 1.0) })
}

/// Benjamini–Hochberg adjusted p-values, in the order given: the i-th smallest of m p-values
/// becomes min over j ≥ i of (m / j) p₍ⱼ₎, at most 1 (R's `p.adjust(method = "BH")`). Deciding
/// on the adjusted p at level α keeps the expected share of false findings below α.
pub fn benjamini_hochberg(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]));
    let mut adjusted = vec![0.0; m];
    let mut running = 1.0f64;
    for (rank, &index) in order.iter().enumerate().rev() {
        running = running.min(p_values[index] * m as f64 / (rank + 1) as f64);
        adjusted[index] = running.min(1.0);
    }
    adjusted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_degrees_of_freedom_has_a_closed_form() {
        // For df = 2 the upper tail is exp(−x/2).
        for x in [0.1, 1.0, 4.0, 12.0, 40.0] {
            assert!((chi_square_p(x, 2) - (-x / 2.0f64).exp()).abs() < 1e-12, "x = {x}");
        }
    }

    #[test]
    fn the_generator_is_the_published_splitmix64() {
        // The first outputs for seed 1234567 of the reference implementation (Vigna, prng.di.unimi.it).
        let mut generator = SplitMix64::new(1_234_567);
        assert_eq!(generator.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(generator.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn cochran_counts_cells_below_5_and_below_1() {
        // Expected counts 15 everywhere: the rule holds.
        assert!(cochran_holds(&[vec![10, 20], vec![20, 10]], 5.0));
        // 2×2 with expected 2,5 in every cell: all four below 5.
        assert!(!cochran_holds(&[vec![4, 1], vec![1, 4]], 5.0));
        // 2×5 (ten cells): the first column expects 4,96 and 4,04, two cells of ten (20%): allowed.
        assert!(cochran_holds(&[vec![9, 10, 10, 10, 10], vec![0, 10, 10, 10, 10]], 5.0));
        // Two columns of 8 expect 4 in four cells (40%): too many.
        assert!(!cochran_holds(&[vec![4, 4, 10, 10, 10], vec![4, 4, 10, 10, 10]], 5.0));
        // An expected count below 1 is never allowed, even in one cell of many.
        let mut sparse = vec![vec![50; 10], vec![50; 10]];
        sparse[0].push(1);
        sparse[1].push(0);
        assert!(!cochran_holds(&sparse, 5.0));
    }
}
