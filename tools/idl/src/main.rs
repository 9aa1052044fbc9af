//! `cargo run -p netstate-idl -- write` regenerates `idl/netstate.json` from the program with
//! anchor-lang-idl's builder (the code `anchor idl build` runs); `-- check` fails when the
//! committed file differs from what the code generates (CI runs it).
//!
//! The IDL build compiles the program with `idl-build` in its own target directory
//! (`target/idl`), so it never invalidates the workspace's normal build.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    let mut json = serde_json::to_string_pretty(&idl).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(json)
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
