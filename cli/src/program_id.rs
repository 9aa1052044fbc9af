//! Which netstate program a command talks to. This build derives every address from the
//! program id compiled into it (`declare_id!` in `programs/netstate/src/lib.rs`); a
//! deployment at another address (`anchor keys sync`) needs the CLI built from that
//! workspace. So `--program-id`, and the `Anchor.toml` of the current directory for the
//! cluster in use, are checked against the compiled-in id, and a mismatch is named with what
//! to do, instead of every account being "not found" (`docs/deploy.md`).

use std::path::Path;

use anchor_lang::prelude::Pubkey;

use crate::CliError;

/// The `[programs.<cluster>]` section of `Anchor.toml` that describes `url`.
pub fn anchor_cluster(url: &str) -> &'static str {
    if url.contains("devnet") {
        "devnet"
    } else if url.contains("testnet") {
        "testnet"
    } else if url.contains("mainnet") {
        "mainnet"
    } else {
        "localnet"
    }
}

/// The netstate program id `Anchor.toml` (the text `toml`) gives for `cluster`, if any.
pub fn from_anchor_toml(toml: &str, cluster: &str) -> Result<Option<Pubkey>, CliError> {
    let table: toml::Table = toml
        .parse()
        .map_err(|e| CliError::new(format!("Anchor.toml is not valid TOML: {e}")))?;
    let Some(id) = table
        .get("programs")
        .and_then(|p| p.get(cluster))
        .and_then(|c| c.get("netstate"))
    else {
        return Ok(None);
    };
    let text = id.as_str().ok_or_else(|| {
        CliError::new(format!(
            "Anchor.toml: [programs.{cluster}] netstate must be a program id string"
        ))
    })?;
    crate::parse_pubkey(text, &format!("Anchor.toml [programs.{cluster}] netstate")).map(Some)
}

/// Fails, saying what to do, unless the program id asked for (`--program-id`, else the
/// `Anchor.toml` in `dir` for the cluster at `url`) is the one this build was compiled
/// with.
pub fn check(flag: Option<&str>, dir: &Path, url: &str) -> Result<(), CliError> {
    let compiled = netstate_client::PROGRAM_ID;
    let (asked, source) = match flag {
        Some(text) => (
            crate::parse_pubkey(text, "--program-id")?,
            "--program-id".to_string(),
        ),
        None => {
            let path = dir.join("Anchor.toml");
            let Ok(text) = std::fs::read_to_string(&path) else {
                return Ok(());
            };
            let cluster = anchor_cluster(url);
            match from_anchor_toml(&text, cluster)? {
                Some(id) => (id, format!("{} ([programs.{cluster}])", path.display())),
                None => return Ok(()),
            }
        }
    };
    if asked == compiled {
        return Ok(());
    }
    Err(CliError::new(format!(
        "{source} names the netstate program {asked}, but this netstate was built for {compiled}: build the CLI from the workspace whose declare_id! is {asked} (after `anchor keys sync`; see docs/deploy.md)"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cluster_section_is_read_and_a_different_id_is_named() {
        let compiled = netstate_client::PROGRAM_ID.to_string();
        let other = Pubkey::new_unique().to_string();
        let toml = format!(
            "[programs.localnet]\nnetstate = \"{compiled}\"\n[programs.devnet]\nnetstate = \"{other}\"\n"
        );
        assert_eq!(anchor_cluster("https://api.devnet.solana.com"), "devnet");
        assert_eq!(anchor_cluster("http://127.0.0.1:8899"), "localnet");
        assert_eq!(
            from_anchor_toml(&toml, "devnet").unwrap(),
            Some(other.parse().unwrap())
        );
        assert_eq!(from_anchor_toml(&toml, "mainnet").unwrap(), None);
        assert!(from_anchor_toml("[programs.devnet]\nnetstate = 7\n", "devnet").is_err());

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Anchor.toml"), &toml).unwrap();
        check(None, dir.path(), "http://127.0.0.1:8899").unwrap();
        let refused = check(None, dir.path(), "https://api.devnet.solana.com").unwrap_err();
        assert!(
            refused.message.contains(&other) && refused.message.contains("anchor keys sync"),
            "{}",
            refused.message
        );
        check(Some(&compiled), dir.path(), "https://api.devnet.solana.com").unwrap();
        assert!(check(Some("nope"), dir.path(), "x").is_err());
        // No Anchor.toml: nothing to check.
        check(
            None,
            &dir.path().join("elsewhere"),
            "https://api.devnet.solana.com",
        )
        .unwrap();
    }
}
