//! Two societies make, use and end a treaty through `netstate` commands against a local node:
//! each side's proposal, a visit at the other's hub, a fast-tracked admission, the census
//! counting the visitor apart, the withdrawal and its notice, and the mistakes people make.

mod common;

use common::{funded, keypair_file, netstate};
use netstate_client::NetstateClient;
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_societies_make_use_and_end_a_treaty_from_the_command_line() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let client = NetstateClient::new(&url, netstate_client::PROGRAM_ID);
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let (_, sol_key) = funded(&node, dir, "sol").await;
    let (_, luna_key) = funded(&node, dir, "luna").await;
    let (moon, moon_key) = funded(&node, dir, "moon").await;
    let door = Keypair::new();
    let door_key = keypair_file(dir, "door", &door)
        .to_string_lossy()
        .into_owned();
    let door_address = door.pubkey().to_string();
    let run = |key: &str, society: &str, args: &[&str]| {
        let mut all = vec!["--url", &url, "--keypair", key, "--society", society];
        all.extend_from_slice(args);
        netstate(dir, &all)
    };
    let ok = |key: &str, society: &str, args: &[&str]| {
        let r = run(key, society, args);
        assert!(r.ok, "{society} {args:?}: {}{}", r.stdout, r.stderr);
        r
    };
    let warp = |days: i64| {
        let client = &client;
        async move { client.warp_clock(days * 86_400 + 1).await.unwrap() }
    };
    std::fs::write(dir.join("c.md"), "We travel.").unwrap();
    let constitution = dir.join("c.md").to_string_lossy().into_owned();
    for (key, name, policy) in [(&sol_key, "Solar", "open"), (&luna_key, "Lunar", "vetted")] {
        ok(
            key,
            name,
            &[
                "society",
                "create",
                name,
                "--constitution",
                "ipfs://c",
                "--constitution-file",
                &constitution,
                "--policy",
                policy,
            ],
        );
    }
    ok(
        &sol_key,
        "Solar",
        &common::register_in_lisbon("lisbon", "Lisbon", &door_address),
    );
    ok(&moon_key, "Lunar", &["member", "apply", "--handle", "moon"]);
    ok(
        &luna_key,
        "Lunar",
        &["member", "admit", &moon.pubkey().to_string()],
    );

    // Mistakes first: oneself, a stranger, a made-up fast track, nothing to ratify.
    let own = run(
        &sol_key,
        "Solar",
        &["treaty", "propose", "Solar", "--visits"],
    );
    assert!(
        !own.ok && own.stderr.contains("two different societies"),
        "{}",
        own.stderr
    );
    let nobody = run(&sol_key, "Solar", &["treaty", "propose", "Nowhere"]);
    assert!(
        !nobody.ok && nobody.stderr.contains("no society named \"Nowhere\""),
        "{}",
        nobody.stderr
    );
    let odd = run(
        &sol_key,
        "Solar",
        &["treaty", "propose", "Lunar", "--fast-track", "sometimes"],
    );
    assert!(
        !odd.ok && odd.stderr.contains("--fast-track"),
        "{}",
        odd.stderr
    );
    let early = run(&luna_key, "Lunar", &["treaty", "ratify", "Solar"]);
    assert!(
        !early.ok && early.stderr.contains("no standing treaty offer"),
        "{}",
        early.stderr
    );

    // Each side votes: Solar offers, Lunar ratifies.
    for (key, society, args) in [
        (
            &sol_key,
            "Solar",
            vec![
                "treaty",
                "propose",
                "Lunar",
                "--visits",
                "--fast-track",
                "immediate",
                "--notice",
                "7d",
            ],
        ),
        (&luna_key, "Lunar", vec!["treaty", "ratify", "Solar"]),
    ] {
        let proposed = ok(key, society, &[&args[..], &["--output", "json"]].concat()).json();
        let index = proposed["index"].as_u64().unwrap().to_string();
        let twice = run(key, society, &args);
        assert!(
            !twice.ok
                && twice
                    .stderr
                    .contains(&format!("proposal #{index} already puts this")),
            "{}",
            twice.stderr
        );
        ok(key, society, &["proposal", "vote", &index, "yes"]);
        warp(3).await;
        ok(key, society, &["proposal", "finalize", &index]);
        warp(1).await;
        ok(key, society, &["proposal", "execute", &index]);
    }
    let shown = ok(
        &sol_key,
        "Solar",
        &["treaty", "show", "Lunar", "--output", "json"],
    )
    .json();
    assert_eq!(shown["state"], "inForce", "{shown}");
    assert_eq!(
        (
            shown["terms"]["visits"].as_bool(),
            shown["offeredBy"].as_str()
        ),
        (Some(true), Some("us"))
    );
    let listed = ok(&luna_key, "Lunar", &["treaty", "list", "--output", "json"]).json();
    assert_eq!(listed[0]["partner"], "Solar", "{listed}");
    assert_eq!(listed[0]["offeredBy"], "them");

    // Moon of Lunar visits Solar's Lisbon hub, once a day; Solar counts a visitor.
    let visit = [
        "check-in",
        "lisbon",
        "--operator-keypair",
        door_key.as_str(),
        "--visiting",
        "Solar",
    ];
    ok(&moon_key, "Lunar", &visit);
    let again = run(&moon_key, "Lunar", &visit);
    assert!(
        !again.ok && again.stderr.contains("AlreadyCheckedInToday"),
        "{}",
        again.stderr
    );
    let census = ok(&sol_key, "Solar", &["census", "--output", "json"]).json();
    assert_eq!(
        (census["visitors"].as_u64(), census["present"].as_u64()),
        (Some(1), Some(0))
    );
    ok(&sol_key, "Solar", &["census", "verify"]);

    // Solar's founder joins Lunar (vetted) at once, as the treaty's fast track says.
    ok(
        &sol_key,
        "Lunar",
        &[
            "member",
            "apply",
            "--handle",
            "sol",
            "--by-treaty-from",
            "Solar",
        ],
    );
    let sol = ok(&sol_key, "Lunar", &["member", "show", "--output", "json"]).json();
    assert_eq!(sol["status"], "citizen", "{sol}");

    // Lunar withdraws; visits hold through the 7-day notice, then stop.
    let proposed = ok(
        &luna_key,
        "Lunar",
        &["treaty", "withdraw", "Solar", "--output", "json"],
    )
    .json();
    let index = proposed["index"].as_u64().unwrap().to_string();
    ok(&luna_key, "Lunar", &["proposal", "vote", &index, "yes"]);
    ok(&moon_key, "Lunar", &["proposal", "vote", &index, "yes"]);
    warp(3).await;
    ok(&luna_key, "Lunar", &["proposal", "finalize", &index]);
    warp(1).await;
    ok(&luna_key, "Lunar", &["proposal", "execute", &index]);
    let ending = ok(
        &sol_key,
        "Solar",
        &["treaty", "show", "Lunar", "--output", "json"],
    )
    .json();
    assert_eq!(ending["state"], "endingAfterNotice", "{ending}");
    ok(&moon_key, "Lunar", &visit);
    warp(7).await;
    let after = run(&moon_key, "Lunar", &visit);
    assert!(
        !after.ok && after.stderr.contains("TreatyNotInForce"),
        "{}",
        after.stderr
    );
    let ended = ok(&sol_key, "Solar", &["treaty", "show", "Lunar"]).stdout;
    assert!(ended.contains("ended"), "{ended}");
}
