//! `respond_to_proposal`: the member an expulsion names attaches their answer (a URI and the
//! SHA-256 of its text) while the vote is open, so the citizens hear both sides.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ResponseFiled};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Proposal, Society};

/// Arguments of `respond_to_proposal`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct RespondArgs {
    /// Where the answer lives (1..=128 printable ASCII bytes).
    pub uri: String,
    /// SHA-256 of the answer's text.
    pub hash: [u8; 32],
}

/// Accounts of `respond_to_proposal`.
#[derive(Accounts)]
pub struct RespondToProposal<'info> {
    /// The wallet the expulsion names (member, or member no longer: the right to answer
    /// does not depend on the account).
    pub wallet: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The expulsion answered.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
    )]
    pub proposal: Box<Account<'info, Proposal>>,
}

impl RespondToProposal<'_> {
    /// Nothing beyond the constraints; who may answer, and when, is checked by
    /// `Proposal::respond`.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)
    }

    /// Attaches (or replaces) the answer.
    pub fn respond_to_proposal(ctx: Context<Self>, args: RespondArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let wallet = accounts.wallet.key();
        accounts
            .proposal
            .respond(&wallet, args.uri, args.hash, now)?;
        let seq = accounts.society.next_seq()?;
        emit_event(ResponseFiled {
            society: accounts.society.key(),
            seq,
            proposal: accounts.proposal.key(),
            wallet,
            uri: accounts.proposal.response_uri.clone(),
            hash: accounts.proposal.response_hash,
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
