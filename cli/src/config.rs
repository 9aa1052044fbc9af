//! Where to connect and who signs, resolved the way the Solana CLI does: flags first, then
//! the Solana CLI config (`~/.config/solana/cli/config.yml`, or `--config`), and with
//! neither, the embedded local ledger.

use std::path::{Path, PathBuf};

use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;

/// The keys of the Solana CLI config that netstate reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SolanaConfig {
    /// `json_rpc_url`.
    pub json_rpc_url: Option<String>,
    /// `keypair_path`.
    pub keypair_path: Option<PathBuf>,
    /// `commitment`.
    pub commitment: Option<String>,
}

/// The default Solana CLI config path.
pub fn default_solana_config() -> Option<PathBuf> {
    home().map(|h| h.join(".config/solana/cli/config.yml"))
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

/// Reads the flat `key: value` lines of a Solana CLI config file.
pub fn read_solana_config(path: &Path) -> Result<SolanaConfig, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the Solana config {}: {e}", path.display()))?;
    let mut config = SolanaConfig::default();
    for line in text.lines() {
        // YAML comments: whole lines, and a `#` after a space ends a value.
        let line = line.trim_start();
        if line.starts_with('#') {
            continue;
        }
        let line = line.split(" #").next().unwrap_or(line);
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).to_string();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "json_rpc_url" => config.json_rpc_url = Some(value),
            "keypair_path" => config.keypair_path = Some(PathBuf::from(value)),
            "commitment" => config.commitment = Some(value),
            _ => {}
        }
    }
    Ok(config)
}

/// True for the moniker of the embedded ledger: `embedded` (or `e`).
pub fn is_embedded_moniker(url: &str) -> bool {
    matches!(url, "embedded" | "e")
}

pub use netstate_client::accounts::is_local_url;

/// True for mainnet-beta URLs, where a transaction spends real money.
pub fn is_mainnet(url: &str) -> bool {
    url.contains("mainnet")
}

/// Expands the monikers the Solana CLI knows; anything else must be an http(s) URL.
pub fn resolve_url(url: &str) -> Result<String, String> {
    let resolved = match url {
        "localhost" | "l" => "http://localhost:8899",
        "devnet" | "d" => "https://api.devnet.solana.com",
        "testnet" | "t" => "https://api.testnet.solana.com",
        "mainnet-beta" | "m" => "https://api.mainnet-beta.solana.com",
        other if other.starts_with("http://") || other.starts_with("https://") => other,
        other => {
            return Err(format!(
                "not a URL or moniker: {other:?} (use http(s)://..., embedded, localhost, devnet, testnet or mainnet-beta)"
            ));
        }
    };
    Ok(resolved.to_string())
}

/// Parses a commitment level name.
pub fn parse_commitment(text: &str) -> Result<CommitmentConfig, String> {
    match text {
        "processed" => Ok(CommitmentConfig::processed()),
        "confirmed" => Ok(CommitmentConfig::confirmed()),
        "finalized" => Ok(CommitmentConfig::finalized()),
        other => Err(format!(
            "unknown commitment {other:?} (processed, confirmed or finalized)"
        )),
    }
}

/// Reads the signer of `-k` as the Solana CLI does: what [`read_keypair`] reads, or a
/// hardware wallet at `usb://ledger` (optionally `?key=ACCOUNT[/CHANGE]` for its derivation
/// path), which asks the device to approve each transaction it signs.
pub fn read_signer(path: &Path) -> Result<Box<dyn solana_signer::Signer>, String> {
    use solana_clap_v3_utils::input_parsers::signer::{SignerSource, SignerSourceKind};
    let source = path.to_string_lossy();
    match SignerSource::parse(source.as_ref()) {
        Ok(SignerSource {
            kind: SignerSourceKind::Usb(locator),
            derivation_path,
            ..
        }) => return usb_signer(&source, locator, derivation_path.unwrap_or_default()),
        Err(e) if source.starts_with("usb://") => {
            return Err(format!(
                "{source} is not a hardware wallet's path ({e}): usb://ledger, or usb://ledger?key=ACCOUNT[/CHANGE] for another key"
            ));
        }
        _ => {}
    }
    read_keypair(path).map(|keypair| Box::new(keypair) as Box<dyn solana_signer::Signer>)
}

/// The hardware wallet at `locator` (named `source` as typed), for the key at
/// `derivation_path`.
fn usb_signer(
    source: &str,
    locator: solana_remote_wallet::locator::Locator,
    derivation_path: solana_derivation_path::DerivationPath,
) -> Result<Box<dyn solana_signer::Signer>, String> {
    use solana_remote_wallet::remote_wallet::{RemoteWalletError, maybe_wallet_manager};
    let manager = match maybe_wallet_manager() {
        Ok(Some(manager)) => manager,
        Ok(None) => {
            return Err(format!(
                "{source}: no hardware wallet is connected: plug in the Ledger, unlock it and open its Solana app"
            ));
        }
        Err(RemoteWalletError::Hid(_)) if !cfg!(feature = "ledger") => {
            return Err(format!(
                "{source}: this netstate was built without hardware-wallet support: build it with `cargo install --path cli --features ledger` (on Linux it needs libudev's headers: `apt-get install libudev-dev`)"
            ));
        }
        Err(e) => return Err(format!("{source}: cannot reach the hardware wallet: {e}")),
    };
    let keypair = solana_remote_wallet::remote_keypair::generate_remote_keypair(
        locator,
        derivation_path,
        &manager,
        false,
        "keypair",
    )
    .map_err(|e| format!("{source}: {e}"))?;
    Ok(Box::new(keypair))
}

/// Reads a keypair as the Solana CLI does: a file in its format (a JSON array of 64
/// bytes), `stdin` (also `stdin://` or `-`) for the same JSON on standard input, or
/// `prompt://` (or `ASK`) for a seed phrase typed at the terminal.
pub fn read_keypair(path: &Path) -> Result<Keypair, String> {
    use solana_clap_v3_utils::input_parsers::signer::{SignerSource, SignerSourceKind};
    let source = path.to_string_lossy();
    // `stdin` as the Solana CLI's users type it, for its `stdin://` (and `-`).
    let parsed = if source == "stdin" {
        "stdin://"
    } else {
        source.as_ref()
    };
    match SignerSource::parse(parsed).map(|s| (s.kind, s.derivation_path, s.legacy)) {
        Ok((SignerSourceKind::Stdin, _, _)) => {
            return solana_keypair::read_keypair(&mut std::io::stdin()).map_err(|e| {
                format!("cannot read a keypair from stdin (a JSON array of 64 numbers): {e}")
            });
        }
        Ok((SignerSourceKind::Prompt, derivation_path, legacy)) => {
            return solana_clap_v3_utils::keypair::keypair_from_seed_phrase(
                "keypair",
                false,
                false,
                derivation_path,
                legacy,
            )
            .map_err(|e| format!("cannot derive a keypair from the seed phrase: {e}"));
        }
        Ok((SignerSourceKind::Usb(_), _, _)) => {
            return Err(format!(
                "{source} is a hardware wallet: it signs as the fee payer (-k), but this command needs a key it can hold (a keypair file, stdin or prompt://)"
            ));
        }
        Ok((SignerSourceKind::Pubkey(_), _, _)) => {
            return Err(format!(
                "{source} is an address, not a keypair: this command has to sign"
            ));
        }
        _ => {}
    }
    if path.is_dir() {
        return Err(format!(
            "cannot read keypair file {}: it is a directory; name the keypair file in it ({})",
            path.display(),
            path.join("id.json").display()
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "cannot read keypair file {}: there is no such file. Create one with `netstate wallet new --outfile {}`",
                path.display(),
                path.display()
            )
        } else {
            format!("cannot read keypair file {}: {e}", path.display())
        }
    })?;
    let bytes: Vec<u8> = serde_json::from_str(&text).map_err(|_| {
        format!(
            "{} is not a keypair file (expected a JSON array of 64 numbers)",
            path.display()
        )
    })?;
    Keypair::try_from(bytes.as_slice()).map_err(|_| {
        format!(
            "{} is not a valid keypair (expected 64 bytes)",
            path.display()
        )
    })
}

/// Writes `keypair` in the Solana CLI format, readable only by the owner.
pub fn write_keypair(path: &Path, keypair: &Keypair) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let json = serde_json::to_string(&keypair.to_bytes().to_vec()).map_err(|e| e.to_string())?;
    std::fs::write(path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(())
}

/// netstate's own data directory: `$NETSTATE_HOME`, else `$XDG_DATA_HOME/netstate`, else
/// `~/.local/share/netstate`.
pub fn data_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("NETSTATE_HOME") {
        return Ok(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME") {
        return Ok(PathBuf::from(dir).join("netstate"));
    }
    home()
        .map(|h| h.join(".local/share/netstate"))
        .ok_or_else(|| "no home directory: set NETSTATE_HOME".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monikers_expand_and_junk_is_refused() {
        assert_eq!(
            resolve_url("devnet").unwrap(),
            "https://api.devnet.solana.com"
        );
        assert_eq!(resolve_url("l").unwrap(), "http://localhost:8899");
        assert_eq!(
            resolve_url("http://127.0.0.1:9").unwrap(),
            "http://127.0.0.1:9"
        );
        assert!(resolve_url("ftp://x").unwrap_err().contains("moniker"));
    }

    /// A Ledger's path is read as a hardware wallet, never as a file: without a device (as
    /// here) it is refused naming what to do, and a mistyped one names what is wrong.
    #[test]
    fn a_ledger_path_is_a_hardware_wallet_not_a_file() {
        for path in ["usb://ledger", "usb://ledger?key=0", "usb://ledger?key=1/0"] {
            let error = read_signer(Path::new(path)).expect_err("no hardware wallet here");
            assert!(error.starts_with(&format!("{path}: ")), "{error}");
            assert!(!error.contains("keypair file"), "{error}");
            if cfg!(feature = "ledger") {
                assert!(error.contains("no hardware wallet is connected"), "{error}");
            } else {
                assert!(error.contains("--features ledger"), "{error}");
            }
        }
        let typo = read_signer(Path::new("usb://legder")).expect_err("a typo");
        assert!(typo.contains("is not a hardware wallet's path"), "{typo}");
        let key = read_signer(Path::new("usb://ledger?key=x")).expect_err("a bad key");
        assert!(key.contains("invalid derivation path"), "{key}");
        // Where a command must hold the key itself (a door's key, a mint's), a Ledger is named.
        let held = read_keypair(Path::new("usb://ledger")).expect_err("not a held key");
        assert!(held.contains("is a hardware wallet"), "{held}");
    }

    #[test]
    fn a_keypair_file_is_still_a_signer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id.json");
        let keypair = Keypair::new();
        write_keypair(&path, &keypair).unwrap();
        let signer = read_signer(&path).unwrap();
        assert_eq!(
            solana_signer::Signer::pubkey(&signer),
            solana_signer::Signer::pubkey(&keypair)
        );
    }

    #[test]
    fn solana_config_keys_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yml");
        std::fs::write(&path, "---\njson_rpc_url: \"http://127.0.0.1:8899\"\nwebsocket_url: ''\nkeypair_path: /k/id.json\ncommitment: confirmed\n").unwrap();
        let config = read_solana_config(&path).unwrap();
        assert_eq!(
            config.json_rpc_url.as_deref(),
            Some("http://127.0.0.1:8899")
        );
        assert_eq!(config.keypair_path, Some(PathBuf::from("/k/id.json")));
        assert_eq!(config.commitment.as_deref(), Some("confirmed"));
    }

    #[test]
    fn solana_config_comments_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yml");
        std::fs::write(
            &path,
            "# my cluster\n# json_rpc_url: https://wrong\njson_rpc_url: https://api.devnet.solana.com # devnet for now\n  keypair_path: /k/id.json\n",
        )
        .unwrap();
        let config = read_solana_config(&path).unwrap();
        assert_eq!(
            config.json_rpc_url.as_deref(),
            Some("https://api.devnet.solana.com")
        );
        assert_eq!(config.keypair_path, Some(PathBuf::from("/k/id.json")));
    }

    #[test]
    fn local_and_public_urls_are_told_apart() {
        for local in [
            "http://127.0.0.1:8899",
            "http://localhost:8899",
            "http://[::1]:8899",
        ] {
            assert!(is_local_url(local), "{local}");
        }
        for public in [
            "https://api.devnet.solana.com",
            "https://localhost.evil.com",
            "https://api.mainnet-beta.solana.com",
        ] {
            assert!(!is_local_url(public), "{public}");
        }
        assert!(is_embedded_moniker("embedded") && !is_embedded_moniker("localhost"));
    }

    #[test]
    fn keypairs_round_trip_and_bad_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id.json");
        let keypair = Keypair::new();
        write_keypair(&path, &keypair).unwrap();
        assert_eq!(read_keypair(&path).unwrap().to_bytes(), keypair.to_bytes());
        std::fs::write(&path, "[1,2,3]").unwrap();
        assert!(
            read_keypair(&path)
                .unwrap_err()
                .contains("not a valid keypair")
        );
        assert!(
            read_keypair(&dir.path().join("none.json"))
                .unwrap_err()
                .contains("cannot read keypair file")
        );
    }
}
