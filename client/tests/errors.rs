//! The client names every program error from the program's own list of them.

use netstate_client::NetstateError;
use netstate_client::describe_program_error;

#[test]
fn every_netstate_error_is_named_by_its_code() {
    // The program crate declares the enum and `ALL` from one list; the IDL, generated from
    // the same enum, must agree on the count and on each name.
    let idl: serde_json::Value =
        serde_json::from_str(include_str!("../../idl/netstate.json")).expect("IDL parses");
    let idl_errors = idl["errors"].as_array().expect("IDL lists errors");
    assert_eq!(NetstateError::ALL.len(), idl_errors.len());
    // Errors sit in sections by domain, each with its fixed number: together the numbers
    // run from 0 without a gap or a repeat, so a new error takes the next one.
    let mut codes: Vec<u32> = NetstateError::ALL.iter().map(|e| u32::from(*e)).collect();
    codes.sort_unstable();
    let expected: Vec<u32> = (6000..6000 + NetstateError::ALL.len() as u32).collect();
    assert_eq!(codes, expected);
    for error in NetstateError::ALL {
        let code = u32::from(*error);
        assert_eq!(NetstateError::from_code(code), Some(*error));
        let listed = idl_errors
            .iter()
            .find(|e| e["code"] == code)
            .unwrap_or_else(|| panic!("the IDL lacks code {code}"));
        assert_eq!(listed["name"].as_str(), Some(error.name().as_str()));
        let described = describe_program_error(code);
        assert_eq!(described.name, error.name());
        assert_eq!(described.message, error.to_string());
    }
    assert_eq!(describe_program_error(3010).name, "AccountNotSigner");
    assert_eq!(describe_program_error(9999).name, "Custom(9999)");
    let first_unknown = 6000 + NetstateError::ALL.len() as u32;
    assert_eq!(
        describe_program_error(first_unknown).name,
        format!("Custom({first_unknown})")
    );
}
