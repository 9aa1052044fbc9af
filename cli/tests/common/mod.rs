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

/// What an end-to-end test of the binary starts with: a local node, a client for it and a
/// data directory (also `HOME`) for the binary and the keypair files.
pub struct Local {
    /// The node.
    pub node: Localnet,
    /// Its URL.
    pub url: String,
    /// A client for it.
    pub client: netstate_client::NetstateClient,
    /// The data directory.
    pub home: tempfile::TempDir,
}

impl Local {
    /// A node kept in memory, with a fresh data directory.
    pub async fn start() -> Self {
        let netstate_testkit::LocalNode { node, client } =
            netstate_testkit::LocalNode::start().await;
        Self {
            url: node.url(),
            client,
            node,
            home: tempfile::tempdir().unwrap(),
        }
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        self.home.path()
    }

    /// A new wallet funded with 20 SOL, and its keypair file `name.json`.
    pub async fn wallet(&self, name: &str) -> (Keypair, String) {
        funded(&self.node, self.dir(), name).await
    }

    /// The binary run against this node for `society`.
    pub fn cli<'a>(&'a self, society: &'a str) -> Cli<'a> {
        Cli {
            url: &self.url,
            dir: self.dir(),
            society,
        }
    }

    /// Moves the node's clock `secs` forward.
    pub async fn warp(&self, secs: i64) {
        self.client.warp_clock(secs).await.unwrap();
    }
}

/// `netstate` run against one node for one society, as a test types it: each call is a
/// fresh process with `--url`, `--keypair` and `--society`.
pub struct Cli<'a> {
    /// The node's URL.
    pub url: &'a str,
    /// The data directory (also `HOME`).
    pub dir: &'a Path,
    /// The society every command names.
    pub society: &'a str,
}

impl Cli<'_> {
    /// Runs `args` signed by the keypair file `key`.
    pub fn run(&self, key: &str, args: &[&str]) -> Run {
        let mut all = vec![
            "--url",
            self.url,
            "--keypair",
            key,
            "--society",
            self.society,
        ];
        all.extend_from_slice(args);
        netstate(self.dir, &all)
    }

    /// Runs `args` and fails the test, with what it printed, unless it succeeded.
    pub fn ok(&self, key: &str, args: &[&str]) -> Run {
        let r = self.run(key, args);
        assert!(r.ok, "{args:?}: {}{}", r.stdout, r.stderr);
        r
    }

    /// Runs `args` and fails the test unless it failed saying `says` on stderr.
    pub fn refused(&self, key: &str, args: &[&str], says: &str) {
        let r = self.run(key, args);
        assert!(!r.ok, "{args:?} should fail: {}", r.stdout);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }

    /// `society create` of this society by `founder`, open to anyone who applies, with a
    /// constitution pinned by its text and the `extra` flags.
    pub fn found(&self, founder: &str, extra: &[&str]) -> Run {
        let constitution = self.dir.join("constitution.md");
        std::fs::write(&constitution, "We found a network state.").unwrap();
        let constitution = constitution.to_string_lossy().into_owned();
        let mut args = vec![
            "society",
            "create",
            self.society,
            "--constitution",
            "ipfs://c",
            "--constitution-file",
            &constitution,
            "--policy",
            "open",
        ];
        args.extend_from_slice(extra);
        self.run(founder, &args)
    }

    /// `node register CODE` by `steward`, in Lisbon, with the door key `operator`.
    pub fn register_hub(&self, steward: &str, code: &str, operator: &str) -> Run {
        self.ok(steward, &register_in_lisbon(code, "Lisbon House", operator))
    }

    /// Runs `args` with `--output json` (it must succeed) and parses what it printed.
    pub fn json(&self, key: &str, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--output", "json"]);
        self.ok(key, &all).json()
    }
}

/// A constitution's SHA-256 the tests pin societies by (that of
/// `migrations/solar-state-constitution.md`).
pub const CONSTITUTION_SHA256: &str =
    "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0";

/// `society create NAME` with the tests' constitution pinned by its hash, then `extra`.
pub fn create_society<'a>(name: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "society",
        "create",
        name,
        "--constitution",
        "ipfs://c",
        "--constitution-hash",
        CONSTITUTION_SHA256,
    ];
    args.extend_from_slice(extra);
    args
}

/// `node register CODE` of a hub called `name` in Lisbon, whose door signs with `operator`:
/// the arguments the tests give the binary.
pub fn register_in_lisbon<'a>(code: &'a str, name: &'a str, operator: &'a str) -> [&'a str; 13] {
    [
        "node",
        "register",
        code,
        "--name",
        name,
        "--country",
        "PT",
        "--lat",
        "38.7",
        "--lon",
        "-9.1",
        "--operator",
        operator,
    ]
}

/// Runs the binary against `url` as `key`, on `society`, asking for JSON.
pub fn netstate_json(home: &Path, url: &str, key: &str, society: &str, args: &[&str]) -> Run {
    let mut all = vec![
        "--url",
        url,
        "--keypair",
        key,
        "--society",
        society,
        "--output",
        "json",
    ];
    all.extend_from_slice(args);
    netstate(home, &all)
}

/// A fresh data directory whose embedded ledger holds society `name`, founded with the
/// constitution text in `c.md` and the `society create` flags `extra`.
pub fn embedded_society(name: &str, extra: &[&str]) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    std::fs::write(dir.join("c.md"), "We build on the sun.").unwrap();
    let constitution = dir.join("c.md").to_string_lossy().into_owned();
    let mut args = vec![
        "society",
        "create",
        name,
        "--constitution",
        "ipfs://c",
        "--constitution-file",
        &constitution,
    ];
    args.extend_from_slice(extra);
    let run = netstate(dir, &args);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    home
}
