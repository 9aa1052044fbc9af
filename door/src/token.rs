//! The code on the door's screen changes every [`WINDOW_SECS`] seconds: a check-in or a
//! ticket is signed only for a request that carries the current code (or the one before),
//! so the link works for someone who sees the screen, not for a link copied last week.
//!
//! A code is the first 12 bytes, in base58, of the operator key's signature over
//! `netstate-door-code:` and the window number: nothing to store, nothing to share.

use solana_keypair::Keypair;
use solana_signer::Signer;

/// Seconds one code is shown for.
pub const WINDOW_SECS: i64 = 30;

/// The window of unix time `now`.
pub fn window(now: i64) -> i64 {
    now.div_euclid(WINDOW_SECS)
}

/// The code of `window`.
pub fn code(operator: &Keypair, window: i64) -> String {
    let mut message = b"netstate-door-code:".to_vec();
    message.extend_from_slice(&window.to_le_bytes());
    let signature = operator.sign_message(&message);
    bs58::encode(&signature.as_ref()[..12]).into_string()
}

/// Whether `given` is the code of the window of `now` or of the one before.
pub fn accepts(operator: &Keypair, given: &str, now: i64) -> bool {
    let current = window(now);
    [current, current - 1]
        .into_iter()
        .any(|w| code(operator, w) == given)
}

/// Seconds a ticket form opened on a phone stays valid: long enough to paste an address.
pub const FORM_WINDOW_SECS: i64 = 600;

/// The code a ticket form carries, of the [`FORM_WINDOW_SECS`] window of `now`: signed
/// apart from the screen's codes (`netstate-door-form:`), so neither passes for the other.
pub fn form_code(operator: &Keypair, now: i64) -> String {
    form_code_of(operator, now.div_euclid(FORM_WINDOW_SECS))
}

fn form_code_of(operator: &Keypair, window: i64) -> String {
    let mut message = b"netstate-door-form:".to_vec();
    message.extend_from_slice(&window.to_le_bytes());
    let signature = operator.sign_message(&message);
    bs58::encode(&signature.as_ref()[..12]).into_string()
}

/// Whether `given` is the form code of the window of `now` or of the one before.
pub fn accepts_form(operator: &Keypair, given: &str, now: i64) -> bool {
    let current = now.div_euclid(FORM_WINDOW_SECS);
    [current, current - 1]
        .into_iter()
        .any(|w| form_code_of(operator, w) == given)
}

/// The unix time of this machine.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// `text` percent-encoded for a URL's component: everything but `A-Z a-z 0-9 - . _ ~`.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Undoes [`percent_encode`] (and any `%XX` escape); `None` for a broken escape or bytes
/// that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_lasts_its_window_and_the_next_then_expires() {
        let operator = Keypair::new();
        let t = 1_800_000_000;
        let shown = code(&operator, window(t));
        assert!(accepts(&operator, &shown, t));
        assert!(accepts(&operator, &shown, t + WINDOW_SECS));
        assert!(!accepts(&operator, &shown, t + 2 * WINDOW_SECS));
        assert!(!accepts(&operator, &shown, t - WINDOW_SECS));
        assert!(!accepts(&Keypair::new(), &shown, t), "another door's code");
        assert!(!accepts(&operator, "", t));
    }

    #[test]
    fn a_form_code_lasts_ten_minutes_and_is_never_a_screen_code() {
        let operator = Keypair::new();
        let t = 1_800_000_000;
        let form = form_code(&operator, t);
        assert!(accepts_form(&operator, &form, t + FORM_WINDOW_SECS - 1));
        assert!(!accepts_form(&operator, &form, t + 2 * FORM_WINDOW_SECS));
        assert!(
            !accepts(&operator, &form, t),
            "a form code is not a screen code"
        );
        assert!(!accepts_form(&operator, &code(&operator, window(t)), t));
        assert!(
            !accepts_form(&Keypair::new(), &form, t),
            "another door's form"
        );
    }

    #[test]
    fn links_are_percent_encoded() {
        assert_eq!(
            percent_encode("https://door.example/check-in?k=Ab1"),
            "https%3A%2F%2Fdoor.example%2Fcheck-in%3Fk%3DAb1"
        );
        let link = "https://door.example/check-in?k=Ab1";
        assert_eq!(percent_decode(&percent_encode(link)).as_deref(), Some(link));
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%zz"), None);
    }
}
