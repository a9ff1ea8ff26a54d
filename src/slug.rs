//! The slug rule, in one place: the lowercase ASCII names folio puts in web addresses,
//! ids and file names. `slugify` makes one from any text; `is_slug` says whether an
//! author's own (`slug:`, `id:`) is one.

/// Lowercase ASCII letters, digits and hyphens: "Één Titel!" → "een-titel". Text without
/// Latin letters or digits ("📊", Greek, CJK) gives "", which callers must refuse.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Whether `text` is already a slug: not empty, only lowercase ASCII letters, digits and
/// hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn fold_accent(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        '\'' | '’' => return None,
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_and_scripts_without_latin_letters_give_none() {
        assert_eq!(slugify("Cliënten in zorg"), "clienten-in-zorg");
        assert_eq!(slugify("Één Titel!"), "een-titel");
        for text in ["📊", "Αποτελέσματα", "結果", "—"] {
            assert_eq!(slugify(text), "", "{text}");
        }
        assert!(is_slug("tarieven-2026") && !is_slug("") && !is_slug("Tarieven") && !is_slug("a_b") && !is_slug("é"));
    }
}
