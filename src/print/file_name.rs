//! Safe file names: ASCII letters, digits and hyphens only (caf-form.md §4).

/// `CAF-<family name>-<doc id>-v<version>.pdf`, the family name folded to ASCII.
pub fn caf_file_name(family_name: &str, doc_id: &str, version: u64) -> String {
    format!(
        "CAF-{}-{}-v{version}.pdf",
        fold(family_name, "child"),
        fold(doc_id, "draft")
    )
}

/// `Family-plan-<family name>-<doc id>.pdf`.
pub fn handout_file_name(family_name: &str, doc_id: &str) -> String {
    format!(
        "Family-plan-{}-{}.pdf",
        fold(family_name, "child"),
        fold(doc_id, "draft")
    )
}

/// Folds `text` to ASCII letters and digits, runs of anything else becoming
/// one hyphen; `fallback` when nothing is left.
pub fn fold(text: &str, fallback: &str) -> String {
    let mut acc = String::new();
    for ch in text.chars() {
        let folded = fold_char(ch);
        if folded.is_empty() {
            if !acc.ends_with('-') && !acc.is_empty() {
                acc.push('-');
            }
        } else {
            acc.push_str(folded);
        }
    }
    let trimmed = acc.trim_matches('-');
    let limited: String = trimmed.chars().take(60).collect();
    if limited.is_empty() {
        fallback.to_owned()
    } else {
        limited.trim_end_matches('-').to_owned()
    }
}

/// One character as ASCII: itself, its base letter, a transliteration, or
/// nothing (a separator).
fn fold_char(ch: char) -> &'static str {
    const LATIN: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("àáâãäåāăą", "a"),
        ("Æ", "AE"),
        ("æ", "ae"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ĎĐÐ", "D"),
        ("ďđð", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("èéêëēĕėęě", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ĤĦ", "H"),
        ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭįı", "i"),
        ("Ĵ", "J"),
        ("ĵ", "j"),
        ("Ķ", "K"),
        ("ķ", "k"),
        ("ĹĻĽĿŁ", "L"),
        ("ĺļľŀł", "l"),
        ("ÑŃŅŇ", "N"),
        ("ñńņňŉ", "n"),
        ("ÒÓÔÕÖØŌŎŐ", "O"),
        ("òóôõöøōŏő", "o"),
        ("Œ", "OE"),
        ("œ", "oe"),
        ("ŔŖŘ", "R"),
        ("ŕŗř", "r"),
        ("ŚŜŞŠ", "S"),
        ("śŝşš", "s"),
        ("ß", "ss"),
        ("ŢŤŦ", "T"),
        ("ţťŧ", "t"),
        ("Þ", "Th"),
        ("þ", "th"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"),
        ("Ŵ", "W"),
        ("ŵ", "w"),
        ("ÝŸŶ", "Y"),
        ("ýÿŷ", "y"),
        ("ŹŻŽ", "Z"),
        ("źżž", "z"),
        ("АA", "A"),
        ("а", "a"),
        ("Б", "B"),
        ("б", "b"),
        ("В", "V"),
        ("в", "v"),
        ("Г", "G"),
        ("г", "g"),
        ("Д", "D"),
        ("д", "d"),
        ("ЕЁЭ", "E"),
        ("еёэ", "e"),
        ("Ж", "Zh"),
        ("ж", "zh"),
        ("З", "Z"),
        ("з", "z"),
        ("ИЙІ", "I"),
        ("ийі", "i"),
        ("ЇЄ", "Y"),
        ("їє", "y"),
        ("К", "K"),
        ("к", "k"),
        ("Л", "L"),
        ("л", "l"),
        ("М", "M"),
        ("м", "m"),
        ("Н", "N"),
        ("н", "n"),
        ("О", "O"),
        ("о", "o"),
        ("П", "P"),
        ("п", "p"),
        ("Р", "R"),
        ("р", "r"),
        ("С", "S"),
        ("с", "s"),
        ("Т", "T"),
        ("т", "t"),
        ("У", "U"),
        ("у", "u"),
        ("Ф", "F"),
        ("ф", "f"),
        ("Х", "Kh"),
        ("х", "kh"),
        ("Ц", "Ts"),
        ("ц", "ts"),
        ("Ч", "Ch"),
        ("ч", "ch"),
        ("Ш", "Sh"),
        ("ш", "sh"),
        ("Щ", "Shch"),
        ("щ", "shch"),
        ("Ы", "Y"),
        ("ы", "y"),
        ("Ю", "Yu"),
        ("ю", "yu"),
        ("Я", "Ya"),
        ("я", "ya"),
        ("ЪЬ", ""),
        ("ъь", ""),
        ("ΑΆ", "A"),
        ("αά", "a"),
        ("Β", "V"),
        ("β", "v"),
        ("Γ", "G"),
        ("γ", "g"),
        ("Δ", "D"),
        ("δ", "d"),
        ("ΕΈ", "E"),
        ("εέ", "e"),
        ("Ζ", "Z"),
        ("ζ", "z"),
        ("ΗΉ", "I"),
        ("ηή", "i"),
        ("Θ", "Th"),
        ("θ", "th"),
        ("ΙΊΪ", "I"),
        ("ιίϊΐ", "i"),
        ("Κ", "K"),
        ("κ", "k"),
        ("Λ", "L"),
        ("λ", "l"),
        ("Μ", "M"),
        ("μ", "m"),
        ("Ν", "N"),
        ("ν", "n"),
        ("Ξ", "X"),
        ("ξ", "x"),
        ("ΟΌ", "O"),
        ("οό", "o"),
        ("Π", "P"),
        ("π", "p"),
        ("Ρ", "R"),
        ("ρ", "r"),
        ("Σ", "S"),
        ("σς", "s"),
        ("Τ", "T"),
        ("τ", "t"),
        ("ΥΎΫ", "Y"),
        ("υύϋΰ", "y"),
        ("Φ", "F"),
        ("φ", "f"),
        ("Χ", "Ch"),
        ("χ", "ch"),
        ("Ψ", "Ps"),
        ("ψ", "ps"),
        ("ΩΏ", "O"),
        ("ωώ", "o"),
    ];
    if ch.is_ascii_alphanumeric() {
        // Each ASCII letter or digit maps to itself; a static table keeps the
        // return type borrowed.
        const ASCII: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return ASCII.find(ch).map_or("", |at| &ASCII[at..at + 1]);
    }
    LATIN
        .iter()
        .find(|(from, _)| from.contains(ch))
        .map_or("", |(_, to)| to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names_in_many_scripts_to_safe_ascii() {
        assert_eq!(fold("Łukasiewicz-O'Brien", "child"), "Lukasiewicz-O-Brien");
        assert_eq!(fold("Wąsowska", "child"), "Wasowska");
        assert_eq!(fold("Ελένη", "child"), "Eleni");
        assert_eq!(fold("Олена", "child"), "Olena");
        assert_eq!(fold("محمد", "child"), "child");
        assert_eq!(fold("../../etc/passwd", "child"), "etc-passwd");
        assert_eq!(fold("  ", "child"), "child");
    }

    #[test]
    fn file_names_follow_the_rule() {
        assert_eq!(
            caf_file_name("Łukasiewicz-O'Brien", "4f1c2a9e", 2),
            "CAF-Lukasiewicz-O-Brien-4f1c2a9e-v2.pdf"
        );
        assert_eq!(
            caf_file_name("", "4f1c2a9e", 1),
            "CAF-child-4f1c2a9e-v1.pdf"
        );
    }
}
