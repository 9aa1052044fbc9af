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
    for (i, error) in NetstateError::ALL.iter().enumerate() {
        let code = 6000 + i as u32;
        assert_eq!(u32::from(*error), code);
        assert_eq!(idl_errors[i]["code"], code);
        assert_eq!(idl_errors[i]["name"].as_str(), Some(error.name().as_str()));
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
