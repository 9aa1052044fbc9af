//! The IDL tells a client everything it needs to read what the program stores: every
//! account type under `programs/netstate/src/state/` is in `idl.accounts`, with Anchor's
//! discriminator and a layout in `idl.types`.

/// The names of the `#[account]` structs declared in the program's `state/` sources.
fn stored_account_types() -> Vec<String> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../programs/netstate/src/state");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("state/ is readable") {
        let source = std::fs::read_to_string(entry.expect("an entry").path()).expect("a source");
        let mut after_attribute = false;
        for line in source.lines().map(str::trim) {
            if line.starts_with("#[account") {
                after_attribute = true;
            } else if after_attribute && let Some(rest) = line.strip_prefix("pub struct ") {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
                names.push(name);
                after_attribute = false;
            } else if after_attribute && !(line.starts_with("#[") || line.starts_with("///")) {
                after_attribute = false;
            }
        }
    }
    names.sort();
    names
}

#[test]
fn every_account_type_the_program_stores_is_in_the_idl_with_its_layout() {
    let idl: serde_json::Value =
        serde_json::from_str(include_str!("../../idl/netstate.json")).expect("IDL parses");
    let stored = stored_account_types();
    assert!(stored.len() >= 16, "{stored:?}");
    for name in &stored {
        let account = idl["accounts"]
            .as_array()
            .expect("accounts")
            .iter()
            .find(|a| a["name"] == name.as_str())
            .unwrap_or_else(|| panic!("{name} is missing from idl.accounts"));
        // Anchor's rule: the first 8 bytes of sha256("account:<Name>").
        let hash = solana_sha256_hasher::hash(format!("account:{name}").as_bytes());
        let expected: Vec<serde_json::Value> =
            hash.to_bytes()[..8].iter().map(|b| (*b).into()).collect();
        assert_eq!(
            account["discriminator"],
            serde_json::Value::Array(expected),
            "{name}"
        );
        let layout = idl["types"]
            .as_array()
            .expect("types")
            .iter()
            .find(|t| t["name"] == name.as_str())
            .unwrap_or_else(|| panic!("{name} has no layout in idl.types"));
        assert!(
            layout["type"]["fields"]
                .as_array()
                .is_some_and(|f| !f.is_empty()),
            "{name}"
        );
    }
}
