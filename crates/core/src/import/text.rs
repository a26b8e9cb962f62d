//! Turning a file's bytes into text, whatever encoding the publisher used.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// A file's text and the encoding it was read with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte order mark.
    pub text: String,
    /// `"UTF-8"`, `"UTF-8 (BOM)"`, `"UTF-16LE (BOM)"`, `"UTF-16BE (BOM)"` or `"windows-1252"`.
    pub encoding: &'static str,
}

/// Decodes a file: a byte order mark (UTF-8, UTF-16LE, UTF-16BE) decides the
/// encoding and is dropped; without one, valid UTF-8 is read as such and anything
/// else as Windows-1252 (of which the Latin-1 files met in practice are a subset).
/// Never fails: invalid sequences after a BOM become U+FFFD.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, encoding) = decode_borrowed(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
    }
}

/// The name a file's encoding is reported by when a byte order mark told it.
pub(super) fn bom_name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_8 {
        "UTF-8 (BOM)"
    } else if encoding == UTF_16LE {
        "UTF-16LE (BOM)"
    } else if encoding == UTF_16BE {
        "UTF-16BE (BOM)"
    } else {
        encoding.name()
    }
}

/// [`decode`], borrowing the text from `bytes` when they are UTF-8 (with or without
/// a BOM): a large file is then not copied.
pub fn decode_borrowed(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(rest);
        return (text, bom_name(encoding));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), "UTF-8"),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, "windows-1252")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        let d = decode("Liège".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding), ("Liège", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBFLi\xC3\xA8ge");
        assert_eq!((d.text.as_str(), d.encoding), ("Liège", "UTF-8 (BOM)"));
    }

    #[test]
    fn falls_back_to_windows_1252() {
        let d = decode(b"Li\xe8ge \x80 \x92");
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Liège € \u{2019}", "windows-1252")
        );
    }

    #[test]
    fn reads_utf16_with_bom() {
        let d = decode(b"\xFF\xFEL\x00i\x00\xE8\x00g\x00e\x00");
        assert_eq!((d.text.as_str(), d.encoding), ("Liège", "UTF-16LE (BOM)"));
        let d = decode(b"\xFE\xFF\x00L\x00i\x00\xE8\x00g\x00e");
        assert_eq!((d.text.as_str(), d.encoding), ("Liège", "UTF-16BE (BOM)"));
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").text, "");
        assert_eq!(decode(b"\xEF\xBB\xBF").text, "");
    }
}
