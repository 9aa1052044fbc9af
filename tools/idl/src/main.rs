//! `cargo run -p netstate-idl -- write` regenerates `idl/netstate.json` from the program with
//! anchor-lang-idl's builder (the code `anchor idl build` runs); `-- check` fails when the
//! committed file differs from what the code generates (CI runs it).
//!
//! The IDL build compiles the program with `idl-build` in its own target directory
//! (`target/idl`), so it never invalidates the workspace's normal build.
//!
//! Anchor's builder lists only the account types some instruction takes as `Account<T>`.
//! The accounts the program creates and checks by hand are printed by the program's own
//! test (`programs/netstate/src/state/idl_print.rs`) and added here, named and sorted as
//! the builder names and sorts the rest.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anchor_lang_idl::types::{Idl, IdlAccount, IdlTypeDef};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn generate() -> Result<String, String> {
    let root = workspace_root();
    let target = root.join("target/idl");
    let idl = anchor_lang_idl::build::IdlBuilder::new()
        .program_path(root.join("programs/netstate"))
        .cargo_args(vec![
            "--target-dir".into(),
            target.to_string_lossy().into_owned(),
        ])
        .build()
        .map_err(|e| format!("building the IDL failed: {e}"))?;
    let idl = with_stored_accounts(idl, &root.join("programs/netstate"), &target)?;
    let mut json = serde_json::to_string_pretty(&idl).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(json)
}

/// What the program's `netstate_print_idl_stored_accounts` test prints.
#[derive(serde::Deserialize)]
struct StoredAccounts {
    accounts: Vec<IdlAccount>,
    types: Vec<IdlTypeDef>,
}

/// `idl` with the accounts the program checks by hand, run with the builder's own settings
/// and target directory (so nothing is compiled twice).
fn with_stored_accounts(mut idl: Idl, program: &Path, target: &Path) -> Result<Idl, String> {
    let output = Command::new("cargo")
        .args([
            "test",
            "netstate_print_idl_stored_accounts",
            "--features",
            "idl-build",
        ])
        .arg("--target-dir")
        .arg(target)
        .args(["--", "--show-output", "--quiet"])
        .env("ANCHOR_IDL_BUILD_NO_DOCS", "FALSE")
        .env("ANCHOR_IDL_BUILD_RESOLUTION", "TRUE")
        .env("ANCHOR_IDL_BUILD_SKIP_LINT", "FALSE")
        .env("ANCHOR_IDL_BUILD_PROGRAM_PATH", program)
        .env("RUSTFLAGS", "-A warnings")
        .current_dir(program)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let printed = stdout
        .split_once("--- netstate stored accounts begin ---")
        .and_then(|(_, rest)| rest.split_once("--- netstate stored accounts end ---"))
        .map(|(printed, _)| printed.trim())
        .filter(|_| output.status.success())
        .ok_or("the program's netstate_print_idl_stored_accounts test printed nothing")?;
    // The builder names a type by its last path segment when no other type has that name.
    let mut printed = printed.to_string();
    let full_names: Vec<String> = serde_json::from_str::<StoredAccounts>(&printed)
        .map_err(|e| e.to_string())?
        .types
        .into_iter()
        .map(|t| t.name)
        .filter(|name| name.contains("::"))
        .collect();
    for full in &full_names {
        let short = full.rsplit("::").next().unwrap_or(full);
        let clash = full_names
            .iter()
            .any(|other| other != full && other.rsplit("::").next() == Some(short));
        if !clash {
            printed = printed.replace(&format!("\"{full}\""), &format!("\"{short}\""));
        }
    }
    let stored: StoredAccounts = serde_json::from_str(&printed).map_err(|e| e.to_string())?;
    for account in stored.accounts {
        if !idl.accounts.iter().any(|a| a.name == account.name) {
            idl.accounts.push(account);
        }
    }
    for ty in stored.types {
        if !idl.types.iter().any(|t| t.name == ty.name) {
            idl.types.push(ty);
        }
    }
    idl.accounts.sort_by(|a, b| a.name.cmp(&b.name));
    idl.types.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(idl)
}

fn main() -> ExitCode {
    let mode = std::env::args().nth(1).unwrap_or_default();
    if mode != "write" && mode != "check" {
        eprintln!("usage: netstate-idl write|check");
        return ExitCode::from(2);
    }
    // anchor-lang-idl passes RUSTUP_TOOLCHAIN on as a literal `+{toolchain}` argument;
    // the machine has one toolchain, so let cargo pick it.
    // SAFETY: single-threaded here; nothing else reads the environment concurrently.
    unsafe { std::env::remove_var("RUSTUP_TOOLCHAIN") };
    let generated = match generate() {
        Ok(json) => json,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let path = workspace_root().join("idl/netstate.json");
    if mode == "write" {
        if let Err(e) = std::fs::write(&path, &generated) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
        return ExitCode::SUCCESS;
    }
    match std::fs::read_to_string(&path) {
        Ok(committed) if committed == generated => {
            println!("idl/netstate.json is current");
            ExitCode::SUCCESS
        }
        Ok(_) => {
            eprintln!(
                "error: idl/netstate.json is stale: run `cargo run -p netstate-idl -- write` and commit it"
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
