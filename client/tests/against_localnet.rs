//! Every builder and query of the client, over JSON-RPC against a local node.

use netstate_client::{
    AdmissionPolicy, ApplyArgs, ClientError, CreateProposalArgs, CreateSocietyArgs, MemberStatus,
    NetstateClient, NodeSpec, PROGRAM_ID, ProposalAction, ProposalStatus, VoteChoice,
    instructions as ix, pda,
};
use netstate_testkit::{LocalNode, open_society};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// `founder` founds `args`'s society: the transaction's signature, or the refusal.
async fn found(
    client: &NetstateClient,
    founder: &Keypair,
    args: CreateSocietyArgs,
) -> Result<solana_signature::Signature, ClientError> {
    client
        .send(
            &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
            founder,
            &[],
        )
        .await
}

fn spec(code: &str, operator: &Keypair) -> NodeSpec {
    NodeSpec {
        code: code.into(),
        name: format!("{code} hub"),
        country: *b"PT",
        latitude_microdeg: 1,
        longitude_microdeg: 2,
        operator: operator.pubkey(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_builder_and_query_works_over_rpc() {
    let local = LocalNode::start().await;
    let client = &local.client;
    let founder = local.funded().await;
    let ana = local.funded().await;
    let bo = local.funded().await;
    let operator = Keypair::new();

    let args = CreateSocietyArgs {
        name: "Client State".into(),
        constitution_uri: "ipfs://c".into(),
        constitution_hash: [1; 32],
        admission: AdmissionPolicy::Sponsored {
            sponsors_required: 1,
        },
        governance: None,
        founder_handle: "founder".into(),
        founder_profile_uri: String::new(),
    };
    client
        .send(
            &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
            &founder,
            &[],
        )
        .await
        .unwrap();
    let (society, s) = client.society("Client State").await.unwrap();
    assert_eq!(
        (s.citizen_count, society),
        (1, pda::society(&PROGRAM_ID, "Client State").0)
    );

    for (wallet, handle) in [(&ana, "ana"), (&bo, "bo")] {
        client
            .send(
                &[ix::apply(
                    &PROGRAM_ID,
                    &wallet.pubkey(),
                    &society,
                    ApplyArgs {
                        handle: handle.into(),
                        profile_uri: String::new(),
                    },
                )],
                wallet,
                &[],
            )
            .await
            .unwrap();
    }
    client
        .send(
            &[ix::sponsor(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
                &ana.pubkey(),
            )],
            &founder,
            &[],
        )
        .await
        .unwrap();
    client
        .send(
            &[ix::admit_member(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
                &bo.pubkey(),
            )],
            &founder,
            &[],
        )
        .await
        .unwrap();
    let members = client.members(&society).await.unwrap();
    assert_eq!(
        members
            .iter()
            .map(|(_, m)| m.handle.as_str())
            .collect::<Vec<_>>(),
        ["ana", "bo", "founder"]
    );
    assert!(
        members
            .iter()
            .all(|(_, m)| m.status == MemberStatus::Citizen)
    );
    assert!(
        client
            .member(&society, &Keypair::new().pubkey())
            .await
            .unwrap()
            .is_none()
    );

    client
        .send(
            &[ix::register_node(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
                spec("lisbon", &operator),
            )],
            &founder,
            &[],
        )
        .await
        .unwrap();
    client
        .send(
            &[ix::register_node(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
                spec("bali", &operator),
            )],
            &founder,
            &[],
        )
        .await
        .unwrap();
    client
        .send(
            &[ix::check_in(
                &PROGRAM_ID,
                &ana.pubkey(),
                &operator.pubkey(),
                &society,
                "lisbon",
            )],
            &ana,
            &[&operator],
        )
        .await
        .unwrap();
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
    let nodes = client.nodes(&society).await.unwrap();
    assert_eq!(
        nodes
            .iter()
            .map(|(_, n)| (n.code.as_str(), n.active))
            .collect::<Vec<_>>(),
        [("bali", false), ("lisbon", true)]
    );
    let residencies = client.residencies(&ana.pubkey()).await.unwrap();
    assert_eq!((residencies.len(), residencies[0].1.days_present), (1, 1));
    assert_eq!(
        client
            .node(&society, "lisbon")
            .await
            .unwrap()
            .1
            .check_in_count,
        1
    );

    client
        .send(
            &[ix::deposit_sol(
                &PROGRAM_ID,
                &bo.pubkey(),
                &society,
                6_000_000_000,
            )],
            &bo,
            &[],
        )
        .await
        .unwrap();
    let mint = Keypair::new();
    client
        .send(
            &[ix::create_contribution_mint(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
                &mint.pubkey(),
                &anchor_spl::token::ID,
                0,
                false,
            )],
            &founder,
            &[&mint],
        )
        .await
        .unwrap();
    let treasury = client.treasury(&society).await.unwrap();
    assert_eq!(treasury.lamports, 6_000_000_000 + 890_880);
    assert!(treasury.tokens.is_empty());

    // Proposals: one executed grant, one mint, one cancelled.
    let grant = ProposalAction::TransferSol {
        recipient: operator.pubkey(),
        amount: 1_000_000_000,
    };
    // A mint of contribution tokens names the society's mint (its supply judges the
    // dilution); the builder takes it.
    let propose = |index: u64, action: ProposalAction| {
        ix::create_proposal_for_token(
            &PROGRAM_ID,
            &ana.pubkey(),
            &society,
            index,
            CreateProposalArgs {
                title: format!("p{index}"),
                description_uri: String::new(),
                description_hash: [0; 32],
                action,
            },
            &anchor_spl::token::ID,
            Some(mint.pubkey()),
        )
    };
    client.send(&[propose(0, grant)], &ana, &[]).await.unwrap();
    client
        .send(
            &[propose(
                1,
                ProposalAction::MintContribution {
                    recipient: bo.pubkey(),
                    amount: 7,
                    vesting_secs: 0,
                },
            )],
            &ana,
            &[],
        )
        .await
        .unwrap();
    client
        .send(&[propose(2, ProposalAction::Signal)], &ana, &[])
        .await
        .unwrap();
    let (p2, _) = client.proposal(&society, 2).await.unwrap();
    client
        .send(
            &[ix::cancel_proposal(
                &PROGRAM_ID,
                &ana.pubkey(),
                &society,
                &p2,
            )],
            &ana,
            &[],
        )
        .await
        .unwrap();
    for index in [0, 1] {
        let (address, _) = client.proposal(&society, index).await.unwrap();
        for voter in [&founder, &ana, &bo] {
            client
                .send(
                    &[ix::cast_vote(
                        &PROGRAM_ID,
                        &voter.pubkey(),
                        &society,
                        &address,
                        VoteChoice::Yes,
                    )],
                    voter,
                    &[],
                )
                .await
                .unwrap();
        }
        client
            .send(
                &[ix::finalize_proposal(
                    &PROGRAM_ID,
                    &society,
                    &address,
                    &ana.pubkey(),
                )],
                &bo,
                &[],
            )
            .await
            .unwrap();
    }
    assert_eq!(
        client
            .proposals(&society, Some(ProposalStatus::Passed))
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        client
            .proposals(&society, Some(ProposalStatus::Cancelled))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        client
            .proposals(&society, None)
            .await
            .unwrap()
            .iter()
            .map(|(_, p)| p.index)
            .collect::<Vec<_>>(),
        [2, 1, 0]
    );
    let before = client.unix_time().await.unwrap();
    let warped = client.warp_clock(86_400).await.unwrap();
    let after = client.unix_time().await.unwrap();
    assert!(
        after >= before + 86_400 && after >= warped,
        "the Clock sysvar moved: {before} -> {after}"
    );
    for index in [0, 1] {
        let (address, p) = client.proposal(&society, index).await.unwrap();
        let execute = ix::execute_proposal(
            &PROGRAM_ID,
            &bo.pubkey(),
            &address,
            &p,
            &ix::ExecuteContext {
                contribution_mint: Some(mint.pubkey()),
                ..Default::default()
            },
        )
        .expect("the execute context is complete");
        client.send(&[execute], &bo, &[]).await.unwrap();
    }
    assert_eq!(
        client.rpc().get_balance(&operator.pubkey()).await.unwrap(),
        1_000_000_000
    );
    let bo_tokens =
        ix::associated_token_address(&bo.pubkey(), &mint.pubkey(), &anchor_spl::token::ID);
    assert_eq!(
        client
            .rpc()
            .get_token_account_balance(&bo_tokens)
            .await
            .unwrap()
            .amount,
        "7"
    );
    // The treasury's history, from its transactions' events, newest first: the grant out,
    // the deposit in.
    let flows = client.treasury_flows(&society, 100).await.unwrap();
    let summary: Vec<(
        netstate_client::history::Direction,
        u64,
        anchor_lang::prelude::Pubkey,
    )> = flows
        .iter()
        .map(|f| (f.direction, f.amount, f.counterparty))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                netstate_client::history::Direction::Out,
                1_000_000_000,
                operator.pubkey()
            ),
            (
                netstate_client::history::Direction::In,
                6_000_000_000,
                bo.pubkey()
            ),
        ]
    );
    assert!(
        flows
            .iter()
            .all(|f| f.mint.is_none() && f.block_time.is_some())
    );

    // Closing records returns rent.
    let (p0, _) = client.proposal(&society, 0).await.unwrap();
    let votes = netstate_client::accounts::votes(client.rpc(), client.program_id(), &p0)
        .await
        .unwrap();
    assert_eq!(votes.len(), 3);
    for (_, vote) in &votes {
        client
            .send(
                &[ix::close_vote(&PROGRAM_ID, &society, &p0, &vote.voter)],
                &bo,
                &[],
            )
            .await
            .unwrap();
    }
    client
        .send(
            &[ix::close_proposal(
                &PROGRAM_ID,
                &society,
                &p0,
                &ana.pubkey(),
            )],
            &bo,
            &[],
        )
        .await
        .unwrap();
    assert!(matches!(
        client.proposal(&society, 0).await,
        Err(ClientError::AccountNotFound(_))
    ));

    client
        .send(&[ix::leave(&PROGRAM_ID, &bo.pubkey(), &society)], &bo, &[])
        .await
        .unwrap();
    client
        .send(
            &[ix::renounce_steward(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
            )],
            &founder,
            &[],
        )
        .await
        .unwrap();
    assert_eq!(
        client.society("Client State").await.unwrap().1.steward,
        None
    );
    assert_eq!(client.societies().await.unwrap().len(), 1);
    local.node.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn program_errors_come_back_by_name_with_logs() {
    let local = LocalNode::start().await;
    let client = &local.client;
    let founder = local.funded().await;
    let err = found(client, &founder, open_society("E", ""))
        .await
        .unwrap_err();
    assert_eq!(err.program_error_name(), Some("HandleEmpty"));
    assert_eq!(
        err.netstate_error(),
        Some(netstate_client::NetstateError::HandleEmpty)
    );
    let ClientError::Program { error, logs } = &err else {
        panic!("{err}")
    };
    assert_eq!(
        (error.code, error.message.as_str()),
        (
            u32::from(netstate_client::NetstateError::HandleEmpty),
            "handle is empty"
        )
    );
    assert!(
        logs.iter()
            .any(|l| l.contains(&netstate_client::PROGRAM_ID.to_string()))
    );
    assert!(
        err.to_string()
            .starts_with("HandleEmpty (6012): handle is empty"),
        "{err}"
    );
    // Not a netstate account.
    let wrong = client
        .account::<netstate_client::Society>(&founder.pubkey())
        .await
        .unwrap_err();
    assert!(
        matches!(wrong, ClientError::WrongAccountType { .. }),
        "{wrong}"
    );
    assert_eq!(wrong.netstate_error(), None, "not a program's refusal");
    local.node.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identical_sends_each_land_once() {
    // The same instructions sent again at once (within one 400 ms slot) are the same bytes:
    // the second send signs again with a new blockhash instead of being a refused replay.
    let local = LocalNode::start().await;
    let client = &local.client;
    let payer = local.funded().await;
    let recipient = Keypair::new().pubkey();
    let transfer = anchor_lang::solana_program::system_instruction::transfer(
        &payer.pubkey(),
        &recipient,
        1_000_000,
    );
    let mut signatures = Vec::new();
    for _ in 0..4 {
        signatures.push(
            client
                .send(std::slice::from_ref(&transfer), &payer, &[])
                .await
                .unwrap(),
        );
    }
    signatures.sort();
    signatures.dedup();
    assert_eq!(signatures.len(), 4, "four distinct transactions");
    assert_eq!(
        client.rpc().get_balance(&recipient).await.unwrap(),
        4_000_000
    );
    // A refusal that is not a replay comes back at once, by name.
    let broke = Keypair::new();
    let overdraw =
        anchor_lang::solana_program::system_instruction::transfer(&broke.pubkey(), &recipient, 1);
    let error = client.send(&[overdraw], &broke, &[]).await.unwrap_err();
    assert!(!error.is_stale_or_replayed(), "{error}");
    local.node.stop().await;
}

/// What a landed transaction did, read back by its signature: its logs, and its events
/// decoded as the program emitted them (none of another type).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transactions_events_come_back_by_its_signature() {
    let local = LocalNode::start().await;
    let client = &local.client;
    let founder = local.funded().await;
    let signature = found(client, &founder, open_society("Evented", "founder"))
        .await
        .unwrap();
    let logs = client.transaction_logs(&signature).await.unwrap();
    assert!(
        logs.iter()
            .any(|l| l == "Program log: Instruction: CreateSociety"),
        "{logs:#?}"
    );
    let created: Vec<netstate_client::events::SocietyCreated> =
        client.events(&signature).await.unwrap();
    assert_eq!(created.len(), 1);
    assert_eq!(
        (created[0].name.as_str(), created[0].founder),
        ("Evented", founder.pubkey())
    );
    assert!(
        format!("{:?}", created[0]).contains("Evented"),
        "events print"
    );
    let none: Vec<netstate_client::events::ProposalCancelled> =
        client.events(&signature).await.unwrap();
    assert!(none.is_empty());
    // A signature that never landed is named, not read as a transaction without logs.
    let unknown = solana_signature::Signature::from([7; 64]);
    let error = client.transaction_logs(&unknown).await.unwrap_err();
    assert!(
        matches!(
            error,
            ClientError::UnexpectedAnswer {
                request: "getTransaction",
                ..
            }
        ),
        "{error}"
    );
    local.node.stop().await;
}

/// A proposal's life in three calls: two citizens propose at once and each gets its own
/// number; the vote decided, the proposal is finalized and, after the timelock, executed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proposals_are_made_finalized_and_executed_by_the_client() {
    let local = LocalNode::start().await;
    let client = &local.client;
    let founder = local.funded().await;
    let ana = local.funded().await;
    found(client, &founder, open_society("Proposing", "founder"))
        .await
        .unwrap();
    let society = pda::society(&PROGRAM_ID, "Proposing").0;
    let apply = ApplyArgs {
        handle: "ana".into(),
        profile_uri: String::new(),
    };
    client
        .send(
            &[ix::apply(&PROGRAM_ID, &ana.pubkey(), &society, apply)],
            &ana,
            &[],
        )
        .await
        .unwrap();
    let signal = |title: &str| CreateProposalArgs {
        title: title.into(),
        description_uri: String::new(),
        description_hash: [2; 32],
        action: ProposalAction::Signal,
    };
    let (first, second) = tokio::join!(
        client.propose(&founder, &society, signal("One")),
        client.propose(&ana, &society, signal("Two")),
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    let mut indices = [first.index, second.index];
    indices.sort();
    assert_eq!(indices, [0, 1], "each its own number");
    assert_eq!(
        first.address,
        pda::proposal(&PROGRAM_ID, &society, first.index).0
    );
    for voter in [&founder, &ana] {
        client
            .send(
                &[ix::cast_vote(
                    &PROGRAM_ID,
                    &voter.pubkey(),
                    &society,
                    &first.address,
                    VoteChoice::Yes,
                )],
                voter,
                &[],
            )
            .await
            .unwrap();
    }
    // Everyone voted: decided before the vote's end.
    client.finalize(&founder, &first.address).await.unwrap();
    let error = client.execute(&founder, &first.address).await.unwrap_err();
    assert_eq!(
        error.netstate_error(),
        Some(netstate_client::NetstateError::ProposalNotYetExecutable),
        "{error}"
    );
    client.warp_clock(2 * 86_400).await.unwrap();
    client.execute(&founder, &first.address).await.unwrap();
    let (_, p) = client.proposal(&society, first.index).await.unwrap();
    assert_eq!(p.status, ProposalStatus::Executed);
    local.node.stop().await;
}
