//! How precise a figure is and how large a difference: the 95% interval of a share (Wilson)
//! and of an NPS (adjusted Wald), and the effect sizes printed beside each test (Cramér's V,
//! ε² for Kruskal–Wallis, Cohen's h for a change between years). A p-value says whether a
//! difference could be chance; these say how far off a figure may be and how large a
//! difference is, which a p-value of a small or a very large survey does not.

/// z for a two-sided 95% interval: the normal distribution's 97.5th percentile.
const Z_95: f64 = 1.959_963_984_540_054;

/// A 95% interval, as shares of 0–1 (for a share) or NPS points (for an NPS).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The Wilson score interval of `count` of `n` (statsmodels' `proportion_confint(method =
/// "wilson")`): unlike the textbook interval p ± 1,96·√(p(1−p)/n) it stays within 0–1 and is
/// not zero wide at 0% or 100%, which matters most for the small groups of a breakdown.
/// `None` without respondents.
pub fn wilson(count: u32, n: u32) -> Option<Interval> {
    if n == 0 || count > n {
        return None;
    }
    let (x, n) = (f64::from(count), f64::from(n));
    let p = x / n;
    let z2 = Z_95 * Z_95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z_95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(Interval { low: (centre - half).max(0.0), high: (centre + half).min(1.0) })
}

/// The 95% interval of an NPS from the numbers of critici, neutralen and fans, by the
/// adjusted Wald method (Rocks 2016, "Interval estimation for the net promoter score", The
/// American Statistician 70(4)): ¾ is added to critici and fans and 1½ to neutralen, and the
/// NPS's normal interval is taken of those counts. The plain interval would be zero wide for
/// a group in which all are fans. In NPS points (−100 … +100); `None` without respondents.
pub fn nps_interval(critics: f64, passives: f64, promoters: f64) -> Option<Interval> {
    if critics + passives + promoters <= 0.0 {
        return None;
    }
    let n = critics + passives + promoters + 3.0;
    let (critics, promoters) = ((critics + 0.75) / n, (promoters + 0.75) / n);
    let nps = promoters - critics;
    let half = Z_95 * ((promoters + critics - nps * nps) / n).max(0.0).sqrt();
    Some(Interval { low: 100.0 * (nps - half).max(-1.0), high: 100.0 * (nps + half).min(1.0) })
}

/// What an effect size measures, for the words beside it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EffectMeasure {
    /// Cramér's V of a contingency table; `df` = min(rows, columns) − 1, which sets what
    /// counts as small, medium and large (Cohen 1988).
    CramersV { df: u32 },
    /// ε² of Kruskal–Wallis: H / (n − 1), the share of the ranks' spread between groups.
    EpsilonSquared,
    /// Cohen's h of two shares: |2·asin √p₁ − 2·asin √p₂|.
    CohensH,
}

/// An effect size with its measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effect {
    pub measure: EffectMeasure,
    pub value: f64,
}

/// How large an effect is by the usual rules of thumb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Magnitude {
    Negligible,
    Small,
    Medium,
    Large,
}

impl Effect {
    /// Cohen's (1988) thresholds: V 0,1 / 0,3 / 0,5 divided by √df; h 0,2 / 0,5 / 0,8; ε²
    /// 0,01 / 0,06 / 0,14 (the thresholds of η², which ε² estimates).
    pub fn magnitude(&self) -> Magnitude {
        let [small, medium, large] = match self.measure {
            EffectMeasure::CramersV { df } => [0.1, 0.3, 0.5].map(|t| t / f64::from(df.max(1)).sqrt()),
            EffectMeasure::EpsilonSquared => [0.01, 0.06, 0.14],
            EffectMeasure::CohensH => [0.2, 0.5, 0.8],
        };
        match self.value {
            v if v >= large => Magnitude::Large,
            v if v >= medium => Magnitude::Medium,
            v if v >= small => Magnitude::Small,
            _ => Magnitude::Negligible,
        }
    }
}

/// Cramér's V of a table with `rows` × `columns` cells holding `n` answers and Pearson's X²
/// `statistic` (scipy's `contingency.association(method = "cramer")`).
pub fn cramers_v(statistic: f64, n: f64, rows: usize, columns: usize) -> Option<Effect> {
    let df = rows.min(columns).checked_sub(1).filter(|&df| df > 0)? as u32;
    (n > 0.0).then(|| Effect { measure: EffectMeasure::CramersV { df }, value: (statistic / (n * f64::from(df))).sqrt().min(1.0) })
}

/// ε² of a Kruskal–Wallis H over `n` scores (Tomczak and Tomczak 2014): H (n + 1) / (n² − 1).
pub fn epsilon_squared(h: f64, n: f64) -> Option<Effect> {
    (n > 1.0).then(|| Effect { measure: EffectMeasure::EpsilonSquared, value: (h * (n + 1.0) / (n * n - 1.0)).clamp(0.0, 1.0) })
}

/// Cohen's h of two shares (0–1), as a size: statsmodels' `proportion_effectsize`, unsigned.
pub fn cohens_h(p1: f64, p2: f64) -> Effect {
    let arcsine = |p: f64| 2.0 * p.clamp(0.0, 1.0).sqrt().asin();
    Effect { measure: EffectMeasure::CohensH, value: (arcsine(p1) - arcsine(p2)).abs() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64) {
        assert!((actual - expected).abs() < 1e-9, "{actual} is not {expected}");
    }

    #[test]
    fn wilson_intervals_equal_statsmodels() {
        // python3 -c 'from statsmodels.stats.proportion import proportion_confint as c;
        //   [print(x, n, *c(x, n, alpha=0.05, method="wilson")) for x, n in
        //   [(6,12),(0,5),(5,5),(71,112),(1,20),(30,60),(17,60)]]'   (statsmodels 0.15.0)
        for (count, n, low, high) in [
            (6, 12, 0.253781597633706, 0.746218402366294),
            (0, 5, 0.0, 0.43448246478317487),
            (5, 5, 0.5655175352168252, 1.0),
            (71, 112, 0.54165081823337, 0.717323820945127),
            (1, 20, 0.008881448800795402, 0.2361311934467421),
            (30, 60, 0.37735024241555765, 0.6226497575844423),
            (17, 60, 0.18506828428432712, 0.40767285164391187),
        ] {
            let interval = wilson(count, n).unwrap();
            close(interval.low, low);
            close(interval.high, high);
        }
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn nps_intervals_follow_the_adjusted_wald_method() {
        // python3 -c 'from scipy.stats import norm; import numpy as np; z = norm.ppf(0.975)
        //   for c, p, f in [(3,4,5),(10,20,30),(0,0,6),(20,25,15)]:
        //     n = c + p + f + 3; pc = (c + .75) / n; pf = (f + .75) / n; d = pf - pc
        //     h = z * np.sqrt((pf + pc - d**2) / n); print(100 * max(d - h, -1), 100 * min(d + h, 1))'
        for (critics, passives, promoters, low, high) in [
            (3.0, 4.0, 5.0, -26.370833689924737, 53.03750035659141),
            (10.0, 20.0, 30.0, 13.301182535638198, 50.19088095642529),
            (0.0, 0.0, 6.0, 25.924923774637882, 100.0),
            (20.0, 25.0, 15.0, -26.62956094085675, 10.756545067840879),
        ] {
            let interval = nps_interval(critics, passives, promoters).unwrap();
            close(interval.low, low);
            close(interval.high, high);
        }
    }

    #[test]
    fn cramers_v_equals_scipy() {
        // scipy.stats.contingency.association(table, method="cramer", correction=False)
        // (scipy 1.17.1); X² from chi_square of the same table.
        for (table, expected) in [
            (vec![vec![10, 20], vec![20, 10]], 0.33333333333333337),
            (vec![vec![12, 8, 5], vec![6, 9, 15]], 0.34796326152705986),
            (vec![vec![5, 1, 0], vec![2, 6, 3], vec![1, 2, 8]], 0.549325141803288),
        ] {
            let chi = super::super::stats::chi_square(&table).unwrap();
            let n: u32 = table.iter().flatten().sum();
            let effect = cramers_v(chi.statistic, f64::from(n), table.len(), table[0].len()).unwrap();
            close(effect.value, expected);
        }
    }

    #[test]
    fn epsilon_squared_follows_scipys_kruskal_h() {
        // h, p = scipy.stats.kruskal(*groups); n = total scores; h * (n + 1) / (n**2 − 1)
        for (groups, expected) in [
            (vec![vec![1.0, 2.0, 3.0, 3.0, 4.0], vec![3.0, 4.0, 5.0, 5.0, 5.0, 4.0]], 0.5076923076923081),
            (vec![vec![1.0, 1.0, 2.0, 5.0], vec![2.0, 3.0, 3.0], vec![4.0, 5.0, 5.0, 5.0, 4.0]], 0.4984068627450977),
        ] {
            let h = super::super::stats::kruskal_wallis(&groups).unwrap().statistic;
            let n = groups.iter().map(Vec::len).sum::<usize>() as f64;
            close(epsilon_squared(h, n).unwrap().value, expected);
        }
    }

    #[test]
    fn cohens_h_equals_statsmodels() {
        // abs(statsmodels.stats.proportion.proportion_effectsize(p1, p2))
        close(cohens_h(0.5, 0.8).value, 0.643501108793284);
        close(cohens_h(17.0 / 60.0, 0.08).value, 0.5490950863923687);
    }

    #[test]
    fn rules_of_thumb_scale_cramers_v_by_its_degrees_of_freedom() {
        let v = |value, df| Effect { measure: EffectMeasure::CramersV { df }, value }.magnitude();
        assert_eq!(v(0.35, 1), Magnitude::Medium);
        // With df = 2 a medium effect starts at 0,3 / √2 ≈ 0,21.
        assert_eq!(v(0.25, 2), Magnitude::Medium);
        assert_eq!(v(0.05, 1), Magnitude::Negligible);
        assert_eq!(Effect { measure: EffectMeasure::EpsilonSquared, value: 0.5 }.magnitude(), Magnitude::Large);
    }
}
