//! `upgrade_account` (anyone): rewrites a society's account from an earlier layout into the
//! current one, reallocating it; whoever calls it pays the rent of the growth. Every field
//! is kept (`crate::state::layouts` says how each layout becomes the next).

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, AccountUpgraded};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::store;
use crate::state::layouts::{upgrade, Upgraded};
use crate::state::{Node, Society};

/// Accounts of `upgrade_account`.
#[derive(Accounts)]
pub struct UpgradeAccount<'info> {
    /// Pays the rent the account's growth needs.
    #[account(mut)]
    pub payer: Signer<'info>,

    /// The society the account belongs to.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// CHECK: a netstate account in an earlier layout: its owner is checked here, its
    /// discriminator and version by `layouts::upgrade`, its society in the handler.
    #[account(mut, owner = crate::ID)]
    pub account: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl UpgradeAccount<'_> {
    /// Nothing beyond the declared accounts.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)
    }

    /// Reads the account in its layout, grows it to the current size (the payer topping up
    /// its rent) and writes it in the current layout.
    pub fn upgrade_account(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let account = accounts.account.to_account_info();
        let (from_version, upgraded) = {
            let data = account.try_borrow_data()?;
            (data.get(8).copied().unwrap_or_default(), upgrade(&data)?)
        };
        let size = match &upgraded {
            Upgraded::Node(node) => {
                require_keys_eq!(
                    node.society,
                    accounts.society.key(),
                    NetstateError::NodeNotInSociety
                );
                8 + Node::INIT_SPACE
            }
        };
        let required = Rent::get()?.minimum_balance(size);
        let rent_paid = required.saturating_sub(account.lamports());
        if rent_paid > 0 {
            system_program::transfer(
                CpiContext::new(
                    accounts.system_program.key(),
                    Transfer {
                        from: accounts.payer.to_account_info(),
                        to: account.clone(),
                    },
                ),
                rent_paid,
            )?;
        }
        account.resize(size)?;
        match &upgraded {
            Upgraded::Node(node) => store(&account, node.as_ref())?,
        }
        let seq = accounts.society.next_seq()?;
        emit_event(AccountUpgraded {
            society: accounts.society.key(),
            seq,
            account: account.key(),
            from_version,
            to_version: upgraded.version(),
            size: u32::try_from(size).map_err(|_| NetstateError::CounterOverflow)?,
            rent_paid,
        });
        accounts.society.invariant()
    }
}
