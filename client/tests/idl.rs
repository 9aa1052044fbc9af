//! The IDL tells a client everything it needs to read what the program stores: every
//! account type under `programs/netstate/src/state/` is in `idl.accounts`, with Anchor's
//! discriminator and a layout in `idl.types`.

/// The names of the `#[account]` structs declared in the program's `state/` sources.
fn stored_account_types() -> Vec<String> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../programs/netstate/src/state");
    let mut names = Vec::new();
    // The sources of state/ and its folders (state/actions/).
    let mut folders = vec![dir];
    let mut sources = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("state/ is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                sources.push(path);
            }
        }
    }
    for path in sources {
        let source = std::fs::read_to_string(path).expect("a source");
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

/// Why the seed `seed` of the account `name` (in the accounts list `level` of `ix`, inside
/// the composite `parent` if any) cannot be resolved by a client, or None when it can.
fn unresolvable_seed(
    idl: &serde_json::Value,
    ix: &serde_json::Value,
    level: &[serde_json::Value],
    name: &str,
    seed: &serde_json::Value,
) -> Option<String> {
    let named = |accounts: &[serde_json::Value], wanted: &str| {
        accounts.iter().find(|a| a["name"] == wanted).cloned()
    };
    match seed["kind"].as_str() {
        Some("const") => None,
        Some("arg") => {
            let arg = seed["path"].as_str()?.split('.').next()?;
            let args = ix["args"].as_array()?;
            (!args.iter().any(|a| a["name"] == arg)).then(|| format!("no argument {arg}"))
        }
        Some("account") => {
            let path: Vec<&str> = seed["path"].as_str()?.split('.').collect();
            if path[0] == name {
                return Some(format!("derived from its own field {}", path.join(".")));
            }
            let top = ix["accounts"].as_array()?;
            let Some(root) = named(level, path[0]).or_else(|| named(top, path[0])) else {
                return Some(format!("no account {}", path[0]));
            };
            if root["accounts"].is_array() {
                // Anchor's TypeScript client resolves seeds only among the accounts of
                // one level: a seed inside a nested group leaves the account to the caller.
                return Some(format!("seed through the nested group {}", path.join(".")));
            }
            let [_, field] = path[..] else {
                return (path.len() != 1).then(|| format!("path too deep: {}", path.join(".")));
            };
            // A field of another account: the client fetches that account and reads it.
            let type_name = seed["account"].as_str()?;
            let fields = idl["types"]
                .as_array()?
                .iter()
                .find(|t| t["name"] == type_name)?["type"]["fields"]
                .as_array()?
                .clone();
            let field_type = fields.iter().find(|f| f["name"] == field)?["type"].clone();
            let plain = field_type
                .as_str()
                .is_some_and(|t| ["pubkey", "u8", "u16", "u32", "u64", "i64"].contains(&t))
                || field_type.get("array").is_some();
            (!plain).then(|| format!("{type_name}.{field} is not a plain value"))
        }
        other => Some(format!("unknown seed kind {other:?}")),
    }
}

/// Every PDA the IDL declares can be derived by a client from the instruction's arguments
/// and its other accounts: no seed is a field of the account being derived (a client
/// cannot read an account before knowing its address), and a field of another account is
/// a plain value a client can fetch and read. Accounts the IDL does not derive (a society,
/// a hub, a proposal, a grant) are passed by address, as the program checks them by owner,
/// type and society.
#[test]
fn every_pda_in_the_idl_resolves_from_arguments_and_other_accounts() {
    let idl: serde_json::Value =
        serde_json::from_str(include_str!("../../idl/netstate.json")).expect("IDL parses");
    let mut problems = Vec::new();
    let mut derived = 0;
    for ix in idl["instructions"].as_array().expect("instructions") {
        let mut levels = vec![ix["accounts"].as_array().expect("accounts").clone()];
        while let Some(level) = levels.pop() {
            for account in &level {
                if let Some(inner) = account["accounts"].as_array() {
                    levels.push(inner.clone());
                    continue;
                }
                let name = account["name"].as_str().expect("a name");
                let Some(seeds) = account["pda"]["seeds"].as_array() else {
                    continue;
                };
                derived += 1;
                for seed in seeds {
                    if let Some(why) = unresolvable_seed(&idl, ix, &level, name, seed) {
                        problems.push(format!("{}.{name}: {why}", ix["name"]));
                    }
                }
            }
        }
    }
    assert!(
        derived >= 60,
        "only {derived} derived accounts: the IDL lost its seeds"
    );
    assert!(problems.is_empty(), "{problems:#?}");
}
