//! Number formatting for one language, set once in `site.toml`.
//! Dutch by default: decimal comma, dot for thousands, a real minus sign.

/// `en`, `en-GB`, `en-US`…: the language codes folio writes English for; every other code
/// gets folio's Dutch.
pub fn is_english(language: &str) -> bool {
    language == "en" || language.starts_with("en-")
}

/// A date as readers of `language` write it: "12 maart 2026", "12 March 2026".
pub fn long_date(year: u16, month: u8, day: u8, language: &str) -> String {
    const DUTCH: [&str; 12] =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    const ENGLISH: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let months = if is_english(language) { &ENGLISH } else { &DUTCH };
    let month = months.get(usize::from(month.max(1)) - 1).copied().unwrap_or("?");
    format!("{day} {month} {year}")
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumberFormat {
    pub decimal: char,
    pub thousands: char,
    pub minus: char,
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat { decimal: ',', thousands: '.', minus: '\u{2212}' }
    }
}

impl NumberFormat {
    /// The notation of a language code from `site.toml`: English uses a decimal point,
    /// every other language folio knows (nl, de, fr, …) a decimal comma.
    pub fn for_language(language: &str) -> NumberFormat {
        if is_english(language) {
            NumberFormat { decimal: '.', thousands: ',', minus: '\u{2212}' }
        } else {
            NumberFormat::default()
        }
    }

    /// Formats `value` with exactly `decimals` digits after the decimal sign.
    /// `format(-3.0, 0)` → "−3", `format(4.05, 2)` → "4,05", `format(12345.0, 0)` → "12.345".
    pub fn format(&self, value: f64, decimals: usize) -> String {
        let rounded = format!("{:.*}", decimals, value.abs());
        let (int_part, frac_part) = match rounded.split_once('.') {
            Some((int_part, frac_part)) => (int_part, Some(frac_part)),
            None => (rounded.as_str(), None),
        };
        let mut out = String::new();
        // A value that rounds to zero is printed without a sign.
        let is_zero = rounded.chars().all(|c| c == '0' || c == '.');
        if value < 0.0 && !is_zero {
            out.push(self.minus);
        }
        let digits: Vec<char> = int_part.chars().collect();
        for (i, digit) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(self.thousands);
            }
            out.push(*digit);
        }
        if let Some(frac_part) = frac_part {
            out.push(self.decimal);
            out.push_str(frac_part);
        }
        out
    }

    /// Like `format`, with a plus sign for positive values (NPS: "+7").
    pub fn format_signed(&self, value: f64, decimals: usize) -> String {
        let text = self.format(value, decimals);
        if value > 0.0 && text.chars().any(|c| c != '0' && c != self.decimal) {
            format!("+{text}")
        } else {
            text
        }
    }

    /// How many decimals a value needs as written in the data: 4.05 → 2, 30 → 0, 95.5 → 1.
    pub fn natural_decimals(value: f64) -> usize {
        for decimals in 0..=3 {
            let scale = 10f64.powi(decimals as i32);
            if ((value * scale).round() - value * scale).abs() < 1e-6 {
                return decimals;
            }
        }
        3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_the_sites_language() {
        assert_eq!(long_date(2023, 12, 18, "nl"), "18 december 2023");
        assert_eq!(long_date(2026, 3, 1, "en-GB"), "1 March 2026");
    }

    #[test]
    fn dutch_notation() {
        let nl = NumberFormat::default();
        assert_eq!(nl.format(95.5, 1), "95,5");
        assert_eq!(nl.format(4.05, 2), "4,05");
        assert_eq!(nl.format(-3.0, 0), "\u{2212}3");
        assert_eq!(nl.format(12345.0, 0), "12.345");
        assert_eq!(nl.format(1234567.25, 2), "1.234.567,25");
        assert_eq!(nl.format(-0.01, 0), "0");
        assert_eq!(nl.format_signed(7.0, 0), "+7");
        assert_eq!(nl.format_signed(-3.0, 0), "\u{2212}3");
        assert_eq!(nl.format_signed(0.0, 0), "0");
    }

    #[test]
    fn natural_decimals_follow_the_data() {
        assert_eq!(NumberFormat::natural_decimals(30.0), 0);
        assert_eq!(NumberFormat::natural_decimals(95.5), 1);
        assert_eq!(NumberFormat::natural_decimals(4.05), 2);
    }
}
