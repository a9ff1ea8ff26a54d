//! Text for generated CSS: the print document's running header and footer are CSS strings.

/// `{{ text | css_string | safe }}`: `text` as a quoted CSS string, for generated content
/// such as the print document's running header. Quotes and backslashes are escaped, line
/// breaks become `\A`, and `<` is written as `\3C ` so no text can close the `<style>`.
pub fn css_string_filter(value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let text = match value {
        tera::Value::String(text) => text.clone(),
        tera::Value::Null => String::new(),
        other => other.to_string(),
    };
    Ok(tera::Value::String(css_string(&text)))
}

pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\A "),
            '<' => out.push_str("\\3C "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
