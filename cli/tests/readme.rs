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

#[test]
fn the_readme_session_runs_as_written() {
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
        "set -euo pipefail\nnetstate() {{ \"{bin}\" -u embedded \"$@\"; }}\n{}\n",
        body.join("\n"),
        bin = env!("CARGO_BIN_EXE_netstate"),
    );
    let dir = tempfile::tempdir().unwrap();
    // The manifest the session applies, where the README's relative path finds it.
    let migrations = dir.path().join("migrations");
    std::fs::create_dir_all(&migrations).unwrap();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for name in ["solar-state.toml", "solar-state-constitution.md"] {
        std::fs::copy(repo.join("migrations").join(name), migrations.join(name)).unwrap();
    }
    let run = |script: &str| {
        Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(dir.path())
            .env("NETSTATE_HOME", dir.path().join("netstate"))
            .env("HOME", dir.path())
            .env_remove("XDG_DATA_HOME")
            .output()
            .unwrap()
    };
    let out = run(&script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the README session failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // It ends with the grant executed and the manifest's society founded.
    let check = format!(
        "\"{bin}\" -u embedded --society 'The Solar State' proposal show 0 --output json",
        bin = env!("CARGO_BIN_EXE_netstate")
    );
    let shown: serde_json::Value =
        serde_json::from_slice(&run(&check).stdout).expect("proposal show is JSON");
    assert_eq!(shown["status"], "executed", "{shown}");
    assert!(stdout.contains("lisbon"), "{stdout}");
}
