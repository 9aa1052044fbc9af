//! The README's "A short session" block runs as written: the built binary in place of the
//! alias, on a fresh data directory. Changing the README without keeping it runnable fails
//! here.

use std::process::Command;

/// The shell block under "## A short session".
fn session_block() -> String {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## A short session")
        .nth(1)
        .expect("README has \"## A short session\"");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the section has a ```sh block");
    block.to_string()
}

/// A fresh directory holding what the session needs, and a way to run shell there with a
/// fresh HOME and data directory.
struct Session {
    dir: tempfile::TempDir,
}

impl Session {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        // The manifest the session applies, where the README's relative path finds it.
        let migrations = dir.path().join("migrations");
        std::fs::create_dir_all(&migrations).unwrap();
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for name in ["solar-state.toml", "solar-state-constitution.md"] {
            std::fs::copy(repo.join("migrations").join(name), migrations.join(name)).unwrap();
        }
        Self { dir }
    }

    fn run(&self, script: &str) -> std::process::Output {
        Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(self.dir.path())
            .env("NETSTATE_HOME", self.dir.path().join("netstate"))
            .env("HOME", self.dir.path())
            .env_remove("XDG_DATA_HOME")
            .output()
            .unwrap()
    }

    /// Runs the README's block with `flags` after `-u embedded`; returns its stdout.
    fn play(&self, flags: &str) -> String {
        let block = session_block();
        let mut lines = block.lines();
        let alias = lines.next().expect("the block starts with the alias");
        assert!(
            alias.starts_with("alias netstate='cargo run -q -p netstate-cli -- -u embedded'"),
            "{alias}"
        );
        let body: Vec<&str> = lines.collect();
        assert!(
            !body.iter().any(|l| l.contains('<')),
            "a placeholder the reader would have to fill: {body:#?}"
        );
        let script = format!(
            "set -euo pipefail\nnetstate() {{ \"{bin}\" -u embedded {flags} \"$@\"; }}\n{}\n",
            body.join("\n"),
            bin = env!("CARGO_BIN_EXE_netstate"),
        );
        let out = self.run(&script);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "the README session failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    /// `netstate -u embedded ARGS --output json`, parsed.
    fn json(&self, args: &str) -> serde_json::Value {
        let out = self.run(&format!(
            "\"{bin}\" -u embedded {args} --output json",
            bin = env!("CARGO_BIN_EXE_netstate")
        ));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
            panic!(
                "{args}: not JSON: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }
}

#[test]
fn the_readme_session_runs_as_written() {
    let session = Session::new();
    let stdout = session.play("");
    // It ends with the grant executed and the manifest's society founded.
    let shown = session.json("--society 'The Solar State' proposal show 0");
    assert_eq!(shown["status"], "executed", "{shown}");
    assert!(stdout.contains("lisbon"), "{stdout}");
}

/// The same session against netstate deployed at another address (the relocated build the
/// embedded node also serves under test): `--program-id`, then the workspace's Anchor.toml,
/// choose it, and the default deployment is never touched.
#[test]
fn the_readme_session_runs_on_a_deployment_at_another_address() {
    let relocated = netstate_relocated::ID.to_string();
    let session = Session::new();
    let stdout = session.play(&format!("--program-id {relocated}"));
    assert!(stdout.contains("lisbon"), "{stdout}");
    let flag = format!("--program-id {relocated}");
    let shown = session.json(&format!(
        "{flag} --society 'The Solar State' proposal show 0"
    ));
    assert_eq!(shown["status"], "executed", "{shown}");
    let there = session.json(&format!("{flag} society list"));
    assert_eq!(there.as_array().map(Vec::len), Some(1), "{there}");

    // Nothing was written at the default address.
    let default = session.json("society list");
    assert_eq!(default, serde_json::json!([]), "{default}");
    let program = session.json("program-id");
    assert_eq!(program["source"], "compiled in", "{program}");

    // An Anchor.toml above the working directory chooses the deployment for its cluster.
    std::fs::write(
        session.dir.path().join("Anchor.toml"),
        format!("[programs.localnet]\nnetstate = \"{relocated}\"\n"),
    )
    .unwrap();
    let nested = session.dir.path().join("programs/netstate");
    std::fs::create_dir_all(&nested).unwrap();
    let bin = env!("CARGO_BIN_EXE_netstate");
    let out = session.run(&format!(
        "cd programs/netstate && \"{bin}\" -u embedded program-id --output json && \"{bin}\" -u embedded society list --output json"
    ));
    let text = String::from_utf8_lossy(&out.stdout);
    let mut documents = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>();
    let program = documents.next().unwrap().unwrap();
    assert_eq!(program["programId"], relocated.as_str(), "{program}");
    assert!(
        program["source"]
            .as_str()
            .unwrap()
            .ends_with("Anchor.toml [programs.localnet]"),
        "{program}"
    );
    let listed = documents.next().unwrap().unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");

    // An id where nothing is deployed, or an account that is no program, is named.
    let wallet = session.json("wallet address");
    let wallet = wallet["address"].as_str().unwrap().to_string();
    let nowhere = "9NeTsTaTEnoWhere1111111111111111111111111111".to_string();
    for (id, says) in [
        (nowhere, "is not deployed on"),
        (wallet, "is not a program on"),
        ("netstate".to_string(), "not a base58 --program-id address"),
    ] {
        let out = session.run(&format!(
            "\"{bin}\" -u embedded --program-id {id} society list"
        ));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains(says),
            "{id}: {stderr}"
        );
    }
}
