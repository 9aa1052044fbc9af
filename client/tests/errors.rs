//! The client's table of program errors stays complete as the program grows.

use netstate_client::describe_program_error;
use netstate_client::error::NETSTATE_ERRORS;

#[test]
fn every_netstate_error_is_named_by_its_code() {
    let source = include_str!("../../programs/netstate/src/error.rs");
    let variants = source
        .lines()
        .filter(|l| {
            l.strip_prefix("    ")
                .and_then(|rest| rest.strip_suffix(','))
                .is_some_and(|name| {
                    name.chars().all(|c| c.is_ascii_alphanumeric())
                        && name.starts_with(|c: char| c.is_ascii_uppercase())
                })
        })
        .count();
    assert_eq!(
        NETSTATE_ERRORS.len(),
        variants,
        "client/src/error.rs lists every variant of NetstateError"
    );
    for (i, error) in NETSTATE_ERRORS.iter().enumerate() {
        let code = 6000 + i as u32;
        assert_eq!(u32::from(*error), code);
        let described = describe_program_error(code);
        assert_eq!(described.name, error.name());
        assert_eq!(described.message, error.to_string());
    }
    assert_eq!(describe_program_error(3010).name, "AccountNotSigner");
    assert_eq!(describe_program_error(9999).name, "Custom(9999)");
}
