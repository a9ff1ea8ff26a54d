//! Donut label placement: for 2 to 9 slices, tiny ones (0%, 1%, 2%) among them, at the
//! slot widths the theme uses, no two labels overlap, no label covers the ring, and every
//! label stays inside its panel.

use crate::charts::donut::{longest_word, place_labels, Panel};

fn patterns(count: usize) -> Vec<Vec<f64>> {
    let even = vec![100.0 / count as f64; count];
    let mut tiny_first = vec![0.0, 1.0, 2.0];
    tiny_first.resize(count, 0.0);
    let rest = 100.0 - 3.0;
    for value in tiny_first.iter_mut().skip(3) {
        *value = rest / (count.saturating_sub(3)).max(1) as f64;
    }
    if count < 3 {
        tiny_first = vec![1.0, 99.0][..count].to_vec();
    }
    let mut one_big = vec![1.0; count];
    one_big[count / 2] = 100.0 - (count - 1) as f64;
    let mut alternating: Vec<f64> = (0..count).map(|i| if i % 2 == 0 { 0.5 } else { 30.0 }).collect();
    let sum: f64 = alternating.iter().sum();
    alternating.iter_mut().for_each(|v| *v *= 100.0 / sum);
    let mut all_zero_but_one = vec![0.0; count];
    all_zero_but_one[count - 1] = 100.0;
    vec![even, tiny_first, one_big, alternating, all_zero_but_one]
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

#[test]
fn labels_never_overlap_each_other_the_ring_or_the_panel_edge() {
    let names = ["Ja", "Ten dele", "Nee", "Weet ik niet", "Niet van toepassing", "Anders", "Zeer slecht", "Slecht", "Goed"];
    for width in [250.0, 290.0, 302.0, 460.0, 605.0] {
        for count in 2..=9 {
            for values in patterns(count) {
                let panel = Panel::new(10.0, width / 2.0, width, longest_word(names[..count].iter().copied()));
                let texts: Vec<(String, String)> =
                    values.iter().enumerate().map(|(i, v)| (names[i].to_string(), format!("{v:.0}%"))).collect();
                let labels = place_labels(&panel, &values, &texts);
                let case = format!("width {width}, values {values:?}");
                for (i, label) in labels.iter().enumerate() {
                    let b = label.bounds();
                    assert!(b.1 >= panel.top - 0.01, "{case}: label {i} above the panel");
                    assert!(b.0 >= 0.0 && b.2 <= width, "{case}: label {i} ({b:?}) leaves the panel");
                    let ring = (panel.cx - panel.outer, panel.cy - panel.outer, panel.cx + panel.outer, panel.cy + panel.outer);
                    assert!(!overlap(b, ring), "{case}: label {i} covers the ring");
                    for (j, other) in labels.iter().enumerate().skip(i + 1) {
                        assert!(!overlap(b, other.bounds()), "{case}: labels {i} and {j} overlap");
                    }
                }
            }
        }
    }
}
