//! Generated passphrases for contribution requests (caf-form.md §5b): three
//! words picked at random, without bias, from the EFF large word list
//! (7,776 words, about 12.9 bits each, so about 38.8 bits for three, before
//! PBKDF2's 600,000 iterations).
//!
//! The word list `eff_large_wordlist.txt` is the Electronic Frontier
//! Foundation's "large word list" (2016,
//! <https://www.eff.org/dice>), licensed under the Creative Commons
//! Attribution 3.0 United States licence (CC BY 3.0 US,
//! <https://creativecommons.org/licenses/by/3.0/us/>); the dice numbers are
//! left out, one word a line. It is kept as one string rather than an array
//! of 7,776 `&str` (which would add 62 KB of pointers to the wasm).
//!
//! The randomness is the caller's (the browser's `crypto.getRandomValues`):
//! this module stays pure.

/// The EFF large word list, one word a line.
const WORD_LIST: &str = include_str!("eff_large_wordlist.txt");
/// How many words the list has.
pub const WORD_COUNT: u16 = 7776;
/// The largest multiple of [`WORD_COUNT`] a `u32` holds: values at or above
/// it are drawn again, so that every word is equally likely.
const LIMIT: u32 = (u32::MAX / WORD_COUNT as u32) * WORD_COUNT as u32;

/// Every word, in the list's order.
pub fn words() -> impl Iterator<Item = &'static str> {
    WORD_LIST.lines()
}

/// Word `n` (`n < 7776`; a larger `n` wraps round).
pub fn word(n: u16) -> &'static str {
    words().nth(usize::from(n % WORD_COUNT)).unwrap_or_default()
}

/// A number below [`WORD_COUNT`] from fresh random `u32`s, without modulo
/// bias: a value that would favour the first words is drawn again.
pub fn pick(random: &mut impl FnMut() -> u32) -> u16 {
    loop {
        let value = random();
        if value < LIMIT {
            return (value % u32::from(WORD_COUNT)) as u16;
        }
    }
}

/// Three words joined with hyphens, e.g. `maple-orbit-tundra`. The
/// shortest word has 3 letters, so it is always at least 11 characters
/// (more than the 10 a passphrase needs).
pub fn three_words(random: &mut impl FnMut() -> u32) -> String {
    [pick(random), pick(random), pick(random)]
        .map(word)
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    /// `MIN_PASSPHRASE_CHARS` of the locked format (tests/contribution.rs
    /// checks the two agree).
    const MIN_PASSPHRASE_CHARS: usize = 10;
    use std::collections::HashSet;

    #[test]
    fn the_list_is_7776_distinct_lowercase_words() {
        let all: Vec<&str> = words().collect();
        assert_eq!(all.len(), usize::from(WORD_COUNT));
        assert_eq!(all.iter().collect::<HashSet<_>>().len(), all.len());
        for w in &all {
            assert!(
                !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{w:?}"
            );
        }
        assert_eq!(word(0), all[0]);
        assert_eq!(word(WORD_COUNT - 1), all[all.len() - 1]);
        // The shortest three words still make a long enough passphrase.
        let shortest = all.iter().map(|w| w.len()).min().unwrap_or(0);
        assert!(3 * shortest + 2 >= MIN_PASSPHRASE_CHARS, "{shortest}");
    }

    #[test]
    fn values_that_would_bias_the_pick_are_drawn_again() {
        let mut values = [u32::MAX, LIMIT, 7777, 5].into_iter();
        let mut random = || values.next().unwrap_or(0);
        assert_eq!(pick(&mut random), 1);
        assert_eq!(pick(&mut random), 5);
        let mut n = 0u32;
        let mut counter = || {
            n += 1;
            n
        };
        let phrase = three_words(&mut counter);
        assert_eq!(phrase, [word(1), word(2), word(3)].join("-"));
        assert!(phrase.chars().count() >= MIN_PASSPHRASE_CHARS);
    }
}
