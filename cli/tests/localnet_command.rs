//! `netstate localnet` starts a node and says how to use it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn prints_the_url_the_program_id_and_the_solana_cli_hint_then_serves() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let ledger = std::env::temp_dir().join(format!("netstate-cli-localnet-{port}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args(["localnet", "--rpc-port", &port.to_string(), "--ledger"])
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
        text.contains(&netstate_client::PROGRAM_ID.to_string()),
        "{text}"
    );
    assert!(
        text.contains(&format!("solana config set --url {url}")),
        "{text}"
    );
    // It answers JSON-RPC.
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"getHealth"}"#;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    use std::io::{Read, Write};
    write!(stream, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.contains(r#""result":"ok""#), "{response}");
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&ledger).ok();
}
