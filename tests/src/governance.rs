//! Governance steps for tests: propose, vote, finalize, execute, with the defaults a test
//! rarely needs to spell out.

use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey};
use netstate_client::{
    CreateProposalArgs, Node, Proposal, ProposalAction, Society, VoteChoice, instructions as ix,
    pda,
};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::{Fixture, Outcome, scenario::TestSociety};

/// Default voting period (3 days).
pub const VOTING: i64 = 3 * 86_400;
/// Default timelock (1 day).
pub const DELAY: i64 = 86_400;
/// Default execution window (7 days).
pub const WINDOW: i64 = 7 * 86_400;

/// A passed Proposal value (not an account) carrying `action`: what an execute instruction
/// is built from when no account exists to read it from (a proposal not created yet, or
/// the largest one possible). Only `society`, `index`, `proposer` and `action` matter.
pub fn passed_proposal(
    society: Pubkey,
    index: u64,
    proposer: Pubkey,
    action: ProposalAction,
) -> Proposal {
    Proposal {
        version: netstate::constants::ACCOUNT_VERSION,
        bump: 0,
        society,
        index,
        proposer,
        proposer_applied_seq: 0,
        title: String::new(),
        description_uri: String::new(),
        description_hash: [0; 32],
        action,
        status: netstate_client::ProposalStatus::Passed,
        tally: Default::default(),
        eligible_count: 1,
        open_vote_records: 0,
        quorum_bps: 0,
        approval_bps: 0,
        execution_delay_secs: 0,
        execution_window_secs: 0,
        created_seq: 0,
        created_slot: 0,
        created_at: 0,
        voting_ends_at: 0,
        finalized_at: 0,
        executable_at: 0,
        execution_deadline: 0,
        executed_at: 0,
        response_uri: String::new(),
        response_hash: [0; 32],
        responded_at: 0,
        objections: 0,
        open_objections: 0,
        veto_bps: 0,
    }
}

/// Proposal arguments for `action` with a title and no description.
pub fn proposal_args(action: ProposalAction) -> CreateProposalArgs {
    CreateProposalArgs {
        title: "A proposal".into(),
        description_uri: "ipfs://QmDescription".into(),
        description_hash: [3; 32],
        action,
    }
}

impl TestSociety {
    /// The `create_proposal` instruction for the society's next index.
    pub async fn propose_ix(
        &self,
        fx: &mut Fixture,
        proposer: &Pubkey,
        action: ProposalAction,
    ) -> (Instruction, Pubkey) {
        let society: Society = fx.account(&self.address).await;
        let index = society.proposal_count;
        // A token payment names the treasury's account under its mint's program.
        let token_program = match action.treasury_mint() {
            Some(mint) => match fx.raw_account(&mint).await {
                Some(account) => account.owner,
                None => crate::tokens::TOKEN,
            },
            None => crate::tokens::TOKEN,
        };
        let ix = ix::create_proposal_for_token(
            &self.program_id,
            proposer,
            &self.address,
            index,
            proposal_args(action),
            &token_program,
            society.contribution_mint,
        );
        (
            ix,
            netstate_client::pda::proposal(&self.program_id, &self.address, index).0,
        )
    }

    /// `proposer` proposes `action`; returns the Proposal PDA.
    pub async fn propose(
        &self,
        fx: &mut Fixture,
        proposer: &Keypair,
        action: ProposalAction,
    ) -> Pubkey {
        let (ix, address) = self.propose_ix(fx, &proposer.pubkey(), action).await;
        fx.send_ok(&[ix], &[proposer]).await;
        address
    }

    /// `proposer` proposes `action` and is refused with `error`; no proposal is created.
    pub async fn propose_refused(
        &self,
        fx: &mut Fixture,
        proposer: &Keypair,
        action: ProposalAction,
        error: impl crate::ExpectedError,
    ) {
        let (ix, address) = self.propose_ix(fx, &proposer.pubkey(), action).await;
        fx.send_err(&[ix], &[proposer], error).await;
        assert!(fx.raw_account(&address).await.is_none());
    }

    /// `voter` votes `choice`.
    pub async fn vote(
        &self,
        fx: &mut Fixture,
        voter: &Keypair,
        proposal: &Pubkey,
        choice: VoteChoice,
    ) -> Outcome {
        fx.send_ok(
            &[ix::cast_vote(
                &self.program_id,
                &voter.pubkey(),
                &self.address,
                proposal,
                choice,
            )],
            &[voter],
        )
        .await
    }

    /// The `finalize_proposal` instruction.
    pub async fn finalize_ix(&self, fx: &mut Fixture, proposal: &Pubkey) -> Instruction {
        let p: Proposal = fx.account(proposal).await;
        match &p.action {
            netstate_client::ProposalAction::TransferToken { mint, .. } => {
                let token_program = fx
                    .raw_account(mint)
                    .await
                    .map_or(crate::tokens::TOKEN, |a| a.owner);
                ix::finalize_token_proposal(
                    &self.program_id,
                    &self.address,
                    proposal,
                    &p.proposer,
                    mint,
                    &token_program,
                )
            }
            _ => ix::finalize_proposal(&self.program_id, &self.address, proposal, &p.proposer),
        }
    }

    /// Finalizes (must succeed).
    pub async fn finalize(&self, fx: &mut Fixture, proposal: &Pubkey) -> Outcome {
        let ix = self.finalize_ix(fx, proposal).await;
        fx.send_ok(&[ix], &[]).await
    }

    /// The execute instruction for `proposal`, sent by the fixture's payer. Token actions
    /// use `token_program`.
    pub async fn execute_ix_with(
        &self,
        fx: &mut Fixture,
        proposal: &Pubkey,
        token_program: &Pubkey,
    ) -> Instruction {
        let p: Proposal = fx.account(proposal).await;
        let society: Society = fx.account(&self.address).await;
        let executor = fx.payer().pubkey();
        let node_country = match &p.action {
            ProposalAction::RetireNode { code } => {
                let node: Node = fx
                    .account(&pda::node(&self.program_id, &self.address, code).0)
                    .await;
                Some(node.country)
            }
            _ => None,
        };
        ix::execute_proposal(
            &self.program_id,
            &executor,
            proposal,
            &p,
            &ix::ExecuteContext {
                token_program: *token_program,
                contribution_mint: society.contribution_mint,
                node_country,
            },
        )
        .expect("the execute context is complete")
    }

    /// The execute instruction for `proposal` (SPL Token for token actions).
    pub async fn execute_ix(&self, fx: &mut Fixture, proposal: &Pubkey) -> Instruction {
        self.execute_ix_with(fx, proposal, &crate::tokens::TOKEN)
            .await
    }

    /// Everyone in `yes` votes yes, the vote ends, it is finalized and the timelock runs
    /// out: the proposal is ready to execute.
    pub async fn pass(&self, fx: &mut Fixture, proposal: &Pubkey, yes: &[&Keypair]) {
        for voter in yes {
            self.vote(fx, voter, proposal, VoteChoice::Yes).await;
        }
        fx.warp_seconds(VOTING).await;
        self.finalize(fx, proposal).await;
        fx.warp_seconds(DELAY).await;
    }

    /// Proposes `action` by `proposer`, passes it with `yes`, and executes it.
    pub async fn enact(
        &self,
        fx: &mut Fixture,
        proposer: &Keypair,
        yes: &[&Keypair],
        action: ProposalAction,
    ) -> (Pubkey, Outcome) {
        let proposal = self.propose(fx, proposer, action).await;
        self.pass(fx, &proposal, yes).await;
        let ix = self.execute_ix(fx, &proposal).await;
        let out = fx.send_ok(&[ix], &[]).await;
        (proposal, out)
    }

    /// A society of `name` (open policy) with the founder and `n` more citizens.
    pub async fn with_citizens(fx: &mut Fixture, name: &str, n: usize) -> (Self, Vec<Keypair>) {
        Self::with_citizens_under(fx, name, n, netstate_client::GovernanceParams::default()).await
    }

    /// [`Self::with_citizens`] under `governance`.
    pub async fn with_citizens_under(
        fx: &mut Fixture,
        name: &str,
        n: usize,
        governance: netstate_client::GovernanceParams,
    ) -> (Self, Vec<Keypair>) {
        let s =
            Self::create_under(fx, name, netstate_client::AdmissionPolicy::Open, governance).await;
        let mut citizens = Vec::with_capacity(n);
        for i in 0..n {
            citizens.push(s.citizen(fx, &format!("citizen{i}")).await);
        }
        (s, citizens)
    }
}
