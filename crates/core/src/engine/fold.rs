//! Folding many texts quickly, with the same result as [`fold`]: texts are
//! folded per segment between ASCII spaces (folding never joins across a
//! space: the decomposition and the case mapping are per character, and space
//! runs collapse), ASCII segments directly, the others once each through a
//! cache. And a fast hasher for the build's maps over short trusted keys.

use crate::text::fold;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A polynomial hasher over 64-bit words (the add-multiply step of rustc's Fx
/// hash, version 2) with a full finalizer, for short keys; not resistant to
/// chosen collisions, which the build's own data cannot mount.
///
/// The finalizer matters: the multiplications only carry upwards, so keys
/// differing in a few bytes (codes `P-0000001` … `P-0999999`) differ in few
/// low bits and, with the former xor-rotate step, even collided in all 64 bits
/// (25 000 of a million such codes); hash tables read both the low bits and
/// the top 7.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        // A multiplier with good spectral properties (Steele and Vigna, 2021).
        self.0 = self
            .0
            .wrapping_add(word)
            .wrapping_mul(0xf135_7aea_2e62_a9c5);
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
            // The rest's length in the free top byte: `a` and `a\0` differ.
            word[7] = rest.len() as u8;
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

    /// The state through MurmurHash3's 64-bit finalizer, every bit of which
    /// depends on every bit of the state.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A hasher for keys that are 64-bit hashes already ([`FastHasher`]'s): such a
/// key is its own hash, not hashed again; other keys go through [`FastHasher`].
#[derive(Clone, Copy, Default)]
pub struct HashedKeyHasher(u64);

impl Hasher for HashedKeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut hasher = FastHasher(self.0);
        hasher.write(bytes);
        self.0 = hasher.finish();
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` keyed by hashes ([`HashedKeyHasher`]).
pub type HashedKeyMap<V> = HashMap<u64, V, BuildHasherDefault<HashedKeyHasher>>;

/// Folds texts like [`fold`], remembering the non-ASCII segments.
#[derive(Default)]
pub struct Folder {
    cache: FastMap<Box<str>, Box<str>>,
}

/// The spaces segments are cut at: the ASCII characters that [`fold`] turns into
/// a space (tab, line feed, vertical tab, form feed, carriage return, space). No
/// byte of a multi-byte character is one, so the text is cut by bytes.
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

/// Calls `visit(segment, ascii)` for each segment of `text` between ASCII
/// spaces (empty ones included), `ascii` telling whether it is all ASCII: what
/// [`fold`] folds one by one and joins with single spaces.
pub(super) fn for_each_segment(text: &str, mut visit: impl FnMut(&str, bool)) {
    let mut start = 0;
    let mut ascii = true;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        if is_ascii_space(byte) {
            visit(&text[start..at], ascii);
            start = at + 1;
            ascii = true;
        } else {
            ascii &= byte.is_ascii();
        }
    }
    visit(&text[start..], ascii);
}

impl Folder {
    /// Writes `fold(text)` into `out`, replacing its content.
    pub fn fold_into(&mut self, text: &str, out: &mut String) {
        out.clear();
        for_each_segment(text, |segment, ascii| {
            self.push_segment(segment, ascii, out)
        });
    }

    /// Appends folded `segment` (a run without ASCII spaces; `ascii` tells
    /// whether it is all ASCII) to `out`, after a space unless `out` is empty.
    fn push_segment(&mut self, segment: &str, ascii: bool, out: &mut String) {
        if segment.is_empty() {
            return;
        }
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        if ascii {
            let from = out.len();
            if segment.contains('`') {
                out.extend(segment.bytes().map(|b| match b {
                    b'`' => '\'',
                    b => char::from(b.to_ascii_lowercase()),
                }));
            } else {
                out.push_str(segment);
                out[from..].make_ascii_lowercase();
            }
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    impl Folder {
        /// `fold(text)`, through [`Folder::fold_into`].
        fn fold(&mut self, text: &str) -> String {
            let mut out = String::from("left over");
            self.fold_into(text, &mut out);
            out
        }
    }

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

    #[test]
    fn a_hash_key_is_its_own_hash() {
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<HashedKeyHasher>::default();
        assert_eq!(build.hash_one(0xdead_beef_u64), 0xdead_beef);
        assert_ne!(build.hash_one("a"), build.hash_one("b"));
        let mut map = HashedKeyMap::default();
        map.insert(7, "seven");
        map.insert(u64::MAX, "max");
        assert_eq!(
            (map.get(&7), map.get(&u64::MAX), map.get(&8)),
            (Some(&"seven"), Some(&"max"), None)
        );
    }

    proptest! {
        #[test]
        fn folds_any_text_like_fold(text in "\\PC{0,16}|[ a-zA-Zéèà\u{301}\u{A0}\t\r\n\x0b\x0c\x1c`’-]{0,24}") {
            let mut folder = Folder::default();
            prop_assert_eq!(folder.fold(&text), fold(&text));
            prop_assert_eq!(folder.fold(&text), fold(&text));
        }
    }
}
