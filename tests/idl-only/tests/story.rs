//! A society's story told by a client that knows only the IDL: found it, apply, register a
//! hub, check in, propose, vote; then fetch and decode every account the program wrote,
//! decode every event from the logs, and read a named error. PDAs are derived from the seeds
//! the IDL gives (and, for the society and a hub, from their documented seeds).

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{InstructionData, ToAccountMetas};
use base64::Engine as _;
use netstate_idl_only::netstate::{self, client, parsers, types};
use netstate_localnet::{EngineConfig, Localnet};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_status_client_types::UiTransactionEncoding;

const SYSTEM: Pubkey = anchor_lang::solana_program::system_program::ID;

fn pda(seeds: &[&[u8]]) -> Pubkey {
    Pubkey::find_program_address(seeds, &netstate::ID).0
}

/// An instruction from the generated accounts and arguments.
fn ix(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    Instruction {
        program_id: netstate::ID,
        accounts: accounts.to_account_metas(None),
        data: args.data(),
    }
}

struct Chain {
    rpc: RpcClient,
}

impl Chain {
    async fn wallet(&self) -> Keypair {
        let wallet = Keypair::new();
        let sig = self
            .rpc
            .request_airdrop(&wallet.pubkey(), 10_000_000_000)
            .await
            .expect("airdrop");
        self.rpc.confirm_transaction(&sig).await.expect("confirmed");
        wallet
    }

    /// Sends, confirms and returns the events the transaction's logs carry.
    async fn send(&self, ixs: &[Instruction], signers: &[&Keypair]) -> Vec<parsers::Event> {
        let blockhash = self.rpc.get_latest_blockhash().await.expect("blockhash");
        let tx =
            Transaction::new_signed_with_payer(ixs, Some(&signers[0].pubkey()), signers, blockhash);
        let signature = self
            .rpc
            .send_and_confirm_transaction(&tx)
            .await
            .expect("confirmed");
        let landed = self
            .rpc
            .get_transaction(&signature, UiTransactionEncoding::Base64)
            .await
            .expect("readable");
        let logs: Option<Vec<String>> = landed.transaction.meta.expect("meta").log_messages.into();
        logs.unwrap_or_default()
            .iter()
            .filter_map(|line| line.strip_prefix("Program data: "))
            .filter_map(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
            .map(|bytes| parsers::Event::parse(&bytes).expect("every event decodes"))
            .collect()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_knows_only_the_idl_tells_a_whole_story() {
    let node = Localnet::start(EngineConfig::default(), 0)
        .await
        .expect("node");
    let chain = Chain {
        rpc: RpcClient::new_with_commitment(node.url(), CommitmentConfig::confirmed()),
    };
    let founder = chain.wallet().await;
    let citizen = chain.wallet().await;
    let operator = chain.wallet().await;
    let name = "Known By Its IDL";
    let society = pda(&[b"society", name.as_bytes()]);
    let treasury = pda(&[b"treasury", society.as_ref()]);
    let member_of = |wallet: &Pubkey| pda(&[b"member", society.as_ref(), wallet.as_ref()]);
    let exit_basket = pda(&[b"exit_basket", society.as_ref()]);
    // SOL's outflow record is kept under the native mint's well-known address (the IDL
    // states its bytes as a constant seed).
    let native_mint = Pubkey::from_str_const("So11111111111111111111111111111111111111112");
    let sol_outflow = pda(&[b"outflow", society.as_ref(), native_mint.as_ref()]);

    let found = ix(
        client::accounts::CreateSociety {
            founder: founder.pubkey(),
            society,
            exit_basket,
            sol_outflow,
            founder_member: member_of(&founder.pubkey()),
            treasury,
            system_program: SYSTEM,
        },
        client::args::CreateSociety {
            args: types::CreateSocietyArgs {
                name: name.into(),
                constitution_uri: "ipfs://constitution".into(),
                constitution_hash: [1; 32],
                admission: types::AdmissionPolicy::Open,
                governance: None,
                founder_handle: "founder".into(),
                founder_profile_uri: String::new(),
            },
        },
    );
    let mut events = chain.send(std::slice::from_ref(&found), &[&founder]).await;

    events.extend(
        chain
            .send(
                &[ix(
                    client::accounts::Apply {
                        wallet: citizen.pubkey(),
                        society,
                        member: member_of(&citizen.pubkey()),
                        system_program: SYSTEM,
                    },
                    client::args::Apply {
                        args: types::ApplyArgs {
                            handle: "citizen".into(),
                            profile_uri: String::new(),
                        },
                    },
                )],
                &[&citizen],
            )
            .await,
    );

    let hub = pda(&[b"node", society.as_ref(), b"lisbon"]);
    events.extend(
        chain
            .send(
                &[ix(
                    client::accounts::RegisterNode {
                        steward: founder.pubkey(),
                        society,
                        node: hub,
                        country: pda(&[b"country", society.as_ref(), b"PT"]),
                        system_program: SYSTEM,
                    },
                    client::args::RegisterNode {
                        spec: types::NodeSpec {
                            code: "lisbon".into(),
                            name: "Lisbon House".into(),
                            country: *b"PT",
                            latitude_microdeg: 38_722_252,
                            longitude_microdeg: -9_139_337,
                            operator: operator.pubkey(),
                        },
                    },
                )],
                &[&founder],
            )
            .await,
    );

    events.extend(
        chain
            .send(
                &[ix(
                    client::accounts::CheckIn {
                        wallet: citizen.pubkey(),
                        operator: operator.pubkey(),
                        society,
                        node: hub,
                        member: member_of(&citizen.pubkey()),
                        residency: pda(&[b"residency", hub.as_ref(), citizen.pubkey().as_ref()]),
                        system_program: SYSTEM,
                        visitor: pda(&[b"visitor", society.as_ref(), citizen.pubkey().as_ref()]),
                    },
                    client::args::CheckIn {},
                )],
                &[&citizen, &operator],
            )
            .await,
    );

    let proposal = pda(&[b"proposal", society.as_ref(), &0u64.to_le_bytes()]);
    events.extend(
        chain
            .send(
                &[ix(
                    client::accounts::CreateProposal {
                        proposer: citizen.pubkey(),
                        society,
                        proposer_member: member_of(&citizen.pubkey()),
                        proposal,
                        subject: None,
                        recipient: None,
                        exit_basket,
                        treasury,
                        treasury_vault: None,
                        system_program: SYSTEM,
                    },
                    client::args::CreateProposal {
                        args: types::CreateProposalArgs {
                            title: "Open a second hub".into(),
                            description_uri: "ipfs://description".into(),
                            description_hash: [2; 32],
                            action: types::ProposalAction::Signal,
                        },
                    },
                )],
                &[&citizen],
            )
            .await,
    );

    for voter in [&founder, &citizen] {
        events.extend(
            chain
                .send(
                    &[ix(
                        client::accounts::CastVote {
                            voter: voter.pubkey(),
                            society,
                            proposal,
                            member: member_of(&voter.pubkey()),
                            vote: pda(&[b"vote", proposal.as_ref(), voter.pubkey().as_ref()]),
                            share: pda(&[b"share", society.as_ref(), voter.pubkey().as_ref()]),
                            system_program: SYSTEM,
                        },
                        client::args::CastVote {
                            choice: types::VoteChoice::Yes,
                        },
                    )],
                    &[voter],
                )
                .await,
        );
    }

    // Every event decoded, in order, with the society's sequence numbers.
    let names: Vec<&str> = events
        .iter()
        .map(|event| match event {
            parsers::Event::SocietyCreated(_) => "SocietyCreated",
            parsers::Event::MemberApplied(_) => "MemberApplied",
            parsers::Event::MemberAdmitted(_) => "MemberAdmitted",
            parsers::Event::NodeRegistered(_) => "NodeRegistered",
            parsers::Event::CheckedIn(_) => "CheckedIn",
            parsers::Event::ProposalCreated(_) => "ProposalCreated",
            parsers::Event::VoteCast(_) => "VoteCast",
            _ => "another",
        })
        .collect();
    for expected in [
        "SocietyCreated",
        "NodeRegistered",
        "CheckedIn",
        "ProposalCreated",
        "VoteCast",
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    assert!(!names.contains(&"another"), "{names:?}");

    // Every account the program wrote decodes by its discriminator.
    #[allow(deprecated)]
    let accounts = chain
        .rpc
        .get_program_accounts(&netstate::ID)
        .await
        .expect("program accounts");
    let mut kinds: Vec<&str> = accounts
        .iter()
        .map(|(_, account)| {
            match parsers::Account::parse(&account.data).expect("every account decodes") {
                parsers::Account::Society(s) => {
                    assert_eq!(s.name, name);
                    "Society"
                }
                parsers::Account::Member(_) => "Member",
                parsers::Account::Node(n) => {
                    assert_eq!(n.operator, operator.pubkey());
                    "Node"
                }
                parsers::Account::Country(_) => "Country",
                parsers::Account::Residency(_) => "Residency",
                parsers::Account::Proposal(p) => {
                    assert_eq!(p.title, "Open a second hub");
                    "Proposal"
                }
                parsers::Account::VoteRecord(_) => "VoteRecord",
                parsers::Account::ExitBasket(b) => {
                    assert_eq!(b.society, society);
                    "ExitBasket"
                }
                parsers::Account::Outflow(o) => {
                    assert_eq!((o.society, o.mint), (society, native_mint));
                    "Outflow"
                }
                _ => "another",
            }
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        vec![
            "Country",
            "ExitBasket",
            "Member",
            "Node",
            "Outflow",
            "Proposal",
            "Residency",
            "Society",
            "VoteRecord"
        ]
    );

    // A named error: founding the same society again (paid by another wallet, so that it is
    // a new transaction and not a replay of the first).
    let blockhash = chain.rpc.get_latest_blockhash().await.expect("blockhash");
    let again = Transaction::new_signed_with_payer(
        &[found],
        Some(&citizen.pubkey()),
        &[&citizen, &founder],
        blockhash,
    );
    let error = chain
        .rpc
        .send_and_confirm_transaction(&again)
        .await
        .expect_err("refused");
    let taken = u32::from(netstate::error::NetstateError::SocietyNameTaken);
    assert!(
        error
            .to_string()
            .contains(&format!("custom program error: {taken:#x}")),
        "{error}"
    );
    assert!(
        error.to_string().contains("Error Code: SocietyNameTaken"),
        "{error}"
    );
    node.stop().await;
}
