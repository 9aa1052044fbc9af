//! `create_proposal`: a citizen puts one action to the society's vote.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ProposalCreated};
use crate::shared::pda_account::{create_pda_account, store};
use crate::state::actions::{validate_action, ActionAccounts};
use crate::state::{ExitBasket, Member, Proposal, ProposalAction, ProposalStatus, Society, Tally};

/// Arguments of `create_proposal`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateProposalArgs {
    /// Title (1..=64 bytes of printable UTF-8).
    pub title: String,
    /// Where the full text lives (0..=128 printable bytes).
    pub description_uri: String,
    /// SHA-256 of the full text.
    pub description_hash: [u8; 32],
    /// What the proposal does when executed.
    pub action: ProposalAction,
}

/// Accounts of `create_proposal`.
#[derive(Accounts)]
pub struct CreateProposal<'info> {
    /// The proposing citizen; pays the proposal's rent (returned when it is closed).
    #[account(mut)]
    pub proposer: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The proposer's membership (takes one open-proposal slot).
    #[account(
        mut,
        seeds = [MEMBER_SEED, society.key().as_ref(), proposer.key().as_ref()],
        bump = proposer_member.bump,
        has_one = society @ NetstateError::MemberNotInSociety,
        constraint = proposer_member.wallet == proposer.key() @ NetstateError::NotMemberWallet,
    )]
    pub proposer_member: Box<Account<'info, Member>>,

    /// CHECK: the new Proposal at `["proposal", society, society.proposal_count]` (seeds
    /// checked here); created by the handler.
    #[account(
        mut,
        seeds = [PROPOSAL_SEED, society.key().as_ref(), &society.proposal_count.to_le_bytes()],
        bump,
    )]
    pub proposal: UncheckedAccount<'info>,

    /// The account the action is about, read-only: the member (`AdmitMember`,
    /// `ExpelMember`, and the new steward of `SetSteward`), the node PDA (`RegisterNode`,
    /// `RetireNode`) or the mint (`TransferToken`). None otherwise.
    /// CHECK: checked against the action in `validate_action`.
    pub subject: Option<UncheckedAccount<'info>>,

    /// The account a payment goes to (`TransferSol`, `TransferToken`, `MintContribution`),
    /// read-only: not the treasury, not a netstate account, able to hold what it is sent.
    /// None otherwise.
    /// CHECK: checked against the action in `validate_action`.
    pub recipient: Option<UncheckedAccount<'info>>,

    /// The society's exit basket: what passed payments set aside, and the mints it lists.
    #[account(
        seeds = [EXIT_BASKET_SEED, society.key().as_ref()],
        bump = exit_basket.bump,
    )]
    pub exit_basket: Box<Account<'info, ExitBasket>>,

    /// The society's treasury, read to judge whether a payment is large.
    #[account(seeds = [TREASURY_SEED, society.key().as_ref()], bump = society.treasury_bump)]
    pub treasury: SystemAccount<'info>,

    /// For `TransferToken` and a token `SetNodeBudget`, the treasury's associated token
    /// account of the mint, read to judge whether the payment (or allowance) is large; when
    /// absent the treasury holds none of it, and any amount is large.
    /// CHECK: its address is checked against the mint in `treasury_token_balance`.
    pub treasury_vault: Option<UncheckedAccount<'info>>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl CreateProposal<'_> {
    /// A citizen within the open-proposal cap, with valid text and a valid action.
    /// A `SetExitBasket` takes its listed mints as remaining accounts, in slot order; a
    /// token `SetNodeBudget` its mint.
    pub fn validate(&self, args: &CreateProposalArgs, remaining: &[AccountInfo]) -> Result<()> {
        require!(
            self.proposer_member.is_citizen(),
            NetstateError::NotACitizen
        );
        require!(
            self.proposer_member.open_proposals
                < self.society.governance.max_open_proposals_per_citizen,
            NetstateError::TooManyOpenProposals
        );
        Proposal::validate_title(&args.title)?;
        Proposal::validate_description_uri(&args.description_uri)?;
        validate_action(
            &args.action,
            &ActionAccounts {
                society: &self.society,
                society_key: self.society.key(),
                exit_basket: &self.exit_basket,
                subject: self.subject.as_ref().map(|s| s.as_ref()),
                recipient: self.recipient.as_ref().map(|r| r.as_ref()),
                mints: remaining,
            },
        )
    }

    /// Whether the action is a payment above `large_transfer_bps` of what the treasury holds
    /// of the asset and has not set aside for passed payments (SOL above the rent reserve,
    /// or the mint's vault), or a mint of contribution tokens that hands over more than that
    /// share of what exits pay: judged by the supermajority then. Judging against what is not
    /// reserved means a payment split in parts does not slip under the line once the first
    /// parts passed.
    fn large_payment(&self, action: &ProposalAction, remaining: &[AccountInfo]) -> Result<bool> {
        let params = &self.society.governance;
        let exit = &self.exit_basket;
        let unreserved_lamports = || -> Result<u64> {
            Ok(
                crate::instructions::treasury::spendable_lamports(&self.treasury)?
                    .saturating_sub(exit.reserved_lamports),
            )
        };
        let unreserved_tokens = |mint: &Pubkey, held: u64| {
            exit.slot(mint)
                .map_or(held, |i| held.saturating_sub(exit.reserved_tokens[i]))
        };
        let (amount, balance) = match action {
            ProposalAction::TransferSol { amount, .. } => (*amount, unreserved_lamports()?),
            ProposalAction::TransferToken { mint, amount, .. } => {
                let program = self
                    .subject
                    .as_ref()
                    .map(|s| *s.owner)
                    .ok_or(NetstateError::MissingSubject)?;
                let held = self.treasury_token_balance(mint, &program)?;
                (*amount, unreserved_tokens(mint, held))
            }
            // A hub budget is judged by one period's allowance.
            ProposalAction::SetNodeBudget { terms, .. } => match terms.mint {
                None => (terms.allowance, unreserved_lamports()?),
                Some(mint) => {
                    let program = remaining
                        .first()
                        .map(|m| *m.owner)
                        .ok_or(NetstateError::MissingSubject)?;
                    let held = self.treasury_token_balance(&mint, &program)?;
                    (terms.allowance, unreserved_tokens(&mint, held))
                }
            },
            // New contribution tokens move a share of everything an exit pays: minting
            // `amount` to a supply of `supply` hands over amount / (supply + amount) of it.
            ProposalAction::MintContribution { amount, .. } => {
                let mint = self.subject.as_ref().ok_or(NetstateError::MissingSubject)?;
                let data = mint.try_borrow_data()?;
                let supply = anchor_spl::token_interface::Mint::try_deserialize(&mut &data[..])
                    .map_err(|_| NetstateError::InvalidMint)?
                    .supply;
                (*amount, supply.saturating_add(*amount))
            }
            _ => return Ok(false),
        };
        Ok(u128::from(amount) * u128::from(BPS_DENOMINATOR)
            > u128::from(params.large_transfer_bps) * u128::from(balance))
    }

    /// What the treasury's associated token account of `mint` (under token `program`)
    /// holds: 0 when `treasury_vault` is absent or not created.
    fn treasury_token_balance(&self, mint: &Pubkey, program: &Pubkey) -> Result<u64> {
        let Some(vault) = &self.treasury_vault else {
            return Ok(0);
        };
        require_keys_eq!(
            vault.key(),
            anchor_spl::associated_token::get_associated_token_address_with_program_id(
                &self.treasury.key(),
                mint,
                program,
            ),
            NetstateError::TreasuryVaultMismatch
        );
        if vault.data_is_empty() {
            return Ok(0);
        }
        require_keys_eq!(*vault.owner, *program, NetstateError::TreasuryVaultMismatch);
        let data = vault.try_borrow_data()?;
        Ok(
            anchor_spl::token_interface::TokenAccount::try_deserialize(&mut &data[..])
                .map_err(|_| NetstateError::TreasuryVaultMismatch)?
                .amount,
        )
    }

    /// Creates the proposal and opens the vote.
    pub fn create_proposal(ctx: Context<Self>, args: CreateProposalArgs) -> Result<()> {
        let clock = Clock::get()?;
        let accounts = ctx.accounts;
        // In a society that admits by presence, a door key vouches for the days that make
        // citizens: choosing one (a new hub, a new key) is as grave as admitting, and is
        // judged by the supermajority, so a bare majority cannot name a key it holds and
        // mint itself citizens by tickets.
        let door_of_citizens = matches!(
            accounts.society.admission,
            crate::state::AdmissionPolicy::Presence { .. }
        ) && matches!(
            args.action,
            ProposalAction::RegisterNode { .. } | ProposalAction::SetNodeOperator { .. }
        );
        let large =
            accounts.large_payment(&args.action, ctx.remaining_accounts)? || door_of_citizens;
        let society_key = accounts.society.key();
        let proposal_key = accounts.proposal.key();
        let bump = ctx.bumps.proposal;
        let society = &mut accounts.society;
        let index = society.next_proposal_index()?;
        create_pda_account(
            &accounts.proposer,
            &accounts.proposal,
            &accounts.system_program,
            8 + Proposal::INIT_SPACE,
            &[
                PROPOSAL_SEED,
                society_key.as_ref(),
                &index.to_le_bytes(),
                &[bump],
            ],
        )?;
        let member = &mut accounts.proposer_member;
        member.open_proposal()?;
        let seq = society.next_seq()?;
        let voting_ends_at = clock
            .unix_timestamp
            .checked_add(i64::from(
                args.action.voting_period_secs(&society.governance),
            ))
            .ok_or(NetstateError::CounterOverflow)?;

        let mut proposal = Proposal {
            version: ACCOUNT_VERSION,
            bump,
            society: society_key,
            index,
            proposer: member.wallet,
            proposer_applied_seq: member.applied_seq,
            title: args.title,
            description_uri: args.description_uri,
            description_hash: args.description_hash,
            action: args.action,
            status: ProposalStatus::Voting,
            tally: Tally::default(),
            eligible_count: society.citizen_count,
            open_vote_records: 0,
            quorum_bps: 0,
            approval_bps: 0,
            execution_delay_secs: 0,
            execution_window_secs: 0,
            created_seq: seq,
            created_slot: clock.slot,
            created_at: clock.unix_timestamp,
            voting_ends_at,
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
        };
        proposal.snapshot_params(&society.governance, large);
        store(&accounts.proposal, &proposal)?;
        society.invariant()?;
        emit_event(ProposalCreated {
            society: society_key,
            seq,
            proposal: proposal_key,
            index,
            proposer: proposal.proposer,
            title: proposal.title,
            action: proposal.action,
            eligible_count: proposal.eligible_count,
            voting_ends_at,
        });
        Ok(())
    }
}
