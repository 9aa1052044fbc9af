//! netstate's values in words, shared by every tool that shows them (the CLI, the door, the
//! dashboard): dates, durations, admission policies, governance, proposal actions and where
//! a proposal stands. Behind the crate's `describe` feature: an embedder that shows its own
//! words leaves it off.

use netstate::state::{AdmissionPolicy, FastTrack, GovernanceParams, ProposalAction, TreatyTerms};

use crate::amounts::{sol, units};
use crate::calendar::civil_date;
use crate::proposals::ProposalState;

/// A UTC day number (days since 1970-01-01) as `YYYY-MM-DD`.
pub fn day(days: i64) -> String {
    let (y, m, d) = civil_date(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A unix time as `YYYY-MM-DD HH:MM UTC`; `-` for 0 ("not yet").
pub fn date(unix: i64) -> String {
    if unix == 0 {
        return "-".into();
    }
    let secs = unix.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02} UTC",
        day(unix.div_euclid(86_400)),
        secs / 3_600,
        secs % 3_600 / 60
    )
}

/// A duration in the largest unit that keeps it exact: `90 min`, `36 h`, `3 d`.
pub fn duration(secs: u64) -> String {
    match secs {
        0 => "0 s".into(),
        s if s % 86_400 == 0 => format!("{} d", s / 86_400),
        s if s % 3_600 == 0 => format!("{} h", s / 3_600),
        s if s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

/// An admission policy in words.
pub fn admission(policy: &AdmissionPolicy) -> String {
    match policy {
        AdmissionPolicy::Open => "open".into(),
        AdmissionPolicy::Vetted => "vetted (steward, later proposals)".into(),
        AdmissionPolicy::Sponsored {
            sponsors_required: 1,
        } => "sponsored by 1 citizen".into(),
        AdmissionPolicy::Sponsored { sponsors_required } => {
            format!("sponsored by {sponsors_required} citizens")
        }
        AdmissionPolicy::Presence { days_required: 1 } => {
            "by presence: 1 day at its hubs in the last 128 earns citizenship".into()
        }
        AdmissionPolicy::Presence { days_required } => format!(
            "by presence: {days_required} days at its hubs in the last 128 earn citizenship"
        ),
    }
}

/// Governance parameters in words.
pub fn governance(g: &GovernanceParams) -> String {
    format!(
        "quorum {}%, approval {}%, voting {}, timelock {}, window {}, {} open proposals per citizen; constitutional actions and payments above {}% of an asset need {}% with quorum {}%; at most {}% of each asset paid out per {}; objections by {}% during the timelock veto",
        units(u64::from(g.quorum_bps), 2),
        units(u64::from(g.approval_bps), 2),
        duration(u64::from(g.voting_period_secs)),
        duration(u64::from(g.execution_delay_secs)),
        duration(u64::from(g.execution_window_secs)),
        g.max_open_proposals_per_citizen,
        units(u64::from(g.large_transfer_bps), 2),
        units(u64::from(g.supermajority_bps), 2),
        units(u64::from(g.supermajority_quorum_bps), 2),
        units(u64::from(g.outflow_cap_bps), 2),
        duration(u64::from(g.outflow_window_secs)),
        units(u64::from(g.veto_bps), 2),
    )
}

/// What a proposal needs to pass, in words: "approval 66.66% with quorum 33.34%
/// (constitutional)".
pub fn thresholds(p: &netstate::state::Proposal) -> String {
    format!(
        "approval {}% with quorum {}%{}",
        units(u64::from(p.approval_bps), 2),
        units(u64::from(p.quorum_bps), 2),
        if p.action.is_constitutional() {
            " (constitutional)"
        } else {
            ""
        }
    )
}

/// A proposal's action in words; with the token's `decimals`, token amounts in its units
/// ("pay 2.25 of MINT"), else in base units.
pub fn action(action: &ProposalAction, decimals: Option<u8>) -> String {
    use ProposalAction as A;
    match action {
        A::Signal => "signal (no on-chain effect)".into(),
        A::TransferSol { recipient, amount } => format!("pay {} to {recipient}", sol(*amount)),
        A::TransferToken {
            mint,
            recipient,
            amount,
        } => match decimals {
            Some(d) => format!("pay {} of {mint} to {recipient}", units(*amount, d)),
            None => format!("pay {amount} base units of {mint} to {recipient}"),
        },
        A::MintContribution {
            recipient,
            amount,
            vesting_secs,
        } => {
            let what = match decimals {
                Some(d) => format!(
                    "mint {} contribution tokens to {recipient}",
                    units(*amount, d)
                ),
                None => {
                    format!("mint {amount} base units of the contribution token to {recipient}")
                }
            };
            if *vesting_secs == 0 {
                what
            } else {
                format!(
                    "{what}, vesting over {}",
                    duration(u64::from(*vesting_secs))
                )
            }
        }
        A::AdmitMember { wallet } => format!("admit {wallet}"),
        A::ExpelMember { wallet } => format!("expel {wallet}"),
        A::RegisterNode { spec } => format!("register hub {} ({})", spec.code, spec.name),
        A::RetireNode { code } => format!("retire hub {code}"),
        A::UpdateGovernance { params } => format!("set {}", governance(params)),
        A::AmendConstitution { uri, .. } => format!("amend the constitution to {uri}"),
        A::SetSteward { steward: Some(k) } => format!("appoint {k} steward"),
        A::SetSteward { steward: None } => "end stewardship".into(),
        A::SetNodeOperator {
            code,
            operator,
            revoke_previous,
        } => format!(
            "hand hub {code}'s door to {operator} ({})",
            if *revoke_previous {
                "the old key's tickets void at once"
            } else {
                "the old key's tickets still count for earlier days"
            }
        ),
        A::ProposeTreaty { partner, terms } => {
            format!("offer society {partner} a treaty: {}", treaty_terms(terms))
        }
        A::RatifyTreaty { partner, terms } => {
            format!("ratify society {partner}'s treaty: {}", treaty_terms(terms))
        }
        A::WithdrawTreaty { partner } => format!("withdraw from the treaty with society {partner}"),
        A::SetDues { dues: d } => format!("set the dues: {}", dues(d)),
        A::SetNodeBudget { code, terms } => {
            format!(
                "give hub {code} a budget of {}",
                budget_terms(terms, decimals)
            )
        }
        A::EndNodeBudget { code } => {
            format!("end hub {code}'s budget and return its vault to the treasury")
        }
        A::SetExitBasket { mints } => {
            let listed: Vec<String> = mints
                .iter()
                .filter(|m| **m != anchor_lang::prelude::Pubkey::default())
                .map(|m| m.to_string())
                .collect();
            if listed.is_empty() {
                "pay exits in SOL only".into()
            } else {
                format!("pay exits in SOL and {}", listed.join(", "))
            }
        }
    }
}

/// A hub budget's terms in words ("0.5 SOL per 30 d, also spent by KEEPER"); with the
/// token's `decimals`, token amounts in its units.
pub fn budget_terms(terms: &netstate::state::BudgetTerms, decimals: Option<u8>) -> String {
    let amount = match (terms.mint, decimals) {
        (None, _) => sol(terms.allowance),
        (Some(mint), Some(d)) => format!("{} of {mint}", units(terms.allowance, d)),
        (Some(mint), None) => format!("{} base units of {mint}", terms.allowance),
    };
    let keeper = match terms.keeper {
        Some(keeper) => format!(", also spent by keeper {keeper}"),
        None => String::new(),
    };
    format!(
        "{amount} per {}{keeper}",
        duration(u64::from(terms.period_secs))
    )
}

/// A society's dues in words ("0.1 SOL per 30 d, 7 d grace"; "none").
pub fn dues(d: &netstate::state::Dues) -> String {
    if d.amount == 0 {
        return "none".into();
    }
    let amount = match d.mint {
        None => sol(d.amount),
        Some(mint) => format!("{} base units of {mint}", d.amount),
    };
    format!(
        "{amount} per {}, {} grace",
        duration(u64::from(d.period_secs)),
        duration(u64::from(d.grace_secs))
    )
}

/// A treaty's terms in words.
pub fn treaty_terms(terms: &TreatyTerms) -> String {
    let visits = if terms.visits {
        "citizens may visit each other's hubs"
    } else {
        "no visits"
    };
    let fast = match terms.fast_track {
        FastTrack::None => "no faster admission".to_string(),
        FastTrack::Immediate => "each other's citizens admitted at once".to_string(),
        FastTrack::Sponsors { count } => {
            format!("each other's citizens count as {count} sponsor(s)")
        }
    };
    format!(
        "{visits}; {fast}; {} notice to withdraw",
        duration(u64::from(terms.notice_secs))
    )
}

impl ProposalState {
    /// Where `p` stands in a sentence, with the times that matter.
    pub fn text(self, p: &netstate::state::Proposal) -> String {
        match self {
            ProposalState::Voting => format!("voting until {}", date(p.voting_ends_at)),
            ProposalState::Passed => format!(
                "passed: executable from {} until {}",
                date(p.executable_at),
                date(p.execution_deadline)
            ),
            ProposalState::Defeated => "defeated: quorum or approval not reached".into(),
            ProposalState::Executed => format!("executed on {}", date(p.executed_at)),
            ProposalState::Cancelled => "cancelled by its proposer".into(),
            ProposalState::Vetoed => format!(
                "vetoed: {} of {} objected during the timelock",
                p.objections, p.eligible_count
            ),
            ProposalState::Expired => {
                format!("expired: not executed by {}", date(p.execution_deadline))
            }
            ProposalState::Unfunded => "unfunded: passed, but the treasury cannot pay it \
                 beside what passed payments reserved; propose it again later"
                .into(),
        }
    }
}

/// A vote as one word: "yes", "no", "abstain" (the words of its `serde` form).
pub fn vote(choice: crate::VoteChoice) -> &'static str {
    match choice {
        crate::VoteChoice::Yes => "yes",
        crate::VoteChoice::No => "no",
        crate::VoteChoice::Abstain => "abstain",
    }
}

/// A member's standing as one word: "applicant", "citizen", "expelled", "lapsed".
pub fn standing(status: crate::MemberStatus) -> &'static str {
    match status {
        crate::MemberStatus::Applicant => "applicant",
        crate::MemberStatus::Citizen => "citizen",
        crate::MemberStatus::Expelled => "expelled",
        crate::MemberStatus::Lapsed => "lapsed",
    }
}

/// A member's standing as a sentence says it: "an applicant", "a citizen", "expelled",
/// "lapsed".
pub fn standing_phrase(status: crate::MemberStatus) -> &'static str {
    match status {
        crate::MemberStatus::Applicant => "an applicant",
        crate::MemberStatus::Citizen => "a citizen",
        crate::MemberStatus::Expelled => "expelled",
        crate::MemberStatus::Lapsed => "lapsed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_days_are_utc_calendar_dates() {
        assert_eq!(date(1_767_261_600), "2026-01-01 10:00 UTC");
        assert_eq!(date(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(date(0), "-");
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(20_819), "2027-01-01");
    }

    #[test]
    fn durations_use_the_largest_exact_unit() {
        let shown: Vec<String> = [0, 59, 60, 5_400, 3_600, 129_600, 259_200, 86_401]
            .into_iter()
            .map(duration)
            .collect();
        assert_eq!(
            shown,
            [
                "0 s", "59 s", "1 min", "90 min", "1 h", "36 h", "3 d", "86401 s"
            ]
        );
    }
}
