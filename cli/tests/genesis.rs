//! `netstate genesis plan|apply`: a manifest applied idempotently and resumed, its plan of
//! differences, and the example manifest in `migrations/`.

mod common;

use common::{funded, keypair_file, netstate};
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn genesis_applies_idempotently_and_resumes() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().to_path_buf();
    let (_, founder_key) = funded(&node, &dir, "founder").await;
    let (ana, ana_key) = funded(&node, &dir, "ana").await;
    let bo = Keypair::new();
    let manifest = dir.join("genesis.toml");
    std::fs::write(
        &manifest,
        format!(
            r#"
[society]
name = "Gen State"
constitution_uri = "ipfs://c"
constitution_sha256 = "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0"
admission = "vetted"

[[nodes]]
code = "lisbon"
name = "Lisbon House"
country = "PT"
latitude = "38.7"
longitude = "-9.1"
operator = "{op}"

[[members]]
wallet = "{ana}"
handle = "ana"
keypair = "{ana_key}"

[[members]]
wallet = "{bo}"
handle = "bo"
"#,
            op = Keypair::new().pubkey(),
            ana = ana.pubkey(),
            bo = bo.pubkey(),
        ),
    )
    .unwrap();
    let apply = || {
        netstate(
            &dir,
            &[
                "--url",
                &url,
                "--keypair",
                &founder_key,
                "--output",
                "json",
                "genesis",
                "apply",
                manifest.to_str().unwrap(),
            ],
        )
    };
    let first = apply();
    assert!(first.ok, "{}{}", first.stdout, first.stderr);
    let json = first.json();
    let actions: Vec<String> = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        actions,
        [
            "created society \"Gen State\"",
            "registered node lisbon",
            "ana applied",
            "admitted ana"
        ]
    );
    assert_eq!(
        json["waiting"].as_array().unwrap().len(),
        1,
        "bo has not applied"
    );

    // bo applies; the second run admits him and changes nothing else.
    let rpc = solana_client::nonblocking::rpc_client::RpcClient::new(url.clone());
    let sig = rpc
        .request_airdrop(&bo.pubkey(), 1_000_000_000)
        .await
        .unwrap();
    rpc.confirm_transaction(&sig).await.unwrap();
    let bo_key = keypair_file(&dir, "bo", &bo);
    let run = netstate(
        &dir,
        &[
            "--url",
            &url,
            "--keypair",
            bo_key.to_str().unwrap(),
            "--society",
            "Gen State",
            "member",
            "apply",
            "--handle",
            "bo",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let second = apply();
    assert!(second.ok, "{}", second.stderr);
    let json = second.json();
    let signed: Vec<&serde_json::Value> = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["signature"].is_null())
        .collect();
    assert_eq!(signed.len(), 1);
    assert_eq!(signed[0]["action"], "admitted bo");
    let third = apply();
    assert!(
        third.json()["actions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["signature"].is_null()),
        "a third run changes nothing"
    );

    // A manifest with a typo is refused by name.
    std::fs::write(
        &manifest,
        "[society]\nname = \"X\"\nconstitution = \"oops\"\n",
    )
    .unwrap();
    let bad = netstate(
        &dir,
        &[
            "--url",
            &url,
            "--keypair",
            &founder_key,
            "genesis",
            "apply",
            manifest.to_str().unwrap(),
        ],
    );
    assert!(
        !bad.ok && bad.stderr.contains("not a valid genesis manifest"),
        "{}",
        bad.stderr
    );
    let _ = ana_key;
    node.stop().await;
}

#[test]
fn the_example_manifest_parses() {
    let manifest = netstate_cli::commands::genesis::read_manifest(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../migrations/solar-state.toml"
    )))
    .unwrap();
    assert_eq!(manifest.society.name, "The Solar State");
    assert_eq!(manifest.nodes.len(), 3);
}

#[test]
fn genesis_plans_the_differences_and_applies_what_it_can() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let ok = |args: &[&str]| {
        let run = netstate(dir, args);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };
    // A member whose keypair sits beside the manifest, unfunded: genesis funds it from
    // the local faucet, applies for it and admits it.
    let manifests = dir.join("manifests");
    std::fs::create_dir_all(&manifests).unwrap();
    let ana = Keypair::new();
    keypair_file(&manifests, "ana", &ana);
    let door = Keypair::new().pubkey();
    let hash = common::CONSTITUTION_SHA256;
    let manifest = |admission: &str, door: &str| {
        format!(
            "[society]\nname = \"Gen\"\nconstitution_uri = \"ipfs://c\"\nconstitution_sha256 = \"{hash}\"\nadmission = \"{admission}\"\n\n[[nodes]]\ncode = \"lisbon\"\nname = \"Lisbon House\"\ncountry = \"PT\"\nlatitude = \"38.7\"\nlongitude = \"-9.1\"\noperator = \"{door}\"\n\n[[members]]\nwallet = \"{}\"\nhandle = \"ana\"\nkeypair = \"ana.json\"\n",
            ana.pubkey()
        )
    };
    let path = manifests.join("gen.toml");
    std::fs::write(&path, manifest("vetted", &door.to_string())).unwrap();
    let path = path.to_string_lossy().into_owned();
    let planned = ok(&["genesis", "plan", &path, "--output", "json"]).json();
    let fixes: Vec<&str> = planned["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["fix"].as_str().unwrap())
        .collect();
    assert_eq!(fixes, ["apply", "apply", "apply"], "{planned}");
    // Run from another folder: the keypair path is the manifest's.
    let applied = ok(&["genesis", "apply", &path, "--output", "json"]).json();
    assert!(
        applied["stillDifferent"].as_array().unwrap().is_empty(),
        "{applied}"
    );
    let member = ok(&[
        "member",
        "show",
        &ana.pubkey().to_string(),
        "--output",
        "json",
    ])
    .json();
    assert_eq!(member["status"], "citizen");
    let matches = ok(&["genesis", "plan", &path]);
    assert!(
        matches.stdout.contains("the chain matches the manifest"),
        "{}",
        matches.stdout
    );
    // A manifest the chain cannot follow: another policy and another door for lisbon.
    let other_door = Keypair::new().pubkey().to_string();
    std::fs::write(&path, manifest("open", &other_door)).unwrap();
    let planned = ok(&["genesis", "plan", &path, "--output", "json"]).json();
    let whats: Vec<String> = planned["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} [{}]",
                d["what"].as_str().unwrap(),
                d["fix"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        whats
            .iter()
            .any(|w| w.starts_with("admission is vetted") && w.ends_with("[never]")),
        "{whats:?}"
    );
    assert!(
        whats
            .iter()
            .any(|w| w.contains("hub lisbon's operator is") && w.ends_with("[explicit]")),
        "{whats:?}"
    );
    // Applied as it is, the manifest leaves the door's key on chain alone and says so.
    let door_before =
        ok(&["node", "show", "lisbon", "--output", "json"]).json()["operator"].clone();
    let applied = ok(&["genesis", "apply", &path]);
    assert!(
        applied.stdout.contains("still different")
            && applied.stdout.contains("kept hub lisbon's door key")
            && !applied.stdout.contains("handed hub lisbon's door to"),
        "{}",
        applied.stdout
    );
    assert_eq!(
        ok(&["node", "show", "lisbon", "--output", "json"]).json()["operator"],
        door_before
    );
    // Asked to, the steward hands the door to the manifest's key: only the policy differs.
    let applied = ok(&["genesis", "apply", &path, "--set-operators"]);
    assert!(
        applied.stdout.contains("handed hub lisbon's door to"),
        "{}",
        applied.stdout
    );
    assert_eq!(
        ok(&["node", "show", "lisbon", "--output", "json"]).json()["operator"],
        other_door.as_str()
    );
    let replanned = ok(&["genesis", "plan", &path, "--output", "json"]).json();
    let left: Vec<&str> = replanned["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["what"].as_str().unwrap())
        .collect();
    assert!(left.iter().all(|w| !w.contains("operator")), "{left:?}");
}
