//! The one digest the library names things by: `sha256:` and the hex SHA-256 of a text (the
//! rule set's fingerprint, a checkpoint's fingerprint parts and seal).

/// `sha256:` and the hex SHA-256 digest of `text`.
pub(crate) fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    for byte in digest {
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
    }
    hex
}
