//! Aliases (`*name`) repeat what an anchor (`&name`) marks, and an anchored list of
//! aliases of anchored lists repeats exponentially: 20 kB of YAML ("billion laughs") grew
//! to 7 GB and aborted folio. Before a file is parsed for real, a visit that allocates
//! nothing (strings are borrowed) adds up what the aliases expand to, and stops at a bound.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

/// Bytes a file may grow to through its aliases, beyond a few times its own size: ample
/// for a reused list of answer options, far below what would hurt.
const BASE_BUDGET: usize = 16 << 20;
/// What one value counts for beside the bytes of its text (the memory of a node).
const VALUE_COST: usize = 16;
/// Our message when the bound is hit, to tell it from a syntax error (which the real parse
/// reports in detail).
const TOO_LARGE: &str = "folio: expanded too far";
/// serde_yaml's own bound on aliases (a hundred times the file's values), hit first by
/// narrow, deep nesting.
const REPEATED_TOO_OFTEN: &str = "repetition limit exceeded";

/// When `text`, its aliases expanded, would exceed the bound: `Err` with the 1-based
/// (line, column) where the count ran over, else of the first alias. Other problems are
/// left to the real parse.
pub fn check(text: &str) -> Result<(), (usize, usize)> {
    // No alias, no expansion: most files end here.
    if !text.contains('*') || !text.contains('&') {
        return Ok(());
    }
    let left = Cell::new(BASE_BUDGET + 4 * text.len());
    match Counted(&left).deserialize(serde_yaml::Deserializer::from_str(text)) {
        Err(err) if [TOO_LARGE, REPEATED_TOO_OFTEN].iter().any(|m| err.to_string().contains(m)) => {
            Err(err.location().map(|at| (at.line(), at.column())).unwrap_or_else(|| first_alias(text)))
        }
        _ => Ok(()),
    }
}

/// The place of the first `*name` where a value can start (not inside a word or a quote).
fn first_alias(text: &str) -> (usize, usize) {
    for (index, line) in text.lines().enumerate() {
        let mut previous = ' ';
        for (column, c) in line.chars().enumerate() {
            if c == '#' && previous == ' ' {
                break;
            }
            if c == '*' && matches!(previous, ' ' | '[' | '{' | ',' | ':' | '-') {
                return (index + 1, column + 1);
            }
            previous = c;
        }
    }
    (1, 1)
}

/// Visits every value once for each place it appears, spending from the budget.
#[derive(Clone, Copy)]
struct Counted<'b>(&'b Cell<usize>);

impl Counted<'_> {
    fn spend<E: serde::de::Error>(self, bytes: usize) -> Result<(), E> {
        match self.0.get().checked_sub(VALUE_COST + bytes) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            None => Err(E::custom(TOO_LARGE)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Counted<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Counted<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<(), E> {
        self.spend(text.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    /// A tagged value (`!tag value`).
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_aliases_are_stopped_quickly_and_plain_reuse_passes() {
        let mut bomb = String::from("a: &a [\"lach\", \"lach\", \"lach\", \"lach\", \"lach\", \"lach\", \"lach\", \"lach\", \"lach\"]\n");
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i", "j"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h", "i"]) {
            bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{previous}"); 9].join(", ")));
        }
        // Wide: few levels, many aliases each, so serde_yaml's own bound (a hundred jumps per
        // value in the file) lets gigabytes through.
        let notes = vec!["*lach"; 2000].join(", ");
        let mut wide = format!("questions:\n  - &q\n    id: v\n    notes: [&lach \"{}\", {notes}]\n", "lach".repeat(250));
        wide.push_str(&"  - *q\n".repeat(300));
        for text in [&bomb, &wide] {
            let started = std::time::Instant::now();
            assert!(check(text).is_err());
            assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
        }

        let reuse = "schaal: &schaal [{label: Ja}, {label: Nee}]\nv1: *schaal\nv2: *schaal\n";
        assert!(check(reuse).is_ok());
        assert!(check("a: [unclosed").is_ok(), "syntax errors are left to the real parse");
        assert_eq!(first_alias("# *nee\na: \"*nee\" &x\nb: [1, *x]\n"), (3, 8));
    }
}
