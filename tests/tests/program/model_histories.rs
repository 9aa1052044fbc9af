//! The stateful property test: random histories of hundreds of steps run against the
//! reference model in `netstate_tests::model` and against the program, driving all 50 of
//! its instructions: apply, sponsor, admit, leave, expel, check in, every proposal action,
//! votes and changes, cancel, clock warps, finalize, execute, close; token deposits, exits
//! with a share (and an exit basket token its issuer freezes and thaws, forgone or not),
//! grants that vest and their releases, door keys rotated by the steward and
//! by proposal, hub budgets in SOL or a token set, settled, spent and ended, dues in SOL or
//! a token paid and lapsed, census epochs closed, offline tickets signed by the key of
//! their day, citizenship claimed by presence (every other history's society admits by
//! presence), treaties with a partner society ratified and withdrawn, its citizens' visits
//! and fast-track applications, objections and vetoes, an expelled member's answer, closing
//! spent sponsorships, residency proofs, a hub of an earlier layout upgraded. After every
//! step:
//! - the program accepted exactly the steps the model accepted;
//! - a refused step changed no account (the fee payer's fee aside);
//! - the program's accounts equal the model (members, hubs, residencies, proposals with
//!   their objections and answers, sponsorship records, Share accounts, token balances,
//!   hub keys, budgets and vaults, grants, dues paid, the treaty and visitor records);
//! - the society's counters equal the accounts that exist, and the census counters of
//!   every open epoch equal a recount (from the model and from the Member accounts);
//! - no citizen lost their vote but by leaving, by dues unpaid past their grace, or by an
//!   executed expulsion that met the constitutional bar;
//! - tallies equal the vote records;
//! - the treasury never goes below its rent reserve, and what passed payments set aside
//!   equals the model's and never exceeds what it holds above it; an exit pays exactly
//!   `amount / supply` of what is not set aside (the treasury equals the model's);
//! - everything that leaves the treasury (payments, hub budgets, exits) passes the outflow
//!   rails, SOL and token buckets alike equal to the model's (the second rule set caps each
//!   asset at half per hour), and what is set aside stays within what they let out before
//!   the payments expire;
//! - lamports are conserved across every account, less the fees.
//!
//! At the end every proposal is brought to a final state and closed, and each objection,
//! vote record and proposal returns its rent to whoever paid it.
//!
//! `a_default_run_reaches_every_instruction` checks that a default run (random histories
//! from a fixed seed, and the scripted ones) reaches all 50 of the program's instructions.
//!
//! `cargo test` runs a bounded number of histories (`NETSTATE_MODEL_CASES`, default 3, of
//! `NETSTATE_MODEL_STEPS`, default 300, steps); set them higher for a longer run. A failing
//! history is shrunk and printed as the minimal list of steps that reproduces it.

use netstate_client::PROGRAM_ID;
use std::collections::HashMap;

use anchor_lang::AccountDeserialize;
use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey};
use anchor_spl::token_interface::TokenAccount;
use netstate_client::{
    AdmissionPolicy, ApplyArgs, CreateProposalArgs, CreateSocietyArgs, GovernanceParams, Member,
    MemberStatus, Node, NodeSpec, Proposal, ProposalAction, ProposalStatus, Residency, Society,
    VoteChoice, VoteRecord, instructions as ix, pda,
};
use netstate_tests::Fixture;
use netstate_tests::model::{
    Action, CONSTITUTIONS, Choice, DOOR_KEYS, HUB_CODES, Model, RULES, Rules, SPONSORS_REQUIRED,
    Standing, Status, Step, TREASURY_RESERVE, TREATY_TERMS, TreatyModel, TreatyStatusModel,
    VETO_BPS,
};
use netstate_tests::tokens::{self, TOKEN, TOKEN_2022};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use solana_account::Account;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Wallets in a history; actor 0 founds the society.
const ACTORS: usize = 6;
/// Actors who are citizens when the history starts (the founder and three more).
const CITIZENS: usize = 4;
/// The country every hub of a history is in (what retiring one needs besides its code).
const HUB_COUNTRY: [u8; 2] = *b"PT";
/// Base units of the basket token the treasury holds at first.
const BASKET_TOKENS: u64 = 1_000_000;
/// Actors who are citizens of the partner society (and not, at first, of this one).
const PARTNER_CITIZENS: [usize; 2] = [4, 5];
/// Days of presence an applicant needs in a society that admits by presence.
const PRESENCE_DAYS: u8 = 2;
/// Lamports each door key starts with.
const DOOR_LAMPORTS: u64 = 1_000_000_000;
/// Lamports each actor starts with.
const ACTOR_LAMPORTS: u64 = 1_000 * 1_000_000_000;
/// Lamports in the treasury after setup (reserve included).
const TREASURY_START: u64 = 5_000_000_000;
/// Test tokens in the treasury after setup.
const TREASURY_TOKENS: u64 = 1_000_000;
/// Fee per signature.
const FEE_PER_SIGNATURE: u64 = 5_000;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// An actor, mostly one of those who start as citizens (most steps need a citizen).
fn actor() -> impl Strategy<Value = usize> {
    prop_oneof![3 => 0..CITIZENS, 1 => 0..ACTORS]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        2 => Just(Action::Signal),
        3 => (actor(), 1..3_000_000_000u64).prop_map(|(to, amount)| Action::TransferSol { to, amount }),
        2 => (actor(), 1..600_000u64).prop_map(|(to, amount)| Action::TransferToken { to, amount }),
        2 => (actor(), 1..1_000u64, prop_oneof![Just(0i64), Just(600), Just(7_200)])
            .prop_map(|(to, amount, vesting)| Action::MintContribution { to, amount, vesting }),
        3 => actor().prop_map(Action::Admit),
        3 => actor().prop_map(Action::Expel),
        1 => (0..HUB_CODES.len()).prop_map(Action::RegisterHub),
        1 => (0..HUB_CODES.len()).prop_map(Action::RetireHub),
        1 => (0..RULES.len()).prop_map(Action::UpdateRules),
        1 => (0..CONSTITUTIONS.len()).prop_map(Action::Amend),
        2 => proptest::option::of(actor()).prop_map(Action::SetSteward),
        2 => (0..HUB_CODES.len(), 0..DOOR_KEYS, any::<bool>())
            .prop_map(|(hub, key, revoke)| Action::SetOperator { hub, key, revoke }),
        3 => (0..HUB_CODES.len(), any::<bool>(), prop_oneof![Just(50_000_000u64), Just(2_000_000_000)], 1..3i64, proptest::option::of(actor()))
            .prop_map(|(hub, token, allowance, period_days, keeper)| {
                // A token budget's allowance in base units of the test token.
                let allowance = if token { allowance / 10_000 } else { allowance };
                Action::SetBudget { hub, token, allowance, period_days, keeper }
            }),
        1 => (0..HUB_CODES.len()).prop_map(Action::EndBudget),
        1 => (0..TREATY_TERMS.len()).prop_map(Action::ProposeTreaty),
        3 => prop_oneof![3 => Just(0usize), 1 => Just(1usize)].prop_map(Action::RatifyTreaty),
        1 => Just(Action::WithdrawTreaty),
        2 => any::<bool>().prop_map(Action::SetBasket),
        2 => (any::<bool>(), prop_oneof![Just(0u64), Just(1_000_000u64)], prop_oneof![Just(1i64), Just(2)], prop_oneof![Just(3i64), Just(7)])
            .prop_map(|(token, amount, period_days, grace_days)| Action::SetDues { token, amount, period_days, grace_days }),
    ]
}

fn choice() -> impl Strategy<Value = Choice> {
    prop_oneof![3 => Just(Choice::Yes), 1 => Just(Choice::No), 1 => Just(Choice::Abstain)]
}

/// Which proposal a step names: mostly one of the newest (0 is the newest).
fn recent() -> impl Strategy<Value = usize> + Clone {
    prop_oneof![6 => 0..2usize, 2 => 2..6usize, 1 => 0..64usize]
}

fn step() -> impl Strategy<Value = Step> {
    let proposal = recent();
    // Weighted so that a history of a few hundred steps runs whole governance cycles
    // (propose, vote, finalize, execute) as well as the membership and presence steps.
    prop_oneof![
        6 => (0..ACTORS).prop_map(Step::Apply),
        8 => (actor(), 0..ACTORS).prop_map(|(sponsor, applicant)| Step::Sponsor { sponsor, applicant }),
        6 => (0..ACTORS).prop_map(Step::Admit),
        3 => (0..ACTORS).prop_map(Step::Leave),
        8 => (0..ACTORS, 0..HUB_CODES.len()).prop_map(|(actor, hub)| Step::CheckIn { actor, hub }),
        2 => (actor(), 1..100_000_000u64).prop_map(|(actor, amount)| Step::Deposit { actor, amount }),
        2 => (0..HUB_CODES.len()).prop_map(Step::RegisterHub),
        2 => (0..HUB_CODES.len()).prop_map(Step::RetireHub),
        1 => Just(Step::Renounce),
        2 => (any::<bool>(), prop_oneof![Just(0u64), Just(1_000_000u64)], prop_oneof![Just(1i64), Just(2)], prop_oneof![Just(3i64), Just(7)])
            .prop_map(|(token, amount, period_days, grace_days)| Step::SetDues { token, amount, period_days, grace_days }),
        3 => (any::<bool>(), actor(), 0..ACTORS, 0..3u32)
            .prop_map(|(token, payer, member, periods)| Step::PayDues { token, payer, member, periods }),
        3 => (0..ACTORS).prop_map(Step::MarkLapsed),
        3 => (0..HUB_CODES.len(), 0..DOOR_KEYS, any::<bool>())
            .prop_map(|(hub, key, revoke)| Step::SetOperator { hub, key, revoke }),
        4 => (0..HUB_CODES.len()).prop_map(Step::Settle),
        2 => Just(Step::CloseCensus),
        5 => (0..ACTORS, 0..HUB_CODES.len(), 0..DOOR_KEYS, prop_oneof![4 => 0..3u32, 1 => 0..40u32])
            .prop_map(|(actor, hub, key, days_ago)| Step::RedeemTicket { actor, hub, key, days_ago }),
        3 => (0..ACTORS).prop_map(Step::Claim),
        1 => (0..HUB_CODES.len()).prop_map(Step::Upgrade),
        5 => (prop_oneof![3 => 4..ACTORS, 1 => 0..ACTORS], 0..HUB_CODES.len())
            .prop_map(|(actor, hub)| Step::Visit { actor, hub }),
        3 => prop_oneof![3 => 4..ACTORS, 1 => 0..ACTORS].prop_map(Step::ApplyByTreaty),
        6 => (0..HUB_CODES.len(), proptest::option::of(actor()), actor(), 1..80_000_000u64)
            .prop_map(|(hub, by, to, amount)| Step::Spend { hub, by, to, amount }),
        20 => (actor(), action()).prop_map(|(actor, action)| Step::Propose { actor, action }),
        56 => (actor(), proposal.clone(), choice())
            .prop_map(|(actor, proposal, choice)| Step::Vote { actor, proposal, choice }),
        2 => (actor(), proposal.clone()).prop_map(|(actor, proposal)| Step::Cancel { actor, proposal }),
        16 => proposal.clone().prop_map(Step::Finalize),
        20 => proposal.clone().prop_map(Step::Execute),
        6 => (proposal.clone(), actor()).prop_map(|(proposal, voter)| Step::CloseVote { proposal, voter }),
        6 => proposal.clone().prop_map(Step::CloseProposal),
        1 => (actor(), 1..400_000u64).prop_map(|(actor, amount)| Step::DepositToken { actor, amount }),
        3 => (actor(), prop_oneof![1..20u64, 1..2_000u64], any::<bool>())
            .prop_map(|(actor, amount, skip)| Step::Exit { actor, amount, skip }),
        2 => any::<bool>().prop_map(Step::Freeze),
        4 => (actor(), proposal.clone()).prop_map(|(actor, proposal)| Step::Object { actor, proposal }),
        2 => (proposal.clone(), actor()).prop_map(|(proposal, objector)| Step::CloseObjection { proposal, objector }),
        2 => (actor(), proposal).prop_map(|(actor, proposal)| Step::Respond { actor, proposal }),
        2 => (actor(), actor()).prop_map(|(applicant, sponsor)| Step::CloseSponsorship { applicant, sponsor }),
        2 => (actor(), 0..HUB_CODES.len(), 0..4u32, prop_oneof![Just(0u32), 1..3u32, Just(129u32)])
            .prop_map(|(actor, hub, min_days, window_days)| Step::ProveResidency { actor, hub, min_days, window_days }),
        3 => (0..4usize).prop_map(Step::Release),
        20 => prop_oneof![3 => Just(30i64), 3 => Just(600), 3 => Just(3_600), 1 => Just(7_200), 1 => Just(86_400), 1 => Just(8 * 86_400), 1 => Just(31 * 86_400)]
            .prop_map(Step::Warp),
    ]
}

fn governance(rules: &Rules) -> GovernanceParams {
    GovernanceParams {
        quorum_bps: rules.quorum_bps,
        approval_bps: rules.approval_bps,
        voting_period_secs: rules.voting_secs as u32,
        execution_delay_secs: rules.delay_secs as u32,
        execution_window_secs: rules.window_secs as u32,
        max_open_proposals_per_citizen: rules.max_open,
        supermajority_bps: rules.supermajority_bps,
        supermajority_quorum_bps: rules.supermajority_quorum_bps,
        // The model judges a payment above what is not set aside by the supermajority.
        // Objections by half the electorate veto.
        outflow_cap_bps: rules.outflow_cap_bps,
        outflow_window_secs: rules.outflow_window_secs as u32,
        large_transfer_bps: rules.large_bps,
        veto_bps: VETO_BPS,
    }
}

fn vote_choice(choice: Choice) -> VoteChoice {
    match choice {
        Choice::Yes => VoteChoice::Yes,
        Choice::No => VoteChoice::No,
        Choice::Abstain => VoteChoice::Abstain,
    }
}

/// The society, its actors and keys, and the model beside it.
struct World {
    fx: Fixture,
    society: Pubkey,
    actors: Vec<Keypair>,
    operators: Vec<Keypair>,
    mint: Pubkey,
    contribution_mint: Pubkey,
    model: Model,
    /// The partner society (which offered a treaty before the history started).
    partner: Pubkey,
    /// The basket token: a Token-2022 mint with a freeze authority, held by the treasury.
    basket_mint: Pubkey,
    /// Its issuer (mints it, freezes accounts of it).
    issuer: Keypair,
    /// Every address whose lamports or data a step may change.
    tracked: Vec<Pubkey>,
    /// The program's instructions that ran in accepted steps (names as the program logs
    /// them, `Instruction: CastVote`).
    reached: std::collections::BTreeSet<String>,
}

impl World {
    /// A world whose society admits by sponsors.
    async fn new() -> Self {
        Self::admitting(None).await
    }

    /// A world whose society admits by sponsors (`None`), or by `Some(days)` of presence.
    async fn admitting(presence_days: Option<u8>) -> Self {
        let mut fx = Fixture::new().await;
        let mut actors = Vec::with_capacity(ACTORS);
        for _ in 0..ACTORS {
            let wallet = Keypair::new();
            fx.fund(&wallet.pubkey(), ACTOR_LAMPORTS).await;
            actors.push(wallet);
        }
        // Each hub's door keys: hub `h`'s key `k` is `operators[h * DOOR_KEYS + k]`.
        let operators: Vec<Keypair> = (0..HUB_CODES.len() * DOOR_KEYS)
            .map(|_| Keypair::new())
            .collect();
        // A door key pays for a recipient's token account when it spends a token budget.
        for door in &operators {
            fx.fund(&door.pubkey(), DOOR_LAMPORTS).await;
        }
        let founder = &actors[0];
        let args = CreateSocietyArgs {
            name: "Model".into(),
            constitution_uri: "ipfs://QmConstitutionOfTheSolarState".into(),
            constitution_hash: [1; 32],
            admission: match presence_days {
                None => AdmissionPolicy::Sponsored {
                    sponsors_required: SPONSORS_REQUIRED,
                },
                Some(days_required) => AdmissionPolicy::Presence { days_required },
            },
            governance: Some(governance(&RULES[0])),
            founder_handle: "actor0".into(),
            founder_profile_uri: String::new(),
        };
        let mut setup_logs = fx
            .send_ok(
                &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
                &[founder],
            )
            .await
            .logs;
        let society = pda::society(&PROGRAM_ID, "Model").0;
        for citizen in &actors[1..CITIZENS] {
            let args = ApplyArgs {
                handle: "citizen".into(),
                profile_uri: String::new(),
            };
            fx.send_ok(
                &[ix::apply(&PROGRAM_ID, &citizen.pubkey(), &society, args)],
                &[citizen],
            )
            .await;
            fx.send_ok(
                &[ix::admit_member(
                    &PROGRAM_ID,
                    &founder.pubkey(),
                    &society,
                    &citizen.pubkey(),
                )],
                &[founder],
            )
            .await;
        }
        let register = ix::register_node(
            &PROGRAM_ID,
            &founder.pubkey(),
            &society,
            hub_spec(0, &operators),
        );
        fx.send_ok(&[register], &[founder]).await;
        let deposit = TREASURY_START - TREASURY_RESERVE;
        fx.send_ok(
            &[ix::deposit_sol(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
                deposit,
            )],
            &[founder],
        )
        .await;
        let treasury = pda::treasury(&PROGRAM_ID, &society).0;
        let authority = Keypair::new();
        let mint = tokens::create_mint(&mut fx, &authority.pubkey(), 0, &TOKEN).await;
        tokens::mint_to(
            &mut fx,
            &mint,
            &authority,
            &treasury,
            TREASURY_TOKENS,
            &TOKEN,
        )
        .await;
        let contribution = Keypair::new();
        let minted = fx
            .send_ok(
                &[ix::create_contribution_mint(
                    &PROGRAM_ID,
                    &founder.pubkey(),
                    &society,
                    &contribution.pubkey(),
                    &TOKEN_2022,
                    0,
                    true,
                )],
                &[founder, &contribution],
            )
            .await;
        setup_logs.extend(minted.logs);
        assert_eq!(
            fx.rent_exempt(8 + <netstate_client::NodeBudget as anchor_lang::Space>::INIT_SPACE)
                .await,
            netstate_tests::model::BUDGET_RENT,
            "the model's rent of a hub budget account"
        );
        let partner = offer_from_partner(&mut fx, &actors, &society).await;
        let issuer = Keypair::new();
        let basket_mint = tokens::create_mint_with(
            &mut fx,
            &issuer.pubkey(),
            tokens::MintExtension::FreezeAuthorityOnly,
        )
        .await;
        tokens::mint_to(
            &mut fx,
            &basket_mint,
            &issuer,
            &treasury,
            BASKET_TOKENS,
            &TOKEN_2022,
        )
        .await;
        let mut model = Model::new(ACTORS, CITIZENS, fx.now(), TREASURY_START, TREASURY_TOKENS);
        model.presence_days = presence_days.map(u32::from);
        model.treaty = Some(TreatyModel {
            status: TreatyStatusModel::Proposed,
            proposed_by_us: false,
            terms: 0,
            withdrawn_by_us: None,
            ends_at: 0,
            visits: 0,
        });
        for a in PARTNER_CITIZENS {
            model.partner_citizens[a] = true;
        }
        model.treasury_basket = BASKET_TOKENS;
        let mut world = Self {
            fx,
            society,
            actors,
            operators,
            mint,
            contribution_mint: contribution.pubkey(),
            partner,
            basket_mint,
            issuer,
            model,
            tracked: Vec::new(),
            reached: instructions_in(&setup_logs),
        };
        world.tracked = world.fixed_addresses();
        world
    }

    fn key(&self, actor: usize) -> Pubkey {
        self.actors[actor].pubkey()
    }

    fn proposal_address(&self, index: usize) -> Pubkey {
        pda::proposal(&PROGRAM_ID, &self.society, index as u64).0
    }

    /// Addresses that exist or may come to exist whatever the proposals.
    fn fixed_addresses(&self) -> Vec<Pubkey> {
        let treasury = pda::treasury(&PROGRAM_ID, &self.society).0;
        let mut out = vec![
            self.fx.payer().pubkey(),
            self.society,
            treasury,
            self.mint,
            self.contribution_mint,
            tokens::ata_address(&treasury, &self.mint, &TOKEN),
            pda::outflow(&PROGRAM_ID, &self.society, &self.mint).0,
            pda::exit_basket(&PROGRAM_ID, &self.society).0,
            pda::sol_outflow(&PROGRAM_ID, &self.society).0,
        ];
        for a in 0..ACTORS {
            let wallet = self.key(a);
            out.push(wallet);
            out.push(pda::member(&PROGRAM_ID, &self.society, &wallet).0);
            // Created at a wallet's first grant or yes vote on an outflow.
            out.push(pda::share(&PROGRAM_ID, &self.society, &wallet).0);
            out.push(tokens::ata_address(&wallet, &self.mint, &TOKEN));
            out.push(tokens::ata_address(
                &wallet,
                &self.contribution_mint,
                &TOKEN_2022,
            ));
            for b in 0..ACTORS {
                let applicant = pda::member(&PROGRAM_ID, &self.society, &self.key(b)).0;
                out.push(pda::sponsorship(&PROGRAM_ID, &applicant, &wallet).0);
            }
        }
        let (first, second) = netstate::state::treaty_pair(&self.society, &self.partner);
        out.push(pda::treaty(&PROGRAM_ID, &first, &second).0);
        out.push(self.basket_mint);
        out.push(tokens::ata_address(
            &treasury,
            &self.basket_mint,
            &TOKEN_2022,
        ));
        out.push(pda::outflow(&PROGRAM_ID, &self.society, &self.basket_mint).0);
        out.push(self.issuer.pubkey());
        for a in 0..ACTORS {
            out.push(tokens::ata_address(
                &self.key(a),
                &self.basket_mint,
                &TOKEN_2022,
            ));
        }
        for a in 0..ACTORS {
            out.push(pda::visitor(&PROGRAM_ID, &self.society, &self.key(a)).0);
        }
        // The census epochs a history can close (it runs for months at most).
        let first = self.model.census_next;
        for epoch in first..first + 12 {
            out.push(pda::census(&PROGRAM_ID, &self.society, epoch).0);
        }
        for (h, code) in HUB_CODES.iter().enumerate() {
            let node = pda::node(&PROGRAM_ID, &self.society, code).0;
            out.push(node);
            for k in 0..DOOR_KEYS {
                out.push(self.operators[h * DOOR_KEYS + k].pubkey());
            }
            for a in 0..ACTORS {
                out.push(pda::residency(&PROGRAM_ID, &node, &self.key(a)).0);
            }
            out.push(pda::node_budget(&PROGRAM_ID, &node).0);
            let vault = pda::node_vault(&PROGRAM_ID, &node).0;
            out.push(vault);
            out.push(tokens::ata_address(&vault, &self.mint, &TOKEN));
        }
        out
    }

    /// Rewrites hub 0's account as the build before the hub's layout grew wrote it (layout
    /// 1), as a society that lived through an upgrade finds it.
    async fn with_old_hub(mut self) -> Self {
        use anchor_lang::{AnchorSerialize, Discriminator};
        let address = pda::node(&PROGRAM_ID, &self.society, HUB_CODES[0]).0;
        let mut account = self.fx.raw_account(&address).await.expect("hub 0");
        let node = Node::try_deserialize(&mut account.data.as_slice()).expect("a hub");
        let mut data = Node::DISCRIMINATOR.to_vec();
        netstate::state::layouts::NodeV1::of(&node)
            .serialize(&mut data)
            .expect("layout 1");
        account.data = data;
        self.fx.set_account(&address, account);
        if let Some(hub) = self.model.hubs.get_mut(&0) {
            hub.old_layout = true;
        }
        self
    }

    /// The asset of hub `hub`'s budget as the model has it (SOL without one).
    fn budget_asset(&self, hub: usize) -> ix::BudgetAsset {
        let token = self
            .model
            .hubs
            .get(&hub)
            .and_then(|h| h.budget)
            .is_some_and(|b| b.token);
        token.then_some(ix::BasketMint {
            mint: self.mint,
            token_program: TOKEN,
        })
    }

    /// Starts tracking the accounts of proposal `index` (the proposal and its votes).
    fn track_proposal(&mut self, index: usize) {
        let address = self.proposal_address(index);
        self.tracked.push(address);
        for a in 0..ACTORS {
            let voter = self.key(a);
            self.tracked
                .push(pda::vote(&PROGRAM_ID, &address, &voter).0);
            self.tracked
                .push(pda::objection(&PROGRAM_ID, &address, &voter).0);
        }
        self.tracked.push(pda::grant(&PROGRAM_ID, &address).0);
    }

    async fn snapshot(&mut self) -> HashMap<Pubkey, Option<Account>> {
        let mut out = HashMap::with_capacity(self.tracked.len());
        for address in self.tracked.clone() {
            let account = self.fx.raw_account(&address).await;
            out.insert(address, account);
        }
        out
    }

    fn steward_key(&self) -> (&Keypair, Pubkey) {
        let signer = &self.actors[self.model.steward_signer()];
        (signer, signer.pubkey())
    }

    fn action(&self, action: &Action) -> ProposalAction {
        match *action {
            Action::Signal => ProposalAction::Signal,
            Action::TransferSol { to, amount } => ProposalAction::TransferSol {
                recipient: self.key(to),
                amount,
            },
            Action::TransferToken { to, amount } => ProposalAction::TransferToken {
                mint: self.mint,
                recipient: self.key(to),
                amount,
            },
            Action::MintContribution {
                to,
                amount,
                vesting,
            } => ProposalAction::MintContribution {
                recipient: self.key(to),
                amount,
                vesting_secs: vesting as u32,
            },
            Action::Admit(b) => ProposalAction::AdmitMember {
                wallet: self.key(b),
            },
            Action::Expel(b) => ProposalAction::ExpelMember {
                wallet: self.key(b),
            },
            Action::RegisterHub(h) => ProposalAction::RegisterNode {
                spec: hub_spec(h, &self.operators),
            },
            Action::RetireHub(h) => ProposalAction::RetireNode {
                code: HUB_CODES[h].into(),
            },
            Action::SetBudget {
                hub,
                token,
                allowance,
                period_days,
                keeper,
            } => ProposalAction::SetNodeBudget {
                code: HUB_CODES[hub].into(),
                terms: netstate_client::BudgetTerms {
                    mint: token.then_some(self.mint),
                    allowance,
                    period_secs: (period_days * 86_400) as u32,
                    keeper: keeper.map(|a| self.key(a)),
                },
            },
            Action::EndBudget(hub) => ProposalAction::EndNodeBudget {
                code: HUB_CODES[hub].into(),
            },
            Action::SetBasket(listed) => {
                let mut mints = [Pubkey::default(); 4];
                if listed {
                    mints[0] = self.basket_mint;
                }
                ProposalAction::SetExitBasket { mints }
            }
            Action::SetDues {
                token,
                amount,
                period_days,
                grace_days,
            } => ProposalAction::SetDues {
                dues: netstate_client::Dues {
                    amount,
                    mint: token.then_some(self.mint),
                    period_secs: (period_days * 86_400) as u32,
                    grace_secs: (grace_days * 86_400) as u32,
                    since: 0,
                },
            },
            Action::ProposeTreaty(t) => ProposalAction::ProposeTreaty {
                partner: self.partner,
                terms: treaty_terms(t),
            },
            Action::RatifyTreaty(t) => ProposalAction::RatifyTreaty {
                partner: self.partner,
                terms: treaty_terms(t),
            },
            Action::WithdrawTreaty => ProposalAction::WithdrawTreaty {
                partner: self.partner,
            },
            Action::SetOperator { hub, key, revoke } => ProposalAction::SetNodeOperator {
                code: HUB_CODES[hub].into(),
                operator: self.operators[hub * DOOR_KEYS + key].pubkey(),
                revoke_previous: revoke,
            },
            Action::UpdateRules(r) => ProposalAction::UpdateGovernance {
                params: governance(&RULES[r]),
            },
            Action::Amend(c) => ProposalAction::AmendConstitution {
                uri: CONSTITUTIONS[c].into(),
                hash: [c as u8 + 2; 32],
            },
            Action::SetSteward(who) => ProposalAction::SetSteward {
                steward: who.map(|a| self.key(a)),
            },
        }
    }

    /// The transaction for `step` in the current state, with its signers; `None` when the
    /// step names something that cannot be addressed (no proposal yet, a closed one).
    async fn transaction(&mut self, step: &Step) -> Option<(Vec<Instruction>, Vec<Keypair>)> {
        let society = self.society;
        let one = |ix: Instruction, signers: &[&Keypair]| {
            Some((
                vec![ix],
                signers.iter().map(|k| k.insecure_clone()).collect(),
            ))
        };
        match step {
            Step::Warp(_) => None,
            Step::Apply(a) => {
                let args = ApplyArgs {
                    handle: format!("actor{a}"),
                    profile_uri: String::new(),
                };
                one(
                    ix::apply(&PROGRAM_ID, &self.key(*a), &society, args),
                    &[&self.actors[*a]],
                )
            }
            Step::Sponsor { sponsor, applicant } => one(
                ix::sponsor(
                    &PROGRAM_ID,
                    &self.key(*sponsor),
                    &society,
                    &self.key(*applicant),
                ),
                &[&self.actors[*sponsor]],
            ),
            Step::Admit(a) => {
                let (signer, key) = self.steward_key();
                one(
                    ix::admit_member(&PROGRAM_ID, &key, &society, &self.key(*a)),
                    &[signer],
                )
            }
            Step::Leave(a) => one(
                ix::leave(&PROGRAM_ID, &self.key(*a), &society),
                &[&self.actors[*a]],
            ),
            Step::CheckIn { actor, hub } => {
                // The key that holds the door now (key 0 for a hub not registered).
                let key = self.model.hubs.get(hub).map_or(0, |h| h.operator);
                let door = &self.operators[*hub * DOOR_KEYS + key];
                one(
                    ix::check_in(
                        &PROGRAM_ID,
                        &self.key(*actor),
                        &door.pubkey(),
                        &society,
                        HUB_CODES[*hub],
                    ),
                    &[&self.actors[*actor], door],
                )
            }
            Step::RedeemTicket {
                actor,
                hub,
                key,
                days_ago,
            } => {
                let today = (self.model.now / 86_400) as u32;
                let node = pda::node(&PROGRAM_ID, &society, HUB_CODES[*hub]).0;
                let ticket = netstate_client::tickets::SignedTicket::sign(
                    &self.operators[*hub * DOOR_KEYS + *key],
                    &PROGRAM_ID,
                    society,
                    node,
                    self.key(*actor),
                    today.checked_sub(*days_ago)?,
                );
                Some((
                    ticket.redeem(&self.fx.payer().pubkey()).to_vec(),
                    Vec::new(),
                ))
            }
            Step::Visit { actor, hub } => {
                let key = self.model.hubs.get(hub).map_or(0, |h| h.operator);
                let door = &self.operators[*hub * DOOR_KEYS + key];
                one(
                    ix::visit(
                        &PROGRAM_ID,
                        &self.key(*actor),
                        &door.pubkey(),
                        &society,
                        HUB_CODES[*hub],
                        &self.partner,
                    ),
                    &[&self.actors[*actor], door],
                )
            }
            Step::ApplyByTreaty(a) => one(
                ix::apply_by_treaty(
                    &PROGRAM_ID,
                    &self.key(*a),
                    &society,
                    &self.partner,
                    ApplyArgs {
                        handle: format!("actor{a}"),
                        profile_uri: String::new(),
                    },
                ),
                &[&self.actors[*a]],
            ),
            Step::Upgrade(h) => one(
                ix::upgrade_account(
                    &PROGRAM_ID,
                    &self.fx.payer().pubkey(),
                    &society,
                    &pda::node(&PROGRAM_ID, &society, HUB_CODES[*h]).0,
                ),
                &[],
            ),
            Step::Claim(a) => one(
                ix::claim_citizenship(&PROGRAM_ID, &self.key(*a), &society),
                &[&self.actors[*a]],
            ),
            Step::CloseCensus => one(
                ix::close_census_epoch(
                    &PROGRAM_ID,
                    &self.fx.payer().pubkey(),
                    &society,
                    self.model.census_next,
                ),
                &[],
            ),
            Step::Settle(hub) => {
                let node = pda::node(&PROGRAM_ID, &society, HUB_CODES[*hub]).0;
                one(
                    ix::settle_node_budget(
                        &PROGRAM_ID,
                        &self.fx.payer().pubkey(),
                        &society,
                        &node,
                        &self.budget_asset(*hub),
                    ),
                    &[],
                )
            }
            Step::Spend {
                hub,
                by,
                to,
                amount,
            } => {
                let node = pda::node(&PROGRAM_ID, &society, HUB_CODES[*hub]).0;
                let key = self.model.hubs.get(hub).map_or(0, |h| h.operator);
                let spender = match by {
                    Some(a) => &self.actors[*a],
                    None => &self.operators[*hub * DOOR_KEYS + key],
                };
                Some((
                    ix::spend_node_budget(
                        &PROGRAM_ID,
                        &spender.pubkey(),
                        &society,
                        &node,
                        &self.budget_asset(*hub),
                        &ix::BudgetSpend {
                            recipient: self.key(*to),
                            amount: *amount,
                            memo: "supplies".into(),
                            memo_hash: [4; 32],
                        },
                    ),
                    vec![spender.insecure_clone()],
                ))
            }
            Step::SetDues {
                token,
                amount,
                period_days,
                grace_days,
            } => {
                let (signer, steward) = self.steward_key();
                let dues = netstate_client::Dues {
                    amount: *amount,
                    mint: token.then_some(self.mint),
                    period_secs: (*period_days * 86_400) as u32,
                    grace_secs: (*grace_days * 86_400) as u32,
                    since: 0,
                };
                one(
                    ix::set_dues(&PROGRAM_ID, &steward, &society, dues),
                    &[signer],
                )
            }
            Step::PayDues {
                token,
                payer,
                member,
                periods,
            } => one(
                if *token {
                    ix::pay_dues_token(
                        &PROGRAM_ID,
                        &self.key(*payer),
                        &society,
                        &self.key(*member),
                        &self.mint,
                        &TOKEN,
                        *periods,
                    )
                } else {
                    ix::pay_dues(
                        &PROGRAM_ID,
                        &self.key(*payer),
                        &society,
                        &self.key(*member),
                        *periods,
                    )
                },
                &[&self.actors[*payer]],
            ),
            Step::MarkLapsed(a) => one(ix::mark_lapsed(&PROGRAM_ID, &society, &self.key(*a)), &[]),
            Step::SetOperator { hub, key, revoke } => {
                let (signer, steward) = self.steward_key();
                one(
                    ix::set_node_operator(
                        &PROGRAM_ID,
                        &steward,
                        &society,
                        HUB_CODES[*hub],
                        &self.operators[*hub * DOOR_KEYS + *key].pubkey(),
                        *revoke,
                    ),
                    &[signer],
                )
            }
            Step::Deposit { actor, amount } => one(
                ix::deposit_sol(&PROGRAM_ID, &self.key(*actor), &society, *amount),
                &[&self.actors[*actor]],
            ),
            Step::RegisterHub(h) => {
                let (signer, key) = self.steward_key();
                one(
                    ix::register_node(&PROGRAM_ID, &key, &society, hub_spec(*h, &self.operators)),
                    &[signer],
                )
            }
            Step::RetireHub(h) => {
                let (signer, key) = self.steward_key();
                one(
                    ix::retire_node(&PROGRAM_ID, &key, &society, HUB_CODES[*h], HUB_COUNTRY),
                    &[signer],
                )
            }
            Step::Renounce => {
                let (signer, key) = self.steward_key();
                one(ix::renounce_steward(&PROGRAM_ID, &key, &society), &[signer])
            }
            Step::Propose { actor, action } => {
                let index = self.model.proposals.len() as u64;
                let args = CreateProposalArgs {
                    title: "A proposal".into(),
                    description_uri: String::new(),
                    description_hash: [5; 32],
                    action: self.action(action),
                };
                one(
                    ix::create_proposal_for_token(
                        &PROGRAM_ID,
                        &self.key(*actor),
                        &society,
                        index,
                        args,
                        &netstate_tests::tokens::TOKEN,
                        Some(self.contribution_mint),
                    ),
                    &[&self.actors[*actor]],
                )
            }
            Step::Vote { actor, choice, .. } => {
                let address = self.proposal_address(self.model.target(step)?);
                one(
                    ix::cast_vote(
                        &PROGRAM_ID,
                        &self.key(*actor),
                        &society,
                        &address,
                        vote_choice(*choice),
                    ),
                    &[&self.actors[*actor]],
                )
            }
            Step::Cancel { actor, .. } => {
                let address = self.proposal_address(self.model.target(step)?);
                one(
                    ix::cancel_proposal(&PROGRAM_ID, &self.key(*actor), &society, &address),
                    &[&self.actors[*actor]],
                )
            }
            Step::DepositToken { actor, amount } => one(
                ix::deposit_token(
                    &PROGRAM_ID,
                    &self.key(*actor),
                    &society,
                    &self.mint,
                    &TOKEN,
                    *amount,
                ),
                &[&self.actors[*actor]],
            ),
            Step::Exit {
                actor,
                amount,
                skip,
            } => {
                let basket: Vec<ix::BasketMint> = if self.model.basket {
                    vec![ix::BasketMint {
                        mint: self.basket_mint,
                        token_program: TOKEN_2022,
                    }]
                } else {
                    Vec::new()
                };
                Some((
                    ix::exit_with_share(
                        &PROGRAM_ID,
                        &self.key(*actor),
                        &society,
                        &self.contribution_mint,
                        &basket,
                        *amount,
                        u8::from(*skip),
                    ),
                    vec![self.actors[*actor].insecure_clone()],
                ))
            }
            Step::Freeze(freeze) => {
                let treasury = pda::treasury(&PROGRAM_ID, &society).0;
                let vault = tokens::ata_address(&treasury, &self.basket_mint, &TOKEN_2022);
                let build = if *freeze {
                    spl_token_2022_interface::instruction::freeze_account
                } else {
                    spl_token_2022_interface::instruction::thaw_account
                };
                let ix = build(
                    &TOKEN_2022,
                    &vault,
                    &self.basket_mint,
                    &self.issuer.pubkey(),
                    &[],
                )
                .ok()?;
                one(ix, &[&self.issuer])
            }
            Step::Object { actor, .. } => {
                let address = self.proposal_address(self.model.target(step)?);
                one(
                    ix::object_to_proposal(&PROGRAM_ID, &self.key(*actor), &society, &address),
                    &[&self.actors[*actor]],
                )
            }
            Step::CloseObjection { objector, .. } => {
                let address = self.proposal_address(self.model.target(step)?);
                one(
                    ix::close_objection(&PROGRAM_ID, &society, &address, &self.key(*objector)),
                    &[],
                )
            }
            Step::Respond { actor, .. } => {
                let address = self.proposal_address(self.model.target(step)?);
                one(
                    ix::respond_to_proposal(
                        &PROGRAM_ID,
                        &self.key(*actor),
                        &society,
                        &address,
                        "ipfs://QmMyAnswer".into(),
                        [9; 32],
                    ),
                    &[&self.actors[*actor]],
                )
            }
            Step::CloseSponsorship { applicant, sponsor } => one(
                ix::close_sponsorship(
                    &PROGRAM_ID,
                    &society,
                    &self.key(*applicant),
                    &self.key(*sponsor),
                ),
                &[],
            ),
            Step::ProveResidency {
                actor,
                hub,
                min_days,
                window_days,
            } => one(
                ix::prove_residency(
                    &PROGRAM_ID,
                    &society,
                    HUB_CODES[*hub],
                    &self.key(*actor),
                    *min_days,
                    *window_days,
                ),
                &[],
            ),
            Step::Release(n) => {
                let open: Vec<usize> = (0..self.model.grants.len())
                    .rev()
                    .filter(|g| !self.model.grants[*g].closed)
                    .collect();
                let grant = &self.model.grants[*open.get(n % open.len().max(1))?];
                let address = pda::grant(&PROGRAM_ID, &self.proposal_address(grant.proposal)).0;
                let account = self.fx.raw_account(&address).await?;
                let data =
                    netstate_client::Grant::try_deserialize(&mut account.data.as_slice()).ok()?;
                one(
                    ix::release_grant(
                        &PROGRAM_ID,
                        &self.fx.payer().pubkey(),
                        &address,
                        &data,
                        &self.contribution_mint,
                        &TOKEN_2022,
                    ),
                    &[],
                )
            }
            Step::Finalize(_) => {
                let index = self.model.target(step)?;
                let proposer = self.key(self.model.proposals[index].proposer);
                let address = self.proposal_address(index);
                one(
                    ix::finalize_proposal(&PROGRAM_ID, &society, &address, &proposer),
                    &[],
                )
            }
            Step::Execute(_) => {
                let address = self.proposal_address(self.model.target(step)?);
                // The builder reads the action from the account: a closed one cannot be named.
                let account = self.fx.raw_account(&address).await?;
                let proposal = Proposal::try_deserialize(&mut account.data.as_slice()).ok()?;
                let executor = self.fx.payer().pubkey();
                one(
                    ix::execute_proposal(
                        &PROGRAM_ID,
                        &executor,
                        &address,
                        &proposal,
                        &ix::ExecuteContext {
                            token_program: match proposal.action {
                                ProposalAction::MintContribution { .. } => TOKEN_2022,
                                _ => TOKEN,
                            },
                            contribution_mint: Some(self.contribution_mint),
                            node_country: Some(HUB_COUNTRY),
                        },
                    )
                    .expect("the execute context is complete"),
                    &[],
                )
            }
            Step::CloseVote { voter, .. } => {
                let address = self.proposal_address(self.model.target(step)?);
                one(
                    ix::close_vote(&PROGRAM_ID, &society, &address, &self.key(*voter)),
                    &[],
                )
            }
            Step::CloseProposal(_) => {
                let index = self.model.target(step)?;
                let proposer = self.key(self.model.proposals[index].proposer);
                let address = self.proposal_address(index);
                one(
                    ix::close_proposal(&PROGRAM_ID, &society, &address, &proposer),
                    &[],
                )
            }
        }
    }

    /// Runs one step on both sides and checks everything; returns whether it was accepted.
    async fn step(&mut self, i: usize, step: &Step) -> Result<bool, String> {
        let tx = self.transaction(step).await;
        let proposals_before = self.model.proposals.len();
        let model_before = self.model.clone();
        let expected = self.model.apply(step);
        rights_kept(&model_before, &self.model, step)
            .map_err(|e| format!("step {i} {step:?}: {e}"))?;
        if let Step::Warp(seconds) = step {
            self.fx.warp_seconds(*seconds).await;
            return Ok(true);
        }
        let Some((ixs, signers)) = tx else {
            return match expected {
                Err(_) => Ok(false),
                Ok(()) => Err(format!(
                    "step {i} {step:?}: the model accepted a step with no transaction"
                )),
            };
        };
        if self.model.proposals.len() > proposals_before {
            self.track_proposal(proposals_before);
        }
        let before = self.snapshot().await;
        let signer_refs: Vec<&Keypair> = signers.iter().collect();
        let outcome = self.fx.send(&ixs, &signer_refs).await;
        let after = self.snapshot().await;
        if outcome.result.is_ok() {
            self.reached.extend(instructions_in(&outcome.logs));
        }
        match (&expected, &outcome.result) {
            (Ok(()), Err(e)) => {
                return Err(format!(
                    "step {i} {step:?}: the program refused ({e:?}) what the model accepted; logs: {:#?}",
                    outcome.logs
                ));
            }
            (Err(why), Ok(())) => {
                return Err(format!(
                    "step {i} {step:?}: the program accepted what the model refused ({why})"
                ));
            }
            _ => {}
        }
        let payer = self.fx.payer().pubkey();
        if expected.is_err() {
            for (address, account) in &after {
                if *address != payer && before.get(address) != Some(account) {
                    return Err(format!("step {i} {step:?}: refused, yet {address} changed"));
                }
            }
        }
        // Lamports: every account together, less exactly the fees.
        let mut fee_payers: Vec<Pubkey> = ixs
            .iter()
            .flat_map(|ix| ix.accounts.iter())
            .filter(|m| m.is_signer)
            .map(|m| m.pubkey)
            .collect();
        fee_payers.push(payer);
        fee_payers.sort();
        fee_payers.dedup();
        // Each signature the Ed25519 program checks (a ticket's) is paid for like one of the
        // transaction's own.
        let checked: u64 = ixs
            .iter()
            .filter(|ix| ix.program_id == solana_sdk_ids::ed25519_program::ID)
            .map(|ix| u64::from(ix.data.first().copied().unwrap_or(0)))
            .sum();
        let fee = FEE_PER_SIGNATURE * (fee_payers.len() as u64 + checked);
        let total = |s: &HashMap<Pubkey, Option<Account>>| -> u64 {
            s.values().flatten().map(|a| a.lamports).sum()
        };
        if total(&before) != total(&after) + fee {
            return Err(format!(
                "step {i} {step:?}: lamports not conserved: {} before, {} after, fee {fee}",
                total(&before),
                total(&after)
            ));
        }
        self.check(&after)
            .map_err(|e| format!("after step {i} {step:?}: {e}"))?;
        Ok(expected.is_ok())
    }

    /// The program's accounts against the model, and the invariants that need no model.
    fn check(&self, accounts: &HashMap<Pubkey, Option<Account>>) -> Result<(), String> {
        fn decode<T: AccountDeserialize>(
            accounts: &HashMap<Pubkey, Option<Account>>,
            address: &Pubkey,
        ) -> Option<T> {
            let account = accounts.get(address)?.as_ref()?;
            T::try_deserialize(&mut account.data.as_slice()).ok()
        }
        let m = &self.model;
        let society: Society = decode(accounts, &self.society).ok_or("no society")?;
        let basket: netstate_client::ExitBasket =
            decode(accounts, &pda::exit_basket(&PROGRAM_ID, &self.society).0)
                .ok_or("no exit basket")?;
        let sol_outflow: Option<netstate_client::Outflow> =
            decode(accounts, &pda::sol_outflow(&PROGRAM_ID, &self.society).0);
        let sol_outflow = sol_outflow.map(|o| o.counter).unwrap_or_default();
        let treasury = pda::treasury(&PROGRAM_ID, &self.society).0;

        // Members against the model, and counted from the accounts themselves.
        let (mut members, mut citizens) = (0u32, 0u32);
        for a in 0..ACTORS {
            let address = pda::member(&PROGRAM_ID, &self.society, &self.key(a)).0;
            let account: Option<Member> = decode(accounts, &address);
            match (&m.members[a], &account) {
                (None, None) => {}
                (Some(want), Some(got)) => {
                    let status = match want.standing {
                        Standing::Applicant => MemberStatus::Applicant,
                        Standing::Citizen => MemberStatus::Citizen,
                        Standing::Expelled => MemberStatus::Expelled,
                        Standing::Lapsed => MemberStatus::Lapsed,
                    };
                    let ours = (status, want.open_proposals, want.check_in_count);
                    let theirs = (got.status, got.open_proposals, got.check_in_count);
                    if ours != theirs
                        || want.sponsor_count != got.sponsor_count
                        || want.paid_until != got.paid_until
                    {
                        return Err(format!(
                            "actor {a}: model {ours:?} with {} sponsors, program {theirs:?} with {}",
                            want.sponsor_count, got.sponsor_count
                        ));
                    }
                }
                (want, got) => {
                    return Err(format!(
                        "actor {a}: model {want:?}, program {:?}",
                        got.as_ref().map(|g| g.status)
                    ));
                }
            }
            if let Some(member) = account {
                members += u32::from(member.status != MemberStatus::Expelled);
                citizens += u32::from(member.status == MemberStatus::Citizen);
            }
        }
        if (society.member_count, society.citizen_count) != (members, citizens)
            || (members, citizens) != (m.member_count(), m.citizen_count())
        {
            return Err(format!(
                "members/citizens: society {}/{}, accounts {members}/{citizens}, model {}/{}",
                society.member_count,
                society.citizen_count,
                m.member_count(),
                m.citizen_count()
            ));
        }

        // Hubs and residencies.
        let (mut hubs, mut active) = (0u32, 0u32);
        for (h, code) in HUB_CODES.iter().enumerate() {
            let address = pda::node(&PROGRAM_ID, &self.society, code).0;
            let want = m.hubs.get(&h);
            // A hub in layout 1 reads as the current layout once upgraded: compare what
            // layout 1 holds.
            let node: Option<Node> = if want.is_some_and(|w| w.old_layout) {
                let account = accounts.get(&address).and_then(|a| a.as_ref());
                let old = account.and_then(|a| {
                    <netstate::state::layouts::NodeV1 as anchor_lang::AnchorDeserialize>::deserialize(&mut &a.data[8..]).ok()
                });
                match old {
                    Some(old) if old.version == 1 => Some(old.upgrade()),
                    _ => return Err(format!("hub {code}: not in layout 1 as the model has it")),
                }
            } else {
                decode(accounts, &address)
            };
            match (want, &node) {
                (None, None) => {}
                (Some(want), Some(got)) => {
                    let door = |k: usize| self.operators[h * DOOR_KEYS + k].pubkey();
                    let ours = (
                        want.active,
                        u64::from(want.check_in_count),
                        want.resident_count,
                        door(want.operator),
                        want.previous.map_or(Pubkey::default(), door),
                    );
                    let theirs = (
                        got.active,
                        got.check_in_count,
                        got.resident_count,
                        got.operator,
                        got.previous_operator,
                    );
                    if ours != theirs {
                        return Err(format!("hub {code}: model {ours:?}, program {theirs:?}"));
                    }
                }
                _ => {
                    return Err(format!(
                        "hub {code}: model {want:?}, program {}",
                        node.is_some()
                    ));
                }
            }
            // The hub's budget and vault.
            let budget: Option<netstate_client::NodeBudget> =
                decode(accounts, &pda::node_budget(&PROGRAM_ID, &address).0);
            let vault = accounts
                .get(&pda::node_vault(&PROGRAM_ID, &address).0)
                .and_then(|a| a.as_ref())
                .map_or(0, |a| a.lamports);
            let ours = want.and_then(|w| w.budget).map(|b| {
                (
                    b.token.then_some(self.mint),
                    b.allowance,
                    b.keeper.map(|a| self.key(a)),
                    b.active,
                    b.next_period as u64,
                    b.spent,
                )
            });
            let theirs = budget.map(|b| {
                (
                    b.terms.mint,
                    b.terms.allowance,
                    b.terms.keeper,
                    b.active,
                    b.next_period,
                    b.spent_this_period,
                )
            });
            let vault_token = decode::<TokenAccount>(
                accounts,
                &tokens::ata_address(
                    &pda::node_vault(&PROGRAM_ID, &address).0,
                    &self.mint,
                    &TOKEN,
                ),
            );
            if vault_token.as_ref().map(|t| t.amount)
                != want
                    .filter(|w| w.vault_token_account)
                    .map(|w| w.vault_tokens)
            {
                return Err(format!(
                    "the token vault of {code}: program {:?}, model {:?}",
                    vault_token.map(|t| t.amount),
                    want.map(|w| (w.vault_token_account, w.vault_tokens))
                ));
            }
            if ours != theirs || want.map_or(0, |w| w.vault) != vault {
                return Err(format!(
                    "budget of {code}: program {theirs:?} with {vault} in the vault, model {ours:?} with {:?}",
                    want.map(|w| w.vault)
                ));
            }
            if let Some(node) = node {
                hubs += 1;
                active += u32::from(node.active);
            }
            for a in 0..ACTORS {
                let residency: Option<Residency> = decode(
                    accounts,
                    &pda::residency(&PROGRAM_ID, &address, &self.key(a)).0,
                );
                let want = m.residencies.get(&(h, a)).map(|(days, _)| *days);
                if want != residency.map(|r| r.days_present) {
                    return Err(format!("residency of actor {a} at {code}: model {want:?}"));
                }
            }
        }
        if (society.node_count, society.active_node_count) != (hubs, active) {
            return Err(format!(
                "hub counters {}/{} but {hubs}/{active} hub accounts",
                society.node_count, society.active_node_count
            ));
        }

        // The society's own fields.
        let steward = m.steward.map(|a| self.key(a));
        if society.steward != steward
            || society.governance != governance(&m.rules)
            || society.constitution_uri != m.constitution
            || society.proposal_count != m.proposals.len() as u64
        {
            return Err(format!(
                "society: steward {:?} vs {steward:?}, governance {:?} vs {:?}, constitution {} vs {}, proposals {} vs {}",
                society.steward,
                society.governance,
                m.rules,
                society.constitution_uri,
                m.constitution,
                society.proposal_count,
                m.proposals.len()
            ));
        }

        // Proposals, tallies and vote records.
        for (index, want) in m.proposals.iter().enumerate() {
            let address = self.proposal_address(index);
            let got: Option<Proposal> = decode(accounts, &address);
            let mut records = [0u32; 3];
            let mut record_count = 0u32;
            for a in 0..ACTORS {
                let record: Option<VoteRecord> =
                    decode(accounts, &pda::vote(&PROGRAM_ID, &address, &self.key(a)).0);
                let want_choice = want.records.get(&a).map(|c| vote_choice(*c));
                if record.as_ref().map(|r| r.choice) != want_choice {
                    return Err(format!(
                        "proposal {index}: vote of actor {a} {want_choice:?}"
                    ));
                }
                if let Some(record) = record {
                    record_count += 1;
                    records[record.choice as usize] += 1;
                }
            }
            match (want.closed, got) {
                (true, None) => {}
                (false, Some(got)) => {
                    let status = match want.status {
                        Status::Voting => ProposalStatus::Voting,
                        Status::Cancelled => ProposalStatus::Cancelled,
                        Status::Defeated => ProposalStatus::Defeated,
                        Status::Passed => ProposalStatus::Passed,
                        Status::Executed => ProposalStatus::Executed,
                        Status::Vetoed => ProposalStatus::Vetoed,
                        Status::Unfunded => ProposalStatus::Unfunded,
                    };
                    let objections = (0..ACTORS)
                        .filter(|a| {
                            accounts
                                .get(&pda::objection(&PROGRAM_ID, &address, &self.key(*a)).0)
                                .is_some_and(|o| o.is_some())
                        })
                        .collect::<std::collections::BTreeSet<usize>>();
                    if got.objections != want.objections
                        || got.open_objections as usize != objections.len()
                        || objections != want.objection_records
                        || (got.responded_at != 0) != want.answered
                    {
                        return Err(format!(
                            "proposal {index}: objections {} ({} open, records {objections:?}), answered {}; model {} ({:?}), {}",
                            got.objections,
                            got.open_objections,
                            got.responded_at != 0,
                            want.objections,
                            want.objection_records,
                            want.answered
                        ));
                    }
                    let tally = [got.tally.yes, got.tally.no, got.tally.abstain];
                    if got.status != status
                        || tally != want.tally
                        || got.eligible_count != want.eligible
                        || got.open_vote_records != record_count
                    {
                        return Err(format!(
                            "proposal {index}: program {:?} {tally:?} of {} ({} records open, {record_count} exist), model {:?} {:?} of {}",
                            got.status,
                            got.eligible_count,
                            got.open_vote_records,
                            want.status,
                            want.tally,
                            want.eligible
                        ));
                    }
                    // While no record has been closed, the tally is the records.
                    if record_count == tally.iter().sum::<u32>() && records != tally {
                        return Err(format!(
                            "proposal {index}: tally {tally:?}, records {records:?}"
                        ));
                    }
                }
                (closed, got) => {
                    return Err(format!(
                        "proposal {index}: closed in the model: {closed}, account exists: {}",
                        got.is_some()
                    ));
                }
            }
        }

        // The census counters of every open epoch equal a recount, from the model and from
        // the Member accounts.
        let member_accounts: Vec<(Pubkey, Member)> = (0..ACTORS)
            .filter_map(|a| {
                let address = pda::member(&PROGRAM_ID, &self.society, &self.key(a)).0;
                decode::<Member>(accounts, &address).map(|m| (address, m))
            })
            .collect();
        let visitor_accounts: Vec<(Pubkey, netstate_client::Visitor)> = (0..ACTORS)
            .filter_map(|a| {
                let address = pda::visitor(&PROGRAM_ID, &self.society, &self.key(a)).0;
                decode::<netstate_client::Visitor>(accounts, &address).map(|v| (address, v))
            })
            .collect();
        for a in 0..ACTORS {
            let address = pda::visitor(&PROGRAM_ID, &self.society, &self.key(a)).0;
            let days =
                decode::<netstate_client::Visitor>(accounts, &address).map(|v| v.days_present);
            let want = (!m.visitor_days[a].is_empty()).then_some(m.visitor_days[a].len() as u32);
            if days != want {
                return Err(format!(
                    "visitor record of actor {a}: program {days:?}, model {want:?}"
                ));
            }
        }
        let (first, second) = netstate::state::treaty_pair(&self.society, &self.partner);
        let treaty: Option<netstate_client::Treaty> =
            decode(accounts, &pda::treaty(&PROGRAM_ID, &first, &second).0);
        let theirs = treaty.map(|t| {
            (
                t.status,
                t.proposed_by,
                t.terms,
                t.withdrawn_by,
                t.ends_at,
                t.visit_count,
            )
        });
        let ours = m.treaty.map(|t| {
            let side = |us: bool| if us { self.society } else { self.partner };
            (
                match t.status {
                    TreatyStatusModel::Proposed => netstate_client::TreatyStatus::Proposed,
                    TreatyStatusModel::Ratified => netstate_client::TreatyStatus::Ratified,
                    TreatyStatusModel::Withdrawn => netstate_client::TreatyStatus::Withdrawn,
                },
                side(t.proposed_by_us),
                treaty_terms(t.terms),
                t.withdrawn_by_us.map_or(Pubkey::default(), side),
                t.ends_at,
                t.visits,
            )
        });
        if theirs != ours {
            return Err(format!("treaty: program {theirs:?}, model {ours:?}"));
        }
        let census = &society.census;
        for tally in [&census.current, &census.previous] {
            if tally.epoch < census.next_epoch_to_close {
                continue;
            }
            let counted = (tally.present, tally.person_days);
            let recounted =
                netstate_client::census::recount_presence(&member_accounts, tally.epoch);
            let visitors = (tally.visitors, tally.visitor_days);
            let revisited =
                netstate_client::census::recount_visitors(&visitor_accounts, tally.epoch);
            if counted != m.census(tally.epoch)
                || counted != recounted
                || visitors != m.census_visitors(tally.epoch)
                || visitors != revisited
            {
                return Err(format!(
                    "census of epoch {}: counters {counted:?} and visitors {visitors:?}, model {:?} {:?}, recount {recounted:?} {revisited:?}",
                    tally.epoch,
                    m.census(tally.epoch),
                    m.census_visitors(tally.epoch)
                ));
            }
        }

        // Vesting grants: open exactly while the model's are, with as much released.
        for (g, want) in m.grants.iter().enumerate() {
            let address = pda::grant(&PROGRAM_ID, &self.proposal_address(want.proposal)).0;
            let got: Option<netstate_client::Grant> = decode(accounts, &address);
            let ours = (!want.closed).then_some(want.released);
            if got.as_ref().map(|g| g.released) != ours {
                return Err(format!(
                    "grant {g}: program {:?}, model {ours:?} of {}",
                    got.map(|g| g.released),
                    want.amount
                ));
            }
        }

        // Closed census epochs: frozen as the model froze them, each chained to the last.
        if census.next_epoch_to_close != m.census_next {
            return Err(format!(
                "next census epoch: program {}, model {}",
                census.next_epoch_to_close, m.census_next
            ));
        }
        let mut last_hash = [0u8; 32];
        for want in &m.censuses {
            let got: netstate_client::Census = decode(
                accounts,
                &pda::census(&PROGRAM_ID, &self.society, want.epoch).0,
            )
            .ok_or_else(|| format!("census {} missing", want.epoch))?;
            let theirs = (
                got.figures_kept,
                (got.visitors, got.visitor_days),
                got.present,
                got.person_days,
                (got.member_count, got.citizen_count),
                (got.node_count, got.active_node_count),
                got.country_count,
                got.treasury_lamports,
            );
            let ours = (
                want.figures_kept,
                want.visitors,
                want.present,
                want.person_days,
                want.members,
                want.hubs,
                want.countries,
                want.treasury_lamports,
            );
            if theirs != ours || got.previous_hash != last_hash || got.hash != got.compute_hash() {
                return Err(format!(
                    "census {}: program {theirs:?}, model {ours:?} (or its hash chain broke)",
                    want.epoch
                ));
            }
            last_hash = got.hash;
        }
        if census.last_census_hash != last_hash {
            return Err("the society's last census hash is not the newest census's".into());
        }

        // The exit basket, what is pending in it, and the basket token's accounts.
        let listed = basket.mints[0] == self.basket_mint
            && basket.mints[1..].iter().all(|m| *m == Pubkey::default());
        let emptied = basket.mints.iter().all(|m| *m == Pubkey::default());
        if (m.basket && !listed)
            || (!m.basket && !emptied)
            || usize::from(basket.pending_token_grants) != m.pending_token_grants()
        {
            return Err(format!(
                "exit basket: program {:?} ({} pending), model listed {} ({} pending)",
                basket.mints,
                basket.pending_token_grants,
                m.basket,
                m.pending_token_grants()
            ));
        }
        let basket_account = |owner: &Pubkey| {
            decode::<TokenAccount>(
                accounts,
                &tokens::ata_address(owner, &self.basket_mint, &TOKEN_2022),
            )
        };
        let vault = basket_account(&treasury).ok_or("the treasury's basket account")?;
        if (vault.amount, vault.is_frozen()) != (m.treasury_basket, m.basket_frozen) {
            return Err(format!(
                "treasury's basket token: program {} (frozen {}), model {} (frozen {})",
                vault.amount,
                vault.is_frozen(),
                m.treasury_basket,
                m.basket_frozen
            ));
        }
        for a in 0..ACTORS {
            let held = basket_account(&self.key(a)).map(|t| t.amount);
            let want = m.basket_accounts[a].then_some(m.basket_tokens[a]);
            if held != want {
                return Err(format!(
                    "basket token of actor {a}: program {held:?}, model {want:?}"
                ));
            }
        }
        let rail: Option<netstate_client::Outflow> = decode(
            accounts,
            &pda::outflow(&PROGRAM_ID, &self.society, &self.basket_mint).0,
        );
        let rail = rail.map(|o| (o.counter.level, o.counter.updated_at));
        if rail != m.basket_outflow.map(|b| (b.level, b.updated_at)) {
            return Err(format!(
                "basket token rail: program {rail:?}, model {:?}",
                m.basket_outflow
            ));
        }

        // The outflow rails: the SOL bucket, and the test token's once something of it left.
        let sol = (sol_outflow.level, sol_outflow.updated_at);
        if sol != (m.sol_outflow.level, m.sol_outflow.updated_at) {
            return Err(format!(
                "SOL rail: program {sol:?}, model {:?}",
                m.sol_outflow
            ));
        }
        let token: Option<netstate_client::Outflow> = decode(
            accounts,
            &pda::outflow(&PROGRAM_ID, &self.society, &self.mint).0,
        );
        let token = token.map(|o| (o.counter.level, o.counter.updated_at));
        if token != m.token_outflow.map(|b| (b.level, b.updated_at)) {
            return Err(format!(
                "token rail: program {token:?}, model {:?}",
                m.token_outflow
            ));
        }

        // What passed payments set aside: the model's, and never more than the treasury
        // holds above its reserve.
        if basket.reserved_lamports != m.reserved_lamports
            || m.reserved_lamports > m.spendable_lamports()
        {
            return Err(format!(
                "set aside: program {}, model {} of {} spendable",
                basket.reserved_lamports,
                m.reserved_lamports,
                m.spendable_lamports()
            ));
        }
        // Sponsorship records and Share accounts exist exactly where the model has them.
        for a in 0..ACTORS {
            let wallet = self.key(a);
            let share = pda::share(&PROGRAM_ID, &self.society, &wallet).0;
            if accounts.get(&share).is_some_and(|s| s.is_some()) != m.shares[a] {
                return Err(format!("share of actor {a}: model {}", m.shares[a]));
            }
            for b in 0..ACTORS {
                let applicant = pda::member(&PROGRAM_ID, &self.society, &self.key(b)).0;
                let record = pda::sponsorship(&PROGRAM_ID, &applicant, &wallet).0;
                let exists = accounts.get(&record).is_some_and(|r| r.is_some());
                if exists != m.sponsorships.contains_key(&(b, a)) {
                    return Err(format!(
                        "sponsorship of actor {b} by actor {a}: program {exists}"
                    ));
                }
            }
        }

        // The treasury: exactly the model's, never below its reserve.
        let lamports = accounts
            .get(&treasury)
            .and_then(|a| a.as_ref())
            .map_or(0, |a| a.lamports);
        if lamports != m.treasury_lamports || lamports < TREASURY_RESERVE {
            return Err(format!(
                "treasury {lamports} lamports, model {} (reserve {TREASURY_RESERVE})",
                m.treasury_lamports
            ));
        }
        let balance = |owner: &Pubkey, mint: &Pubkey| -> u64 {
            decode::<TokenAccount>(accounts, &tokens::ata_address(owner, mint, &TOKEN))
                .map_or(0, |t| t.amount)
        };
        if balance(&treasury, &self.mint) != m.treasury_tokens {
            return Err("treasury token balance differs".into());
        }
        for a in 0..ACTORS {
            let key = self.key(a);
            let contribution = decode::<TokenAccount>(
                accounts,
                &tokens::ata_address(&key, &self.contribution_mint, &TOKEN_2022),
            );
            if balance(&key, &self.mint) != m.tokens[a]
                || contribution.as_ref().map_or(0, |t| t.amount) != m.contributions[a]
                || contribution.is_some() != m.contribution_accounts[a]
            {
                return Err(format!("token balances of actor {a} differ"));
            }
        }
        Ok(())
    }

    /// Sends `close` for `record` and checks that the record is gone and its rent went
    /// exactly to `owner`, who paid it.
    async fn close_for_rent(
        &mut self,
        close: Instruction,
        record: Pubkey,
        owner: Pubkey,
    ) -> Result<(), String> {
        let rent = self.fx.balance(&record).await;
        let before = self.fx.balance(&owner).await;
        if self.fx.send(&[close], &[]).await.result.is_err() {
            return Err("did not close".into());
        }
        if self.fx.balance(&owner).await != before + rent
            || self.fx.raw_account(&record).await.is_some()
        {
            return Err("rent not returned".into());
        }
        Ok(())
    }

    /// Brings every proposal to a final state and closes it with its vote records; each
    /// closed account's lamports go exactly to whoever paid for it.
    async fn close_everything(&mut self) -> Result<(), String> {
        self.fx.warp_seconds(100 * 86_400).await;
        self.model.now = self.fx.now();
        for index in 0..self.model.proposals.len() {
            if self.model.proposals[index].closed {
                continue;
            }
            let address = self.proposal_address(index);
            let proposer = self.key(self.model.proposals[index].proposer);
            if self.model.proposals[index].status == Status::Voting {
                let finalize =
                    ix::finalize_proposal(&PROGRAM_ID, &self.society, &address, &proposer);
                if self.fx.send(&[finalize], &[]).await.result.is_err() {
                    return Err(format!(
                        "proposal {index} could not be finalized after its end"
                    ));
                }
            }
            let objectors: Vec<usize> = self.model.proposals[index]
                .objection_records
                .iter()
                .copied()
                .collect();
            for a in objectors {
                let objector = self.key(a);
                let record = pda::objection(&PROGRAM_ID, &address, &objector).0;
                let close = ix::close_objection(&PROGRAM_ID, &self.society, &address, &objector);
                self.close_for_rent(close, record, objector)
                    .await
                    .map_err(|e| format!("objection of actor {a} on proposal {index}: {e}"))?;
            }
            let voters: Vec<usize> = self.model.proposals[index]
                .records
                .keys()
                .copied()
                .collect();
            for a in voters {
                let voter = self.key(a);
                let record = pda::vote(&PROGRAM_ID, &address, &voter).0;
                let close = ix::close_vote(&PROGRAM_ID, &self.society, &address, &voter);
                self.close_for_rent(close, record, voter)
                    .await
                    .map_err(|e| format!("vote record of actor {a} on proposal {index}: {e}"))?;
            }
            let close = ix::close_proposal(&PROGRAM_ID, &self.society, &address, &proposer);
            self.close_for_rent(close, address, proposer)
                .await
                .map_err(|e| format!("proposal {index}: {e}"))?;
        }
        Ok(())
    }
}

/// No citizen loses their vote except by their own choice (leaving) or by an executed
/// expulsion, which met the constitutional bar (`Rules::judged`).
fn rights_kept(before: &Model, after: &Model, step: &Step) -> Result<(), String> {
    for a in 0..ACTORS {
        let was = before.members[a]
            .as_ref()
            .is_some_and(|m| m.standing == Standing::Citizen);
        let is = after.members[a]
            .as_ref()
            .is_some_and(|m| m.standing == Standing::Citizen);
        if !was || is {
            continue;
        }
        // Leaving, or dues unpaid past their grace (dues only the steward sets).
        let by_choice = *step == Step::Leave(a)
            || (*step == Step::MarkLapsed(a)
                && before.members[a]
                    .as_ref()
                    .is_some_and(|m| before.dues.lapsed(m.paid_until, m.admitted_at, before.now)));
        let expelled = matches!(step, Step::Execute(_))
            && before.proposals.iter().zip(&after.proposals).any(|(p, q)| {
                p.action == Action::Expel(a)
                    && p.status == Status::Passed
                    && q.status == Status::Executed
                    && p.rules.approval_bps >= p.rules.supermajority_bps
                    && p.rules.quorum_bps >= p.rules.supermajority_quorum_bps
            });
        if !by_choice && !expelled {
            return Err(format!("actor {a} lost their vote without cause"));
        }
    }
    Ok(())
}

/// The instructions a transaction's logs say ran (`Program log: Instruction: Name`).
fn instructions_in(logs: &[String]) -> std::collections::BTreeSet<String> {
    logs.iter()
        .filter_map(|l| l.strip_prefix("Program log: Instruction: "))
        .map(str::to_string)
        .collect()
}

/// Hub `h` as registered: its door opened by its key 0.
/// Founds the partner society, open to anyone (`PARTNER_CITIZENS` join it), and passes and
/// executes its offer of `TREATY_TERMS[0]` to `society`; returns the partner's address.
async fn offer_from_partner(fx: &mut Fixture, actors: &[Keypair], society: &Pubkey) -> Pubkey {
    let founder = Keypair::new();
    fx.fund(&founder.pubkey(), ACTOR_LAMPORTS).await;
    let args = CreateSocietyArgs {
        name: "Partner".into(),
        constitution_uri: "ipfs://QmPartner".into(),
        constitution_hash: [2; 32],
        admission: AdmissionPolicy::Open,
        governance: Some(GovernanceParams {
            execution_delay_secs: 0,
            ..GovernanceParams::default()
        }),
        founder_handle: "partner".into(),
        founder_profile_uri: String::new(),
    };
    fx.send_ok(
        &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
        &[&founder],
    )
    .await;
    let partner = pda::society(&PROGRAM_ID, "Partner").0;
    for a in PARTNER_CITIZENS {
        let args = ApplyArgs {
            handle: format!("partner{a}"),
            profile_uri: String::new(),
        };
        fx.send_ok(
            &[ix::apply(&PROGRAM_ID, &actors[a].pubkey(), &partner, args)],
            &[&actors[a]],
        )
        .await;
    }
    let offer = CreateProposalArgs {
        title: "A treaty".into(),
        description_uri: String::new(),
        description_hash: [6; 32],
        action: ProposalAction::ProposeTreaty {
            partner: *society,
            terms: treaty_terms(0),
        },
    };
    fx.send_ok(
        &[ix::create_proposal_for_token(
            &PROGRAM_ID,
            &founder.pubkey(),
            &partner,
            0,
            offer,
            &TOKEN,
            None,
        )],
        &[&founder],
    )
    .await;
    let proposal = pda::proposal(&PROGRAM_ID, &partner, 0).0;
    let voters: Vec<&Keypair> = std::iter::once(&founder)
        .chain(PARTNER_CITIZENS.iter().map(|a| &actors[*a]))
        .collect();
    for voter in voters {
        fx.send_ok(
            &[ix::cast_vote(
                &PROGRAM_ID,
                &voter.pubkey(),
                &partner,
                &proposal,
                VoteChoice::Yes,
            )],
            &[voter],
        )
        .await;
    }
    // Every citizen voted yes: decided early, executable at once (no timelock there), from
    // the next slot.
    fx.send_ok(
        &[ix::finalize_proposal(
            &PROGRAM_ID,
            &partner,
            &proposal,
            &founder.pubkey(),
        )],
        &[],
    )
    .await;
    fx.warp_seconds(0).await;
    let p: Proposal = fx.account(&proposal).await;
    let executor = fx.payer().pubkey();
    fx.send_ok(
        &[ix::execute_proposal(
            &PROGRAM_ID,
            &executor,
            &proposal,
            &p,
            &ix::ExecuteContext::default(),
        )
        .expect("the execute context is complete")],
        &[],
    )
    .await;
    partner
}

/// `TREATY_TERMS[t]` as the program's terms.
fn treaty_terms(t: usize) -> netstate_client::TreatyTerms {
    let terms = TREATY_TERMS[t];
    netstate_client::TreatyTerms {
        visits: terms.visits,
        fast_track: if terms.immediate {
            netstate_client::FastTrack::Immediate
        } else {
            netstate_client::FastTrack::Sponsors { count: 1 }
        },
        notice_secs: terms.notice_secs as u32,
    }
}

fn hub_spec(h: usize, operators: &[Keypair]) -> NodeSpec {
    NodeSpec {
        code: HUB_CODES[h].into(),
        name: format!("Hub {}", HUB_CODES[h]),
        country: HUB_COUNTRY,
        latitude_microdeg: 38_722_000 + h as i32,
        longitude_microdeg: -9_139_000,
        operator: operators[h * DOOR_KEYS].pubkey(),
    }
}

/// Runs `history` against the model; returns the instructions its accepted steps ran.
async fn run(history: &[Step]) -> Result<std::collections::BTreeSet<String>, String> {
    run_in(None, history).await
}

/// Runs `history` in a society admitting by sponsors (`None`) or by days of presence.
async fn run_in(
    presence_days: Option<u8>,
    history: &[Step],
) -> Result<std::collections::BTreeSet<String>, String> {
    let mut world = World::admitting(presence_days).await;
    let start = world.snapshot().await;
    world.check(&start)?;
    for (i, step) in history.iter().enumerate() {
        world.step(i, step).await?;
    }
    world.close_everything().await?;
    Ok(world.reached)
}

fn config() -> Config {
    Config {
        cases: env_or("NETSTATE_MODEL_CASES", 3) as u32,
        max_shrink_iters: 2_000,
        // A failing history is printed, shrunk, rather than written into the repository.
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        max_shrink_time: 300_000,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_histories_agree_with_the_model(
        presence in any::<bool>(),
        history in proptest::collection::vec(step(), env_or("NETSTATE_MODEL_STEPS", 300))
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let result = runtime.block_on(run_in(presence.then_some(PRESENCE_DAYS), &history));
        prop_assert!(result.is_ok(), "{}", result.err().unwrap_or_default());
    }
}

/// A default run (the default number of random histories and steps, from a fixed seed, and
/// the scripted histories) reaches every one of the program's 50 instructions, read from
/// the committed IDL: a new instruction fails here until the model drives it.
#[test]
fn a_default_run_reaches_every_instruction() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
    let idl: serde_json::Value = serde_json::from_str(include_str!("../../../idl/netstate.json"))
        .expect("the committed IDL");
    let camel = |snake: &str| -> String {
        snake
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect()
    };
    let all: std::collections::BTreeSet<String> = idl["instructions"]
        .as_array()
        .expect("instructions")
        .iter()
        .map(|i| camel(i["name"].as_str().expect("name")))
        .collect();
    assert_eq!(all.len(), 50, "the program's instructions");
    // Setting the world up runs some instructions no step does (creating the society and
    // its contribution mint): they count as reached by every run.
    let mut runner = TestRunner::new_with_rng(
        config(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[23; 32]),
    );
    let histories = proptest::collection::vec(step(), env_or("NETSTATE_MODEL_STEPS", 300));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut reached = std::collections::BTreeSet::new();
    for case in 0..env_or("NETSTATE_MODEL_CASES", 3) {
        let history = histories
            .new_tree(&mut runner)
            .expect("a history")
            .current();
        // Every other society admits by presence.
        let presence = (case % 2 == 1).then_some(PRESENCE_DAYS);
        let got = runtime
            .block_on(run_in(presence, &history))
            .unwrap_or_else(|e| panic!("{e}"));
        reached.extend(got);
    }
    let got = runtime
        .block_on(run_in(Some(PRESENCE_DAYS), &presence_and_tickets()))
        .unwrap_or_else(|e| panic!("{e}"));
    reached.extend(got);
    let got = runtime.block_on(async {
        let mut world = World::new().await.with_old_hub().await;
        for (i, step) in an_old_hub_upgraded().iter().enumerate() {
            world.step(i, step).await.unwrap_or_else(|e| panic!("{e}"));
        }
        world.reached
    });
    reached.extend(got);
    // The scripted histories are part of every default run too.
    for history in [
        governance_cycle(),
        hubs_by_proposal(),
        money_and_answers(),
        dues_and_lapses(),
        budgets(),
        census_epochs(),
        token_dues_and_budgets(),
        treaties(),
        rails(),
        a_frozen_basket_token(),
    ] {
        let got = runtime
            .block_on(run(&history))
            .unwrap_or_else(|e| panic!("{e}"));
        reached.extend(got);
    }
    reached.retain(|name| all.contains(name));
    let missing: Vec<&String> = all.iter().filter(|n| !reached.contains(*n)).collect();
    assert!(
        missing.is_empty(),
        "not reached: {missing:?}; reached: {reached:?}"
    );
    assert_eq!(reached, all);
}

/// Yes votes by the first three actors (citizens from the start) on proposal `proposal`
/// (by recency, as `Model::target` picks).
fn yes_by_three(proposal: usize) -> Vec<Step> {
    (0..3)
        .map(|actor| Step::Vote {
            actor,
            proposal,
            choice: Choice::Yes,
        })
        .collect()
}

/// `actor` proposes `action`; the first three actors vote yes; the vote ends, the
/// proposal is finalized and, after the first rule set's timelock, executed.
fn enacted(actor: usize, action: Action) -> Vec<Step> {
    let mut steps = vec![Step::Propose { actor, action }];
    steps.extend(yes_by_three(0));
    steps.extend([
        Step::Warp(3_600),
        Step::Finalize(0),
        Step::Warp(60),
        Step::Execute(0),
    ]);
    steps
}

/// A whole governance cycle lined up so that every kind of step is reached and accepted
/// (two refused on purpose: the expelled wallet applying again, and the new steward
/// admitting it).
fn governance_cycle() -> Vec<Step> {
    // Random histories accept only some of their steps; this one lines up a whole
    // governance cycle, so every kind of step is known to be reachable and accepted.
    // A step names a proposal by recency among those it is meant for (`Model::target`).
    use Step::*;
    let passing = |newest: usize| {
        vec![
            Vote {
                actor: 0,
                proposal: newest,
                choice: Choice::Yes,
            },
            Vote {
                actor: 1,
                proposal: newest,
                choice: Choice::Yes,
            },
            Vote {
                actor: 2,
                proposal: newest,
                choice: Choice::No,
            },
            Vote {
                actor: 2,
                proposal: newest,
                choice: Choice::Yes,
            },
        ]
    };
    let mut history = vec![
        Apply(4),
        Sponsor {
            sponsor: 1,
            applicant: 4,
        },
        Sponsor {
            sponsor: 2,
            applicant: 4,
        },
        Apply(5),
        Admit(5),
        CheckIn { actor: 3, hub: 0 },
        Deposit {
            actor: 3,
            amount: 50_000_000,
        },
        RegisterHub(1),
        RetireHub(1),
        Propose {
            actor: 1,
            action: Action::TransferSol {
                to: 4,
                amount: 1_000_000_000,
            },
        },
        Propose {
            actor: 2,
            action: Action::Expel(3),
        },
        Propose {
            actor: 0,
            action: Action::SetSteward(Some(2)),
        },
    ];
    for newest in 0..3 {
        history.extend(passing(newest));
    }
    history.extend([
        // The member about to be expelled leaves first: the expulsion still lands.
        Leave(3),
        Warp(3_600),
        // The steward and the payment are decided; the expulsion runs its 3-day minimum.
        Finalize(0),
        Finalize(1),
        Warp(60),
        Execute(0),
        Execute(0),
        Warp(3 * 86_400),
        Finalize(0),
        Warp(60),
        Execute(0),
        Apply(3),
        Admit(3),
        Propose {
            actor: 1,
            action: Action::Signal,
        },
        Cancel {
            actor: 1,
            proposal: 0,
        },
        // Final proposals with vote records, newest first: 2, 1, 0.
        CloseVote {
            proposal: 2,
            voter: 0,
        },
        CloseVote {
            proposal: 2,
            voter: 1,
        },
        CloseVote {
            proposal: 2,
            voter: 2,
        },
        // Final proposals without records, newest first: 3 (cancelled), 0.
        CloseProposal(1),
        Renounce,
    ]);
    history
}

#[test]
fn a_scripted_history_reaches_every_kind_of_step_and_agrees_with_the_model() {
    use Step::*;
    play(
        World::new(),
        &governance_cycle(),
        |_, step| {
            // Two steps must be refused (the model and the program agree on it): the
            // expelled wallet applying again, and the new steward admitting it.
            matches!(step, Apply(3) | Admit(3))
        },
        |m| {
            assert_eq!(
                m.steward, None,
                "renounced by the steward the proposal appointed"
            );
            assert_eq!(
                m.members[3].as_ref().map(|x| x.standing),
                Some(Standing::Expelled)
            );
            assert_eq!(
                m.treasury_lamports,
                TREASURY_START + 50_000_000 - 1_000_000_000
            );
            assert!(m.proposals[0].closed);
        },
    );
}

/// A hub registered and retired by proposal, with check-ins before and after (the one at
/// the retired hub refused), and a door handed to another key and back.
fn hubs_by_proposal() -> Vec<Step> {
    // Executing RetireNode names the hub's Country account: a history that retires a hub by
    // proposal must pass it, and the program and the model must agree on the hub after.
    use Step::*;
    let mut history = enacted(1, Action::RegisterHub(1));
    history.push(CheckIn { actor: 2, hub: 1 });
    history.extend(enacted(2, Action::RetireHub(1)));
    history.push(CheckIn { actor: 3, hub: 1 });
    // The first hub's door handed to its second key by proposal, then back by the steward
    // (revoking it): each time the key that holds the door co-signs.
    history.extend(enacted(
        0,
        Action::SetOperator {
            hub: 0,
            key: 1,
            revoke: false,
        },
    ));
    history.push(CheckIn { actor: 1, hub: 0 });
    history.push(SetOperator {
        hub: 0,
        key: 0,
        revoke: true,
    });
    history.push(CheckIn { actor: 2, hub: 0 });
    history
}

#[test]
fn hubs_registered_and_retired_by_proposal_agree_with_the_model() {
    use Step::*;
    play(
        World::new(),
        &hubs_by_proposal(),
        |_, step| {
            // Only the check-in at the retired hub is refused.
            matches!(step, CheckIn { actor: 3, .. })
        },
        |m| {
            let hub = &m.hubs[&1];
            assert!(!hub.active, "retired by the second proposal");
            assert_eq!(hub.check_in_count, 1);
            let first = &m.hubs[&0];
            assert_eq!(
                (first.operator, first.previous),
                (0, None),
                "back, revoking"
            );
            assert_eq!(first.check_in_count, 2, "one check-in under each key");
        },
    );
}

/// Shares, objections, answers, sponsorship records and residency proofs: grants that
/// execute and an exit with one of them, a token payment deposited back, an expulsion its
/// member answers, a payment vetoed by objections whose records then close, a spent
/// sponsorship closed, and residency proved (and not proved) at a hub.
fn money_and_answers() -> Vec<Step> {
    use Step::*;
    let mut history = vec![
        Propose {
            actor: 1,
            action: Action::MintContribution {
                to: 1,
                amount: 100,
                vesting: 0,
            },
        },
        Propose {
            actor: 2,
            action: Action::MintContribution {
                to: 2,
                amount: 100,
                vesting: 0,
            },
        },
        Propose {
            actor: 0,
            action: Action::TransferToken { to: 3, amount: 500 },
        },
    ];
    for newest in 0..3 {
        history.extend(yes_by_three(newest));
    }
    history.extend([
        Warp(3_600),
        Finalize(0),
        Finalize(0),
        Finalize(0),
        Warp(60),
        Execute(0),
        Execute(0),
        Execute(0),
        // Actor 2 voted yes on the token payment: held until that record is closed.
        Exit {
            actor: 2,
            amount: 50,
            skip: false,
        },
        CloseVote {
            proposal: 0,
            voter: 2,
        },
        Exit {
            actor: 2,
            amount: 50,
            skip: false,
        },
        DepositToken {
            actor: 3,
            amount: 200,
        },
        Propose {
            actor: 1,
            action: Action::Expel(3),
        },
        Respond {
            actor: 3,
            proposal: 0,
        },
        Propose {
            actor: 0,
            action: Action::TransferSol {
                to: 4,
                amount: 1_000_000_000,
            },
        },
    ]);
    history.extend(yes_by_three(0));
    history.extend([
        Warp(3_600),
        // The payment passes (the expulsion runs its 3 days); two of four object in its
        // timelock, and it is vetoed.
        Finalize(0),
        Object {
            actor: 3,
            proposal: 0,
        },
        Object {
            actor: 1,
            proposal: 0,
        },
        Execute(0),
        CloseObjection {
            proposal: 0,
            objector: 3,
        },
        CloseObjection {
            proposal: 0,
            objector: 1,
        },
        Apply(4),
        Sponsor {
            sponsor: 1,
            applicant: 4,
        },
        CloseSponsorship {
            applicant: 4,
            sponsor: 1,
        },
        Leave(4),
        CloseSponsorship {
            applicant: 4,
            sponsor: 1,
        },
        CheckIn { actor: 1, hub: 0 },
        ProveResidency {
            actor: 1,
            hub: 0,
            min_days: 1,
            window_days: 0,
        },
        ProveResidency {
            actor: 1,
            hub: 0,
            min_days: 2,
            window_days: 7,
        },
        Propose {
            actor: 0,
            action: Action::MintContribution {
                to: 3,
                amount: 60,
                vesting: 600,
            },
        },
    ]);
    history.extend(yes_by_three(0));
    history.extend([
        Warp(3_600),
        Finalize(0),
        Warp(60),
        Execute(0),
        // Nothing has vested at the start; half of it after half the time; the rest at
        // the end, which closes the grant.
        Release(0),
        Warp(300),
        Release(0),
        Warp(600),
        Release(0),
    ]);
    history
}

#[test]
fn shares_objections_and_answers_agree_with_the_model() {
    play(
        World::new(),
        &money_and_answers(),
        |i, _| {
            // Refused on purpose: the held exit (20), executing the vetoed payment (34),
            // closing a sponsorship that still counts (39), a second day of residency never
            // spent (44), and a release before anything vested (53).
            [20, 34, 39, 44, 53].contains(&i)
        },
        |m| {
            assert_eq!(m.contributions[1..3], [100, 50]);
            assert_eq!(
                (m.tokens[3], m.treasury_tokens),
                (300, TREASURY_TOKENS - 300)
            );
            // Proposals: three grants and payments, the expulsion (3), the payment (4), the
            // vesting grant (5).
            assert_eq!(m.proposals[4].status, Status::Vetoed);
            assert_eq!(
                m.reserved_lamports, 0,
                "the veto released what it set aside"
            );
            assert!(m.proposals[3].answered);
            assert!(m.sponsorships.is_empty());
            assert_eq!(m.contributions[3], 60, "the grant, released in two parts");
            assert!(m.grants.iter().all(|g| g.closed && g.released == g.amount));
        },
    );
}

/// Dues set by the steward (a grace under 7 days refused), paid ahead by another, a citizen
/// lapsed past the grace and no longer able to propose until they pay, dues ended and a
/// lapsed citizen back for nothing.
fn dues_and_lapses() -> Vec<Step> {
    use Step::*;
    let dues = |amount: u64, grace_days: i64| SetDues {
        token: false,
        amount,
        period_days: 1,
        grace_days,
    };
    let signal = |actor: usize| Propose {
        actor,
        action: Action::Signal,
    };
    vec![
        dues(1_000_000, 3),
        dues(1_000_000, 7),
        PayDues {
            token: false,
            payer: 0,
            member: 1,
            periods: 10,
        },
        PayDues {
            token: false,
            payer: 0,
            member: 1,
            periods: 0,
        },
        Warp(8 * 86_400 + 1),
        MarkLapsed(1),
        MarkLapsed(2),
        signal(2),
        PayDues {
            token: false,
            payer: 2,
            member: 2,
            periods: 1,
        },
        signal(2),
        MarkLapsed(3),
        dues(0, 7),
        PayDues {
            token: false,
            payer: 1,
            member: 1,
            periods: 1,
        },
        PayDues {
            token: false,
            payer: 3,
            member: 3,
            periods: 0,
        },
        MarkLapsed(0),
    ]
}

#[test]
fn dues_and_lapses_agree_with_the_model() {
    play(
        World::new(),
        &dues_and_lapses(),
        |i, _| {
            // Refused on purpose: a 3-day grace, 0 periods, a member paid ahead, a lapsed
            // citizen proposing, a citizen paying dues that ended, lapsing without dues.
            [0, 3, 5, 7, 12, 14].contains(&i)
        },
        |m| {
            assert!(
                (0..4)
                    .all(|a| m.members[a].as_ref().map(|m| m.standing) == Some(Standing::Citizen)),
                "everyone a citizen again"
            );
            assert_eq!(
                m.treasury_lamports,
                TREASURY_START + 11 * 1_000_000,
                "eleven periods paid"
            );
        },
    );
}

/// A hub's SOL budget: passed, settled (not twice a period), spent by the door key and the
/// keeper up to the allowance (not by anyone else, not beyond it), settled again the next
/// period, ended by proposal and closed by the settlement after.
fn budgets() -> Vec<Step> {
    use Step::*;
    let spend = |by: Option<usize>, amount: u64| Spend {
        hub: 0,
        by,
        to: 4,
        amount,
    };
    let mut history = enacted(
        0,
        Action::SetBudget {
            hub: 0,
            token: false,
            allowance: 50_000_000,
            period_days: 1,
            keeper: Some(3),
        },
    );
    // 0..=7: enacted.
    history.extend([
        spend(None, 1_000),         // 8: refused, the period is not settled
        Settle(0),                  // 9
        Settle(0),                  // 10: refused, not due
        spend(None, 30_000_000),    // 11
        spend(Some(3), 30_000_000), // 12: refused, beyond the allowance
        spend(Some(3), 20_000_000), // 13
        spend(Some(1), 1),          // 14: refused, not a spender
        Warp(86_400),               // 15
        Settle(0),                  // 16: topped up again
    ]);
    history.extend(enacted(1, Action::EndBudget(0))); // 17..=24
    history.extend([
        spend(None, 1_000), // 25: refused, ended
        Settle(0),          // 26: closes
    ]);
    history
}

#[test]
fn a_hub_budget_agrees_with_the_model() {
    play(
        World::new(),
        &budgets(),
        |i, _| [8, 10, 12, 14, 25].contains(&i),
        |m| {
            let hub = &m.hubs[&0];
            assert_eq!((hub.budget, hub.vault), (None, 0), "closed");
            // Two allowances funded, the second's 50 M spent nothing, 50 M spent of the
            // first; the budget account's rent comes back with the vault's.
            assert_eq!(
                m.treasury_lamports,
                TREASURY_START - 50_000_000 + TREASURY_RESERVE + netstate_tests::model::BUDGET_RENT
            );
        },
    );
}

/// Census epochs: one not over is refused; over, it freezes the figures the counters hold
/// (presence included), chained by hash; a new epoch's presence rolls the counters, and
/// later epochs close in order.
fn census_epochs() -> Vec<Step> {
    use Step::*;
    vec![
        CheckIn { actor: 1, hub: 0 },
        CloseCensus, // 1: refused, not over
        Warp(31 * 86_400),
        CloseCensus,
        CheckIn { actor: 2, hub: 0 },
        Warp(61 * 86_400),
        CloseCensus,
        CloseCensus,
    ]
}

#[test]
fn census_epochs_agree_with_the_model() {
    play(
        World::new(),
        &census_epochs(),
        |i, _| i == 1,
        |m| {
            assert_eq!(m.censuses.len(), 3);
            assert_eq!((m.censuses[0].present, m.censuses[0].person_days), (1, 1));
            assert!(m.censuses.iter().all(|c| c.figures_kept));
        },
    );
}

/// In a society that admits by presence: no sponsors; an applicant present on two days (a
/// check-in, a ticket of the same day that changes nothing, a ticket of the next) claims
/// citizenship; a ticket signed by a key that never held the door, an expired one and one
/// from before the wallet joined count for nothing.
fn presence_and_tickets() -> Vec<Step> {
    use Step::*;
    let ticket = |key: usize, days_ago: u32| RedeemTicket {
        actor: 4,
        hub: 0,
        key,
        days_ago,
    };
    vec![
        Apply(4),
        Sponsor {
            sponsor: 1,
            applicant: 4,
        }, // 1: refused, no sponsors here
        Claim(4), // 2: refused, not present enough
        CheckIn { actor: 4, hub: 0 },
        ticket(0, 0), // 4: the same day: counted already, nothing changes
        ticket(1, 0), // 5: refused, that key never held the door
        Warp(86_400),
        ticket(0, 0),
        Claim(4),
        ticket(0, 31), // 9: refused, expired
        ticket(0, 5),  // 10: refused, before the wallet joined
    ]
}

#[test]
fn presence_and_tickets_agree_with_the_model() {
    play(
        World::admitting(Some(PRESENCE_DAYS)),
        &presence_and_tickets(),
        |i, _| [1, 2, 5, 9, 10].contains(&i),
        |m| {
            let member = m.members[4].as_ref().expect("a member");
            assert_eq!(member.standing, Standing::Citizen, "by presence");
            assert_eq!((member.days.len(), member.check_in_count), (2, 2));
        },
    );
}

/// A hub whose account an earlier build wrote (layout 1): refused by what reads it until
/// anyone upgrades it, once; then members check in and prove their days.
fn an_old_hub_upgraded() -> Vec<Step> {
    use Step::*;
    vec![
        CheckIn { actor: 1, hub: 0 }, // 0: refused, the hub needs upgrading
        Upgrade(0),
        Upgrade(0), // 2: refused, up to date
        CheckIn { actor: 1, hub: 0 },
        ProveResidency {
            actor: 1,
            hub: 0,
            min_days: 1,
            window_days: 0,
        },
    ]
}

#[test]
fn an_old_hub_upgraded_agrees_with_the_model() {
    play(
        async { World::new().await.with_old_hub().await },
        &an_old_hub_upgraded(),
        |i, _| [0, 2].contains(&i),
        |m| {
            let hub = &m.hubs[&0];
            assert!(!hub.old_layout);
            assert_eq!(hub.check_in_count, 1);
        },
    );
}

/// Dues in the test token, paid from a member's token account (not in SOL's form), and a
/// token budget settled, spent into a new token account, ended and closed.
fn token_dues_and_budgets() -> Vec<Step> {
    use Step::*;
    let mut history = vec![
        // Actor 1 receives tokens to pay with.
        Propose {
            actor: 0,
            action: Action::TransferToken {
                to: 1,
                amount: 1_000,
            },
        },
        Propose {
            actor: 0,
            action: Action::SetBudget {
                hub: 0,
                token: true,
                allowance: 5_000,
                period_days: 1,
                keeper: None,
            },
        },
    ];
    for newest in 0..2 {
        history.extend((0..3).map(|actor| Vote {
            actor,
            proposal: newest,
            choice: Choice::Yes,
        }));
    }
    history.extend([
        Warp(3_600),
        Finalize(0),
        Finalize(0),
        Warp(60),
        Execute(0),
        Execute(0),
        // 14
        SetDues {
            token: true,
            amount: 100,
            period_days: 1,
            grace_days: 7,
        },
        PayDues {
            token: false,
            payer: 1,
            member: 1,
            periods: 1,
        }, // 15: refused, the dues are in the token
        PayDues {
            token: true,
            payer: 1,
            member: 1,
            periods: 3,
        },
        PayDues {
            token: true,
            payer: 2,
            member: 2,
            periods: 1,
        }, // 17: refused, actor 2 has no token account
        Settle(0),
        Spend {
            hub: 0,
            by: None,
            to: 5,
            amount: 2_000,
        },
    ]);
    history.extend([
        Propose {
            actor: 1,
            action: Action::EndBudget(0),
        },
        Vote {
            actor: 0,
            proposal: 0,
            choice: Choice::Yes,
        },
        Vote {
            actor: 1,
            proposal: 0,
            choice: Choice::Yes,
        },
        Vote {
            actor: 2,
            proposal: 0,
            choice: Choice::Yes,
        },
        Warp(3_600),
        Finalize(0),
        Warp(60),
        Execute(0),
        Settle(0),
    ]);
    history
}

#[test]
fn token_dues_and_budgets_agree_with_the_model() {
    play(
        World::new(),
        &token_dues_and_budgets(),
        |i, _| [15, 17].contains(&i),
        |m| {
            assert_eq!(
                m.tokens[1],
                1_000 - 300,
                "three periods of dues in the token"
            );
            assert_eq!(m.tokens[5], 2_000, "spent into a new token account");
            assert_eq!(
                m.treasury_tokens,
                TREASURY_TOKENS - 1_000 + 300 - 2_000,
                "the rest of the allowance came back when the budget closed"
            );
            assert!(m.hubs[&0].budget.is_none());
        },
    );
}

/// The treaty the partner offered before the history: ratified only in its own terms; then
/// its citizens visit (once a day, never while members here) and join by the fast track,
/// counted once a day as a member or a visitor; a withdrawal sets the end after notice.
fn treaties() -> Vec<Step> {
    use Step::*;
    let mut history = vec![Visit { actor: 4, hub: 0 }]; // 0: refused, only offered
    history.extend(enacted(0, Action::RatifyTreaty(1))); // 1..=8: 8 refused, not its terms
    history.extend(enacted(0, Action::RatifyTreaty(0))); // 9..=16
    history.extend([
        Visit { actor: 4, hub: 0 },
        Visit { actor: 4, hub: 1 }, // 18: refused, once a day at this host
        ApplyByTreaty(5),
        Visit { actor: 5, hub: 0 }, // 20: refused, a member here checks in
        CheckIn { actor: 5, hub: 0 },
        ApplyByTreaty(4),
        CheckIn { actor: 4, hub: 0 }, // 23: refused, counted as a visitor today
    ]);
    history.extend(enacted(1, Action::WithdrawTreaty)); // 24..=31
    history
}

#[test]
fn treaties_agree_with_the_model() {
    play(
        World::new(),
        &treaties(),
        |i, _| [0, 8, 18, 20, 23].contains(&i),
        |m| {
            let treaty = m.treaty.expect("the treaty");
            assert_eq!(treaty.status, TreatyStatusModel::Ratified);
            assert_eq!(treaty.visits, 1);
            assert_eq!(treaty.ends_at, m.now + TREATY_TERMS[0].notice_secs);
            for a in PARTNER_CITIZENS {
                assert_eq!(
                    m.members[a].as_ref().map(|x| x.standing),
                    Some(Standing::Citizen),
                    "actor {a} joined by the fast track"
                );
            }
        },
    );
}

/// The outflow rails: rules that let half of an asset out per hour, two payments of 30%
/// each, the second refused at once (`OutflowCapExceeded`) and paid once the bucket
/// drained.
fn rails() -> Vec<Step> {
    use Step::*;
    let pay = |actor: usize, to: usize| Propose {
        actor,
        action: Action::TransferSol {
            to,
            amount: 1_500_000_000,
        },
    };
    let mut history = vec![Propose {
        actor: 0,
        action: Action::UpdateRules(1),
    }];
    history.extend(yes_by_three(0));
    history.extend([Warp(3_600), Finalize(0), Warp(60), Execute(0)]); // ..=7
    history.extend([pay(0, 4), pay(1, 5)]); // 8, 9
    history.extend(yes_by_three(0));
    history.extend(yes_by_three(1)); // ..=15
    history.extend([
        Warp(7_200),
        Finalize(0),
        Finalize(0),
        Warp(30),
        Execute(0),
        Execute(0), // 21: refused, past the rails
        Warp(3_600),
        Execute(0),
    ]);
    history
}

#[test]
fn the_outflow_rails_agree_with_the_model() {
    play(
        World::new(),
        &rails(),
        |i, _| i == 21,
        |m| {
            assert_eq!(m.rules, RULES[1]);
            assert_eq!(m.treasury_lamports, TREASURY_START - 3_000_000_000);
            assert_eq!(m.sol_outflow.level, 1_500_000_000, "the first drained away");
        },
    );
}

/// Issue 23, class 8: one frozen asset never blocks the others. The basket token is listed
/// by the supermajority; its issuer freezes the treasury's account of it: an exit that does
/// not forgo it is refused by name, one that does is paid in SOL; thawed, an exit pays both.
fn a_frozen_basket_token() -> Vec<Step> {
    use Step::*;
    let grant = |to: usize| Action::MintContribution {
        to,
        amount: 100,
        vesting: 0,
    };
    let mut history = enacted(0, grant(1)); // 0..=7
    history.extend(enacted(0, grant(2))); // 8..=15
    history.extend(enacted(0, Action::SetBasket(true))); // 16..=23
    history.extend([
        Freeze(true),
        Exit {
            actor: 1,
            amount: 10,
            skip: false,
        }, // 25: refused, the basket token is frozen
        Exit {
            actor: 1,
            amount: 10,
            skip: true,
        },
        Freeze(true), // 27: refused, frozen already
        Freeze(false),
        Exit {
            actor: 2,
            amount: 10,
            skip: false,
        },
    ]);
    history
}

#[test]
fn a_frozen_basket_token_agrees_with_the_model() {
    play(
        World::new(),
        &a_frozen_basket_token(),
        |i, _| [25, 27].contains(&i),
        |m| {
            assert_eq!(m.basket_tokens[1], 0, "forgone");
            assert_eq!(
                m.basket_tokens[2],
                BASKET_TOKENS / 19,
                "10 of 190 tokens left after the first exit"
            );
            assert_eq!(m.treasury_basket, BASKET_TOKENS - BASKET_TOKENS / 19);
        },
    );
}

/// Runs a scripted history in `world`: every step must be accepted but those `refused`
/// names (by index and step), the accounts agree with the model throughout (as in the
/// random histories), `check` looks at the model after the last step, and then every
/// proposal and record closes with its rent returned.
fn play(
    world: impl std::future::Future<Output = World>,
    history: &[Step],
    refused: impl Fn(usize, &Step) -> bool,
    check: impl FnOnce(&Model),
) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut world = world.await;
        let start = world.snapshot().await;
        world.check(&start).unwrap_or_else(|e| panic!("{e}"));
        for (i, step) in history.iter().enumerate() {
            let accepted = world.step(i, step).await.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(accepted, !refused(i, step), "step {i} {step:?}");
        }
        check(&world.model);
        world
            .close_everything()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    });
}
