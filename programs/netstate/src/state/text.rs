//! Validation of the short strings users type: names, handles, codes and URIs.

/// True when `s` has no control characters and no leading or trailing whitespace.
pub fn is_printable_label(s: &str) -> bool {
    !s.chars().any(char::is_control) && s.trim() == s
}

/// True when `s` is printable ASCII without spaces (URIs are percent-encoded).
pub fn is_uri_text(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_graphic())
}

/// True when `s` only holds lowercase ASCII letters, digits, `-` and `_`.
pub fn is_code(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}
