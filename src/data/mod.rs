//! Survey data: loading `data/*.yaml`, checking it, and looking values up for charts and
//! citations.

pub mod check;
pub mod colours;
pub mod load;
pub mod model;
pub mod yaml;

use std::collections::HashMap;

use model::{Question, SignificantChange, Unit, Year};

/// All questions of a monitor, by id.
#[derive(Debug, Default, Clone)]
pub struct Results {
    pub questions: Vec<Question>,
    index: HashMap<String, usize>,
    /// Per question id, the changes since the year before that the research report found
    /// significant; `None` for a monitor without a survey, which runs no tests.
    pub significant_changes: Option<HashMap<String, Vec<SignificantChange>>>,
}

/// What a citation in the text points to.
#[derive(Debug, Clone, PartialEq)]
pub enum Cited {
    Value { value: f64, unit: Unit },
    Respondents(u32),
}

impl Results {
    /// Keeps the first question of each id (duplicates are reported by `check`).
    pub fn new(questions: Vec<Question>) -> Results {
        let mut index = HashMap::new();
        for (i, question) in questions.iter().enumerate() {
            index.entry(question.id.clone()).or_insert(i);
        }
        Results { questions, index, significant_changes: None }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index.get(id).map(|&i| &self.questions[i])
    }

    pub fn ids(&self) -> Vec<&str> {
        self.questions.iter().map(|q| q.id.as_str()).collect()
    }

    /// Resolves `question.option.year`, `question.item.option.year` or `question.n.year`.
    pub fn cite(&self, reference: &str) -> Result<Cited, String> {
        let parts: Vec<&str> = reference.split('.').map(str::trim).collect();
        if parts.len() < 3 || parts.len() > 4 {
            return Err(format!(
                "`{{{{{reference}}}}}` is not a citation: write {{{{question.option.year}}}}, e.g. {{{{tariefpercentage.landelijk.2025}}}}"
            ));
        }
        let question = self
            .question(parts[0])
            .ok_or_else(|| format!("there is no question `{}` in data/ (known: {})", parts[0], shorten(&self.ids())))?;
        let year: Year = parts[parts.len() - 1]
            .parse()
            .map_err(|_| format!("`{}` is not a year; the last part of a citation is the year", parts[parts.len() - 1]))?;
        if parts.len() == 3 && parts[1] == "n" && question.n_unknown.contains(&year) {
            return Err(format!(
                "question `{}`: the n for {year} is unknown (`unknown` in the data), so there is no figure to cite",
                question.id
            ));
        }
        if parts.len() == 3 && parts[1] == "n" {
            return question
                .n
                .get(&year)
                .copied()
                .map(Cited::Respondents)
                .ok_or_else(|| format!("question `{}` has no n for {year}", question.id));
        }
        let (item, option_id) = if parts.len() == 4 {
            let item = question.item(parts[1]).ok_or_else(|| {
                let known: Vec<&str> = question.items.iter().map(|i| i.id.as_str()).collect();
                format!("question `{}` has no item `{}` (known: {})", question.id, parts[1], shorten(&known))
            })?;
            (item, parts[2])
        } else {
            if question.items.len() > 1 {
                let known: Vec<&str> = question.items.iter().map(|i| i.id.as_str()).collect();
                return Err(format!(
                    "question `{}` has several items: name one, e.g. {}.{}.{}.{year} (items: {})",
                    question.id,
                    question.id,
                    known[0],
                    parts[1],
                    shorten(&known)
                ));
            }
            (&question.items[0], parts[1])
        };
        let option = item.option(option_id).ok_or_else(|| {
            let known: Vec<&str> = item.options.iter().map(|o| o.id.as_str()).collect();
            format!("question `{}` has no option `{option_id}` (known: {})", question.id, shorten(&known))
        })?;
        if option.missing.contains(&year) {
            return Err(format!(
                "question `{}`, option `{option_id}` has no value for {year} (`~` in the data), so there is no figure to cite",
                question.id
            ));
        }
        let value = option.values.get(&year).copied().ok_or_else(|| {
            let years: Vec<String> = option.values.keys().map(|y| y.to_string()).collect();
            format!("question `{}`, option `{option_id}` has no value for {year} (years: {})", question.id, years.join(", "))
        })?;
        Ok(Cited::Value { value, unit: question.unit.clone() })
    }
}

/// "a, b, c" for short lists, "a, b, c, … (12 in all)" for long ones.
pub fn shorten(names: &[&str]) -> String {
    if names.len() <= 8 {
        names.join(", ")
    } else {
        format!("{}, … ({} in all)", names[..8].join(", "), names.len())
    }
}
