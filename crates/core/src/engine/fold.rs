//! Folding many texts quickly, with the same result as [`fold`]: texts are
//! folded per segment between ASCII spaces (folding never joins across a
//! space: the decomposition and the case mapping are per character, and space
//! runs collapse), ASCII segments directly, the others once each through a
//! cache. And a fast hasher for the build's maps over short trusted keys.

use crate::text::fold;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hasher (the Fx hash of rustc) for short keys; not
/// resistant to chosen collisions, which the build's own data cannot mount.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The state rotated: the multiplications mix into the high bits, and the hash
    /// tables index by the low ones (without it, keys differing only in their first
    /// bytes, as `P-0000001` … `P-0999999`, share few buckets and the probes grow
    /// long: a million such codes took seconds).
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Folds texts like [`fold`], remembering the non-ASCII segments.
#[derive(Default)]
pub struct Folder {
    cache: FastMap<Box<str>, Box<str>>,
}

/// The spaces segments are cut at: ASCII characters that [`fold`] turns into a space.
fn is_ascii_space(c: char) -> bool {
    c.is_ascii() && c.is_whitespace()
}

impl Folder {
    /// `fold(text)`.
    pub fn fold(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for segment in text.split(is_ascii_space).filter(|s| !s.is_empty()) {
            let start = out.len();
            if start > 0 {
                out.push(' ');
            }
            if segment.is_ascii() {
                out.extend(segment.bytes().map(|b| match b {
                    b'`' => '\'',
                    b => char::from(b.to_ascii_lowercase()),
                }));
            } else if let Some(folded) = self.cache.get(segment) {
                out.push_str(folded);
            } else {
                let folded = fold(segment);
                out.push_str(&folded);
                self.cache.insert(segment.into(), folded.into());
            }
            if out.len() == start + usize::from(start > 0) {
                // The segment folded to nothing: no space for it either.
                out.truncate(start);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_like_fold() {
        let mut folder = Folder::default();
        for text in [
            "",
            "   ",
            "Éclairage  public à LIÈGE ",
            "a\u{A0} b",
            "a \u{301} b",
            "\u{301}",
            "x \u{301}",
            "Braine-l’Alleud `quote`",
            "ﬁnance  ＡＢ\tC\x0bD\x0c",
            "Parkings\u{2003}\u{2003}connectés",
            "œuvre Straße İstanbul",
        ] {
            assert_eq!(folder.fold(text), fold(text), "{text:?}");
            assert_eq!(folder.fold(text), fold(text), "{text:?} (cached)");
        }
    }

    proptest! {
        #[test]
        fn folds_any_text_like_fold(text in "\\PC{0,16}|[ a-zA-Zéèà\u{301}\u{A0}\t`’-]{0,24}") {
            let mut folder = Folder::default();
            prop_assert_eq!(folder.fold(&text), fold(&text));
            prop_assert_eq!(folder.fold(&text), fold(&text));
        }
    }
}
