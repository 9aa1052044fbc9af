//! `netstate census` end to end against a local node: the live report, closing epochs (twice,
//! the second time with nothing to do), the frozen report, and `census verify` clean, then
//! catching a tampered counter and a tampered census written straight into the node.

mod common;

use anchor_lang::{AccountDeserialize, AccountSerialize};
use common::{keypair_file, netstate};
use netstate_client::PROGRAM_ID;
use netstate_client::census::epoch_of;
use netstate_client::{Census, NetstateClient, Society, pda};
use netstate_localnet::{EngineConfig, Localnet};
use solana_account::{ReadableAccount, WritableAccount};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Rewrites the netstate account at `address` in the node, through `edit`.
async fn tamper<T: AccountDeserialize + AccountSerialize + Send + 'static>(
    node: &Localnet,
    address: anchor_lang::prelude::Pubkey,
    edit: impl FnOnce(&mut T) + Send + 'static,
) {
    node.engine()
        .call(move |engine| {
            let mut account = engine.account(&address).expect("the account exists");
            let mut value = T::try_deserialize(&mut account.data()).expect("decodes");
            edit(&mut value);
            let mut bytes = Vec::new();
            value.try_serialize(&mut bytes).expect("encodes");
            account.data_as_mut_slice()[..bytes.len()].copy_from_slice(&bytes);
            engine.set_account(address, account).map_err(|e| {
                jsonrpsee::types::ErrorObjectOwned::owned::<()>(-32000, e.to_string(), None)
            })
        })
        .await
        .expect("written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_census_reports_closes_and_catches_tampering() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let client = NetstateClient::new(&url, netstate_client::PROGRAM_ID);
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let founder = Keypair::new();
    let ana = Keypair::new();
    for k in [&founder, &ana] {
        client.airdrop(&k.pubkey(), 20_000_000_000).await.unwrap();
    }
    let founder_key = keypair_file(dir, "founder", &founder)
        .to_string_lossy()
        .into_owned();
    let ana_key = keypair_file(dir, "ana", &ana)
        .to_string_lossy()
        .into_owned();
    let door = Keypair::new();
    let door_key = keypair_file(dir, "door", &door)
        .to_string_lossy()
        .into_owned();
    let door_address = door.pubkey().to_string();
    let cli = |key: &str, args: &[&str]| {
        let mut all = vec!["--url", &url, "--keypair", key, "--society", "Census"];
        all.extend_from_slice(args);
        netstate(dir, &all)
    };
    let ok = |key: &str, args: &[&str]| {
        let run = cli(key, args);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };

    std::fs::write(dir.join("c.md"), "We count ourselves.").unwrap();
    let constitution = dir.join("c.md").to_string_lossy().into_owned();
    ok(
        &founder_key,
        &[
            "society",
            "create",
            "Census",
            "--constitution",
            "ipfs://c",
            "--constitution-file",
            &constitution,
            "--policy",
            "open",
        ],
    );
    for (code, country, lat) in [("lisbon", "PT", "38.7"), ("madrid", "ES", "40.4")] {
        ok(
            &founder_key,
            &[
                "node",
                "register",
                code,
                "--name",
                code,
                "--country",
                country,
                "--lat",
                lat,
                "--lon",
                "-5",
                "--operator",
                &door_address,
            ],
        );
    }
    ok(&ana_key, &["member", "apply", "--handle", "ana"]);
    ok(
        &founder_key,
        &["check-in", "lisbon", "--operator-keypair", &door_key],
    );
    ok(
        &ana_key,
        &["check-in", "madrid", "--operator-keypair", &door_key],
    );

    let live = ok(&founder_key, &["census", "--output", "json"]).json();
    assert_eq!(live["frozen"], false);
    assert_eq!(
        (live["present"].as_u64(), live["personDays"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(
        (live["members"].as_u64(), live["countries"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(live["byCountry"][0]["place"], "ES");
    assert_eq!(live["byHub"][0]["place"], "lisbon");
    let by_year: u64 = live["citizensByYear"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["citizens"].as_u64().unwrap())
        .sum();
    assert_eq!(by_year, 2, "{live}");
    let text = ok(&founder_key, &["census"]).stdout;
    assert!(
        text.contains("State of the Network: Census") && text.contains("Person-days"),
        "{text}"
    );

    let clean = ok(&founder_key, &["census", "verify", "--output", "json"]).json();
    assert_eq!(clean["discrepancies"], serde_json::json!([]), "{clean}");
    assert!(clean["checked"].as_u64().unwrap() >= 10, "{clean}");
    let nothing = ok(&founder_key, &["census", "close"]).stdout;
    assert!(nothing.contains("nothing to close"), "{nothing}");

    // Into the next epoch: close, then close again with nothing left to do.
    let today = client.today().await.unwrap();
    let first = epoch_of(today);
    let days = (first + 1) * 30 - today;
    client.warp_clock(i64::from(days) * 86_400).await.unwrap();
    let closed = ok(&ana_key, &["census", "close", "--output", "json"]).json();
    assert_eq!(
        closed["closed"][0]["epoch"].as_u64(),
        Some(u64::from(first))
    );
    assert_eq!(closed["closed"][0]["present"].as_u64(), Some(2));
    let again = ok(&ana_key, &["census", "close", "--output", "json"]).json();
    assert_eq!(again["closed"], serde_json::json!([]));
    let frozen = ok(
        &founder_key,
        &["census", "--epoch", &first.to_string(), "--output", "json"],
    )
    .json();
    assert_eq!(frozen["frozen"], true);
    assert_eq!(frozen["personDays"].as_u64(), Some(2));
    let future = cli(
        &founder_key,
        &["census", "--epoch", &(first + 5).to_string()],
    );
    assert!(
        !future.ok && future.stderr.contains("has no census epoch"),
        "{}",
        future.stderr
    );
    ok(&founder_key, &["census", "verify"]);

    // A counter raised by hand, and a frozen figure changed: both caught, exit non-zero.
    let society = pda::society(&PROGRAM_ID, "Census").0;
    tamper::<Society>(&node, society, |s| s.citizen_count += 1).await;
    tamper::<Census>(&node, pda::census(&PROGRAM_ID, &society, first).0, |c| {
        c.present = 40
    })
    .await;
    let caught = cli(&founder_key, &["census", "verify", "--output", "json"]);
    assert!(!caught.ok, "a discrepancy exits non-zero");
    let report = caught.json();
    let figures: Vec<&str> = report["discrepancies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["figure"].as_str().unwrap())
        .collect();
    assert!(figures.contains(&"citizens"), "{report}");
    assert!(
        figures.contains(&format!("census {first} hash").as_str()),
        "{report}"
    );
    assert!(
        figures.contains(&format!("people present in census {first}").as_str()),
        "{report}"
    );
    let words = cli(&founder_key, &["census", "verify"]);
    assert!(
        !words.ok && words.stdout.contains("✗ Census: 3 discrepancies"),
        "{}",
        words.stdout
    );
}
