//! The dashboard as people see it: every page over HTTP (status, content, hostile names
//! shown as text), and in headless Chromium (the map holds one marker per hub, the proposal
//! page its tally), with screenshots kept under `target/dashboard-screenshots/`.

use netstate_client::PROGRAM_ID;
use std::sync::Arc;

use netstate_client::{
    AdmissionPolicy, ApplyArgs, CreateProposalArgs, CreateSocietyArgs, NetstateClient, NodeSpec,
    ProposalAction, VoteChoice, instructions as ix, pda,
};
use netstate_dashboard::{Dashboard, DashboardConfig};
use netstate_localnet::{EngineConfig, Localnet};
use netstate_testkit::LocalNode;
use solana_keypair::Keypair;
use solana_signer::Signer;

const SOCIETY: &str = "The Solar State";
const HOSTILE: &str = "<script>alert(1)</script>";

async fn fund(client: &NetstateClient, wallet: &Keypair) {
    client
        .airdrop(&wallet.pubkey(), 10_000_000_000)
        .await
        .unwrap();
}

/// A society with three hubs (one retired), four members (one with a hostile handle) who
/// checked in, and a proposal with votes; the dashboard served on a free port.
async fn seeded() -> (Localnet, String) {
    let local = LocalNode::start().await;
    let client = &local.client;
    let founder = local.funded().await;
    let society = local
        .found(&founder, netstate_testkit::open_society(SOCIETY, "founder"))
        .await
        .unwrap();
    let mut doors = Vec::new();
    for (code, name, lat, lon) in [
        ("lisbon", "Lisbon House", 38_722_252, -9_139_337),
        ("austin", "Austin Ranch", 30_267_153, -97_743_061),
        ("bali", "Bali Village", -8_409_518, 115_188_916),
    ] {
        let door = Keypair::new();
        let spec = NodeSpec {
            code: code.into(),
            name: name.into(),
            country: *b"PT",
            latitude_microdeg: lat,
            longitude_microdeg: lon,
            operator: door.pubkey(),
        };
        client
            .send(
                &[ix::register_node(
                    &PROGRAM_ID,
                    &founder.pubkey(),
                    &society,
                    spec,
                )],
                &founder,
                &[],
            )
            .await
            .unwrap();
        doors.push((code, door));
    }
    client
        .send(
            &[ix::retire_node(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
                "bali",
                *b"PT",
            )],
            &founder,
            &[],
        )
        .await
        .unwrap();
    let mut members = Vec::new();
    for handle in ["ana", "bo", "chen", HOSTILE] {
        let wallet = local.funded().await;
        let apply = ix::apply(
            &PROGRAM_ID,
            &wallet.pubkey(),
            &society,
            ApplyArgs {
                handle: handle.into(),
                profile_uri: String::new(),
            },
        );
        client.send(&[apply], &wallet, &[]).await.unwrap();
        let (code, door) = &doors[0];
        client
            .send(
                &[ix::check_in(
                    &PROGRAM_ID,
                    &wallet.pubkey(),
                    &door.pubkey(),
                    &society,
                    code,
                )],
                &wallet,
                &[door],
            )
            .await
            .unwrap();
        members.push(wallet);
    }
    let (code, door) = &doors[1];
    client
        .send(
            &[ix::check_in(
                &PROGRAM_ID,
                &members[0].pubkey(),
                &door.pubkey(),
                &society,
                code,
            )],
            &members[0],
            &[door],
        )
        .await
        .unwrap();
    let args = CreateProposalArgs {
        title: "Grant to Lisbon".into(),
        description_uri: String::new(),
        description_hash: [0; 32],
        action: ProposalAction::Signal,
    };
    client
        .send(
            &[ix::create_proposal(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
                0,
                args,
            )],
            &founder,
            &[],
        )
        .await
        .unwrap();
    let proposal = pda::proposal(&PROGRAM_ID, &society, 0).0;
    for (voter, choice) in [
        (&founder, VoteChoice::Yes),
        (&members[0], VoteChoice::Yes),
        (&members[1], VoteChoice::No),
    ] {
        client
            .send(
                &[ix::cast_vote(
                    &PROGRAM_ID,
                    &voter.pubkey(),
                    &society,
                    &proposal,
                    choice,
                )],
                voter,
                &[],
            )
            .await
            .unwrap();
    }
    let dashboard: Arc<Dashboard> = Dashboard::new(DashboardConfig {
        client: local.client.clone(),
        society: SOCIETY.into(),
        explorer_cluster: None,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { dashboard.serve(listener, std::future::pending()).await });
    (local.node, base)
}

async fn get(url: String) -> (u16, String) {
    let response = reqwest::get(url).await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_answers_with_its_content_and_hostile_text_stays_text() {
    let (node, base) = seeded().await;
    let (status, society) = get(format!("{base}/")).await;
    assert_eq!(status, 200, "{society}");
    assert!(
        society.contains("<html lang=\"en\">")
            && society.contains("<title>The Solar State</title>")
    );
    assert!(
        society.contains("open") && society.contains("quorum 20%"),
        "{society}"
    );
    assert!(society.contains("5 (5 citizens)"), "{society}");
    assert_eq!(
        society.matches("<g class=\"hub ").count(),
        3,
        "one marker per hub"
    );

    let (status, members) = get(format!("{base}/members")).await;
    assert_eq!(status, 200);
    assert!(
        members.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{members}"
    );
    assert!(
        !members.contains(HOSTILE),
        "a hostile handle never becomes markup"
    );
    assert!(members.contains("5 member(s)"), "{members}");
    let (_, search) = get(format!("{base}/members?q=AN")).await;
    assert!(
        search.contains("1 member(s) matching") && search.contains(">ana<"),
        "{search}"
    );
    let (_, none) = get(format!("{base}/members?q=nobody&page=9")).await;
    assert!(
        none.contains("0 member(s)") && none.contains("page 1 of 1"),
        "{none}"
    );

    let (status, hubs) = get(format!("{base}/hubs")).await;
    assert_eq!(status, 200);
    assert!(
        hubs.contains("Lisbon House") && hubs.contains("retired"),
        "{hubs}"
    );
    let (status, lisbon) = get(format!("{base}/hubs/lisbon")).await;
    assert_eq!(status, 200);
    assert!(lisbon.contains("4 check-ins over 90 days"), "{lisbon}");
    let (status, _) = get(format!("{base}/hubs/nowhere")).await;
    assert_eq!(status, 404);

    let (status, proposals) = get(format!("{base}/proposals")).await;
    assert_eq!(status, 200);
    assert!(
        proposals.contains("Grant to Lisbon") && proposals.contains("voting"),
        "{proposals}"
    );
    let (status, proposal) = get(format!("{base}/proposals/0")).await;
    assert_eq!(status, 200);
    assert!(
        proposal.contains("2 yes, 1 no, 0 abstain of 5 eligible"),
        "{proposal}"
    );
    assert!(
        proposal.contains("turnout: 3 of 5, threshold 20%"),
        "{proposal}"
    );
    let (status, _) = get(format!("{base}/proposals/7")).await;
    assert_eq!(status, 404);
    let (status, _) = get(format!("{base}/proposals/x")).await;
    assert_eq!(status, 404);

    let (status, treasury) = get(format!("{base}/treasury")).await;
    assert_eq!(status, 200);
    assert!(
        treasury.contains("Rent reserve") && treasury.contains("0.00089088 SOL"),
        "{treasury}"
    );
    let (status, svg) = get(format!("{base}/map.svg")).await;
    assert_eq!(status, 200);
    assert!(svg.starts_with("<svg"), "{svg}");
    node.stop().await;
}

/// Headless Chromium's DOM of `url` at `width`, and a screenshot kept as `name`.png under
/// `target/dashboard-screenshots/`.
fn browse(url: &str, name: &str, width: u32) -> String {
    use netstate_testkit::browser::headless;
    let shots =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/dashboard-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join(format!("{name}.png"));
    let size = format!("--window-size={width},1400");
    headless(url, &[&format!("--screenshot={}", shot.display()), &size]).unwrap();
    assert!(shot.is_file());
    headless(url, &["--dump-dom", &size]).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pages_render_in_a_browser_with_the_map_and_the_tally() {
    let (node, base) = seeded().await;
    let pages = [
        ("", "society"),
        ("/map", "map"),
        ("/members", "members"),
        ("/hubs/lisbon", "hub"),
        ("/proposals/0", "proposal"),
        ("/treasury", "treasury"),
    ];
    let mut doms = Vec::new();
    for (path, name) in pages {
        let url = format!("{base}{path}");
        doms.push(
            tokio::task::spawn_blocking(move || browse(&url, &format!("{name}-1280"), 1280))
                .await
                .unwrap(),
        );
    }
    // Every page at a phone's width too.
    let mut phone_doms = Vec::new();
    for (path, name) in pages {
        let url = format!("{base}{path}");
        phone_doms.push(
            tokio::task::spawn_blocking(move || browse(&url, &format!("{name}-390"), 390))
                .await
                .unwrap(),
        );
    }
    // The map, as the browser built it: one marker per hub, linked to the hub's page.
    assert_eq!(
        doms[1].matches("class=\"hub hub-").count(),
        3,
        "{}",
        doms[1]
    );
    assert!(doms[1].contains("href=\"/hubs/lisbon\""));
    assert_eq!(doms[1].matches("class=\"hub hub-retired\"").count(), 1);
    // The hostile handle is text in the DOM, not a script element.
    assert!(doms[2].contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!doms[2].contains("<script>alert(1)"));
    // The tally against the thresholds.
    assert!(
        doms[4].contains("approval: 2 of 3, threshold 60%"),
        "{}",
        doms[4]
    );
    for dom in &doms {
        assert!(dom.contains("<nav aria-label=\"Sections\">"));
    }
    // At a phone's width the page lays out in one column, the map scaled to fit.
    assert_eq!(phone_doms[0].matches("class=\"hub hub-").count(), 3);
    node.stop().await;
}

/// A society on a deployment at another address: the dashboard reads it through the client
/// it is given, at that deployment; one reading the compiled-in address finds no society
/// and says so (a 404, not an error page of the cluster).
#[tokio::test(flavor = "multi_thread")]
async fn a_society_at_another_deployment_is_read_there() {
    let relocated = netstate_relocated::ID;
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let client = NetstateClient::new(node.url(), relocated);
    let founder = Keypair::new();
    fund(&client, &founder).await;
    let args = CreateSocietyArgs {
        name: SOCIETY.into(),
        constitution_uri: "ipfs://sun".into(),
        constitution_hash: [9; 32],
        admission: AdmissionPolicy::Open,
        governance: None,
        founder_handle: "founder".into(),
        founder_profile_uri: String::new(),
    };
    client
        .send(
            &[ix::create_society(&relocated, &founder.pubkey(), args)],
            &founder,
            &[],
        )
        .await
        .unwrap();
    let mut served = Vec::new();
    for client in [
        client,
        NetstateClient::new(node.url(), netstate_client::PROGRAM_ID),
    ] {
        let dashboard = Dashboard::new(DashboardConfig {
            client,
            society: SOCIETY.into(),
            explorer_cluster: None,
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        served.push(format!("http://{}", listener.local_addr().unwrap()));
        tokio::spawn(async move { dashboard.serve(listener, std::future::pending()).await });
    }
    let (status, page) = get(format!("{}/", served[0])).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<title>The Solar State</title>"), "{page}");
    let (status, page) = get(format!("{}/", served[1])).await;
    assert_eq!(status, 404, "{page}");
    drop(node);
}

/// What one JSON-RPC answer carried: its method, whether the request asked for a slice of
/// each account, and how many accounts came back with how many bytes of data.
#[derive(Debug, Clone)]
struct Read {
    method: String,
    sliced: bool,
    accounts: usize,
    bytes: usize,
}

/// The proxy's state: the node it forwards to, what it saw, and its HTTP client.
type Proxy = (String, std::sync::Mutex<Vec<Read>>, reqwest::Client);

/// Bytes a base64 text decodes to.
fn decoded_len(text: &str) -> usize {
    text.len() / 4 * 3 - text.bytes().rev().take_while(|b| *b == b'=').count()
}

/// The accounts (and their data bytes) an answer to `method` carries.
fn accounts_in(method: &str, result: &serde_json::Value) -> (usize, usize) {
    let data = |account: &serde_json::Value| account["data"][0].as_str().map_or(0, decoded_len);
    let listed: Vec<&serde_json::Value> = match method {
        "getProgramAccounts" => result
            .as_array()
            .or_else(|| result["value"].as_array())
            .map(|all| all.iter().map(|keyed| &keyed["account"]).collect())
            .unwrap_or_default(),
        "getMultipleAccounts" => result["value"]
            .as_array()
            .map(|all| all.iter().filter(|a| !a.is_null()).collect())
            .unwrap_or_default(),
        "getAccountInfo" => std::iter::once(&result["value"])
            .filter(|a| !a.is_null())
            .collect(),
        _ => Vec::new(),
    };
    (listed.len(), listed.iter().map(|a| data(a)).sum())
}

/// Forwards one JSON-RPC request to the node and records what its answer carried.
async fn forward(
    axum::extract::State(proxy): axum::extract::State<Arc<Proxy>>,
    body: axum::body::Bytes,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let (node, reads, http) = proxy.as_ref();
    let request: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let answer = http
        .post(node.as_str())
        .header("content-type", "application/json")
        .body(body.to_vec())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&answer).unwrap_or_default();
    let method = request["method"].as_str().unwrap_or_default().to_string();
    let (accounts, bytes) = accounts_in(&method, &value["result"]);
    let sliced = request["params"]
        .as_array()
        .is_some_and(|p| p.iter().any(|c| !c["dataSlice"].is_null()));
    reads.lock().unwrap().push(Read {
        method,
        sliced,
        accounts,
        bytes,
    });
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        answer,
    )
        .into_response()
}

/// A JSON-RPC proxy in front of `node`: its URL, and what it has seen.
async fn counting_proxy(node: String) -> (String, Arc<Proxy>) {
    let proxy: Arc<Proxy> = Arc::new((node, Default::default(), reqwest::Client::new()));
    let app = axum::Router::new()
        .route("/", axum::routing::post(forward))
        .with_state(proxy.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, proxy)
}

/// The members page reads whole accounts only for the members it shows: the roll it sorts
/// and searches is a slice of each Member (wallet, standing, handle), so a page costs the
/// same whole-account reads in a society of any size. Counted at the wire, by a proxy
/// between the dashboard and the node.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_page_reads_whole_accounts_only_for_its_members() {
    const NAME: &str = "Roll Call";
    const JOINED: usize = 60;
    let local = LocalNode::start().await;
    let founder = local.funded().await;
    let society = local
        .found(&founder, netstate_testkit::open_society(NAME, "a-founder"))
        .await
        .unwrap();
    for i in 0..JOINED {
        let wallet = local.funded().await;
        let apply = ix::apply(
            &PROGRAM_ID,
            &wallet.pubkey(),
            &society,
            ApplyArgs {
                handle: format!("m{i:03}"),
                profile_uri: String::new(),
            },
        );
        local.client.send(&[apply], &wallet, &[]).await.unwrap();
    }
    let (proxy_url, proxy) = counting_proxy(local.url()).await;
    let dashboard: Arc<Dashboard> = Dashboard::new(DashboardConfig {
        client: NetstateClient::new(proxy_url, PROGRAM_ID),
        society: NAME.into(),
        explorer_cluster: None,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { dashboard.serve(listener, std::future::pending()).await });

    let members = JOINED + 1;
    let page_size = netstate_dashboard::server::PAGE_SIZE;
    proxy.1.lock().unwrap().clear();
    let (status, body) = get(format!("{base}/members?page=2")).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(&format!("{members} member(s)")), "{body}");
    // Page 2 of the roll by handle: "a-founder", m000..m048 on page 1; m049.. on page 2.
    assert!(body.contains("m049") && body.contains("m059"), "{body}");
    assert!(!body.contains("m048"), "{body}");
    let reads = proxy.1.lock().unwrap().clone();
    let listings: Vec<&Read> = reads
        .iter()
        .filter(|r| r.method == "getProgramAccounts")
        .collect();
    assert!(listings.iter().all(|r| r.sliced), "{reads:?}");
    assert_eq!(
        (
            listings.iter().map(|r| r.accounts).sum::<usize>(),
            listings.iter().map(|r| r.bytes).sum::<usize>()
        ),
        (members, members * netstate_client::accounts::ROLL_SLICE_LEN),
        "{reads:?}"
    );
    let whole: usize = reads
        .iter()
        .filter(|r| r.method == "getMultipleAccounts")
        .map(|r| r.accounts)
        .sum();
    assert_eq!(whole, members - page_size, "{reads:?}");
    local.node.stop().await;
}

/// Account reads of `reads`: (whole accounts, accounts read as a slice).
fn account_reads(reads: &[Read]) -> (usize, usize) {
    let sliced = reads.iter().filter(|r| r.sliced).map(|r| r.accounts).sum();
    let whole = reads.iter().filter(|r| !r.sliced).map(|r| r.accounts).sum();
    (whole, sliced)
}

/// In a large society (10 000 members or more) the members page reads what it shows, never
/// the society: a page in wallet order from a cursor reads the members whose wallets start
/// with the same byte (a 256th); a full wallet reads one account; a handle's start reads the
/// members whose handle starts so. Counted at the wire, by a proxy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_societys_members_page_reads_a_page_not_the_society() {
    const NAME: &str = "Big Roll";
    let local = LocalNode::start().await;
    let founder = local.funded().await;
    let society = local
        .found(&founder, netstate_testkit::open_society(NAME, "founder"))
        .await
        .unwrap();
    let added = netstate_client::accounts::LARGE_SOCIETY as usize + 49;
    let wallets = local.add_citizens(&society, added).await;
    let members = added + 1;
    let (proxy_url, proxy) = counting_proxy(local.url()).await;
    let dashboard: Arc<Dashboard> = Dashboard::new(DashboardConfig {
        client: NetstateClient::new(proxy_url, PROGRAM_ID),
        society: NAME.into(),
        explorer_cluster: None,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { dashboard.serve(listener, std::future::pending()).await });
    let page_size = netstate_dashboard::server::PAGE_SIZE;
    let mut by_wallet: Vec<String> = wallets
        .iter()
        .chain([&founder.pubkey()])
        .map(|w| w.to_string())
        .collect();
    by_wallet.sort_by_key(|w| w.parse::<netstate_client::prelude::Pubkey>().unwrap());
    // The wallets a page shows, in its order (each row links to its wallet's search).
    let shown = |body: &str| -> Vec<String> {
        by_wallet
            .iter()
            .filter(|w| body.contains(w.as_str()))
            .cloned()
            .collect()
    };
    let reads_of = |path: String| {
        let proxy = proxy.clone();
        async move {
            proxy.1.lock().unwrap().clear();
            let (status, body) = get(path).await;
            let reads = proxy.1.lock().unwrap().clone();
            (status, body, account_reads(&reads))
        }
    };

    // The first page: the first 50 wallets, reading about a 256th of the society.
    let (status, first, (whole, sliced)) = reads_of(format!("{base}/members")).await;
    assert_eq!(status, 200, "{first}");
    assert!(
        first.contains(&format!("{members} member(s), by wallet")),
        "{first}"
    );
    assert_eq!(shown(&first), by_wallet[..page_size], "{first}");
    assert_eq!(sliced, 0);
    assert!(
        whole < 3 * members / 256 + page_size,
        "read {whole} accounts for one page of {members}"
    );
    // The next page continues after the last wallet shown.
    let next = format!("/members?after={}", by_wallet[page_size - 1]);
    assert!(first.contains(&next), "{first}");
    let (status, second, (whole, _)) = reads_of(format!("{base}{next}")).await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(shown(&second), by_wallet[page_size..2 * page_size]);
    assert!(second.contains("First page"), "{second}");
    assert!(whole < 3 * members / 256 + page_size, "read {whole}");

    // A handle's start: the ten handles citizen000010..19 (typed in capitals too).
    let (status, found, (whole, sliced)) = reads_of(format!("{base}/members?q=CITIZEN00001")).await;
    assert_eq!(status, 200, "{found}");
    assert!(
        found.contains("10 member(s) whose handle starts with “CITIZEN00001”"),
        "{found}"
    );
    assert!(found.contains("citizen000019") && !found.contains("citizen000020"));
    assert!(
        sliced <= 10 && whole <= 10 + 2,
        "read {whole} whole, {sliced} sliced"
    );

    // A full wallet: its one account.
    let wallet = wallets[1234].to_string();
    let (status, one, (whole, sliced)) = reads_of(format!("{base}/members?q={wallet}")).await;
    assert_eq!(status, 200, "{one}");
    assert!(one.contains("1 member(s) with the wallet") && one.contains("citizen001235"));
    assert_eq!(sliced, 0);
    assert!(whole <= 3, "read {whole}");

    // The other pages read the society's own accounts (hubs, proposals, the treasury),
    // never its members.
    for path in ["/", "/map", "/map.svg", "/hubs", "/proposals", "/treasury"] {
        let (status, body, (whole, sliced)) = reads_of(format!("{base}{path}")).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert!(
            whole + sliced < 20,
            "{path} read {whole} whole, {sliced} sliced"
        );
    }

    // A cursor that is no wallet is refused by name.
    let (status, bad, _) = reads_of(format!("{base}/members?after=nope")).await;
    assert_eq!(status, 400, "{bad}");
    assert!(bad.contains("`after` is not a wallet address"), "{bad}");
    local.node.stop().await;
}
