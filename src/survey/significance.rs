//! Which test suits which table, and its outcome as the report shows it. A contingency table
//! gets Pearson's chi-square test only where Cochran's rule holds; otherwise Fisher's exact
//! test (2×2) or a seeded Monte Carlo permutation p (larger tables). Scores per group get a
//! Kruskal–Wallis test. Whether an outcome is significant is decided later, on the p adjusted
//! over all tests of the report (Benjamini–Hochberg, see [`adjust`]).

use super::precision::{self, Effect};
use super::stats::{self, ChiSquare};

/// How a p-value was found; the report names it under each table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Method {
    /// Pearson's chi-square test; its approximation holds (Cochran's rule).
    Pearson,
    /// Fisher's exact test of a 2×2 table, two-sided.
    FisherExact,
    /// The chi-square statistic's p by shuffling the groups `permutations` times.
    MonteCarlo { permutations: u32 },
    /// Kruskal–Wallis H with its chi-square approximation.
    KruskalWallis,
    /// Two-proportion z-test (pooled).
    TwoProportions,
}

/// One test's outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Test {
    pub method: Method,
    /// χ², H or z; Fisher's exact test has none of its own.
    pub statistic: Option<f64>,
    pub degrees_of_freedom: Option<u32>,
    pub p_value: f64,
    /// Set by [`adjust`]: the Benjamini–Hochberg p over every test of the report.
    pub adjusted_p: Option<f64>,
    /// Pearson's figures of the table, also where another method gave the p: they say why.
    pub pearson: Option<ChiSquare>,
    /// How large the difference is, whatever p says: Cramér's V, ε² or Cohen's h.
    pub effect: Option<Effect>,
    /// Respondents (or scores) in the smallest group compared: with few, a real difference
    /// easily goes unnoticed, so "no significant difference" then means "too few to tell".
    pub smallest_group: u32,
}

impl Test {
    /// The p a verdict is decided on: the adjusted one once the report's tests are known.
    pub fn decisive_p(&self) -> f64 {
        self.adjusted_p.unwrap_or(self.p_value)
    }

    pub fn significant(&self, level: f64) -> bool {
        self.decisive_p() < level
    }

    /// Why this test could easily miss a real difference, if it could: its smallest group
    /// is below `reliable` (the codebook's `indicative_below`), or its expected counts are
    /// too small for the chi-square approximation (Cochran's rule failed, so an exact or
    /// permutation test was used).
    pub fn low_power(&self, reliable: u32) -> Option<LowPower> {
        if self.smallest_group < reliable {
            return Some(LowPower::SmallGroup(self.smallest_group));
        }
        let sparse = matches!(self.method, Method::FisherExact | Method::MonteCarlo { .. });
        sparse.then(|| LowPower::SmallExpected(self.pearson.map_or(0.0, |p| p.min_expected)))
    }
}

/// Why a test has little power: the smallest group's size, or the smallest expected count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LowPower {
    SmallGroup(u32),
    SmallExpected(f64),
}

/// The test of independence for a contingency table (`table[row][column]`, counts); `None`
/// when fewer than two rows and two columns hold counts. `min_expected` is the threshold of
/// Cochran's rule (the codebook's `min_expected`, 5 by default).
pub fn independence(table: &[Vec<u32>], min_expected: f64) -> Option<Test> {
    let pearson = stats::chi_square(table)?;
    let compact = stats::compact(table)?;
    // Rows are answers, columns are groups.
    let group_sizes: Vec<u32> = (0..compact[0].len()).map(|c| compact.iter().map(|row| row[c]).sum()).collect();
    let n: u32 = group_sizes.iter().sum();
    let effect = precision::cramers_v(pearson.statistic, f64::from(n), compact.len(), compact[0].len());
    let outcome = |method, p_value, statistic| Test {
        method,
        statistic,
        degrees_of_freedom: (method != Method::FisherExact).then_some(pearson.degrees_of_freedom),
        p_value,
        adjusted_p: None,
        pearson: Some(pearson),
        effect,
        smallest_group: group_sizes.iter().copied().min().unwrap_or(0),
    };
    if stats::cochran_holds(&compact, min_expected) {
        return Some(outcome(Method::Pearson, pearson.p_value, Some(pearson.statistic)));
    }
    if let [[a, b], [c, d]] = [compact[0].as_slice(), compact[1].as_slice()] {
        if compact.len() == 2 {
            return Some(outcome(Method::FisherExact, stats::fisher_exact([[*a, *b], [*c, *d]]), None));
        }
    }
    let p_value = permutation_p(&compact, pearson.statistic);
    Some(outcome(Method::MonteCarlo { permutations: stats::PERMUTATIONS }, p_value, Some(pearson.statistic)))
}

/// The Monte Carlo p of a contingency table's X²: every respondent is one (row, column) pair,
/// and the columns are shuffled over the respondents, which keeps both margins.
fn permutation_p(table: &[Vec<u32>], observed: f64) -> f64 {
    let mut rows = Vec::new();
    let mut columns = Vec::new();
    for (r, row) in table.iter().enumerate() {
        for (c, &count) in row.iter().enumerate() {
            rows.extend(std::iter::repeat_n(r, count as usize));
            columns.extend(std::iter::repeat_n(c, count as usize));
        }
    }
    let row_totals: Vec<f64> = table.iter().map(|row| row.iter().map(|&v| f64::from(v)).sum()).collect();
    let column_totals: Vec<f64> = (0..table[0].len()).map(|c| table.iter().map(|row| f64::from(row[c])).sum()).collect();
    stats::permutation_p(&columns, observed, stats::PERMUTATIONS, stats::PERMUTATION_SEED, |shuffled| {
        stats::pearson_statistic(&rows, shuffled, &row_totals, &column_totals)
    })
}

/// Kruskal–Wallis for scores per group; `None` when there is nothing to compare.
pub fn score_differences(groups: &[Vec<f64>]) -> Option<Test> {
    let test = stats::kruskal_wallis(groups)?;
    let scored = groups.iter().filter(|g| !g.is_empty());
    let n: usize = scored.clone().map(Vec::len).sum();
    Some(Test {
        method: Method::KruskalWallis,
        statistic: Some(test.statistic),
        degrees_of_freedom: Some(test.degrees_of_freedom),
        p_value: test.p_value,
        adjusted_p: None,
        pearson: None,
        effect: precision::epsilon_squared(test.statistic, n as f64),
        smallest_group: scored.map(Vec::len).min().unwrap_or(0) as u32,
    })
}

/// The change between two years of one option: `x1` of `n1` against `x2` of `n2`. The
/// z-test where every cell of the 2×2 table (year × chose it or not) expects at least
/// `min_expected` answers (the codebook's, 5 by default); Fisher's exact test where one
/// expects fewer, as for a breakdown (the normal approximation fails with so few).
pub fn change(x1: u32, n1: u32, x2: u32, n2: u32, min_expected: f64) -> Option<Test> {
    let z = stats::two_proportions(x1, n1, x2, n2)?;
    let table = [[x1, n1 - x1], [x2, n2 - x2]];
    let pearson = stats::chi_square(&table.map(|row| row.to_vec()))?;
    let exact = pearson.min_expected < min_expected;
    Some(Test {
        method: if exact { Method::FisherExact } else { Method::TwoProportions },
        statistic: (!exact).then_some(z.z),
        degrees_of_freedom: None,
        p_value: if exact { stats::fisher_exact(table) } else { z.p_value },
        adjusted_p: None,
        pearson: Some(pearson),
        effect: Some(precision::cohens_h(f64::from(x1) / f64::from(n1), f64::from(x2) / f64::from(n2))),
        smallest_group: n1.min(n2),
    })
}

/// Sets the Benjamini–Hochberg adjusted p of every test given: one family, the whole report.
pub fn adjust(tests: &mut [&mut Test]) {
    let p_values: Vec<f64> = tests.iter().map(|t| t.p_value).collect();
    for (test, adjusted) in tests.iter_mut().zip(stats::benjamini_hochberg(&p_values)) {
        test.adjusted_p = Some(adjusted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_with_small_expected_counts_gets_fishers_exact_test() {
        // 1 of 20 against 10 of 100: the first year's "chose it" expects 20 × 11 / 120 = 1,8.
        // scipy.stats.fisher_exact([[1, 19], [10, 90]]).pvalue = 0,6886105667938383
        let test = change(1, 20, 10, 100, 5.0).unwrap();
        assert_eq!(test.method, Method::FisherExact);
        assert!((test.p_value - 0.6886105667938383).abs() < 1e-9, "{test:?}");
        assert!((test.pearson.unwrap().min_expected - 20.0 * 11.0 / 120.0).abs() < 1e-9);
        // 60 of 100 against 50 of 100 expects 55 and 45: the z-test, as statsmodels'
        // proportions_ztest([60, 50], [100, 100]) = (1,4213381090374024, 0,1552184896846841).
        let test = change(60, 100, 50, 100, 5.0).unwrap();
        assert_eq!(test.method, Method::TwoProportions);
        assert!((test.statistic.unwrap() - 1.4213381090374024).abs() < 1e-9 && (test.p_value - 0.1552184896846841).abs() < 1e-9);
    }
}
