//! Every instruction fits one legacy transaction at its largest: the longest names, URIs,
//! hub specs and proposal actions, all its signers, and a separate fee payer (the worst
//! case, as when a door or a sponsor pays). The figures are the table in `docs/design.md`.

use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey};
use netstate::constants::*;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, ApplyArgs, CreateProposalArgs, CreateSocietyArgs, GovernanceParams, NodeSpec,
    Proposal, ProposalAction, VoteChoice, instructions as ix, pda,
};
use netstate_tests::governance::passed_proposal;
use netstate_tests::tokens::TOKEN_2022;
use solana_transaction::Transaction;

/// The most bytes a transaction may have on the wire.
const PACKET_DATA_SIZE: usize = 1_232;

/// Bytes of `ixs` sent in a legacy transaction paid by a separate fee payer.
fn wire_size(ixs: &[Instruction]) -> usize {
    let payer = Pubkey::new_unique();
    let tx = Transaction::new_with_payer(ixs, Some(&payer));
    let signatures = usize::from(tx.message.header.num_required_signatures);
    // Compact-u16 length prefix (one byte below 128 signatures) + signatures + message.
    1 + 64 * signatures + tx.message_data().len()
}

fn text(len: usize) -> String {
    "w".repeat(len)
}

fn longest_spec() -> NodeSpec {
    NodeSpec {
        code: text(MAX_NODE_CODE_LEN),
        name: text(MAX_NODE_NAME_LEN),
        country: *b"PT",
        latitude_microdeg: -MAX_LATITUDE_MICRODEG,
        longitude_microdeg: -MAX_LONGITUDE_MICRODEG,
        operator: Pubkey::new_unique(),
    }
}

/// Every proposal action with its longest arguments.
fn longest_actions() -> Vec<ProposalAction> {
    let wallet = Pubkey::new_unique();
    vec![
        ProposalAction::Signal,
        ProposalAction::TransferSol {
            recipient: wallet,
            amount: u64::MAX,
        },
        ProposalAction::TransferToken {
            mint: Pubkey::new_unique(),
            recipient: wallet,
            amount: u64::MAX,
        },
        ProposalAction::MintContribution {
            recipient: wallet,
            amount: u64::MAX,
            vesting_secs: MAX_VESTING_SECS,
        },
        ProposalAction::AdmitMember { wallet },
        ProposalAction::ExpelMember { wallet },
        ProposalAction::RegisterNode {
            spec: longest_spec(),
        },
        ProposalAction::RetireNode {
            code: text(MAX_NODE_CODE_LEN),
        },
        ProposalAction::UpdateGovernance {
            params: GovernanceParams::default(),
        },
        ProposalAction::AmendConstitution {
            uri: text(MAX_CONSTITUTION_URI_LEN),
            hash: [7; 32],
        },
        ProposalAction::SetSteward {
            steward: Some(wallet),
        },
        ProposalAction::SetNodeOperator {
            code: text(MAX_NODE_CODE_LEN),
            operator: wallet,
            revoke_previous: true,
        },
        ProposalAction::ProposeTreaty {
            partner: wallet,
            terms: longest_terms(),
        },
        ProposalAction::RatifyTreaty {
            partner: wallet,
            terms: longest_terms(),
        },
        ProposalAction::WithdrawTreaty { partner: wallet },
        ProposalAction::SetDues {
            dues: netstate_client::Dues {
                amount: u64::MAX,
                mint: Some(Pubkey::new_unique()),
                period_secs: MAX_DUES_PERIOD_SECS,
                grace_secs: MAX_DUES_GRACE_SECS,
                since: 0,
            },
        },
        ProposalAction::SetNodeBudget {
            code: text(MAX_NODE_CODE_LEN),
            terms: netstate_client::BudgetTerms {
                mint: Some(Pubkey::new_unique()),
                allowance: u64::MAX,
                period_secs: MAX_BUDGET_PERIOD_SECS,
                keeper: Some(wallet),
            },
        },
        ProposalAction::EndNodeBudget {
            code: text(MAX_NODE_CODE_LEN),
        },
        ProposalAction::SetExitBasket {
            mints: [
                Pubkey::new_unique(),
                Pubkey::new_unique(),
                Pubkey::new_unique(),
                Pubkey::new_unique(),
            ],
        },
    ]
}

fn longest_terms() -> netstate_client::TreatyTerms {
    netstate_client::TreatyTerms {
        visits: true,
        fast_track: netstate_client::FastTrack::Sponsors { count: 16 },
        notice_secs: u32::MAX,
    }
}

fn proposal(society: Pubkey, action: ProposalAction) -> Proposal {
    let mut p = passed_proposal(society, u64::MAX, Pubkey::new_unique(), action);
    p.title = text(MAX_TITLE_LEN);
    p.description_uri = text(MAX_DESCRIPTION_URI_LEN);
    p
}

/// `(instruction, bytes)` for every instruction at its largest.
fn sizes() -> Vec<(String, usize)> {
    let name = text(MAX_SOCIETY_NAME_LEN);
    let society = pda::society(&PROGRAM_ID, &name).0;
    let (a, b, c) = (
        Pubkey::new_unique(),
        Pubkey::new_unique(),
        Pubkey::new_unique(),
    );
    let code = text(MAX_NODE_CODE_LEN);
    let proposal_address = pda::proposal(&PROGRAM_ID, &society, u64::MAX).0;
    let ticket = netstate_client::tickets::SignedTicket::sign(
        &solana_keypair::Keypair::new(),
        &PROGRAM_ID,
        society,
        pda::node(&PROGRAM_ID, &society, &code).0,
        a,
        u32::MAX,
    );
    let spend = |recipient| ix::BudgetSpend {
        recipient,
        amount: u64::MAX,
        memo: text(MAX_BUDGET_MEMO_LEN as usize),
        memo_hash: [9; 32],
    };
    let mut rows: Vec<(String, Vec<Instruction>)> = vec![
        (
            "upgrade_account".into(),
            vec![ix::upgrade_account(&PROGRAM_ID, &a, &society, &b)],
        ),
        (
            "set_node_operator".into(),
            vec![ix::set_node_operator(
                &PROGRAM_ID,
                &a,
                &society,
                &code,
                &b,
                true,
            )],
        ),
        (
            // With the Ed25519 check it needs right before it.
            "redeem_ticket (and its Ed25519 check)".into(),
            ticket.redeem(&a).to_vec(),
        ),
        (
            "claim_citizenship".into(),
            vec![ix::claim_citizenship(&PROGRAM_ID, &a, &society)],
        ),
        (
            "create_society".into(),
            vec![ix::create_society(
                &PROGRAM_ID,
                &a,
                CreateSocietyArgs {
                    name: name.clone(),
                    constitution_uri: text(MAX_CONSTITUTION_URI_LEN),
                    constitution_hash: [2; 32],
                    admission: AdmissionPolicy::Sponsored {
                        sponsors_required: MAX_SPONSORS_REQUIRED,
                    },
                    governance: Some(GovernanceParams::default()),
                    founder_handle: text(MAX_HANDLE_LEN),
                    founder_profile_uri: text(MAX_PROFILE_URI_LEN),
                },
            )],
        ),
        (
            "renounce_steward".into(),
            vec![ix::renounce_steward(&PROGRAM_ID, &a, &society)],
        ),
        (
            "apply".into(),
            vec![ix::apply(
                &PROGRAM_ID,
                &a,
                &society,
                ApplyArgs {
                    handle: text(MAX_HANDLE_LEN),
                    profile_uri: text(MAX_PROFILE_URI_LEN),
                },
            )],
        ),
        (
            "sponsor".into(),
            vec![ix::sponsor(&PROGRAM_ID, &a, &society, &b)],
        ),
        (
            "admit_member".into(),
            vec![ix::admit_member(&PROGRAM_ID, &a, &society, &b)],
        ),
        ("leave".into(), vec![ix::leave(&PROGRAM_ID, &a, &society)]),
        (
            "register_node".into(),
            vec![ix::register_node(&PROGRAM_ID, &a, &society, longest_spec())],
        ),
        (
            "retire_node".into(),
            vec![ix::retire_node(&PROGRAM_ID, &a, &society, &code, *b"PT")],
        ),
        (
            "check_in".into(),
            vec![ix::check_in(&PROGRAM_ID, &a, &b, &society, &code)],
        ),
        (
            "visit".into(),
            vec![ix::visit(&PROGRAM_ID, &a, &b, &society, &code, &c)],
        ),
        (
            "apply_by_treaty".into(),
            vec![ix::apply_by_treaty(
                &PROGRAM_ID,
                &a,
                &society,
                &c,
                ApplyArgs {
                    handle: text(MAX_HANDLE_LEN),
                    profile_uri: text(MAX_PROFILE_URI_LEN),
                },
            )],
        ),
        (
            "close_census_epoch".into(),
            vec![ix::close_census_epoch(&PROGRAM_ID, &a, &society, u32::MAX)],
        ),
        (
            "close_sponsorship".into(),
            vec![ix::close_sponsorship(&PROGRAM_ID, &society, &a, &b)],
        ),
        (
            "prove_residency".into(),
            vec![ix::prove_residency(
                &PROGRAM_ID,
                &society,
                &code,
                &a,
                u32::MAX,
                0,
            )],
        ),
        (
            "deposit_sol".into(),
            vec![ix::deposit_sol(&PROGRAM_ID, &a, &society, u64::MAX)],
        ),
        (
            "deposit_token".into(),
            vec![ix::deposit_token(
                &PROGRAM_ID,
                &a,
                &society,
                &b,
                &TOKEN_2022,
                u64::MAX,
            )],
        ),
        (
            "create_contribution_mint".into(),
            vec![ix::create_contribution_mint(
                &PROGRAM_ID,
                &a,
                &society,
                &b,
                &TOKEN_2022,
                MAX_CONTRIBUTION_DECIMALS,
                false,
            )],
        ),
        (
            "release_grant".into(),
            vec![ix::release_grant(
                &PROGRAM_ID,
                &a,
                &pda::grant(&PROGRAM_ID, &proposal_address).0,
                &netstate_client::Grant {
                    version: 1,
                    bump: 255,
                    society,
                    proposal: proposal_address,
                    recipient: b,
                    payer: c,
                    amount: u64::MAX,
                    released: 0,
                    start: 0,
                    duration_secs: MAX_VESTING_SECS,
                },
                &Pubkey::new_unique(),
                &TOKEN_2022,
            )],
        ),
        (
            // With a full basket: the holder's four token accounts made first.
            "exit_with_share".into(),
            ix::exit_with_share(
                &PROGRAM_ID,
                &a,
                &society,
                &b,
                &[0, 1, 2, 3].map(|i| ix::BasketMint {
                    mint: Pubkey::new_unique(),
                    token_program: if i % 2 == 0 {
                        TOKEN_2022
                    } else {
                        anchor_spl::token::ID
                    },
                }),
                u64::MAX,
                0b1111,
            ),
        ),
        (
            "cast_vote".into(),
            vec![ix::cast_vote(
                &PROGRAM_ID,
                &a,
                &society,
                &proposal_address,
                VoteChoice::Abstain,
            )],
        ),
        (
            "cancel_proposal".into(),
            vec![ix::cancel_proposal(
                &PROGRAM_ID,
                &a,
                &society,
                &proposal_address,
            )],
        ),
        (
            "respond_to_proposal".into(),
            vec![ix::respond_to_proposal(
                &PROGRAM_ID,
                &a,
                &society,
                &proposal_address,
                text(MAX_RESPONSE_URI_LEN),
                [7; 32],
            )],
        ),
        (
            "set_dues".into(),
            vec![ix::set_dues(
                &PROGRAM_ID,
                &a,
                &society,
                netstate_client::Dues {
                    amount: u64::MAX,
                    mint: Some(b),
                    period_secs: MAX_DUES_PERIOD_SECS,
                    grace_secs: MAX_DUES_GRACE_SECS,
                    since: 0,
                },
            )],
        ),
        (
            "pay_dues".into(),
            vec![ix::pay_dues(
                &PROGRAM_ID,
                &a,
                &society,
                &b,
                MAX_DUES_PERIODS,
            )],
        ),
        (
            "pay_dues_token".into(),
            vec![ix::pay_dues_token(
                &PROGRAM_ID,
                &a,
                &society,
                &b,
                &c,
                &TOKEN_2022,
                MAX_DUES_PERIODS,
            )],
        ),
        (
            "mark_lapsed".into(),
            vec![ix::mark_lapsed(&PROGRAM_ID, &society, &b)],
        ),
        (
            "settle_node_budget".into(),
            vec![ix::settle_node_budget(&PROGRAM_ID, &a, &society, &b, &None)],
        ),
        (
            "settle_node_budget_token".into(),
            vec![ix::settle_node_budget(
                &PROGRAM_ID,
                &a,
                &society,
                &b,
                &Some(ix::BasketMint {
                    mint: c,
                    token_program: TOKEN_2022,
                }),
            )],
        ),
        (
            "spend_node_budget".into(),
            ix::spend_node_budget(&PROGRAM_ID, &a, &society, &b, &None, &spend(c)),
        ),
        (
            "spend_node_budget_token".into(),
            ix::spend_node_budget(
                &PROGRAM_ID,
                &a,
                &society,
                &b,
                &Some(ix::BasketMint {
                    mint: c,
                    token_program: TOKEN_2022,
                }),
                &spend(Pubkey::new_unique()),
            ),
        ),
        (
            "object_to_proposal".into(),
            vec![ix::object_to_proposal(
                &PROGRAM_ID,
                &a,
                &society,
                &proposal_address,
            )],
        ),
        (
            "close_objection".into(),
            vec![ix::close_objection(
                &PROGRAM_ID,
                &society,
                &proposal_address,
                &a,
            )],
        ),
        (
            "finalize_proposal".into(),
            vec![ix::finalize_proposal(
                &PROGRAM_ID,
                &society,
                &proposal_address,
                &a,
            )],
        ),
        (
            "close_vote".into(),
            vec![ix::close_vote(&PROGRAM_ID, &society, &proposal_address, &a)],
        ),
        (
            "close_proposal".into(),
            vec![ix::close_proposal(
                &PROGRAM_ID,
                &society,
                &proposal_address,
                &a,
            )],
        ),
    ];
    for action in longest_actions() {
        let kind = format!("{:?}", action.kind());
        let args = CreateProposalArgs {
            title: text(MAX_TITLE_LEN),
            description_uri: text(MAX_DESCRIPTION_URI_LEN),
            description_hash: [3; 32],
            action: action.clone(),
        };
        rows.push((
            format!("create_proposal({kind})"),
            vec![ix::create_proposal(
                &PROGRAM_ID,
                &a,
                &society,
                u64::MAX,
                args,
            )],
        ));
        let passed = proposal(society, action);
        rows.push((
            format!("execute({kind})"),
            vec![
                ix::execute_proposal(
                    &PROGRAM_ID,
                    &c,
                    &proposal_address,
                    &passed,
                    &ix::ExecuteContext {
                        token_program: TOKEN_2022,
                        contribution_mint: Some(b),
                        node_country: Some(*b"PT"),
                    },
                )
                .expect("the execute context is complete"),
            ],
        ));
    }
    rows.into_iter()
        .map(|(name, ixs)| (name, wire_size(&ixs)))
        .collect()
}

#[test]
fn every_instruction_fits_one_transaction_at_its_largest() {
    let sizes = sizes();
    let too_big: Vec<&(String, usize)> = sizes
        .iter()
        .filter(|(_, bytes)| *bytes > PACKET_DATA_SIZE)
        .collect();
    assert!(
        too_big.is_empty(),
        "over {PACKET_DATA_SIZE} bytes: {too_big:?}"
    );
    // Every instruction of the program is measured (19 actions: create and execute each).
    assert_eq!(sizes.len(), 39 + 2 * 19);
}

#[test]
fn the_design_doc_lists_every_transaction_size() {
    let doc = include_str!("../../../docs/design.md");
    let missing: Vec<String> = sizes()
        .iter()
        .map(|(name, bytes)| format!("| `{name}` | {bytes} |"))
        .filter(|row| !doc.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/design.md lacks the rows (the table under \"Transaction sizes\"):\n{}",
        missing.join("\n")
    );
}
