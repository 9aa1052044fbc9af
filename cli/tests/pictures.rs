//! What people look at: `netstate map` drawn from the demo's kept ledger, and
//! `netstate dashboard` serving its society, read in headless Chromium.

mod common;

use std::process::Command;

use common::{embedded_society, netstate};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[test]
fn the_map_is_drawn_and_the_demo_keeps_its_ledger_when_asked() {
    let home = embedded_society("Isles", &["--policy", "open"]);
    let dir = home.path();
    let ok = |args: &[&str]| {
        let run = netstate(dir, args);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };
    let operator = Keypair::new().pubkey().to_string();
    for (code, lat, lon) in [("lisbon", "38.72", "-9.14"), ("bali", "-8.41", "115.19")] {
        ok(&[
            "node",
            "register",
            code,
            "--name",
            code,
            "--country",
            "PT",
            "--lat",
            lat,
            "--lon",
            lon,
            "--operator",
            &operator,
        ]);
    }
    ok(&["node", "retire", "bali"]);
    let svg = dir.join("isles.svg");
    let png = dir.join("isles.png");
    let drawn = ok(&[
        "map",
        "--out",
        &svg.to_string_lossy(),
        "--png",
        &png.to_string_lossy(),
        "--output",
        "json",
    ])
    .json();
    assert_eq!(
        (drawn["hubs"].as_u64(), drawn["activeHubs"].as_u64()),
        (Some(2), Some(1))
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("<g class=\"hub hub-active\"").count(), 1);
    assert_eq!(text.matches("<g class=\"hub hub-retired\"").count(), 1);
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let unwritable = netstate(dir, &["map", "--out", "/no/such/dir/map.svg"]);
    assert!(
        !unwritable.ok
            && unwritable
                .stderr
                .contains("cannot write /no/such/dir/map.svg")
    );

    // The demo keeps its ledger in a new directory, draws its map, and refuses a used one.
    let kept = dir.join("solar");
    let map = dir.join("solar.svg");
    let demo = ok(&[
        "demo",
        "--ledger",
        &kept.to_string_lossy(),
        "--map",
        &map.to_string_lossy(),
        "--output",
        "json",
    ])
    .json();
    assert_eq!(demo["ledger"], kept.to_string_lossy().as_ref());
    assert_eq!(
        std::fs::read_to_string(&map)
            .unwrap()
            .matches("<g class=\"hub ")
            .count(),
        3
    );
    let again = netstate(dir, &["demo", "--ledger", &kept.to_string_lossy()]);
    assert!(
        !again.ok && again.stderr.contains("is not empty"),
        "{}",
        again.stderr
    );
    // In words, a kept ledger is never called throwaway.
    let other = dir.join("kept-in-words");
    let told = ok(&["demo", "--ledger", &other.to_string_lossy()]);
    let first = told.stdout.lines().next().unwrap_or_default();
    assert!(
        first.contains(&format!("on a local ledger kept in {}", other.display()))
            && !first.contains("throwaway"),
        "{first}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_shows_the_demos_society_on_its_kept_ledger() {
    use std::io::BufRead;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let kept = dir.join("solar").to_string_lossy().into_owned();
    let demo = netstate(dir, &["demo", "--ledger", &kept, "--output", "json"]);
    assert!(demo.ok, "{}", demo.stderr);
    // A JSON line from a long-running command, and the child to stop later.
    let spawn = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_netstate"))
            .args(args)
            .env("NETSTATE_HOME", dir)
            .env("HOME", dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let first: serde_json::Value =
            serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
        // The rest of its output stays readable: a closed pipe would fail its last line.
        (child, first, lines)
    };
    let (mut node, started, _node_lines) = spawn(&[
        "localnet",
        "--ledger",
        &kept,
        "--rpc-port",
        "0",
        "--output",
        "json",
    ]);
    let url = started["url"].as_str().unwrap().to_string();
    let (mut dashboard, opened, _dashboard_lines) = spawn(&[
        "-u",
        &url,
        "--society",
        "The Solar State",
        "--output",
        "json",
        "dashboard",
        "--bind",
        "127.0.0.1:0",
    ]);
    let page = reqwest::get(opened["url"].as_str().unwrap())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<h1>The Solar State</h1>"), "{page}");
    assert_eq!(
        page.matches("<g class=\"hub hub-active\"").count(),
        3,
        "three hubs on the map"
    );
    // Every page, as a browser builds it, against the demo's story.
    let base = opened["url"]
        .as_str()
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let pages = [
        ("/", "The Solar State"),
        ("/map", "class=\"hub hub-active\""),
        ("/members", "5 member(s)"),
        ("/hubs/lisbon", "Lisbon House"),
        ("/proposals", "A 5 SOL grant to the Lisbon hub"),
        ("/proposals/0", "4 yes, 1 no, 0 abstain of 5 eligible"),
        ("/treasury", "25 SOL"),
    ];
    for (path, expected) in pages {
        let url = format!("{base}{path}");
        let dom = tokio::task::spawn_blocking(move || {
            netstate_testkit::browser::headless(&url, &["--dump-dom"]).unwrap()
        })
        .await
        .unwrap();
        assert!(dom.contains(expected), "{path} lacks {expected:?}: {dom}");
        assert!(dom.contains("<nav aria-label=\"Sections\">"), "{path}");
        if path == "/map" {
            assert_eq!(dom.matches("class=\"hub hub-active\"").count(), 3, "{dom}");
        }
        if path == "/proposals/0" {
            assert!(dom.contains("executed on"), "{dom}");
        }
    }
    for child in [&mut dashboard, &mut node] {
        unsafe {
            libc::kill(child.id() as i32, libc::SIGTERM);
        }
        assert!(child.wait().unwrap().success());
    }
}
