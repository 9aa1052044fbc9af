//! Results of `proposal …`.

use std::fmt;

use anchor_lang::prelude::Pubkey;
use netstate_client::{Proposal, ProposalAction, VoteChoice, VoteRecord};
use serde::Serialize;

use super::TokenAmount;
use crate::output::{date, sol};

/// Where a proposal stands, expiry included, by a stable name (`voting`, `passed`,
/// `defeated`, `executed`, `cancelled`, `expired`).
pub use netstate_client::proposals::ProposalState as Status;

/// A token amount whose decimals may be unknown (the mint could not be read): base units,
/// and the decimals and UI amount when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionAmount {
    /// Base units, as a string.
    pub amount: String,
    /// The mint's decimals, when it could be read.
    pub decimals: Option<u8>,
    /// The amount in the token's units, when the decimals are known.
    pub ui_amount_string: Option<String>,
}

impl ActionAmount {
    fn new(amount: u64, decimals: Option<u8>) -> Self {
        match decimals {
            Some(d) => {
                let known = TokenAmount::new(amount, d);
                ActionAmount {
                    amount: known.amount,
                    decimals: Some(d),
                    ui_amount_string: Some(known.ui_amount_string),
                }
            }
            None => ActionAmount {
                amount: amount.to_string(),
                decimals: None,
                ui_amount_string: None,
            },
        }
    }
}

/// A proposal's action: its kind and arguments as the program names them (the program's
/// `ProposalAction`, serialized: keys in base58, hashes in hex), the token amount it pays in
/// the token's units when the mint could be read, and the sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// Kind and arguments.
    #[serde(flatten)]
    pub action: ProposalAction,
    /// The token amount it pays or grants (`transferToken`, `mintContribution`, a token
    /// `setNodeBudget`'s allowance), with its decimals when the mint could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_amount: Option<ActionAmount>,
    /// In words, token amounts in the token's units when its decimals are known.
    pub text: String,
}

impl Action {
    /// `action`; `decimals` of the token it pays, if it pays one and the mint was read.
    pub fn new(action: &ProposalAction, decimals: Option<u8>) -> Self {
        use ProposalAction as A;
        let token_amount = match action {
            A::TransferToken { amount, .. } | A::MintContribution { amount, .. } => {
                Some(ActionAmount::new(*amount, decimals))
            }
            A::SetNodeBudget { terms, .. } if terms.mint.is_some() => {
                Some(ActionAmount::new(terms.allowance, decimals))
            }
            _ => None,
        };
        Action {
            action: action.clone(),
            token_amount,
            text: netstate_client::describe::action(action, decimals),
        }
    }
}

impl Action {
    /// Names the partner society of a treaty action in the sentence (`society <address>`
    /// becomes the society's name, quoted); the JSON detail keeps the address.
    pub fn name_partner(mut self, partner: &Pubkey, name: &str) -> Self {
        self.text = self
            .text
            .replace(&format!("society {partner}"), &format!("{name:?}"));
        self
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A local file compared with the description a proposal pins.
#[derive(Debug, Clone, Serialize)]
pub struct DescriptionCheck {
    /// The file.
    pub file: String,
    /// Its SHA-256, hex.
    pub sha256: String,
    /// Whether it is the pinned text (a mismatch is an error, so always true here).
    pub matches: bool,
}

/// `proposal show`, and one row of `proposal list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalView {
    /// The Proposal account.
    pub address: String,
    /// Its index in the society.
    pub index: u64,
    /// Its title.
    pub title: String,
    /// Where its full text lives.
    pub description_uri: Option<String>,
    /// The full text's SHA-256, hex.
    pub description_sha256: Option<String>,
    /// Who proposed it.
    pub proposer: String,
    /// What it does.
    pub action: Action,
    /// Where it stands.
    pub status: Status,
    /// Where it stands, in a sentence.
    pub status_text: String,
    /// Yes votes.
    pub yes: u32,
    /// No votes.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
    /// Citizens who may vote.
    pub eligible: u32,
    /// When voting ends.
    pub voting_ends_at: i64,
    /// When it may be executed, once passed.
    pub executable_at: Option<i64>,
    /// Until when it may be executed, once passed.
    pub execution_deadline: Option<i64>,
    /// When it was executed.
    pub executed_at: Option<i64>,
    /// Share of eligible citizens that must vote, basis points (as snapshot at creation).
    pub quorum_bps: u16,
    /// Share of yes among yes + no needed, basis points (as snapshot at creation).
    pub approval_bps: u16,
    /// Whether it is a constitutional action, judged by the supermajority.
    pub constitutional: bool,
    /// What it needs to pass, in words.
    pub thresholds: String,
    /// The answer of the member an expulsion names, once attached.
    pub response: Option<Response>,
    /// Objections during the timelock.
    pub objections: u32,
    /// Objections that veto it.
    pub objections_to_veto: u32,
    /// With `--check FILE`: the comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<DescriptionCheck>,
}

impl ProposalView {
    /// The proposal at `address` as of unix time `now`; `decimals` of the token its action
    /// pays, if any.
    pub fn new(address: &Pubkey, p: &Proposal, now: i64, decimals: Option<u8>) -> Self {
        let status = Status::of(p, now);
        ProposalView {
            address: address.to_string(),
            index: p.index,
            title: p.title.clone(),
            description_uri: (!p.description_uri.is_empty()).then(|| p.description_uri.clone()),
            description_sha256: description_digest(p),
            proposer: p.proposer.to_string(),
            action: Action::new(&p.action, decimals),
            status,
            status_text: status.text(p),
            yes: p.tally.yes,
            no: p.tally.no,
            abstain: p.tally.abstain,
            eligible: p.eligible_count,
            voting_ends_at: p.voting_ends_at,
            executable_at: super::when(p.executable_at),
            execution_deadline: super::when(p.execution_deadline),
            executed_at: super::when(p.executed_at),
            quorum_bps: p.quorum_bps,
            approval_bps: p.approval_bps,
            constitutional: p.action.is_constitutional(),
            thresholds: netstate_client::describe::thresholds(p),
            response: (p.responded_at != 0).then(|| Response {
                uri: p.response_uri.clone(),
                sha256: crate::digest::hex(&p.response_hash),
                responded_at: p.responded_at,
            }),
            objections: p.objections,
            objections_to_veto: objections_to_veto(p),
            check: None,
        }
    }

    /// Its row in `proposal list`.
    pub fn row(&self) -> Vec<String> {
        vec![
            self.index.to_string(),
            self.title.clone(),
            self.status.to_string(),
            format!("{}/{}/{}", self.yes, self.no, self.abstain),
            date(self.voting_ends_at),
        ]
    }
}

impl fmt::Display for ProposalView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let description = match (&self.description_uri, &self.description_sha256) {
            (None, None) => "-".to_string(),
            (uri, Some(digest)) => format!("{} (sha256 {digest})", uri.as_deref().unwrap_or("")),
            (Some(uri), None) => format!("{uri} (no hash recorded)"),
        };
        write!(
            f,
            "#{} {} ({})\n  description: {description}\n  action:      {}\n  proposer:    {}\n  needs:       {}\n  votes:       {} yes, {} no, {} abstain of {} eligible\n  voting ends: {}\n  executable:  {} until {}",
            self.index,
            self.title,
            self.status_text,
            self.action,
            self.proposer,
            self.thresholds,
            self.yes,
            self.no,
            self.abstain,
            self.eligible,
            date(self.voting_ends_at),
            date(self.executable_at.unwrap_or(0)),
            date(self.execution_deadline.unwrap_or(0)),
        )?;
        if self.objections > 0 || self.status == Status::Passed {
            write!(
                f,
                "\n  objections:  {} of the {} that veto it",
                self.objections, self.objections_to_veto
            )?;
        }
        if let Some(r) = &self.response {
            write!(
                f,
                "\n  response:    {} (sha256 {}), {}",
                r.uri,
                r.sha256,
                date(r.responded_at)
            )?;
        }
        if let Some(check) = &self.check {
            write!(f, "\n  check:       {} matches", check.file)?;
        }
        Ok(())
    }
}

/// How many objections veto `p`: the least count reaching its veto share of the electorate.
pub fn objections_to_veto(p: &Proposal) -> u32 {
    let needed = (u64::from(p.veto_bps) * u64::from(p.eligible_count)).div_ceil(10_000);
    u32::try_from(needed).unwrap_or(u32::MAX)
}

/// The answer the member an expulsion names attached to it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// Where it lives.
    pub uri: String,
    /// Its text's SHA-256, hex.
    pub sha256: String,
    /// When it was attached (or last replaced).
    pub responded_at: i64,
}

/// The member answered an expulsion (`proposal respond`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Responded {
    /// The proposal's index.
    pub index: u64,
    /// Where the answer lives.
    pub uri: String,
    /// Its text's SHA-256, hex.
    pub sha256: String,
}

impl fmt::Display for Responded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Answered proposal #{} with {} (sha256 {}): `netstate proposal show {}` prints it",
            self.index, self.uri, self.sha256, self.index
        )
    }
}

/// The description's recorded SHA-256 as hex, or `None` when none was recorded.
pub fn description_digest(p: &Proposal) -> Option<String> {
    (p.description_hash != [0; 32]).then(|| crate::digest::hex(&p.description_hash))
}

/// `proposal list`.
pub type ProposalList = super::Listed<ProposalView>;

/// `proposal list` from the views, newest first as given.
pub fn proposal_list(items: Vec<ProposalView>) -> ProposalList {
    super::Listed {
        items,
        header: &["#", "TITLE", "STATUS", "YES/NO/ABST", "VOTING ENDS"],
        row: ProposalView::row,
        empty: "No proposals yet: `netstate proposal create` puts one to the vote.".into(),
    }
}

/// One vote, in `proposal votes`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VoteView {
    /// The VoteRecord account.
    pub address: String,
    /// Who voted.
    pub voter: String,
    /// How.
    pub choice: VoteChoice,
    /// When (the last change).
    pub voted_at: i64,
}

impl VoteView {
    /// The vote record at `address`.
    pub fn new(address: &Pubkey, v: &VoteRecord) -> Self {
        VoteView {
            address: address.to_string(),
            voter: v.voter.to_string(),
            choice: v.choice,
            voted_at: v.voted_at,
        }
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.voter.clone(),
            netstate_client::describe::vote(self.choice).to_string(),
            date(self.voted_at),
        ]
    }
}

/// `proposal votes N`.
pub fn vote_list(index: u64, votes: Vec<VoteView>) -> super::Listed<VoteView> {
    super::Listed {
        items: votes,
        header: &["VOTER", "VOTE", "AT"],
        row: VoteView::row,
        empty: format!("No votes on #{index} (or their records were closed)."),
    }
}

/// `proposal create`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposed {
    /// Its index.
    pub index: u64,
    /// The Proposal account.
    pub proposal: String,
    /// Its title.
    pub title: String,
}

impl fmt::Display for Proposed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Proposed #{}: {:?}. Citizens vote with `netstate proposal vote {} yes`.",
            self.index, self.title, self.index
        )
    }
}

/// `proposal vote`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Voted {
    /// The proposal's index.
    pub index: u64,
    /// The vote.
    pub choice: VoteChoice,
}

impl fmt::Display for Voted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Voted {} on #{}.",
            netstate_client::describe::vote(self.choice),
            self.index
        )
    }
}

/// `proposal object`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Objected {
    /// The proposal's index.
    pub index: u64,
    /// Objections so far.
    pub objections: u32,
    /// Its electorate.
    pub eligible: u32,
    /// Objections that veto it.
    pub needed: u32,
    /// Whether this objection vetoed it.
    pub vetoed: bool,
}

impl fmt::Display for Objected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.vetoed {
            write!(
                f,
                "Objected to #{}: {} of {} objected, and it is vetoed: it will never execute.",
                self.index, self.objections, self.eligible
            )
        } else {
            write!(
                f,
                "Objected to #{}: {} of {} objected; {} veto it.",
                self.index, self.objections, self.eligible, self.needed
            )
        }
    }
}

/// `proposal finalize`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finalized {
    /// The proposal's index.
    pub index: u64,
    /// The outcome.
    pub status: Status,
    /// The outcome in a sentence.
    pub status_text: String,
}

impl fmt::Display for Finalized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Finalized #{}: {}.", self.index, self.status_text)
    }
}

/// `proposal execute`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Executed {
    /// The proposal's index.
    pub index: u64,
    /// What was done.
    pub action: Action,
    /// For a hub budget, what its settlement (sent next) did, or why it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlement: Option<String>,
}

impl fmt::Display for Executed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.action.action {
            ProposalAction::TransferSol { recipient, amount } => write!(
                f,
                "Executed #{}: paid {} to {recipient}.",
                self.index,
                sol(*amount)
            ),
            _ => write!(f, "Executed #{}: {}.", self.index, self.action),
        }?;
        match &self.settlement {
            Some(settlement) => write!(f, "\n  {settlement}"),
            None => Ok(()),
        }
    }
}

/// `proposal cancel`.
#[derive(Debug, Clone, Serialize)]
pub struct Cancelled {
    /// The proposal's index.
    pub index: u64,
}

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cancelled #{}.", self.index)
    }
}

/// `proposal close`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Closed {
    /// The proposal's index.
    pub index: u64,
    /// Vote records closed.
    pub vote_records_closed: usize,
    /// Objection records closed.
    pub objections_closed: usize,
    /// Rent returned to the voters and objectors.
    pub lamports_to_voters: u64,
    /// Rent returned to the proposer.
    pub lamports_to_proposer: u64,
    /// Every transaction sent, in order.
    pub signatures: Vec<String>,
}

impl fmt::Display for Closed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Closed #{}: {} vote record(s) and {} objection(s) ({} back to the voters and objectors) and the proposal ({} back to its proposer).",
            self.index,
            self.vote_records_closed,
            self.objections_closed,
            sol(self.lamports_to_voters),
            sol(self.lamports_to_proposer)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_a_kind_with_arguments_and_a_sentence() {
        let recipient = Pubkey::new_unique();
        let mint = Pubkey::new_unique();
        let json = serde_json::to_value(Action::new(
            &ProposalAction::TransferToken {
                mint,
                recipient,
                amount: 225,
            },
            Some(2),
        ))
        .unwrap();
        assert_eq!(json["kind"], "transferToken");
        assert_eq!(json["mint"], mint.to_string());
        assert_eq!(json["amount"], 225);
        assert_eq!(json["tokenAmount"]["amount"], "225");
        assert_eq!(json["tokenAmount"]["uiAmountString"], "2.25");
        assert_eq!(
            json["text"],
            format!("pay 2.25 of {mint} to {recipient}").as_str()
        );
        let unknown = serde_json::to_value(Action::new(
            &ProposalAction::MintContribution {
                recipient,
                amount: 7,
                vesting_secs: 0,
            },
            None,
        ))
        .unwrap();
        assert_eq!(unknown["kind"], "mintContribution");
        assert_eq!(unknown["tokenAmount"]["amount"], "7");
        assert!(unknown["tokenAmount"]["decimals"].is_null());
        let steward = serde_json::to_value(Action::new(
            &ProposalAction::SetSteward { steward: None },
            None,
        ))
        .unwrap();
        assert_eq!(steward["kind"], "setSteward");
        assert!(steward["steward"].is_null());
        assert_eq!(steward["text"], "end stewardship");
        // Only a token amount gets the token's units.
        assert!(steward.get("tokenAmount").is_none());
    }

    #[test]
    fn choices_and_statuses_are_camel_case_names() {
        assert_eq!(
            serde_json::to_value(VoteChoice::Abstain).unwrap(),
            "abstain"
        );
        assert_eq!(serde_json::to_value(Status::Expired).unwrap(), "expired");
        assert_eq!(Status::Passed.to_string(), "passed");
    }
}
