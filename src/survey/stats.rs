//! The statistics behind the breakdowns: Pearson's chi-square test of independence, with
//! its p-value from the regularized incomplete gamma function. Written out here (some forty
//! lines) rather than pulled in as a statistics crate, because nothing else is needed.

/// The outcome of a chi-square test on a contingency table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChiSquare {
    pub statistic: f64,
    pub degrees_of_freedom: u32,
    pub p_value: f64,
    /// The smallest expected count of any cell; below 5 the test is only indicative.
    pub min_expected: f64,
}

/// Tests whether rows and columns of `table` (counts, rows × columns) are independent.
/// Rows and columns without any count are left out first; `None` when fewer than two of
/// either remain (there is nothing to compare).
pub fn chi_square(table: &[Vec<u32>]) -> Option<ChiSquare> {
    let columns = table.iter().map(Vec::len).max().unwrap_or(0);
    let column_total = |c: usize| table.iter().map(|row| f64::from(row.get(c).copied().unwrap_or(0))).sum::<f64>();
    let kept_columns: Vec<usize> = (0..columns).filter(|&c| column_total(c) > 0.0).collect();
    let kept_rows: Vec<&Vec<u32>> = table.iter().filter(|row| row.iter().any(|&v| v > 0)).collect();
    if kept_rows.len() < 2 || kept_columns.len() < 2 {
        return None;
    }
    let total: f64 = kept_rows.iter().map(|row| row.iter().map(|&v| f64::from(v)).sum::<f64>()).sum();
    let mut statistic = 0.0;
    let mut min_expected = f64::INFINITY;
    for row in &kept_rows {
        let row_total: f64 = row.iter().map(|&v| f64::from(v)).sum();
        for &c in &kept_columns {
            let expected = row_total * column_total(c) / total;
            let observed = f64::from(row.get(c).copied().unwrap_or(0));
            statistic += (observed - expected).powi(2) / expected;
            min_expected = min_expected.min(expected);
        }
    }
    let degrees_of_freedom = ((kept_rows.len() - 1) * (kept_columns.len() - 1)) as u32;
    Some(ChiSquare { statistic, degrees_of_freedom, p_value: chi_square_p(statistic, degrees_of_freedom), min_expected })
}

/// P(X ≥ statistic) for a chi-square distribution with `df` degrees of freedom.
pub fn chi_square_p(statistic: f64, df: u32) -> f64 {
    if statistic <= 0.0 || df == 0 {
        return 1.0;
    }
    regularized_gamma_q(f64::from(df) / 2.0, statistic / 2.0)
}

/// Q(a, x) = Γ(a, x) / Γ(a), the upper regularized incomplete gamma function: a series
/// below x = a + 1 and a continued fraction above, each where it converges fast
/// (Numerical Recipes, §6.2).
pub fn regularized_gamma_q(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    if x < a + 1.0 {
        (1.0 - lower_series(a, x)).clamp(0.0, 1.0)
    } else {
        upper_continued_fraction(a, x).clamp(0.0, 1.0)
    }
}

const EPSILON: f64 = 1e-15;
const MAX_STEPS: usize = 1000;

fn lower_series(a: f64, x: f64) -> f64 {
    let mut term = 1.0 / a;
    let mut sum = term;
    let mut denominator = a;
    for _ in 0..MAX_STEPS {
        denominator += 1.0;
        term *= x / denominator;
        sum += term;
        if term.abs() < sum.abs() * EPSILON {
            break;
        }
    }
    sum * (-x + a * x.ln() - ln_gamma(a)).exp()
}

fn upper_continued_fraction(a: f64, x: f64) -> f64 {
    // Modified Lentz's method.
    let tiny = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..MAX_STEPS {
        let i = i as f64;
        let an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + an / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < EPSILON {
            break;
        }
    }
    (-x + a * x.ln() - ln_gamma(a)).exp() * h
}

/// ln Γ(x) by the Lanczos approximation (g = 7, nine coefficients), accurate to ~1e-15.
pub fn ln_gamma(x: f64) -> f64 {
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEFFICIENTS[0];
    for (i, coefficient) in COEFFICIENTS.iter().enumerate().skip(1) {
        sum += coefficient / (x + i as f64);
    }
    let t = x + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_of_whole_numbers_is_a_log_factorial() {
        assert!((ln_gamma(1.0)).abs() < 1e-12);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
    }

    #[test]
    fn two_degrees_of_freedom_has_a_closed_form() {
        // For df = 2 the upper tail is exp(−x/2).
        for x in [0.1, 1.0, 4.0, 12.0, 40.0] {
            assert!((chi_square_p(x, 2) - (-x / 2.0f64).exp()).abs() < 1e-12, "x = {x}");
        }
    }
}
