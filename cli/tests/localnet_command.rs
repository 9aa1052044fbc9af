//! `netstate localnet` starts a node and says how to use it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn prints_the_url_the_program_id_and_the_solana_cli_hint_then_serves() {
    let free = || {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let (port, ws_port) = (free(), free());
    let ledger = std::env::temp_dir().join(format!("netstate-cli-localnet-{port}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args(["localnet", "--rpc-port", &port.to_string()])
        .args(["--ws-port", &ws_port.to_string(), "--ledger"])
        .arg(&ledger)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("netstate runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    while let Some(Ok(line)) = lines.next() {
        let done = line.starts_with("Stop with Ctrl-C");
        seen.push(line);
        if done {
            break;
        }
    }
    let text = seen.join("\n");
    let url = format!("http://127.0.0.1:{port}");
    assert!(text.contains(&format!("JSON-RPC URL: {url}")), "{text}");
    assert!(
        text.contains(&format!("WebSocket:    ws://127.0.0.1:{ws_port}")),
        "{text}"
    );
    assert!(
        text.contains(&netstate_client::PROGRAM_ID.to_string()),
        "{text}"
    );
    assert!(
        text.contains(&format!("solana config set --url {url}")),
        "{text}"
    );
    // It answers JSON-RPC, on both ports.
    for port in [port, ws_port] {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"getHealth"}"#;
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        use std::io::{Read, Write};
        write!(stream, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        assert!(response.contains(r#""result":"ok""#), "{response}");
    }
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&ledger).ok();
}

/// `netstate localnet --output json` on a ledger, stopped by `signal`: one JSON line when it
/// starts, one when it stops, exit 0, and the ledger opens again.
fn stops_cleanly_on(signal: &str) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger");
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_netstate"))
            .args([
                "localnet",
                "--output",
                "json",
                "--rpc-port",
                &port.to_string(),
                // Only the RPC port: port + 1 could be another test's.
                "--ws-port",
                "0",
                "--ledger",
            ])
            .arg(&ledger)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("netstate runs")
    };
    let mut child = spawn();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let started: serde_json::Value =
        serde_json::from_str(&lines.next().unwrap().unwrap()).expect("a JSON start line");
    assert_eq!(started["event"], "started");
    assert_eq!(started["url"], format!("http://127.0.0.1:{port}"));
    assert_eq!(
        started["programId"],
        netstate_client::PROGRAM_ID.to_string()
    );
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{signal}: exit {exit:?}");
    let stopped: serde_json::Value =
        serde_json::from_str(&lines.next().unwrap().unwrap()).expect("a JSON stop line");
    assert_eq!(stopped["event"], "stopped");
    assert_eq!(
        stopped["signal"],
        if signal == "-TERM" {
            "SIGTERM"
        } else {
            "Ctrl-C"
        }
    );
    // The ledger was closed: another node opens it at once.
    let mut again = spawn();
    let mut lines = BufReader::new(again.stdout.take().unwrap()).lines();
    let restarted: serde_json::Value =
        serde_json::from_str(&lines.next().unwrap().unwrap()).expect("a JSON start line");
    assert_eq!(restarted["event"], "started");
    again.kill().unwrap();
    again.wait().unwrap();
}

#[test]
fn sigterm_stops_the_node_cleanly_with_json_lines() {
    stops_cleanly_on("-TERM");
}

#[test]
fn ctrl_c_stops_the_node_cleanly_with_json_lines() {
    stops_cleanly_on("-INT");
}

#[test]
fn a_port_in_use_is_a_json_error_with_output_json() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args([
            "localnet",
            "--output",
            "json",
            "--rpc-port",
            &port.to_string(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&port.to_string()),
        "{error}"
    );
}

#[test]
fn a_bpf_program_or_account_with_a_bad_address_or_file_is_named_and_the_node_does_not_start() {
    let dir = tempfile::tempdir().unwrap();
    let not_elf = dir.path().join("not-elf.so");
    std::fs::write(&not_elf, b"hello").unwrap();
    let not_elf = not_elf.to_string_lossy().into_owned();
    let memo = "MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr";
    for (flag, address, file, says) in [
        (
            "--bpf-program",
            "notbase58",
            not_elf.as_str(),
            "\"notbase58\" is not a base58 address",
        ),
        (
            "--bpf-program",
            memo,
            "/nonexistent/memo.so",
            "memo.so: cannot read it",
        ),
        (
            "--bpf-program",
            memo,
            not_elf.as_str(),
            "not an SBF program",
        ),
        (
            "--account",
            "notbase58",
            not_elf.as_str(),
            "\"notbase58\" is not a base58 address (or `-`)",
        ),
        (
            "--account",
            "-",
            "/nonexistent/a.json",
            "a.json: cannot read it",
        ),
        (
            "--account",
            "-",
            not_elf.as_str(),
            "not an account as `solana account --output json` writes it",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_netstate"))
            .args([
                "localnet",
                "--output",
                "json",
                "--rpc-port",
                "0",
                flag,
                address,
                file,
            ])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let error: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        let message = error["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{message}");
        assert!(message.starts_with(flag), "{message}");
    }
}

#[test]
fn a_websocket_port_in_use_is_named_with_how_to_move_it() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let ws = taken.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args(["localnet", "--output", "json", "--rpc-port", "0"])
        .args(["--ws-port", &ws.to_string()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let message = error["error"]["message"].as_str().unwrap();
    assert!(message.contains(&format!("127.0.0.1:{ws}")), "{message}");
    assert!(message.contains("--ws-port 0 turns it off"), "{message}");
}

/// While `netstate localnet --embedded` serves the embedded ledger, every other command uses
/// its node (signing with the embedded keypair) instead of waiting for the ledger; a second
/// `--embedded` is refused by name; once it stops, commands open the ledger themselves, and
/// a note left by a node killed with SIGKILL is ignored.
#[test]
fn the_embedded_ledger_is_shared_while_a_node_serves_it() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("netstate");
    let netstate = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_netstate"))
            .args(args)
            .env("HOME", home.path())
            .env("NETSTATE_HOME", &data)
            .env_remove("XDG_DATA_HOME")
            .output()
            .unwrap()
    };
    let ok = |args: &[&str]| {
        let out = netstate(args);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let me = ok(&["wallet", "address"]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut node = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args(["localnet", "--embedded", "--rpc-port", &port.to_string()])
        .args(["--ws-port", "0"])
        .env("HOME", home.path())
        .env("NETSTATE_HOME", &data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(node.stdout.take().unwrap()).lines();
    while let Some(Ok(line)) = lines.next() {
        if line.starts_with("Stop with Ctrl-C") {
            break;
        }
    }
    let started = std::time::Instant::now();
    let shown = ok(&["wallet", "balance"]);
    // Through the node: no wait for the ledger (a wait would take up to 10 s and say so).
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{shown}"
    );
    // The same ledger and key as before, by URL too.
    let url = format!("http://127.0.0.1:{port}");
    assert_eq!(ok(&["-u", &url, "wallet", "address"]), me);
    let second = netstate(&["localnet", "--embedded", "--rpc-port", "0"]);
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(
        !second.status.success() && said.contains("already serves the embedded ledger"),
        "{said}"
    );
    // Killed without a chance to clean up: the note stays, and is ignored.
    node.kill().unwrap();
    node.wait().unwrap();
    assert!(data.join("embedded-node-url").exists());
    assert_eq!(ok(&["wallet", "address"]), me);
    ok(&["wallet", "balance"]);
}
