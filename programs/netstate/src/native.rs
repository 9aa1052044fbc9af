//! Running the program natively (tests, the local node), never compiled for SBF.
//!
//! On SBF, Anchor's entrypoint writes two kinds of log line with `msg!`: the instruction's
//! name (`Program log: Instruction: CreateSociety`) and, when the instruction fails, its error
//! report (`Program log: AnchorError occurred. Error Code: …`). Run natively, `msg!` prints
//! to the host's standard output instead of the transaction's log. So the native entry below
//! writes the same lines through the runtime's syscall stubs (which append to the
//! transaction's log), and the crates that run the program natively turn Anchor's own copy
//! of the name line off with the `no-log-ix-name` feature.

use anchor_lang::error::{ComparedValues, Error, ErrorOrigin};
use anchor_lang::solana_program::{
    account_info::AccountInfo, entrypoint::ProgramResult, pubkey::Pubkey,
};
use anchor_lang::Discriminator;

/// Writes `line` to the transaction's log as `Program log: <line>`, as `msg!` does on SBF.
pub fn log(line: &str) {
    anchor_lang::compat::solana_sysvar::program_stubs::sol_log(line);
}

/// Anchor's `entry` with the signature of a native builtin processor
/// (`solana-program-test`'s `processor!`, LiteSVM's `add_builtin`), logging as the SBF
/// build does. `entry` ties the program id, the accounts and the data to one lifetime; the
/// runtime hands out independent ones, all of which outlive the call, so narrowing them to
/// the slice's lifetime is sound.
pub fn process_instruction(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    data: &[u8],
) -> ProgramResult {
    // SAFETY: only lifetimes change; every borrow lives for the whole call.
    let accounts: &[AccountInfo<'_>] = unsafe { std::mem::transmute(accounts) };
    // Anchor names the instruction only once the program id matched and the discriminator
    // selected a handler.
    if *program_id == crate::ID {
        if let Some(name) = instruction_name(data) {
            log(&format!("Instruction: {name}"));
        }
    }
    crate::try_entry(program_id, accounts, data).map_err(|error| {
        for line in error_report(&error) {
            log(&line);
        }
        error.into()
    })
}

/// The lines Anchor's `Error::log` writes for `error`, in its words: the report, then the
/// compared values (a public key is logged alone on its line, as `sol_log_pubkey` does).
pub fn error_report(error: &Error) -> Vec<String> {
    let (kind, code, number, message, origin, compared) = match error {
        Error::AnchorError(e) => (
            "AnchorError",
            e.error_name.clone(),
            u64::from(e.error_code_number),
            e.error_msg.clone(),
            &e.error_origin,
            &e.compared_values,
        ),
        Error::ProgramError(e) => (
            "ProgramError",
            format!("{:?}", e.program_error),
            u64::from(e.program_error.clone()),
            e.program_error.to_string(),
            &e.error_origin,
            &e.compared_values,
        ),
    };
    let tail = format!("Error Code: {code}. Error Number: {number}. Error Message: {message}.");
    let mut lines = vec![match origin {
        None => format!("{kind} occurred. {tail}"),
        Some(ErrorOrigin::Source(source)) => {
            format!(
                "{kind} thrown in {}:{}. {tail}",
                source.filename, source.line
            )
        }
        Some(ErrorOrigin::AccountName(account)) => {
            format!("{kind} caused by account: {account}. {tail}")
        }
    }];
    match compared {
        Some(ComparedValues::Pubkeys((left, right))) => {
            lines.extend(["Left:".into(), left.to_string()]);
            lines.extend(["Right:".into(), right.to_string()]);
        }
        Some(ComparedValues::Values((left, right))) => {
            lines.push(format!("Left: {left}"));
            lines.push(format!("Right: {right}"));
        }
        None => {}
    }
    lines
}

/// Names each instruction's discriminator as Anchor's log line does.
macro_rules! instruction_names {
    ($($name:ident),* $(,)?) => {
        /// Every instruction of the program: its discriminator and the name Anchor logs.
        pub const INSTRUCTIONS: &[(&[u8], &str)] = &[
            $((crate::instruction::$name::DISCRIMINATOR, stringify!($name)),)*
        ];
    };
}

instruction_names!(
    AdmitMember,
    Apply,
    ApplyByTreaty,
    CancelProposal,
    CastVote,
    CheckIn,
    ClaimCitizenship,
    CloseCensusEpoch,
    CloseObjection,
    CloseProposal,
    CloseSponsorship,
    CloseVote,
    CreateContributionMint,
    CreateProposal,
    CreateSociety,
    DepositSol,
    DepositToken,
    ExecuteMemberAction,
    ExecuteMintContribution,
    ExecuteNodeBudget,
    ExecuteRegisterNode,
    ExecuteRetireNode,
    ExecuteSetNodeOperator,
    ExecuteSocietyAction,
    ExecuteTransferSol,
    ExecuteTransferToken,
    ExecuteTreatyAction,
    ExitWithShare,
    FinalizeProposal,
    Leave,
    MarkLapsed,
    ObjectToProposal,
    PayDues,
    PayDuesToken,
    ProveResidency,
    RedeemTicket,
    RegisterNode,
    ReleaseGrant,
    RenounceSteward,
    RespondToProposal,
    RetireNode,
    SetDues,
    SetNodeOperator,
    SettleNodeBudget,
    SettleNodeBudgetToken,
    SpendNodeBudget,
    SpendNodeBudgetToken,
    Sponsor,
    UpgradeAccount,
    Visit,
);

/// The name Anchor logs for the instruction `data` selects, if it selects one.
pub fn instruction_name(data: &[u8]) -> Option<&'static str> {
    INSTRUCTIONS
        .iter()
        .find(|(discriminator, _)| data.starts_with(discriminator))
        .map(|(_, name)| *name)
}
