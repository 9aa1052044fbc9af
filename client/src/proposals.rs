//! A proposal's life in three calls: [`NetstateClient::propose`] (which picks the next
//! index itself, and tries the next one when another proposal took it first),
//! [`NetstateClient::finalize`] and [`NetstateClient::execute`], each reading what its
//! instruction needs (the mint's token program, the contribution mint, a hub's country).

use anchor_lang::prelude::Pubkey;
use solana_signature::Signature;
use solana_signer::Signer;

use netstate::state::{Proposal, ProposalStatus};

use crate::{ClientError, CreateProposalArgs, NetstateClient, ProposalAction, instructions, pda};

/// How many times [`NetstateClient::propose`] tries a fresh index when others keep taking
/// the one it read.
pub const PROPOSE_ATTEMPTS: usize = 3;

/// A proposal made by [`NetstateClient::propose`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposed {
    /// Its number in the society.
    pub index: u64,
    /// Its address.
    pub address: Pubkey,
    /// The transaction that made it.
    pub signature: Signature,
}

impl NetstateClient {
    /// `proposer` (a citizen, who pays) proposes `args` in `society`, at the society's next
    /// proposal number: read from the chain, and read again if another proposal took it
    /// between the read and the landing (at most [`PROPOSE_ATTEMPTS`] times).
    pub async fn propose(
        &self,
        proposer: &(impl Signer + ?Sized),
        society: &Pubkey,
        args: CreateProposalArgs,
    ) -> Result<Proposed, ClientError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let s: crate::Society = self.account(society).await?;
            let token_program = match args.action.treasury_mint() {
                Some(mint) => self.rpc().get_account(&mint).await?.owner,
                None => anchor_spl::token::ID,
            };
            let index = s.proposal_count;
            let create = instructions::create_proposal_for_token(
                &self.program_id,
                &proposer.pubkey(),
                society,
                index,
                args.clone(),
                &token_program,
                s.contribution_mint,
            );
            match self.send(&[create], proposer, &[]).await {
                Ok(signature) => {
                    return Ok(Proposed {
                        index,
                        address: pda::proposal(&self.program_id, society, index).0,
                        signature,
                    });
                }
                // Another proposal took the number: the address no longer matches it.
                Err(e)
                    if attempt < PROPOSE_ATTEMPTS
                        && e.program_error_name() == Some("ConstraintSeeds") => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Finalizes the proposal at `address` once its vote is decided (anyone may; `payer`
    /// pays the fee).
    pub async fn finalize(
        &self,
        payer: &(impl Signer + ?Sized),
        address: &Pubkey,
    ) -> Result<Signature, ClientError> {
        let p: crate::Proposal = self.account(address).await?;
        let finalize = match &p.action {
            ProposalAction::TransferToken { mint, .. } => {
                let token_program = self.rpc().get_account(mint).await?.owner;
                instructions::finalize_token_proposal(
                    &self.program_id,
                    &p.society,
                    address,
                    &p.proposer,
                    mint,
                    &token_program,
                )
            }
            _ => {
                instructions::finalize_proposal(&self.program_id, &p.society, address, &p.proposer)
            }
        };
        self.send(&[finalize], payer, &[]).await
    }

    /// Executes the passed proposal at `address` once its timelock is over (anyone may;
    /// `executor` pays the fee and any account the action creates).
    pub async fn execute(
        &self,
        executor: &(impl Signer + ?Sized),
        address: &Pubkey,
    ) -> Result<Signature, ClientError> {
        let p: crate::Proposal = self.account(address).await?;
        let with = self.execute_context(&p).await?;
        let execute = instructions::execute_proposal(
            &self.program_id,
            &executor.pubkey(),
            address,
            &p,
            &with,
        )?;
        self.send(&[execute], executor, &[]).await
    }
}

/// Where a proposal stands, expiry included; serialized as its stable camelCase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ProposalState {
    /// Open for votes.
    Voting,
    /// Passed: executable once its timelock ends, until its deadline.
    Passed,
    /// Did not reach quorum or approval.
    Defeated,
    /// Executed.
    Executed,
    /// Withdrawn by its proposer.
    Cancelled,
    /// Passed but not executed before its deadline.
    Expired,
    /// Passed, then vetoed by objections during its timelock.
    Vetoed,
    /// Passed the vote, but what it pays could not be set aside beside what passed
    /// payments reserved: it never executes.
    Unfunded,
}

impl ProposalState {
    /// Where `p` stands at unix time `now`.
    pub fn of(p: &Proposal, now: i64) -> Self {
        if p.is_expired(now) {
            return ProposalState::Expired;
        }
        match p.status {
            ProposalStatus::Voting => ProposalState::Voting,
            ProposalStatus::Passed => ProposalState::Passed,
            ProposalStatus::Defeated => ProposalState::Defeated,
            ProposalStatus::Executed => ProposalState::Executed,
            ProposalStatus::Cancelled => ProposalState::Cancelled,
            ProposalStatus::Vetoed => ProposalState::Vetoed,
            ProposalStatus::Unfunded => ProposalState::Unfunded,
        }
    }

    /// A stable lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            ProposalState::Voting => "voting",
            ProposalState::Passed => "passed",
            ProposalState::Defeated => "defeated",
            ProposalState::Executed => "executed",
            ProposalState::Cancelled => "cancelled",
            ProposalState::Expired => "expired",
            ProposalState::Vetoed => "vetoed",
            ProposalState::Unfunded => "unfunded",
        }
    }
}

impl std::fmt::Display for ProposalState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
