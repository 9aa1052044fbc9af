use clap::Parser;
use netstate_cli::{Cli, run};
use netstate_client::PROGRAM_ID;
use netstate_client::pda;

fn netstate(args: &[&str]) -> Result<String, String> {
    let cli = Cli::try_parse_from(std::iter::once("netstate").chain(args.iter().copied()))
        .map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime
        .block_on(run(cli))
        .map(|o| o.text())
        .map_err(|e| e.to_string())
}

#[test]
fn derives_the_same_addresses_as_the_client() {
    let society = pda::society(&PROGRAM_ID, "The Solar State").0;
    assert_eq!(
        netstate(&["address", "society", "The Solar State"]).unwrap(),
        society.to_string()
    );
    let wallet = anchor_lang::prelude::Pubkey::new_unique();
    assert_eq!(
        netstate(&[
            "address",
            "member",
            "--society",
            "The Solar State",
            &wallet.to_string()
        ])
        .unwrap(),
        pda::member(&PROGRAM_ID, &society, &wallet).0.to_string()
    );
    assert_eq!(
        netstate(&["address", "node", "--society", "The Solar State", "lisbon"]).unwrap(),
        pda::node(&PROGRAM_ID, &society, "lisbon").0.to_string()
    );
    assert_eq!(
        netstate(&["address", "treasury", "The Solar State"]).unwrap(),
        pda::treasury(&PROGRAM_ID, &society).0.to_string()
    );
    assert_eq!(
        netstate(&["program-id"]).unwrap(),
        netstate_client::PROGRAM_ID.to_string()
    );
}

#[test]
fn bad_input_is_named() {
    let err = netstate(&["address", "member", "--society", "Solar", "not-a-key"]).unwrap_err();
    assert!(err.contains("not a base58 wallet address"), "{err}");
    let err = netstate(&["address", "society", &"x".repeat(33)]).unwrap_err();
    assert!(err.contains("1 to 32 bytes, got 33"), "{err}");
    let err = netstate(&["address", "node", "--society", "Solar", "Lisbon"]).unwrap_err();
    assert!(
        err.contains("node code \"Lisbon\"") && err.contains("lowercase"),
        "{err}"
    );
    let err = netstate(&["address"]).unwrap_err();
    assert!(err.contains("Usage"), "{err}");
}

#[test]
fn localnet_flags_parse_and_reset_needs_a_ledger() {
    let cli = Cli::try_parse_from([
        "netstate",
        "localnet",
        "--ledger",
        "/tmp/x",
        "--rpc-port",
        "9000",
        "--reset",
    ])
    .unwrap();
    let netstate_cli::Command::Localnet(netstate_cli::LocalnetCommand {
        args, action: None, ..
    }) = cli.command
    else {
        panic!("not localnet")
    };
    assert_eq!((args.rpc_port, args.reset), (9000, true));
    assert_eq!(
        args.config().expect("valid flags").ledger.unwrap(),
        std::path::PathBuf::from("/tmp/x")
    );
    let err = netstate(&["localnet", "--reset"]).unwrap_err();
    assert!(err.contains("--ledger"), "{err}");
}

#[test]
fn a_reader_that_stops_reading_is_no_error() {
    // As `netstate … | head -1` when head has gone: the pipe's reading end is closed
    // before the command writes.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args(["address", "society", "The Solar State"])
        .env("NETSTATE_HOME", home.path())
        .env("HOME", home.path())
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("cannot write"), "{stderr}");
}
