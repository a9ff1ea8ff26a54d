//! The checks of the colour grammar that depend on the data (see src/charts/colors.rs): one
//! option label keeps one colour on every page, and one chart does not mix the systems (an
//! answer scale with tones and nominal options without).

use std::collections::HashMap;

use super::model::Question;
use crate::charts::{label_key, ChartColourRole};
use crate::diagnostic::Diagnostic;

/// Warnings for labels coloured two ways and for questions that mix toned and untoned options.
pub fn check_colours(questions: &[Question]) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = questions.iter().filter_map(mixed_systems).collect();
    found.extend(labels_with_two_colours(questions));
    found
}

/// A question (or item) with some options toned and some not: its chart would colour part
/// of the options as a scale and part by label.
fn mixed_systems(question: &Question) -> Option<Diagnostic> {
    let options = question.items.iter().flat_map(|item| item.options.iter());
    let (toned, untoned): (Vec<_>, Vec<_>) = options.partition(|option| option.tone.is_some());
    if toned.is_empty() || untoned.is_empty() {
        return None;
    }
    let names: Vec<&str> = untoned.iter().map(|option| option.label.as_str()).collect();
    Some(
        Diagnostic::warning(
            &question.origin.0,
            format!(
                "question `{}` mixes colour systems: some options have a `tone:`, {} not, so its chart would colour part as a scale and part by label",
                question.id,
                names.join(", ")
            ),
        )
        .at_line(question.origin.1)
        .help("give every option a tone (`tone: none` for answers such as \"Weet niet\" or \"N.v.t.\"), or none of them"),
    )
}

/// One warning per label that gets a second colour role somewhere in data/, at the question
/// where it does, naming the first.
fn labels_with_two_colours(questions: &[Question]) -> Vec<Diagnostic> {
    let mut first: HashMap<String, (ChartColourRole, &Question)> = HashMap::new();
    let mut found = Vec::new();
    for question in questions {
        for option in question.items.iter().flat_map(|item| item.options.iter()) {
            let Some(role) = ChartColourRole::of(question, option) else { continue };
            let key = label_key(&option.label);
            match first.get(&key) {
                None => {
                    first.insert(key, (role, question));
                }
                Some((earlier, other)) if *earlier != role && !std::ptr::eq(*other, question) => {
                    found.push(
                        Diagnostic::warning(
                            &question.origin.0,
                            format!(
                                "the option `{}` of question `{}` is coloured {}, but {} in question `{}` ({}:{}): one label should keep one colour on every page",
                                option.label,
                                question.id,
                                role.describe(),
                                earlier.describe(),
                                other.id,
                                other.origin.0.display(),
                                other.origin.1
                            ),
                        )
                        .at_line(question.origin.1)
                        .help(match earlier {
                            ChartColourRole::Tone(tone) => format!("give it `tone: {}` here too", tone.name()),
                            ChartColourRole::Label => "give it the same tone in both questions, or none in both".to_string(),
                        }),
                    );
                }
                Some(_) => {}
            }
        }
    }
    found
}
