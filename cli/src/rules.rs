//! The program's own input rules, applied before sending: the CLI calls the same validation
//! functions the program runs (from the program crate), so bad input never costs a round
//! trip or a fee, and is refused with the very name the program would give it.

use crate::CliError;

/// The program's refusal `result` as a CLI error carrying the program's name and code;
/// `what` says which input it was about.
pub fn check(result: anchor_lang::Result<()>, what: &str) -> Result<(), CliError> {
    result.map_err(|error| match error {
        anchor_lang::error::Error::AnchorError(a) => CliError {
            message: format!("{what}: {}", a.error_msg),
            name: a.error_name,
            code: Some(a.error_code_number),
            hint: None,
        },
        other => CliError::new(format!("{what}: {other}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use netstate_client::{Member, Society};

    #[test]
    fn refusals_carry_the_programs_name_and_code() {
        let error = check(Member::validate_handle(&"x".repeat(33)), "handle").unwrap_err();
        assert_eq!(error.name, "HandleTooLong");
        assert_eq!(
            error.code,
            Some(u32::from(netstate_client::NetstateError::HandleTooLong))
        );
        assert!(error.message.starts_with("handle: "), "{}", error.message);
        assert!(check(Society::validate_name("The Solar State"), "name").is_ok());
    }
}
