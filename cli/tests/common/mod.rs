//! What the binary's end-to-end tests share: running `netstate` on its own data directory,
//! keypair files, funded wallets on a local node.

#![allow(dead_code)] // each test binary uses its own part of it

use std::path::{Path, PathBuf};
use std::process::Command;

use netstate_localnet::Localnet;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// What one run of the binary printed, and whether it succeeded.
pub struct Run {
    /// Exit status 0.
    pub ok: bool,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Standard output as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", self.stdout, self.stderr))
    }
}

/// Runs the binary with its own data directory.
pub fn netstate(home: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args(args)
        .env("NETSTATE_HOME", home)
        .env("HOME", home)
        .env_remove("XDG_DATA_HOME")
        .output()
        .expect("netstate runs");
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `keypair` as a Solana CLI keypair file `name.json` in `dir`.
pub fn keypair_file(dir: &Path, name: &str, keypair: &Keypair) -> PathBuf {
    let path = dir.join(format!("{name}.json"));
    std::fs::write(
        &path,
        serde_json::to_string(&keypair.to_bytes().to_vec()).unwrap(),
    )
    .unwrap();
    path
}

/// A new wallet funded with 20 SOL on `node`, and its keypair file.
pub async fn funded(node: &Localnet, dir: &Path, name: &str) -> (Keypair, String) {
    let keypair = Keypair::new();
    let rpc = solana_client::nonblocking::rpc_client::RpcClient::new(node.url());
    let sig = rpc
        .request_airdrop(&keypair.pubkey(), 20_000_000_000)
        .await
        .unwrap();
    rpc.confirm_transaction(&sig).await.unwrap();
    let path = keypair_file(dir, name, &keypair);
    (keypair, path.to_string_lossy().into_owned())
}
