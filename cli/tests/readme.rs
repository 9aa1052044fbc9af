//! The README, walked as a newcomer walks it: every shell block from "A short session" to
//! the last section, in order, in one shell, from the checkout, with a fresh HOME, twice in
//! a row; the built binary stands in for the `cargo build` of the first line. Blocks that
//! cannot run here are named in [`NOT_WALKED`] with the reason, and a test fails if one of
//! them disappears, so a new block is walked unless it is added there on purpose.
//!
//! The session alone also runs against netstate deployed at another address.

use std::os::unix::process::CommandExt;
use std::process::Command;

/// The README.
const README: &str = include_str!("../../README.md");

/// The first line of each shell block the walk leaves out, and why.
const NOT_WALKED: [(&str, &str); 3] = [
    (
        "cargo run -p netstate-cli -- demo",
        "the set-up: `.ci/run` runs the demo, and the second line is the command running this test",
    ),
    (
        "NETSTATE_MODEL_CASES=",
        "a longer run of one of this suite's tests",
    ),
    (
        "cargo build-sbf",
        "needs the Solana SBF toolchain, a download this machine does not have",
    ),
];

/// The set-up lines the session starts with (the walk builds nothing: the test binary is
/// the one `cargo build` made).
const SET_UP: [&str; 3] = [
    "cargo build -p netstate-cli && export PATH=\"$PWD/target/debug:$PATH\"",
    "SRC=$PWD && cd \"$(mktemp -d)\"",
    "export NETSTATE_HOME=$PWD/netstate",
];

/// `line` without its trailing comment (two spaces, then `#`).
fn command(line: &str) -> &str {
    line.split_once("  #")
        .map_or(line, |(command, _)| command)
        .trim_end()
}

/// Every ```sh block of the README, in order, without the indentation of its fence.
fn shell_blocks() -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, Vec<String>)> = None;
    for line in README.lines() {
        let trimmed = line.trim_start();
        match &mut open {
            None if trimmed == "```sh" => open = Some((line.len() - trimmed.len(), Vec::new())),
            None => {}
            Some((_, lines)) if trimmed == "```" => {
                blocks.push(lines.join("\n"));
                open = None;
            }
            Some((indent, lines)) => {
                let cut = line.len().min(*indent);
                lines.push(line[cut..].to_string());
            }
        }
    }
    assert!(open.is_none(), "a ```sh block of the README is not closed");
    blocks
}

/// The blocks the walk runs, from the session's on, and the first lines of those it left out.
fn walked_blocks() -> (Vec<String>, Vec<String>) {
    let mut walked = Vec::new();
    let mut left_out = Vec::new();
    for block in shell_blocks() {
        let first = block.lines().next().unwrap_or_default().to_string();
        if NOT_WALKED.iter().any(|(start, _)| first.starts_with(start)) {
            left_out.push(first);
        } else {
            walked.push(block);
        }
    }
    (walked, left_out)
}

/// A `<PLACEHOLDER>` the reader would have to fill in, if `line` has one.
fn placeholder(line: &str) -> Option<&str> {
    let start = line.find('<')?;
    let rest = &line[start + 1..];
    let end = rest.find('>')?;
    let name = &rest[..end];
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .then(|| &line[start..start + end + 2])
}

/// The repository's root.
fn repo() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `script` under bash in its own process group (so that whatever it leaves running in
/// the background is stopped with it), from `dir`, with `home` as HOME and temporary
/// directory, and `env` on top.
fn run_script(
    script: &str,
    dir: &std::path::Path,
    home: &std::path::Path,
    env: &[(&str, &std::path::Path)],
) -> std::process::Output {
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("HOME", home)
        .env("TMPDIR", home)
        .env_remove("NETSTATE_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("NETSTATE_SHOW_LOGS")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .process_group(0);
    for (key, value) in env {
        command.env(key, value);
    }
    let child = command.spawn().unwrap();
    let group = i32::try_from(child.id()).unwrap();
    let output = child.wait_with_output().unwrap();
    // SAFETY: signals the process group this test started; nothing else is in it.
    unsafe {
        libc::killpg(group, libc::SIGKILL);
    }
    output
}

/// One walk of the README from the session to the end; returns its stdout, failing the test
/// with both outputs if a line failed.
fn walk(home: &std::path::Path) -> String {
    let (walked, _) = walked_blocks();
    let script = walked.join("\n");
    let mut lines = script.lines();
    assert_eq!(
        lines.next().map(command),
        Some(SET_UP[0]),
        "the session's first line"
    );
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_netstate"))
        .parent()
        .unwrap()
        .to_path_buf();
    let body: Vec<&str> = lines.collect();
    let script = format!(
        "set -euo pipefail\nexport PATH=\"{}:$PATH\"\n{}\n",
        bin.display(),
        body.join("\n")
    );
    let out = run_script(&script, &repo(), home, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "the README walk failed:\n--- stdout\n{stdout}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn the_readme_walks_from_the_session_to_the_end_twice() {
    let (walked, left_out) = walked_blocks();
    let expected: Vec<&str> = NOT_WALKED.iter().map(|(start, _)| *start).collect();
    assert_eq!(
        left_out.len(),
        expected.len(),
        "blocks left out: {left_out:?}; expected those starting {expected:?}"
    );
    assert!(walked.len() >= 8, "only {} blocks walked", walked.len());
    for line in walked.iter().flat_map(|b| b.lines()) {
        assert_eq!(placeholder(line), None, "a placeholder to fill in: {line}");
    }
    let home = tempfile::tempdir().unwrap();
    for run in 1..=2 {
        let stdout = walk(home.path());
        for (says, what) in [
            (
                "Founded \"The Solar State\"",
                "the session founds the society",
            ),
            ("Checked in at lisbon", "the check-ins land"),
            ("<title>", "the kiosk and the dashboard answer"),
            ("solana-core", "the local node answers getVersion"),
            ("in force", "the treaty is in force"),
        ] {
            assert!(stdout.contains(says), "run {run}: {what}:\n{stdout}");
        }
    }
    // Nothing was written into the checkout.
    let status = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=all"])
        .current_dir(repo())
        .output()
        .unwrap();
    let dirty = String::from_utf8_lossy(&status.stdout);
    assert!(
        !dirty
            .lines()
            .any(|l| l.ends_with("constitution.md") || l.contains("door.json")),
        "the walk wrote into the checkout:\n{dirty}"
    );
}

#[test]
fn placeholders_are_found() {
    assert_eq!(
        placeholder("netstate door ticket <WALLET> --node x"),
        Some("<WALLET>")
    );
    assert_eq!(placeholder("grep -o \"<title>[^<]*\""), None);
    assert_eq!(placeholder("a < b > c"), None);
}

/// The shell block under "## A short session".
fn session_block() -> String {
    let section = README
        .split("## A short session")
        .nth(1)
        .expect("README has \"## A short session\"");
    section
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the section has a ```sh block")
        .to_string()
}

/// A fresh directory and data directory for the session alone, and a way to run shell
/// there with a fresh HOME.
struct Session {
    dir: tempfile::TempDir,
}

impl Session {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, script: &str) -> std::process::Output {
        let data = self.dir.path().join("netstate");
        run_script(
            script,
            self.dir.path(),
            self.dir.path(),
            &[("NETSTATE_HOME", &data)],
        )
    }

    /// Runs the session's block with `flags` after `-u embedded` (its set-up lines replaced
    /// by the test binary, this directory and its data directory); returns its stdout.
    fn play(&self, flags: &str) -> String {
        let block = session_block();
        let mut lines = block.lines();
        for expected in SET_UP {
            assert_eq!(
                lines.next().map(command),
                Some(expected),
                "the session's set-up"
            );
        }
        let body: Vec<&str> = lines.collect();
        let script = format!(
            "set -euo pipefail\nnetstate() {{ \"{bin}\" -u embedded {flags} \"$@\"; }}\nSRC=\"{repo}\"\n{}\n",
            body.join("\n"),
            bin = env!("CARGO_BIN_EXE_netstate"),
            repo = repo().display(),
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
