//! The local node against a real bank: the same transactions, sent through
//! `solana-program-test`'s bank and through `netstate-localnet`'s engine, leave the same
//! logs, return data, errors and account bytes. Both run the same native build of netstate
//! and the same SBF builds of System, SPL Token and Token-2022 programs as each ships them.
//!
//! The transaction log of each reads as a validator's (one `invoke [n]` per invocation at its
//! depth, `Instruction: <Name>`, Anchor's error report, `Program data:` for events,
//! `Program return:`); the line a validator writes that a native build cannot is named in
//! [`NATIVE_ONLY_DIFFERENCE`] and checked absent on both sides.

use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey, system_instruction};
use netstate_client::instructions as ix;
use netstate_localnet::engine::SendFailure;
use netstate_localnet::{Engine, EngineConfig};
use netstate_tests::scenario::{self, society_args, swap_account, without_signer};
use netstate_tests::tokens::{TOKEN, TOKEN_2022};
use netstate_tests::{Fixture, fixture::WALLET_LAMPORTS};
use solana_account::ReadableAccount;
use solana_keypair::Keypair;
use solana_signer::Signer;
use spl_associated_token_account_interface::instruction::create_associated_token_account_idempotent;
use spl_token_2022_interface::instruction as token_ix;

/// What a validator running the SBF build writes that a native build cannot: the loader's
/// `Program <netstate> consumed N of M compute units` line (a native program has no
/// instruction meter). The SBF programs netstate calls still write theirs on both sides.
const NATIVE_ONLY_DIFFERENCE: &str = "consumed";

/// An account as both sides are compared on it: lamports, owner, data.
type AccountState = (u64, Pubkey, Vec<u8>);

/// One transaction's result on one side.
#[derive(Debug, PartialEq)]
struct Seen {
    err: Option<String>,
    logs: Vec<String>,
    return_data: Option<Vec<u8>>,
    /// Every account the transaction named, but the fee payer: lamports, owner, data.
    accounts: Vec<(Pubkey, Option<AccountState>)>,
}

/// A bank and a node in the same state.
struct Pair {
    bank: Fixture,
    node: Engine,
    _programs: tempfile::TempDir,
}

impl Pair {
    /// A bank, and a node serving the bank's build of SPL Token (the node ships another
    /// build by default: see `token_program_builds_differ_and_a_bpf_program_replaces_one`).
    async fn new() -> Self {
        let bank = Fixture::new().await;
        let programs = tempfile::tempdir().expect("temp dir");
        let token_so = programs.path().join("spl_token.so");
        std::fs::write(&token_so, bank_token_elf()).expect("write the .so");
        let config = EngineConfig {
            programs: vec![(TOKEN, token_so)],
            ..Default::default()
        };
        // Opening an engine starts (once) a runtime of its own to set up the syscall stubs.
        let mut node =
            tokio::task::block_in_place(|| Engine::open(config)).expect("the engine opens");
        node.airdrop(&bank.payer().pubkey(), 100_000_000_000)
            .expect("the fee payer is funded");
        Self {
            bank,
            node,
            _programs: programs,
        }
    }

    /// A wallet holding the same lamports on both sides.
    async fn wallet(&mut self) -> Keypair {
        let wallet = Keypair::new();
        self.bank.fund(&wallet.pubkey(), WALLET_LAMPORTS).await;
        self.node
            .airdrop(&wallet.pubkey(), WALLET_LAMPORTS)
            .expect("airdrop");
        wallet
    }

    /// `founder` founds a society called `name` on both sides; returns its address.
    async fn found(&mut self, founder: &Keypair, name: &str) -> Pubkey {
        let seen = self
            .send(
                &[ix::create_society(
                    &id(),
                    &founder.pubkey(),
                    society_args(name, scenario::sponsored(1)),
                )],
                &[founder],
            )
            .await;
        assert_eq!(seen.err, None, "{:#?}", seen.logs);
        netstate_client::pda::society(&id(), name).0
    }

    /// Sends `ixs` on both sides (paid by the fixture's payer), the bank at the cluster time
    /// the node's transaction saw; asserts both saw the same and returns it.
    async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> Seen {
        let node = self.on_node(ixs, signers);
        let clock_account = self
            .node
            .account(
                &<anchor_lang::prelude::Clock as anchor_lang::solana_program::sysvar::SysvarId>::id(
                ),
            )
            .expect("the node has a clock");
        let clock: anchor_lang::prelude::Clock =
            bincode::deserialize(clock_account.data()).expect("clock decodes");
        self.bank.set_now(clock.unix_timestamp);
        let outcome = self.bank.send(ixs, signers).await;
        let mut bank = Seen {
            err: outcome.result.err().map(|e| e.to_string()),
            logs: outcome.logs,
            return_data: outcome.return_data,
            accounts: Vec::new(),
        };
        for address in named_accounts(ixs, &self.bank.payer().pubkey()) {
            let account = self
                .bank
                .raw_account(&address)
                .await
                .map(|a| (a.lamports, a.owner, a.data));
            bank.accounts.push((address, account));
        }
        assert_eq!(bank, node, "the bank and the node differ");
        for line in &bank.logs {
            assert!(
                !(line.starts_with(&format!("Program {}", netstate::ID))
                    && line.contains(NATIVE_ONLY_DIFFERENCE)),
                "a native build wrote {line:?}"
            );
        }
        bank
    }

    fn on_node(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> Seen {
        let payer = self.bank.payer().insecure_clone();
        let mut all: Vec<&Keypair> = vec![&payer];
        all.extend(signers.iter().filter(|k| k.pubkey() != payer.pubkey()));
        // A slot of its own, as the bank gives each transaction: a transaction sent again is
        // a new one, not a replay.
        self.node.warp(0).expect("the node moves a slot");
        let (blockhash, _) = self.node.latest_blockhash();
        let tx = solana_transaction::Transaction::new_signed_with_payer(
            ixs,
            Some(&payer.pubkey()),
            &all,
            blockhash,
        );
        let mut seen = match self.node.send(tx.into()) {
            Ok(signature) => {
                let record = self
                    .node
                    .transaction(&signature)
                    .expect("ledger readable")
                    .expect("a confirmed transaction has a record");
                Seen {
                    err: None,
                    logs: record.logs,
                    return_data: record.return_data.map(|(_, b64)| {
                        use base64::Engine as _;
                        base64::engine::general_purpose::STANDARD
                            .decode(b64)
                            .expect("base64")
                    }),
                    accounts: Vec::new(),
                }
            }
            Err(SendFailure::Failed(simulation)) => Seen {
                err: simulation.err.map(|e| e.to_string()),
                logs: simulation.logs,
                return_data: simulation.return_data.map(|(_, data)| data),
                accounts: Vec::new(),
            },
            Err(other) => panic!("the node refused before running: {other:?}"),
        };
        for address in named_accounts(ixs, &payer.pubkey()) {
            let account = self
                .node
                .account(&address)
                .map(|a| (a.lamports(), *a.owner(), a.data().to_vec()));
            seen.accounts.push((address, account));
        }
        seen
    }
}

/// The ELF of the SPL Token build `solana-program-test`'s bank serves (a loader-v2 program
/// account holds the ELF itself).
fn bank_token_elf() -> Vec<u8> {
    #[allow(deprecated)]
    let programs = solana_program_binaries::spl_programs(&Default::default());
    programs
        .into_iter()
        .find(|(id, _)| *id == TOKEN)
        .map(|(_, account)| account.data().to_vec())
        .expect("the bank serves SPL Token")
}

/// Every account `ixs` name, in order, without repeats, `payer` or programs (a program's
/// own account differs by the loader each side deploys it with, not by what it runs).
fn named_accounts(ixs: &[Instruction], payer: &Pubkey) -> Vec<Pubkey> {
    let programs = [
        anchor_lang::system_program::ID,
        TOKEN,
        TOKEN_2022,
        spl_associated_token_account_interface::program::ID,
        netstate::ID,
    ];
    let mut out: Vec<Pubkey> = Vec::new();
    for meta in ixs.iter().flat_map(|i| &i.accounts) {
        if meta.pubkey != *payer && !programs.contains(&meta.pubkey) && !out.contains(&meta.pubkey)
        {
            out.push(meta.pubkey);
        }
    }
    out
}

fn id() -> Pubkey {
    netstate::ID
}

/// The lines of `logs` that are the runtime's status lines for `program`.
fn status_lines(logs: &[String], program: &Pubkey) -> Vec<String> {
    let prefix = format!("Program {program} ");
    logs.iter()
        .filter(|l| l.starts_with(&prefix) && !l.contains("consumed"))
        .cloned()
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn founding_a_society_logs_as_a_validator_and_the_node_matches_the_bank() {
    let mut pair = Pair::new().await;
    let founder = pair.wallet().await;
    let create = ix::create_society(
        &id(),
        &founder.pubkey(),
        society_args("Logs", scenario::sponsored(1)),
    );
    let seen = pair.send(std::slice::from_ref(&create), &[&founder]).await;
    assert_eq!(seen.err, None);
    let system = anchor_lang::system_program::ID;
    // One invoke per invocation at its depth; the name first; the CPIs at depth 2.
    assert_eq!(seen.logs[0], format!("Program {} invoke [1]", id()));
    assert_eq!(seen.logs[1], "Program log: Instruction: CreateSociety");
    assert_eq!(
        status_lines(&seen.logs, &id()),
        vec![
            format!("Program {} invoke [1]", id()),
            format!("Program {} success", id()),
        ]
    );
    let cpis = status_lines(&seen.logs, &system);
    assert!(!cpis.is_empty());
    for pair in cpis.chunks(2) {
        assert_eq!(pair[0], format!("Program {system} invoke [2]"));
        assert_eq!(pair[1], format!("Program {system} success"));
    }
    // Events as a validator writes them, and nothing as the old native form.
    assert!(seen.logs.iter().any(|l| l.starts_with("Program data: ")));
    assert!(
        !seen
            .logs
            .iter()
            .any(|l| l.starts_with("Program log: Program data: "))
    );
    assert_eq!(seen.logs.last(), Some(&format!("Program {} success", id())));
    let events: Vec<netstate::events::SocietyCreated> =
        netstate_client::event_log::decode(&seen.logs);
    assert_eq!(events.len(), 1);

    // The same again: refused by name, with Anchor's report of where.
    let again = pair.send(&[create], &[&founder]).await;
    assert!(
        again.logs[2].starts_with("Program log: AnchorError thrown in programs/netstate/src/"),
        "{:#?}",
        again.logs
    );
    assert!(again.logs[2].contains("Error Code: SocietyNameTaken. Error Number: 6033."));
    assert_eq!(
        again.logs.last(),
        Some(&format!(
            "Program {} failed: custom program error: 0x1791",
            id()
        ))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn anchors_error_reports_are_in_the_log_with_their_account_and_values() {
    let mut pair = Pair::new().await;
    let founder = pair.wallet().await;
    let society = netstate_client::pda::society(&id(), "Reports").0;

    // Not signing: Anchor names the account.
    let unsigned = without_signer(
        ix::create_society(
            &id(),
            &founder.pubkey(),
            society_args("Reports", scenario::sponsored(1)),
        ),
        &founder.pubkey(),
    );
    let seen = pair.send(&[unsigned], &[]).await;
    assert_eq!(
        seen.logs[2],
        "Program log: AnchorError caused by account: founder. Error Code: AccountNotSigner. \
         Error Number: 3010. Error Message: The given account did not sign."
    );
    assert_eq!(
        seen.logs.last(),
        Some(&format!(
            "Program {} failed: custom program error: 0xbc2",
            id()
        ))
    );

    pair.found(&founder, "Reports").await;
    // A treasury that is not the society's: the seeds' check logs both addresses.
    let deposit = ix::deposit_sol(&id(), &founder.pubkey(), &society, 1_000_000);
    let treasury_at = deposit
        .accounts
        .iter()
        .position(|m| m.pubkey == netstate_client::pda::treasury(&id(), &society).0)
        .expect("the deposit names the treasury");
    let elsewhere = Pubkey::new_unique();
    let seen = pair
        .send(
            &[swap_account(deposit, treasury_at, &elsewhere)],
            &[&founder],
        )
        .await;
    let report = seen
        .logs
        .iter()
        .position(|l| l.contains("Error Code: ConstraintSeeds"))
        .expect("a seeds report");
    assert_eq!(seen.logs[report + 1], "Program log: Left:");
    assert_eq!(seen.logs[report + 2], format!("Program log: {elsewhere}"));
    assert_eq!(seen.logs[report + 3], "Program log: Right:");

    // An unknown instruction: no name line, Anchor's fallback error.
    let unknown = Instruction::new_with_bytes(id(), &[9; 8], vec![]);
    let seen = pair.send(&[unknown], &[]).await;
    assert!(!seen.logs[1].contains("Instruction:"));
    assert!(seen.logs[1].contains("Error Code: InstructionFallbackNotFound"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn token_deposits_through_spl_token_and_token_2022_match_the_bank() {
    let mut pair = Pair::new().await;
    let founder = pair.wallet().await;
    let society = pair.found(&founder, "Tokens").await;
    let payer = pair.bank.payer().pubkey();
    for token_program in [TOKEN, TOKEN_2022] {
        let mint = Keypair::new();
        let rent = pair.bank.rent_exempt(82).await;
        pair.send(
            &[
                system_instruction::create_account(
                    &payer,
                    &mint.pubkey(),
                    rent,
                    82,
                    &token_program,
                ),
                token_ix::initialize_mint2(
                    &token_program,
                    &mint.pubkey(),
                    &founder.pubkey(),
                    None,
                    6,
                )
                .expect("mint"),
            ],
            &[&mint],
        )
        .await;
        let source = spl_associated_token_account_interface::address::get_associated_token_address_with_program_id(
            &founder.pubkey(),
            &mint.pubkey(),
            &token_program,
        );
        pair.send(
            &[
                create_associated_token_account_idempotent(
                    &payer,
                    &founder.pubkey(),
                    &mint.pubkey(),
                    &token_program,
                ),
                token_ix::mint_to(
                    &token_program,
                    &mint.pubkey(),
                    &source,
                    &founder.pubkey(),
                    &[],
                    5_000_000,
                )
                .expect("mint_to"),
            ],
            &[&founder],
        )
        .await;
        let deposit = |amount| {
            ix::deposit_token(
                &id(),
                &founder.pubkey(),
                &society,
                &mint.pubkey(),
                &token_program,
                amount,
            )
        };
        let seen = pair.send(&[deposit(2_000_000)], &[&founder]).await;
        assert_eq!(seen.err, None, "{:#?}", seen.logs);
        let token_lines = status_lines(&seen.logs, &token_program);
        assert!(token_lines.contains(&format!("Program {token_program} invoke [2]")));
        // Above the balance: the token program fails inside the CPI, at depth 2, and netstate
        // fails with it.
        let seen = pair.send(&[deposit(u64::MAX)], &[&founder]).await;
        assert!(seen.err.is_some());
        let token_lines = status_lines(&seen.logs, &token_program);
        assert_eq!(
            token_lines,
            vec![
                format!("Program {token_program} invoke [2]"),
                format!("Program {token_program} failed: custom program error: 0x1"),
            ],
            "{:#?}",
            seen.logs
        );
        assert!(
            seen.logs
                .last()
                .is_some_and(|l| l.starts_with(&format!("Program {} failed: ", id())))
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn return_data_is_logged_as_the_loader_logs_it() {
    let mut pair = Pair::new().await;
    let founder = pair.wallet().await;
    let operator = pair.wallet().await;
    let society = pair.found(&founder, "Returns").await;
    pair.send(
        &[ix::register_node(
            &id(),
            &founder.pubkey(),
            &society,
            scenario::node_spec("lisbon", &operator.pubkey()),
        )],
        &[&founder],
    )
    .await;
    pair.send(
        &[ix::check_in(
            &id(),
            &founder.pubkey(),
            &operator.pubkey(),
            &society,
            "lisbon",
        )],
        &[&founder, &operator],
    )
    .await;
    let seen = pair
        .send(
            &[ix::prove_residency(
                &id(),
                &society,
                "lisbon",
                &founder.pubkey(),
                0,
                30,
            )],
            &[],
        )
        .await;
    assert_eq!(seen.err, None, "{:#?}", seen.logs);
    assert_eq!(seen.return_data, Some(1u32.to_le_bytes().to_vec()));
    let n = seen.logs.len();
    assert_eq!(
        seen.logs[n - 2],
        format!("Program return: {} AQAAAA==", id())
    );
    assert_eq!(seen.logs[n - 1], format!("Program {} success", id()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn token_program_builds_differ_and_a_bpf_program_replaces_one() {
    // The node's own SPL Token is the build LiteSVM ships with every feature on (p-token):
    // it writes no instruction name. With the bank's build loaded by `programs` it writes
    // what the bank's writes.
    let mint_in = |node: &mut Engine| {
        let payer = Keypair::new();
        node.airdrop(&payer.pubkey(), 1_000_000_000)
            .expect("airdrop");
        let mint = Keypair::new();
        node.warp(0).expect("slot");
        let (blockhash, _) = node.latest_blockhash();
        let tx = solana_transaction::Transaction::new_signed_with_payer(
            &[
                system_instruction::create_account(
                    &payer.pubkey(),
                    &mint.pubkey(),
                    node.minimum_balance(82),
                    82,
                    &TOKEN,
                ),
                token_ix::initialize_mint2(&TOKEN, &mint.pubkey(), &payer.pubkey(), None, 0)
                    .expect("mint"),
            ],
            Some(&payer.pubkey()),
            &[&payer, &mint],
            blockhash,
        );
        let signature = node.send(tx.into()).expect("the mint is created");
        node.transaction(&signature)
            .expect("ledger")
            .expect("record")
            .logs
    };
    let mut shipped = tokio::task::block_in_place(|| Engine::open(EngineConfig::default()))
        .expect("the engine opens");
    let logs = mint_in(&mut shipped);
    assert!(
        !logs
            .iter()
            .any(|l| l == "Program log: Instruction: InitializeMint2")
    );

    let pair = Pair::new().await;
    let mut replaced = pair.node;
    let logs = mint_in(&mut replaced);
    assert!(
        logs.iter()
            .any(|l| l == "Program log: Instruction: InitializeMint2")
    );

    // netstate's own address is not for --bpf-program, and a missing file is named.
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.so");
    let not_elf = dir.path().join("not-elf.so");
    std::fs::write(&not_elf, b"hello").expect("write");
    for (id, path, says) in [
        (netstate::ID, missing.clone(), "netstate's own address"),
        (
            Pubkey::new_unique(),
            missing.clone(),
            "missing.so: cannot read it",
        ),
        (
            Pubkey::new_unique(),
            not_elf,
            "not-elf.so: not an SBF program",
        ),
    ] {
        let config = EngineConfig {
            programs: vec![(id, path)],
            ..Default::default()
        };
        let error = tokio::task::block_in_place(|| Engine::open(config))
            .expect_err("refused")
            .to_string();
        assert!(error.contains(says), "{error}");
    }
}

#[test]
fn every_instruction_of_the_idl_is_named_in_the_log_as_anchor_names_it() {
    let idl: serde_json::Value =
        serde_json::from_str(include_str!("../../../idl/netstate.json")).expect("the IDL parses");
    let instructions = idl["instructions"].as_array().expect("instructions");
    assert_eq!(instructions.len(), netstate::native::INSTRUCTIONS.len());
    for instruction in instructions {
        let name = instruction["name"].as_str().expect("a name");
        let discriminator: Vec<u8> = instruction["discriminator"]
            .as_array()
            .expect("a discriminator")
            .iter()
            .map(|b| u8::try_from(b.as_u64().expect("a byte")).expect("a byte"))
            .collect();
        // Anchor logs the handler's name in upper camel case.
        let logged: String = name
            .split('_')
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or(String::new(), |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect();
        assert_eq!(
            netstate::native::instruction_name(&discriminator),
            Some(logged.as_str()),
            "{name}"
        );
    }
}
