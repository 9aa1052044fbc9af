//! `execute_society_action`: carries out proposals that change only the society itself:
//! `Signal`, `UpdateGovernance`, `AmendConstitution` and `SetSteward`.

use anchor_lang::prelude::*;

use crate::events::{emit_event, ConstitutionAmended, GovernanceUpdated, StewardChanged};
// The derive of a composite field needs the generated companions of `ExecuteCommon` in scope.
use crate::instructions::execute::{
    __client_accounts_execute_common, __cpi_client_accounts_execute_common, ExecuteCommon,
    ExecuteCommonBumps,
};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{ActionKind, ProposalAction};

/// Accounts of `execute_society_action`.
#[derive(Accounts)]
pub struct ExecuteSocietyAction<'info> {
    /// Executor, society, proposal.
    pub common: ExecuteCommon<'info>,
}

impl ExecuteSocietyAction<'_> {
    /// A passed proposal of one of these four kinds.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.common.require_executable(&[
            ActionKind::Signal,
            ActionKind::UpdateGovernance,
            ActionKind::AmendConstitution,
            ActionKind::SetSteward,
        ])
    }

    /// Applies the change.
    pub fn execute_society_action(ctx: Context<Self>) -> Result<()> {
        let common = &mut ctx.accounts.common;
        let society_key = common.society.key();
        let proposal = common.proposal.key();
        let society = &mut common.society;
        match common.proposal.action.clone() {
            ProposalAction::UpdateGovernance { params } => {
                let old = society.governance;
                society.governance = params;
                let seq = society.next_seq()?;
                emit_event(GovernanceUpdated {
                    society: society_key,
                    seq,
                    proposal,
                    old,
                    new: params,
                });
            }
            ProposalAction::AmendConstitution { uri, hash } => {
                let old_uri = std::mem::replace(&mut society.constitution_uri, uri.clone());
                society.constitution_hash = hash;
                let seq = society.next_seq()?;
                emit_event(ConstitutionAmended {
                    society: society_key,
                    seq,
                    proposal,
                    old_uri,
                    new_uri: uri,
                    new_hash: hash,
                });
            }
            ProposalAction::SetSteward { steward } => {
                let old = std::mem::replace(&mut society.steward, steward);
                let seq = society.next_seq()?;
                emit_event(StewardChanged {
                    society: society_key,
                    seq,
                    proposal,
                    old,
                    new: steward,
                });
            }
            // A signal changes nothing but the record that it passed and was executed.
            _ => {}
        }
        common.finish()
    }
}
