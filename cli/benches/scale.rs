//! netstate at 50 000 citizens (or `NETSTATE_SCALE_CITIZENS`): a society with that many
//! citizens, 50 hubs in 25 countries and check-ins spread over them, on a local node run as
//! its own process (`netstate localnet --ledger DIR`); then the commands people run, timed
//! through the real JSON-RPC path, every dashboard page, and a proposal that receives 5 000
//! votes as real transactions. The node's throughput beside bare LiteSVM is the localnet's
//! `throughput` benchmark.
//!
//! `cargo bench -p netstate-cli --bench scale`, and
//! `NETSTATE_SCALE_CITIZENS=100000 cargo bench -p netstate-cli --bench scale`. Setup writes
//! the society's accounts directly into the node's ledger (as a genesis would; building the
//! members through transactions would measure nothing asked here). Every measured step then
//! goes through JSON-RPC: the `netstate` binary as a person runs it, the dashboard over
//! HTTP, or the client crate. Prints a table for the README with the peak memory of each
//! process (the node's read from `/proc`, the commands' from GNU `time`) and the ledger's
//! size on disk. Not a test: it asserts that the census verifies and the proposal passes,
//! nothing about speed.

use netstate_client::PROGRAM_ID;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anchor_lang::{AccountSerialize, Space};
use netstate::state::presence;
use netstate_client::census::{days_in_epoch, epoch_days, epoch_of};
use netstate_client::{
    AdmissionPolicy, CensusCounters, Country, CreateProposalArgs, EpochTally, GovernanceParams,
    Member, MemberStatus, NetstateClient, Node, ProposalAction, Residency, Society, VoteChoice,
    instructions as ix, pda,
};
use netstate_localnet::ledger::{Ledger, NodeState};
use solana_account::{Account, AccountSharedData};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;

/// Citizens unless `NETSTATE_SCALE_CITIZENS` says otherwise.
const DEFAULT_CITIZENS: usize = 50_000;
const HUBS: usize = 50;
const VOTERS: usize = 5_000;
/// Votes on one proposal in the busiest hour (their wallets are funded at setup).
const BUSY_VOTES: usize = 20_000;
const NAME: &str = "Scale State";
const COUNTRIES: [&[u8; 2]; 25] = [
    b"PT", b"ES", b"FR", b"DE", b"IT", b"NL", b"GB", b"IE", b"US", b"CA", b"MX", b"BR", b"AR",
    b"CL", b"JP", b"KR", b"SG", b"ID", b"TH", b"IN", b"AE", b"KE", b"ZA", b"AU", b"NZ",
];

type Write = (anchor_lang::prelude::Pubkey, Option<AccountSharedData>);

fn rent(len: usize) -> u64 {
    (128 + len as u64) * 6_960
}

fn program_account<T: AccountSerialize + Space>(value: &T) -> Option<AccountSharedData> {
    let len = 8 + T::INIT_SPACE;
    let mut data = Vec::with_capacity(len);
    value.try_serialize(&mut data).expect("serialize");
    data.resize(len, 0);
    Some(AccountSharedData::from(Account {
        lamports: rent(len),
        data,
        owner: netstate::ID,
        executable: false,
        rent_epoch: 0,
    }))
}

/// The voter whose key the benchmark holds, number `i`.
/// The key every hub's door signs check-ins with.
fn door() -> Keypair {
    Keypair::new_from_array([9; 32])
}

/// Hub `h`'s code.
fn hub_code(h: usize) -> String {
    format!("hub{h:02}")
}

fn voter(i: usize) -> Keypair {
    let mut seed = [7u8; 32];
    seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
    Keypair::new_from_array(seed)
}

/// The society's size: `NETSTATE_SCALE_CITIZENS`, or [`DEFAULT_CITIZENS`].
fn citizens() -> usize {
    match std::env::var("NETSTATE_SCALE_CITIZENS") {
        Ok(text) => text
            .replace('_', "")
            .parse()
            .ok()
            .filter(|n| *n >= BUSY_VOTES)
            .unwrap_or_else(|| {
                panic!("NETSTATE_SCALE_CITIZENS: a number of at least {BUSY_VOTES}, got {text:?}")
            }),
        Err(_) => DEFAULT_CITIZENS,
    }
}

/// Writes a society of `citizens` into a new ledger at `dir`; its founder is voter 0.
fn seed(dir: &std::path::Path, citizens: usize) {
    let (ledger, state) = Ledger::open(dir, true).expect("ledger");
    let state = state.unwrap_or(NodeState {
        genesis_id: [9; 32],
        slot: 1,
        clock_offset_secs: 0,
        transaction_count: 0,
    });
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    let today = (now / 86_400) as u32;
    let epoch = epoch_of(today);
    let society = pda::society(&PROGRAM_ID, NAME).0;
    let founder = voter(0).pubkey();
    let mut writes: Vec<Write> = Vec::with_capacity(2 * citizens + 2 * HUBS + BUSY_VOTES);

    let operator = door().pubkey();
    let mut hubs = Vec::with_capacity(HUBS);
    for h in 0..HUBS {
        let code = hub_code(h);
        let (address, bump) = pda::node(&PROGRAM_ID, &society, &code);
        hubs.push((address, code, bump, *COUNTRIES[h % COUNTRIES.len()]));
    }
    let mut tallies = [EpochTally::empty(epoch), EpochTally::empty(epoch - 1)];
    let mut resident_counts = [0u32; HUBS];
    for i in 0..citizens {
        // Wallets as random as real ones (`Pubkey::new_unique` counts up from zero, which
        // would put every wallet in one byte range), each with its key: every citizen
        // checks in during the busiest hour.
        let wallet = voter(i).pubkey();
        // Two days present at one hub, spread over the last 40 days.
        let days = [today - (i % 20) as u32, today - 20 - (i % 20) as u32];
        let (mut bits, mut head) = ([0u8; 16], 0);
        for day in days {
            presence::record(&mut bits, &mut head, day).expect("record");
        }
        for tally in &mut tallies {
            let n = days_in_epoch(&bits, head, tally.epoch);
            if n > 0 {
                tally.present += 1;
                tally.person_days += n;
            }
        }
        let (address, bump) = pda::member(&PROGRAM_ID, &society, &wallet);
        writes.push((
            address,
            program_account(&Member {
                version: 1,
                bump,
                society,
                wallet,
                status: MemberStatus::Citizen,
                handle: format!("citizen{i:06}"),
                profile_uri: String::new(),
                applied_seq: i as u64 + 1,
                citizen_seq: i as u64 + 1,
                joined_at: now - 60 * 86_400,
                admitted_at: now - 60 * 86_400 + (i as i64 % 365) * 86_400 / 10,
                sponsor_count: 0,
                check_in_count: 2,
                last_check_in_day: head,
                open_proposals: 0,
                recent_days: bits,
                paid_until: 0,
            }),
        ));
        let h = i % HUBS;
        resident_counts[h] += 1;
        let (node, _, _, _) = &hubs[h];
        let (address, bump) = pda::residency(&PROGRAM_ID, node, &wallet);
        writes.push((
            address,
            program_account(&Residency {
                version: 1,
                bump,
                node: *node,
                wallet,
                days_present: 2,
                first_day: days[1],
                last_day: head,
                recent_days: bits,
            }),
        ));
        if i < BUSY_VOTES {
            writes.push((
                wallet,
                Some(AccountSharedData::from(Account {
                    lamports: 10_000_000_000,
                    data: Vec::new(),
                    owner: anchor_lang::prelude::Pubkey::default(),
                    executable: false,
                    rent_epoch: 0,
                })),
            ));
        }
    }
    for (h, (address, code, bump, country)) in hubs.iter().enumerate() {
        writes.push((
            *address,
            program_account(&Node {
                version: Node::LAYOUT_VERSION,
                bump: *bump,
                society,
                code: code.clone(),
                name: format!("Hub {h}"),
                country: *country,
                latitude_microdeg: (h as i32 - 25) * 1_000_000,
                longitude_microdeg: (h as i32 * 7 - 175) * 1_000_000,
                operator,
                active: true,
                check_in_count: 2 * u64::from(resident_counts[h]),
                resident_count: resident_counts[h],
                registered_at: now - 90 * 86_400,
                retired_at: 0,
                previous_operator: anchor_lang::prelude::Pubkey::default(),
                operator_since_day: today - 90,
                latest_day: 0,
                latest_day_present: 0,
                previous_operator_since_day: today - 90,
            }),
        ));
    }
    for code in COUNTRIES {
        let (address, bump) = pda::country(&PROGRAM_ID, &society, code);
        let here = hubs.iter().filter(|(_, _, _, c)| c == code).count() as u32;
        writes.push((
            address,
            program_account(&Country {
                version: 1,
                bump,
                society,
                code: *code,
                active_node_count: here,
                node_count: here,
            }),
        ));
    }
    let (address, bump) = pda::society(&PROGRAM_ID, NAME);
    let (treasury, treasury_bump) = pda::treasury(&PROGRAM_ID, &society);
    let mut census = CensusCounters::new(epoch_days(epoch - 1).0);
    census.current = tallies[0];
    census.previous = tallies[1];
    census.country_count = COUNTRIES.len() as u32;
    writes.push((
        address,
        program_account(&Society {
            version: 1,
            bump,
            treasury_bump,
            seq: 2 * citizens as u64,
            founder,
            steward: None,
            name: NAME.into(),
            constitution_uri: "ipfs://scale".into(),
            constitution_hash: [1; 32],
            admission: AdmissionPolicy::Open,
            governance: GovernanceParams {
                quorum_bps: 500,
                ..GovernanceParams::default()
            },
            member_count: citizens as u32,
            citizen_count: citizens as u32,
            node_count: HUBS as u32,
            active_node_count: HUBS as u32,
            proposal_count: 0,
            created_at: i64::from(epoch_days(epoch - 1).0) * 86_400,
            contribution_mint: None,
            census,
            dues: Default::default(),
        }),
    ));
    let (basket, basket_bump) = pda::exit_basket(&PROGRAM_ID, &society);
    writes.push((
        basket,
        program_account(&netstate_client::ExitBasket {
            version: 1,
            bump: basket_bump,
            society,
            ..Default::default()
        }),
    ));
    writes.push((
        door().pubkey(),
        Some(AccountSharedData::from(Account {
            lamports: 1_000_000_000_000,
            data: Vec::new(),
            owner: anchor_lang::prelude::Pubkey::default(),
            executable: false,
            rent_epoch: 0,
        })),
    ));
    writes.push((
        treasury,
        Some(AccountSharedData::from(Account {
            lamports: 1_000_000_000_000,
            data: Vec::new(),
            owner: anchor_lang::prelude::Pubkey::default(),
            executable: false,
            rent_epoch: 0,
        })),
    ));
    ledger.commit(&writes, None, &state).expect("seed");
}

/// `instruction` in a transaction paid and signed by `payer`.
fn signed(
    instruction: anchor_lang::solana_program::instruction::Instruction,
    payer: &Keypair,
    blockhash: solana_hash::Hash,
) -> Transaction {
    Transaction::new_signed_with_payer(&[instruction], Some(&payer.pubkey()), &[payer], blockhash)
}

fn stats(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1_000.0;
    let mean = samples.iter().map(|d| ms(*d)).sum::<f64>() / samples.len() as f64;
    (
        mean,
        ms(samples[samples.len() / 2]),
        ms(samples[(samples.len() * 99 / 100).min(samples.len() - 1)]),
    )
}

/// What one run of the binary took, printed and used at most (peak resident memory).
struct Ran {
    took: Duration,
    stdout: String,
    max_rss_mb: f64,
}

/// Runs `netstate` against `url` on the society, measuring wall time and peak memory. GNU
/// `time` reports the peak: a child forked from this process (which holds the whole node)
/// would count the pages it inherited before `exec`.
fn netstate(url: &str, home: &std::path::Path, args: &[&str]) -> Ran {
    let out = home.join("out.txt");
    let memory = home.join("memory.txt");
    let file = std::fs::File::create(&out).expect("output file");
    let started = Instant::now();
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&memory)
        .arg(env!("CARGO_BIN_EXE_netstate"))
        .args(["--url", url, "--society", NAME])
        .args(args)
        .env("NETSTATE_HOME", home)
        .env("HOME", home)
        .stdout(Stdio::from(file))
        .stderr(Stdio::null())
        .status()
        .expect("GNU time runs netstate (apt-get install time)");
    let took = started.elapsed();
    assert!(status.success(), "netstate {args:?} failed");
    let kilobytes: f64 = std::fs::read_to_string(&memory)
        .expect("peak memory")
        .trim()
        .parse()
        .expect("kilobytes");
    Ran {
        took,
        stdout: std::fs::read_to_string(&out).expect("output"),
        max_rss_mb: kilobytes / 1024.0,
    }
}

/// The median of `n` runs.
fn median_run(url: &str, home: &std::path::Path, args: &[&str], n: usize) -> Ran {
    let mut runs: Vec<Ran> = (0..n).map(|_| netstate(url, home, args)).collect();
    runs.sort_by_key(|r| r.took);
    runs.swap_remove(n / 2)
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(run());
}

/// The local node as its own process (`netstate localnet --ledger DIR`), so that its memory
/// is its own.
struct NodeProcess {
    child: std::process::Child,
    url: String,
}

impl NodeProcess {
    /// Starts the node on `ledger` and waits until it answers.
    async fn start(ledger: &std::path::Path, home: &std::path::Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_netstate"))
            .args(["localnet", "--ledger"])
            .arg(ledger)
            .args(["--rpc-port", &port.to_string(), "--ws-port", "0"])
            .env("NETSTATE_HOME", home)
            .env("HOME", home)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("netstate localnet starts");
        let url = format!("http://127.0.0.1:{port}");
        let rpc = RpcClient::new(url.clone());
        while rpc.get_version().await.is_err() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        NodeProcess { child, url }
    }

    /// The node's peak resident memory so far, MB (`VmHWM` in `/proc`).
    fn peak_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the node's /proc status");
        let kilobytes: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM");
        kilobytes / 1024.0
    }

    /// Stops the node as Ctrl-C would.
    fn stop(mut self) {
        // SAFETY: a signal to our own child, by its pid.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) };
        let _ = self.child.wait();
    }
}

/// Bytes of the files under `dir`.
fn size_on_disk(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .expect("the ledger directory")
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(m) if m.is_dir() => size_on_disk(&entry.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Milliseconds of the median of `n` GETs of `url` (each must answer 200).
async fn median_get(http: &reqwest::Client, url: &str, n: usize) -> f64 {
    let mut took = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let response = http.get(url).send().await.expect("the dashboard answers");
        assert_eq!(response.status().as_u16(), 200, "{url}");
        response.bytes().await.expect("the page");
        took.push(t.elapsed());
    }
    took.sort();
    took[n / 2].as_secs_f64() * 1e3
}

async fn run() {
    let citizens = citizens();
    let ledger = tempfile::tempdir().expect("tempdir");
    let home = tempfile::tempdir().expect("tempdir");
    let started = Instant::now();
    seed(ledger.path(), citizens);
    let seeded = started.elapsed();
    let seeded_bytes = size_on_disk(ledger.path());
    let started = Instant::now();
    let node = NodeProcess::start(ledger.path(), home.path()).await;
    let opened = started.elapsed();
    let url = node.url.clone();
    let client = NetstateClient::new(&url, netstate_client::PROGRAM_ID);
    let society = pda::society(&PROGRAM_ID, NAME).0;
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut row = |what: &str, value: String| {
        eprintln!("{what}: {value}");
        rows.push((what.to_string(), value));
    };
    row(
        "write the citizens, their residencies and 50 hubs into a new ledger (setup)",
        format!("{:.1} s", seeded.as_secs_f64()),
    );
    row(
        "the ledger on disk",
        format!("{:.0} MB", seeded_bytes as f64 / 1e6),
    );
    row(
        "start `netstate localnet` on that ledger until it answers",
        format!("{:.1} s", opened.as_secs_f64()),
    );
    row(
        "the node's memory once serving (peak so far)",
        format!("{:.0} MB", node.peak_mb()),
    );

    // Raw getProgramAccounts calls behind the commands.
    let t = Instant::now();
    let all = client.members(&society).await.expect("members");
    assert_eq!(all.len(), citizens);
    row(
        "getProgramAccounts: every Member, whole, decoded",
        format!("{:.0} ms", t.elapsed().as_secs_f64() * 1e3),
    );
    drop(all);
    let t = Instant::now();
    let index = client.member_index(&society).await.expect("index");
    assert_eq!(index.len(), citizens);
    row(
        "getProgramAccounts: the handle index (36 bytes per Member), sorted",
        format!("{:.0} ms", t.elapsed().as_secs_f64() * 1e3),
    );
    drop(index);

    // The commands, as people run them (median of 5; a process each, from start to exit).
    let page = median_run(&url, home.path(), &["member", "list"], 5);
    assert!(
        page.stdout
            .contains(&format!("100 members by wallet, of {citizens}")),
        "{}",
        page.stdout
    );
    row(
        "`netstate member list` (first page of 100, by wallet)",
        format!(
            "{:.0} ms, {:.0} MB peak",
            page.took.as_secs_f64() * 1e3,
            page.max_rss_mb
        ),
    );
    let cursor = page
        .stdout
        .rsplit("--after ")
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    let next = median_run(
        &url,
        home.path(),
        &["member", "list", "--after", &cursor],
        5,
    );
    assert!(next.stdout.contains("members by wallet"), "{}", next.stdout);
    row(
        "`netstate member list --after WALLET` (the next page)",
        format!("{:.0} ms", next.took.as_secs_f64() * 1e3),
    );
    let by_handle = median_run(&url, home.path(), &["member", "list", "--offset", "100"], 3);
    assert!(
        by_handle
            .stdout
            .contains(&format!("members 101-200 of {citizens}")),
        "{}",
        by_handle.stdout
    );
    row(
        "`netstate member list --offset 100` (by handle: reads every handle)",
        format!(
            "{:.0} ms, {:.0} MB peak",
            by_handle.took.as_secs_f64() * 1e3,
            by_handle.max_rss_mb
        ),
    );
    let whole = netstate(
        &url,
        home.path(),
        &["member", "list", "--all", "--output", "json"],
    );
    assert_eq!(whole.stdout.lines().count(), citizens + 2);
    row(
        "`netstate member list --all --output json` (every member, streamed by wallet)",
        format!(
            "{:.1} s, {:.0} MB peak",
            whole.took.as_secs_f64(),
            whole.max_rss_mb
        ),
    );
    drop(whole);
    let census = median_run(&url, home.path(), &["census"], 3);
    assert!(
        census.stdout.contains("Population (members)")
            && census.stdout.contains(&citizens.to_string()),
        "{}",
        census.stdout
    );
    row(
        "`netstate census`",
        format!(
            "{:.0} ms, {:.0} MB peak",
            census.took.as_secs_f64() * 1e3,
            census.max_rss_mb
        ),
    );
    let verify = median_run(&url, home.path(), &["census", "verify"], 3);
    assert!(
        verify.stdout.contains("agree with the chain"),
        "{}",
        verify.stdout
    );
    row(
        "`netstate census verify` (recounts every figure)",
        format!(
            "{:.0} ms, {:.0} MB peak",
            verify.took.as_secs_f64() * 1e3,
            verify.max_rss_mb
        ),
    );
    let show = median_run(&url, home.path(), &["society", "show"], 5);
    row(
        "`netstate society show`",
        format!("{:.0} ms", show.took.as_secs_f64() * 1e3),
    );

    // A proposal and 5 000 votes, each a real transaction: 8 clients at once.
    let proposer = voter(0);
    let args = CreateProposalArgs {
        title: "Open a hub in Nairobi".into(),
        description_uri: String::new(),
        description_hash: [0; 32],
        action: ProposalAction::Signal,
    };
    client
        .send(
            &[ix::create_proposal(
                &PROGRAM_ID,
                &proposer.pubkey(),
                &society,
                0,
                args,
            )],
            &proposer,
            &[],
        )
        .await
        .expect("proposal");
    let proposal = pda::proposal(&PROGRAM_ID, &society, 0).0;
    let latencies = Arc::new(std::sync::Mutex::new(Vec::with_capacity(VOTERS)));
    let started = Instant::now();
    let clients = 8;
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (url, latencies) = (url.clone(), latencies.clone());
        tasks.push(tokio::spawn(async move {
            let rpc = RpcClient::new_with_commitment(url, CommitmentConfig::confirmed());
            let mut blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
            for (n, i) in (c..VOTERS).step_by(clients).enumerate() {
                if n % 10 == 0 {
                    blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
                }
                let wallet = voter(i);
                let vote = ix::cast_vote(
                    &PROGRAM_ID,
                    &wallet.pubkey(),
                    &society,
                    &proposal,
                    VoteChoice::Yes,
                );
                let tx = signed(vote, &wallet, blockhash);
                let t = Instant::now();
                rpc.send_and_confirm_transaction(&tx).await.expect("vote");
                latencies.lock().expect("lock").push(t.elapsed());
            }
        }));
    }
    for task in tasks {
        task.await.expect("voter");
    }
    let voting = started.elapsed();
    let (mean, p50, p99) = stats(latencies.lock().expect("lock").clone());
    row(
        "5 000 votes from 8 concurrent clients: total",
        format!(
            "{:.1} s ({:.0} votes/s)",
            voting.as_secs_f64(),
            VOTERS as f64 / voting.as_secs_f64()
        ),
    );
    row(
        "one vote, send to confirmed (8 clients at once): mean / p50 / p99",
        format!("{mean:.2} / {p50:.2} / {p99:.2} ms"),
    );
    let mut one_by_one = Vec::new();
    let rpc = RpcClient::new_with_commitment(url.clone(), CommitmentConfig::confirmed());
    let mut blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
    for i in 0..200 {
        if i % 10 == 0 {
            blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
        }
        let wallet = voter(i);
        let vote = ix::cast_vote(
            &PROGRAM_ID,
            &wallet.pubkey(),
            &society,
            &proposal,
            VoteChoice::No,
        );
        let tx = signed(vote, &wallet, blockhash);
        let t = Instant::now();
        rpc.send_and_confirm_transaction(&tx)
            .await
            .expect("vote changed");
        one_by_one.push(t.elapsed());
        let back = ix::cast_vote(
            &PROGRAM_ID,
            &wallet.pubkey(),
            &society,
            &proposal,
            VoteChoice::Yes,
        );
        let tx = signed(back, &wallet, blockhash);
        rpc.send_and_confirm_transaction(&tx)
            .await
            .expect("vote back");
    }
    let (mean, p50, p99) = stats(one_by_one);
    row(
        "one vote, send to confirmed (one client): mean / p50 / p99",
        format!("{mean:.2} / {p50:.2} / {p99:.2} ms"),
    );

    client.warp_clock(3 * 86_400 + 1).await.expect("warp");
    let p: netstate_client::Proposal = client.account(&proposal).await.expect("proposal");
    let t = Instant::now();
    client
        .send(
            &[ix::finalize_proposal(
                &PROGRAM_ID,
                &society,
                &proposal,
                &p.proposer,
            )],
            &proposer,
            &[],
        )
        .await
        .expect("finalize");
    row(
        "finalize (tally of 5 000 votes kept on the proposal)",
        format!("{:.1} ms", t.elapsed().as_secs_f64() * 1e3),
    );
    let p: netstate_client::Proposal = client.account(&proposal).await.expect("proposal");
    assert_eq!(
        p.status,
        netstate_client::ProposalStatus::Passed,
        "{:?}",
        p.tally
    );
    client.warp_clock(86_400 + 1).await.expect("warp");
    let t = Instant::now();
    client
        .send(
            &[ix::execute_proposal(
                &PROGRAM_ID,
                &proposer.pubkey(),
                &proposal,
                &p,
                &ix::ExecuteContext::default(),
            )
            .expect("the execute context is complete")],
            &proposer,
            &[],
        )
        .await
        .expect("execute");
    row(
        "execute",
        format!("{:.1} ms", t.elapsed().as_secs_f64() * 1e3),
    );

    // Every dashboard page, as a browser asks for it (median of 5), the dashboard in this
    // process reading the node over JSON-RPC.
    let dashboard = netstate_dashboard::Dashboard::new(netstate_dashboard::DashboardConfig {
        client: NetstateClient::new(&url, netstate_client::PROGRAM_ID),
        society: NAME.into(),
        explorer_cluster: None,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let pages = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { dashboard.serve(listener, std::future::pending()).await });
    let http = reqwest::Client::new();
    for (page, path) in [
        ("/", "/".to_string()),
        ("/map", "/map".into()),
        ("/map.svg", "/map.svg".into()),
        ("/hubs", "/hubs".into()),
        ("/hubs/hub00", "/hubs/hub00".into()),
        ("/members", "/members".into()),
        ("/members?after=WALLET", format!("/members?after={cursor}")),
        ("/members?q=citizen00001", "/members?q=citizen00001".into()),
        (
            "/members?q=WALLET",
            format!("/members?q={}", voter(7).pubkey()),
        ),
        ("/proposals", "/proposals".into()),
        ("/proposals/0", "/proposals/0".into()),
        ("/treasury", "/treasury".into()),
    ] {
        let ms = median_get(&http, &format!("{pages}{path}"), 5).await;
        row(&format!("dashboard `{page}`"), format!("{ms:.0} ms"));
    }
    // The busiest hour: every citizen checks in at their hub (the door pays the fee and
    // co-signs) while 20 000 citizens vote on one proposal, 8 clients each, all at once.
    client.warp_clock(86_400).await.expect("warp to a new day");
    client
        .send(
            &[ix::create_proposal(
                &PROGRAM_ID,
                &proposer.pubkey(),
                &society,
                1,
                CreateProposalArgs {
                    title: "Busy day".into(),
                    description_uri: String::new(),
                    description_hash: [0; 32],
                    action: ProposalAction::Signal,
                },
            )],
            &proposer,
            &[],
        )
        .await
        .expect("the busy day's proposal");
    let busy_proposal = pda::proposal(&PROGRAM_ID, &society, 1).0;
    let started = Instant::now();
    let mut check_ins = Vec::new();
    let mut votes = Vec::new();
    for c in 0..8 {
        let door_url = url.clone();
        check_ins.push(tokio::spawn(async move {
            let rpc = RpcClient::new_with_commitment(door_url, CommitmentConfig::confirmed());
            let door = door();
            let mut blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
            for (n, i) in (c..citizens).step_by(8).enumerate() {
                if n % 50 == 0 {
                    blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
                }
                let wallet = voter(i);
                let tx = Transaction::new_signed_with_payer(
                    &[ix::check_in(
                        &PROGRAM_ID,
                        &wallet.pubkey(),
                        &door.pubkey(),
                        &society,
                        &hub_code(i % HUBS),
                    )],
                    Some(&door.pubkey()),
                    &[&door, &wallet],
                    blockhash,
                );
                rpc.send_and_confirm_transaction(&tx)
                    .await
                    .expect("check-in");
            }
            Instant::now()
        }));
        let vote_url = url.clone();
        votes.push(tokio::spawn(async move {
            let rpc = RpcClient::new_with_commitment(vote_url, CommitmentConfig::confirmed());
            let mut blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
            for (n, i) in (c..BUSY_VOTES).step_by(8).enumerate() {
                if n % 50 == 0 {
                    blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
                }
                let wallet = voter(i);
                let vote = ix::cast_vote(
                    &PROGRAM_ID,
                    &wallet.pubkey(),
                    &society,
                    &busy_proposal,
                    VoteChoice::Yes,
                );
                rpc.send_and_confirm_transaction(&signed(vote, &wallet, blockhash))
                    .await
                    .expect("vote");
            }
            Instant::now()
        }));
    }
    let mut votes_done = started;
    for task in votes {
        votes_done = votes_done.max(task.await.expect("voter"));
    }
    let mut check_ins_done = started;
    for task in check_ins {
        check_ins_done = check_ins_done.max(task.await.expect("door"));
    }
    let (votes_took, check_ins_took) = (votes_done - started, check_ins_done - started);
    let busy: netstate_client::Proposal = client.account(&busy_proposal).await.expect("proposal");
    assert_eq!(busy.tally.yes as usize, BUSY_VOTES);
    let hub: Node = client
        .account(&pda::node(&PROGRAM_ID, &society, "hub00").0)
        .await
        .expect("hub");
    assert_eq!(
        hub.check_in_count as usize,
        2 * citizens.div_ceil(HUBS) + citizens.div_ceil(HUBS)
    );
    row(
        "busiest hour: every citizen checks in (8 doors) while 20 000 vote on one proposal (8 clients)",
        format!(
            "check-ins {:.1} s ({:.0}/s), votes {:.1} s ({:.0}/s), at once",
            check_ins_took.as_secs_f64(),
            citizens as f64 / check_ins_took.as_secs_f64(),
            votes_took.as_secs_f64(),
            BUSY_VOTES as f64 / votes_took.as_secs_f64()
        ),
    );

    row(
        "the ledger on disk after the votes and check-ins",
        format!("{:.0} MB", size_on_disk(ledger.path()) as f64 / 1e6),
    );
    row(
        "the node's peak memory",
        format!("{:.0} MB", node.peak_mb()),
    );

    println!(
        "netstate at {citizens} citizens, {HUBS} hubs in {} countries",
        COUNTRIES.len()
    );
    println!("| measure | value |");
    println!("| --- | --- |");
    for (what, value) in rows {
        println!("| {what} | {value} |");
    }
    node.stop();
}
