//! The IDL's accounts section lists only the types instructions take as `Account<T>`. The
//! program also stores accounts it creates and checks by hand (passed as
//! `UncheckedAccount`): this test prints their discriminators and Anchor's own type
//! definitions between markers, and `tools/idl` adds them to `idl/netstate.json`, so that a
//! client that knows only the IDL can fetch and decode every account the program stores.
//! Run only by `tools/idl`, with the `idl-build` feature.

use std::collections::BTreeMap;

use anchor_lang::idl::types::{IdlAccount, IdlTypeDef};
use anchor_lang::idl::IdlBuild;
use anchor_lang::Discriminator;

use super::{Census, Outflow, Treaty, Visitor};

/// Adds `T`'s account entry and its type (with the types it uses) to the two maps.
fn add<T: IdlBuild + Discriminator>(
    name: &str,
    accounts: &mut Vec<IdlAccount>,
    types: &mut BTreeMap<String, IdlTypeDef>,
) {
    accounts.push(IdlAccount {
        name: name.into(),
        discriminator: T::DISCRIMINATOR.into(),
    });
    if let Some(ty) = T::create_type() {
        types.insert(T::get_full_path(), ty);
        T::insert_types(types);
    }
}

#[test]
fn netstate_print_idl_stored_accounts() {
    let mut accounts = Vec::new();
    let mut types = BTreeMap::new();
    add::<Census>("Census", &mut accounts, &mut types);
    add::<Outflow>("Outflow", &mut accounts, &mut types);
    add::<Treaty>("Treaty", &mut accounts, &mut types);
    add::<Visitor>("Visitor", &mut accounts, &mut types);
    let printed = serde_json::json!({
        "accounts": accounts,
        "types": types.into_values().collect::<Vec<_>>(),
    });
    println!("--- netstate stored accounts begin ---");
    println!("{printed}");
    println!("--- netstate stored accounts end ---");
}
