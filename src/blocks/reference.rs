//! The reference of every block and its settings, as docs/authoring.md shows it: made
//! from the registry, so the docs cannot miss a block or a setting (a test compares them).

use super::KINDS;

/// The Markdown table of blocks and settings.
pub fn reference_table() -> String {
    let mut table = String::from("| block | setting | value | what it does |\n|---|---|---|---|\n");
    for kind in KINDS {
        table.push_str(&format!("| `::: {}` | | | {} |\n", kind.name, kind.about));
        for setting in kind.settings {
            table.push_str(&format!("| | `{}:` | {} | {} |\n", setting.name, setting.value.describe(), setting.about));
        }
    }
    table
}
