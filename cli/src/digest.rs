//! SHA-256 digests of texts the chain pins (a constitution, a proposal's description):
//! computed from a local file or given as 64 hex digits, shown as hex.

use std::path::Path;

use crate::CliError;

/// The SHA-256 of the file at `path`.
pub fn sha256_file(path: &Path) -> Result<[u8; 32], CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::new(format!("cannot read {}: {e}", path.display())))?;
    Ok(netstate_client::sha256(&bytes))
}

/// The SHA-256 of `bytes`.
pub fn sha256_bytes(bytes: &[u8]) -> [u8; 32] {
    netstate_client::sha256(bytes)
}

/// Parses 64 hex digits naming `what`; all zeros is refused (it pins nothing).
pub fn parse_sha256(text: &str, what: &str) -> Result<[u8; 32], CliError> {
    let bad = || {
        CliError::new(format!(
            "{what} must be a SHA-256 of 64 hex digits, got {text:?}"
        ))
    };
    let text = text.trim();
    if text.len() != 64 || !text.is_ascii() {
        return Err(bad());
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    if out == [0; 32] {
        return Err(CliError::new(format!(
            "{what} is all zeros, which pins no text: give the SHA-256 of the text itself"
        )));
    }
    Ok(out)
}

/// The digest from `file` or `hex` (exactly one is given; clap enforces it).
pub fn from_file_or_hex(
    file: Option<&Path>,
    hex: Option<&str>,
    what: &str,
) -> Result<Option<[u8; 32]>, CliError> {
    match (file, hex) {
        (Some(path), _) => sha256_file(path).map(Some),
        (None, Some(text)) => parse_sha256(text, what).map(Some),
        (None, None) => Ok(None),
    }
}

/// Bytes as lowercase hex digits (64 for a SHA-256): the client's, which the census uses.
pub use netstate_client::census::hex;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_bad_input_is_named() {
        let digest = solana_sha256_hasher::hash(b"We build on the sun.").to_bytes();
        assert_eq!(parse_sha256(&hex(&digest), "--hash"), Ok(digest));
        let short = parse_sha256("abc", "--hash").unwrap_err().message;
        assert!(
            short.contains("--hash must be a SHA-256 of 64 hex digits"),
            "{short}"
        );
        let not_hex = parse_sha256(&"zz".repeat(32), "--hash")
            .unwrap_err()
            .message;
        assert!(not_hex.contains("64 hex digits"), "{not_hex}");
        let zeros = parse_sha256(&"0".repeat(64), "--hash").unwrap_err().message;
        assert!(zeros.contains("all zeros"), "{zeros}");
    }
}
