//! Which netstate deployment a command talks to: `--program-id`, else the `Anchor.toml` of
//! the current workspace (this directory, or the nearest one above it that has one) for the
//! cluster in use, else the id compiled into this build. A deployment at your own address
//! (`anchor keys sync`, `docs/deploy.md`) is the same program at another id, so the client
//! derives every address, builds every instruction and reads every account with the id
//! chosen here.

use std::path::{Path, PathBuf};

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

/// The netstate program id an `Anchor.toml` (the text `toml`, named `file` in errors) gives
/// for `cluster`, if any.
pub fn from_anchor_toml(toml: &str, cluster: &str, file: &str) -> Result<Option<Pubkey>, CliError> {
    let table: toml::Table = toml
        .parse()
        .map_err(|e| CliError::new(format!("{file} is not valid TOML: {e}")))?;
    let Some(id) = table
        .get("programs")
        .and_then(|p| p.get(cluster))
        .and_then(|c| c.get("netstate"))
    else {
        return Ok(None);
    };
    let text = id.as_str().ok_or_else(|| {
        CliError::new(format!(
            "{file}: [programs.{cluster}] netstate must be a program id string"
        ))
    })?;
    crate::parse_pubkey(text, &format!("{file} [programs.{cluster}] netstate")).map(Some)
}

/// The program id a command uses, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramChoice {
    /// The program id.
    pub id: Pubkey,
    /// Where it came from: `--program-id`, `Anchor.toml` (with its path and section), or
    /// `compiled in`.
    pub source: String,
}

/// The `Anchor.toml` of the workspace `dir` is in: in `dir` or the nearest directory above it.
pub fn find_anchor_toml(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("Anchor.toml"))
        .find(|path| path.is_file())
}

/// The program id for a command run in `dir` against the cluster at `url` (`None`: the
/// embedded ledger, which Anchor.toml calls `localnet`): `--program-id` (`flag`), else the
/// workspace's `Anchor.toml` for that cluster, else the compiled-in id.
pub fn resolve(
    flag: Option<&str>,
    dir: &Path,
    url: Option<&str>,
) -> Result<ProgramChoice, CliError> {
    if let Some(text) = flag {
        return Ok(ProgramChoice {
            id: crate::parse_pubkey(text, "--program-id")?,
            source: "--program-id".into(),
        });
    }
    if let Some(path) = find_anchor_toml(dir) {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| CliError::new(format!("cannot read {}: {e}", path.display())))?;
        let cluster = url.map_or("localnet", anchor_cluster);
        if let Some(id) = from_anchor_toml(&text, cluster, &path.display().to_string())? {
            return Ok(ProgramChoice {
                id,
                source: format!("{} [programs.{cluster}]", path.display()),
            });
        }
    }
    Ok(ProgramChoice {
        id: netstate_client::PROGRAM_ID,
        source: "compiled in".into(),
    })
}

/// Fails, naming the choice and what to do, unless the cluster at `url` holds a program at
/// the chosen id. `executable` says what it holds there: `None` for nothing, else whether
/// the account is executable.
pub fn check_deployed(
    choice: &ProgramChoice,
    executable: Option<bool>,
    url: &str,
) -> Result<(), CliError> {
    let what = format!(
        "the netstate program {} (from {})",
        choice.id, choice.source
    );
    match executable {
        Some(true) => Ok(()),
        Some(false) => Err(CliError::new(format!(
            "{what} is not a program on {url}: it is an account of another kind; pass the id your netstate was deployed at with --program-id"
        ))),
        None => Err(CliError::new(format!(
            "{what} is not deployed on {url}: deploy it there (docs/deploy.md), or pass the id it was deployed at with --program-id"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_comes_from_the_flag_then_the_workspace_then_the_build() {
        let compiled = netstate_client::PROGRAM_ID.to_string();
        let other = Pubkey::new_unique().to_string();
        let toml = format!(
            "[programs.localnet]\nnetstate = \"{compiled}\"\n[programs.devnet]\nnetstate = \"{other}\"\n"
        );
        assert_eq!(anchor_cluster("https://api.devnet.solana.com"), "devnet");
        assert_eq!(anchor_cluster("http://127.0.0.1:8899"), "localnet");
        assert_eq!(
            from_anchor_toml(&toml, "devnet", "Anchor.toml").unwrap(),
            Some(other.parse().unwrap())
        );
        assert_eq!(
            from_anchor_toml(&toml, "mainnet", "Anchor.toml").unwrap(),
            None
        );
        assert!(
            from_anchor_toml("[programs.devnet]\nnetstate = 7\n", "devnet", "Anchor.toml").is_err()
        );

        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("programs/netstate/src");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(dir.path().join("Anchor.toml"), &toml).unwrap();
        // The workspace's Anchor.toml is found from a directory inside it, per cluster.
        let local = resolve(None, &nested, Some("http://127.0.0.1:8899")).unwrap();
        assert_eq!(local.id, netstate_client::PROGRAM_ID);
        assert!(local.source.ends_with("Anchor.toml [programs.localnet]"));
        let devnet = resolve(None, &nested, Some("https://api.devnet.solana.com")).unwrap();
        assert_eq!(devnet.id.to_string(), other);
        // --program-id comes first; a mainnet with no section falls back to the build's id.
        let flagged = resolve(
            Some(&compiled),
            &nested,
            Some("https://api.devnet.solana.com"),
        );
        assert_eq!(flagged.unwrap().source, "--program-id");
        let mainnet = resolve(None, &nested, Some("https://api.mainnet-beta.solana.com")).unwrap();
        assert_eq!(
            (mainnet.id, mainnet.source.as_str()),
            (netstate_client::PROGRAM_ID, "compiled in")
        );
        let bad = resolve(Some("nope"), dir.path(), None).unwrap_err();
        assert!(bad.message.contains("--program-id"), "{}", bad.message);
        std::fs::write(
            dir.path().join("Anchor.toml"),
            "[programs.localnet]\nnetstate = 7\n",
        )
        .unwrap();
        let broken = resolve(None, &nested, None).unwrap_err();
        assert!(broken.message.contains("Anchor.toml"), "{}", broken.message);

        // Only a deployed program passes; anything else is named with what to do.
        check_deployed(&devnet, Some(true), "u").unwrap();
        let not_program = check_deployed(&devnet, Some(false), "u").unwrap_err();
        assert!(
            not_program.message.contains("is not a program"),
            "{}",
            not_program.message
        );
        let missing = check_deployed(&devnet, None, "u").unwrap_err();
        assert!(
            missing.message.contains(&other) && missing.message.contains("not deployed"),
            "{}",
            missing.message
        );
    }
}
