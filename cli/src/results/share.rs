//! Results of the earned-share commands: `member exit` (its quote, and the exit done),
//! `treasury release`, and the exit basket `treasury show` prints.

use std::fmt;

use serde::Serialize;

use super::TokenAmount;

/// One asset of the exit basket and what an exit takes of it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetView {
    /// `SOL`, or the mint.
    pub asset: String,
    /// Held by the treasury (SOL above its rent reserve).
    pub held: TokenAmount,
    /// Set aside for payments that passed and are not executed yet.
    pub reserved: TokenAmount,
    /// What exits share: held less reserved.
    pub free: TokenAmount,
    /// What the exit pays of it.
    pub paid: TokenAmount,
    /// Its issuer froze the treasury's account of it: nothing of it can be paid now.
    pub frozen: bool,
    /// What the outflow rails let out of it now (exits count against them as payments do).
    pub room: TokenAmount,
    /// The exit pays more of it than the rails let out now: it would be refused.
    pub over_rails: bool,
}

impl AssetView {
    /// From the client's figures.
    pub fn new(a: &netstate_client::share::BasketAsset) -> Self {
        let t = |v| TokenAmount::new(v, a.decimals);
        AssetView {
            asset: a.mint.map_or_else(|| "SOL".to_string(), |m| m.to_string()),
            held: t(a.held),
            reserved: t(a.reserved),
            free: t(a.free),
            paid: t(a.paid),
            frozen: a.frozen,
            room: t(a.room),
            over_rails: a.over_rails(),
        }
    }
}

/// A vote record holding the exit.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldView {
    /// The proposal.
    pub proposal: String,
    /// Its index, while it exists.
    pub index: Option<u64>,
    /// Whether it is final (the record can be closed now, releasing the hold).
    pub is_final: bool,
}

/// `member exit` without `--yes`: what it would pay and what holds it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExitQuoteView {
    /// The society.
    pub society: String,
    /// Tokens quoted.
    pub amount: TokenAmount,
    /// The holder's tokens.
    pub balance: TokenAmount,
    /// Tokens in existence.
    pub supply: TokenAmount,
    /// SOL first, then each basket mint.
    pub assets: Vec<AssetView>,
    /// Yes votes on payments and hub budgets that hold the exit.
    pub held_by: Vec<HoldView>,
    /// The most tokens whose exit the outflow rails let out now.
    pub within_rails: TokenAmount,
}

impl ExitQuoteView {
    /// Whether the exit pays more of some asset than the outflow rails let out now.
    pub fn over_rails(&self) -> bool {
        self.assets.iter().any(|a| a.over_rails)
    }

    /// Why the rails refuse it, and what fits now.
    pub fn rails_sentence(&self) -> String {
        let short: Vec<String> = self
            .assets
            .iter()
            .filter(|a| a.over_rails)
            .map(|a| match a.asset.as_str() {
                "SOL" => format!("{} SOL", a.room),
                mint => format!("{} of {mint}", a.room),
            })
            .collect();
        format!(
            "The outflow rails let out only {} now (exits count against them as payments do): exit at most {} tokens now, or wait while the bucket drains",
            short.join(" and "),
            self.within_rails
        )
    }
}

impl fmt::Display for ExitQuoteView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Exit from {} burning {} of your {} contribution tokens ({} exist) would pay:",
            self.society, self.amount, self.balance, self.supply
        )?;
        for a in &self.assets {
            if a.frozen {
                writeln!(
                    f,
                    "  {:<44} nothing now: the treasury's account of it is frozen by its issuer ({} held)",
                    a.asset, a.held
                )?;
                continue;
            }
            writeln!(
                f,
                "  {:<44} {} (of {} free; {} held, {} set aside for passed payments)",
                a.asset, a.paid, a.free, a.held, a.reserved
            )?;
        }
        if self.over_rails() {
            writeln!(f, "{}", self.rails_sentence())?;
        }
        if self.held_by.is_empty() {
            let fits = if self.over_rails() {
                &self.within_rails
            } else {
                &self.amount
            };
            write!(
                f,
                "Nothing was sent. To exit: netstate member exit {fits} --yes"
            )
        } else {
            writeln!(
                f,
                "Your yes votes on payments and hub budgets hold the exit:"
            )?;
            for h in &self.held_by {
                let which = h
                    .index
                    .map_or_else(|| h.proposal.clone(), |i| format!("#{i}"));
                if h.is_final {
                    writeln!(f, "  proposal {which}: final; --yes closes your vote first")?;
                } else {
                    writeln!(
                        f,
                        "  proposal {which}: not final yet (exit once it has executed or expired)"
                    )?;
                }
            }
            write!(f, "Nothing was sent.")
        }
    }
}

/// `member exit --yes`: the exit done.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exited {
    /// The society.
    pub society: String,
    /// Tokens burnt.
    pub burnt: TokenAmount,
    /// What was received: SOL first, then each basket mint.
    pub received: Vec<(String, TokenAmount)>,
    /// Vote records closed first (their holds released, their rent back).
    pub votes_closed: usize,
}

impl fmt::Display for Exited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let received: Vec<String> = self
            .received
            .iter()
            .map(|(asset, amount)| format!("{amount} {asset}"))
            .collect();
        write!(
            f,
            "Redeemed {} contribution tokens for your share of {}'s treasury: received {}",
            self.burnt,
            self.society,
            received.join(", ")
        )?;
        if self.votes_closed > 0 {
            write!(
                f,
                " (closed {} first)",
                crate::output::count(self.votes_closed as u64, "vote record")
            )?;
        }
        write!(
            f,
            ".\nYour membership is unchanged: `netstate member leave` leaves."
        )
    }
}

/// `treasury release`: vested grants minted.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Released {
    /// The society.
    pub society: String,
    /// One line per grant released: (grant, tokens minted).
    pub grants: Vec<(String, TokenAmount)>,
    /// Grants with nothing vested beyond what was released.
    pub waiting: usize,
    /// Signatures, one per grant released.
    pub signatures: Vec<String>,
}

impl fmt::Display for Released {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.grants.is_empty() {
            return write!(
                f,
                "Nothing has vested yet in {} ({} grant(s) vesting).",
                self.society, self.waiting
            );
        }
        for (grant, amount) in &self.grants {
            writeln!(f, "Released {amount} contribution tokens of grant {grant}")?;
        }
        write!(f, "{} grant(s) still vesting.", self.waiting)
    }
}
