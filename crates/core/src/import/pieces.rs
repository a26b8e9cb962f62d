//! A large file's text held as a queue of pieces (the slices a worker reads a `Blob`
//! by), each freed as soon as the CSV reader and its line counter are past it: a
//! dataset being read is then never held twice, once as the file and once as its
//! columns, and the worker's heap (which never shrinks) peaks lower.
//!
//! Hand-written because the piece queue has to be both the `csv` reader's
//! [`Read`] source and what the line counter looks back into, and drop what both
//! are done with; no crate offers that pairing.

use super::text::bom_name;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{self, Read};

/// A file's text, UTF-8, as pieces in order; read front to back.
#[derive(Debug, Default)]
pub struct Pieces<'a> {
    /// The pieces not yet freed.
    pieces: VecDeque<Cow<'a, [u8]>>,
    /// The file offset of the first piece's first byte.
    first: usize,
    /// The file offset of the next byte [`Read::read`] gives.
    read: usize,
    /// The text's length.
    len: usize,
}

impl<'a> Pieces<'a> {
    /// The text `pieces`, in order (each must be UTF-8 once joined).
    pub fn new(pieces: Vec<Cow<'a, [u8]>>) -> Self {
        let len = pieces.iter().map(|p| p.len()).sum();
        Pieces {
            pieces: pieces.into_iter().filter(|p| !p.is_empty()).collect(),
            first: 0,
            read: 0,
            len,
        }
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The first piece (the start of the text).
    pub fn head(&self) -> &[u8] {
        self.pieces.front().map_or(&[], |p| p.as_ref())
    }

    /// The pieces not yet freed, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.pieces.iter().map(|p| p.as_ref())
    }

    /// The bytes from file offset `offset` to the end of its piece (empty when the
    /// offset is freed or past the end).
    pub fn run_at(&self, offset: usize) -> &[u8] {
        let Some(mut at) = offset.checked_sub(self.first) else {
            return &[];
        };
        for piece in &self.pieces {
            if at < piece.len() {
                return &piece[at..];
            }
            at -= piece.len();
        }
        &[]
    }

    /// The byte at file offset `offset`, if held.
    pub fn byte_at(&self, offset: usize) -> Option<u8> {
        self.run_at(offset).first().copied()
    }

    /// Frees the pieces that end at or before `offset` and were read.
    pub fn release_before(&mut self, offset: usize) {
        let offset = offset.min(self.read);
        while let Some(piece) = self.pieces.front() {
            if self.first + piece.len() > offset {
                break;
            }
            self.first += piece.len();
            self.pieces.pop_front();
        }
    }

    /// The whole text in one piece (joined only when it is in several).
    pub fn into_joined(mut self) -> Cow<'a, [u8]> {
        if self.pieces.len() <= 1 {
            return self.pieces.pop_front().unwrap_or_default();
        }
        let mut joined = Vec::with_capacity(self.len);
        for piece in self.pieces {
            joined.extend_from_slice(&piece);
        }
        Cow::Owned(joined)
    }
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let run = self.run_at(self.read);
        let n = run.len().min(buf.len());
        buf[..n].copy_from_slice(&run[..n]);
        self.read += n;
        Ok(n)
    }
}

/// Whether `pieces` joined are UTF-8, without joining them: a character cut between
/// two pieces is checked across the cut.
fn pieces_are_utf8(pieces: &[Cow<'_, [u8]>]) -> bool {
    // The first bytes of a character the previous piece ended in.
    let mut carry: Vec<u8> = Vec::new();
    for piece in pieces {
        let mut start = 0;
        while !carry.is_empty() {
            let Some(&byte) = piece.get(start) else {
                break;
            };
            carry.push(byte);
            start += 1;
            match std::str::from_utf8(&carry) {
                Ok(_) => carry.clear(),
                Err(error) if error.error_len().is_none() => {}
                Err(_) => return false,
            }
        }
        if !carry.is_empty() {
            continue;
        }
        match std::str::from_utf8(&piece[start..]) {
            Ok(_) => {}
            Err(error) if error.error_len().is_none() => {
                carry.extend_from_slice(&piece[start + error.valid_up_to()..]);
            }
            Err(_) => return false,
        }
    }
    carry.is_empty()
}

/// Decodes a file given as pieces as [`super::text::decode_borrowed`] decodes it
/// whole: a byte order mark decides the encoding and is dropped; without one, UTF-8
/// is kept as it is (no copy) and anything else is read as Windows-1252. A piece is
/// freed as soon as it is decoded.
pub fn decode_pieces(mut pieces: Vec<Cow<'_, [u8]>>) -> (Pieces<'_>, &'static str) {
    pieces.retain(|p| !p.is_empty());
    // A byte order mark is whole in the first piece.
    while pieces.len() > 1 && pieces[0].len() < 3 {
        let head: Vec<u8> = pieces.drain(..2).flat_map(Cow::into_owned).collect();
        pieces.insert(0, Cow::Owned(head));
    }
    let bom = pieces.first().and_then(|p| Encoding::for_bom(p));
    let (encoding, name) = match bom {
        Some((encoding, bom_len)) => {
            if let Some(first) = pieces.first_mut() {
                *first = match std::mem::take(first) {
                    Cow::Borrowed(bytes) => Cow::Borrowed(&bytes[bom_len..]),
                    Cow::Owned(mut bytes) => {
                        bytes.drain(..bom_len);
                        Cow::Owned(bytes)
                    }
                };
            }
            (encoding, bom_name(encoding))
        }
        None if pieces_are_utf8(&pieces) => (UTF_8, "UTF-8"),
        None => (WINDOWS_1252, "windows-1252"),
    };
    if encoding == UTF_8 && (bom.is_none() || pieces_are_utf8(&pieces)) {
        return (Pieces::new(pieces), name);
    }
    // Decoded piece by piece: the decoder carries a character cut between two.
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let count = pieces.len();
    let decoded = pieces
        .into_iter()
        .enumerate()
        .map(|(at, piece)| {
            let mut text = String::with_capacity(
                decoder
                    .max_utf8_buffer_length(piece.len())
                    .unwrap_or(piece.len()),
            );
            let _ = decoder.decode_to_string(&piece, &mut text, at + 1 == count);
            Cow::Owned(text.into_bytes())
        })
        .collect();
    (Pieces::new(decoded), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::decode;

    /// `bytes` cut every `size` bytes.
    fn cut(bytes: &[u8], size: usize) -> Vec<Cow<'_, [u8]>> {
        bytes.chunks(size).map(Cow::Borrowed).collect()
    }

    fn joined(pieces: Pieces<'_>) -> String {
        String::from_utf8(pieces.into_joined().into_owned()).unwrap()
    }

    #[test]
    fn pieces_decode_as_the_whole_file_does_wherever_they_are_cut() {
        let files: [&[u8]; 6] = [
            "Liège;Écaussinnes;€\n".as_bytes(),
            b"\xef\xbb\xbfLi\xc3\xa8ge;1\n",
            b"Li\xe8ge;\x80;1\n",
            b"\xff\xfeL\x00i\x00\xe8\x00g\x00e\x00",
            b"\xfe\xff\x00L\x00i\x00\xe8",
            b"",
        ];
        for file in files {
            let whole = decode(file);
            for size in 1..=7 {
                let (pieces, encoding) = decode_pieces(cut(file, size));
                assert_eq!(encoding, whole.encoding, "{file:?} cut every {size}");
                assert_eq!(joined(pieces), whole.text, "{file:?} cut every {size}");
            }
        }
    }

    #[test]
    fn utf8_is_checked_across_cuts() {
        let text = "aé€𝄞b".as_bytes();
        for size in 1..=text.len() {
            assert!(pieces_are_utf8(&cut(text, size)), "cut every {size}");
        }
        assert!(!pieces_are_utf8(&cut(b"a\xc3", 1)));
        assert!(!pieces_are_utf8(&cut(b"\xc3(", 1)));
    }

    #[test]
    fn pieces_are_read_and_freed_front_to_back() {
        let mut pieces = Pieces::new(cut(b"abcdefgh", 3));
        assert_eq!((pieces.len(), pieces.head()), (8, &b"abc"[..]));
        assert_eq!(
            (pieces.byte_at(4), pieces.run_at(4)),
            (Some(b'e'), &b"ef"[..])
        );
        let mut buf = [0u8; 4];
        assert_eq!(pieces.read(&mut buf).unwrap(), 3);
        assert_eq!(pieces.read(&mut buf).unwrap(), 3);
        assert_eq!(&buf[..3], b"def");
        // Only what was read is freed.
        pieces.release_before(8);
        assert_eq!((pieces.byte_at(5), pieces.byte_at(6)), (None, Some(b'g')));
        let mut rest = Vec::new();
        pieces.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"gh");
    }
}
