//! Results of `treasury …`.

use std::fmt;

use serde::Serialize;

use super::TokenAmount;
use crate::output::{sol, table};

/// One token the treasury holds.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TreasuryToken {
    /// The mint.
    pub mint: String,
    /// The treasury's token account.
    pub account: String,
    /// The balance.
    #[serde(flatten)]
    pub balance: TokenAmount,
}

/// `treasury show`: spendable SOL apart from the rent reserve, and tokens.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TreasuryView {
    /// The society's name.
    #[serde(skip)]
    pub society: String,
    /// The treasury account.
    pub address: String,
    /// Everything it holds.
    pub lamports: u64,
    /// What proposals can spend: everything above the rent reserve.
    pub spendable_lamports: u64,
    /// The rent reserve, never spent.
    pub reserve_lamports: u64,
    /// Token balances.
    pub tokens: Vec<TreasuryToken>,
    /// The exit basket and what one contribution token takes of it, when the society has
    /// an earned (non-transferable) contribution token.
    pub exit_basket: Option<ExitBasketView>,
}

/// The exit basket as `treasury show` prints it: each asset, what is free of it, and what
/// one whole contribution token would take.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExitBasketView {
    /// The contribution token.
    pub token: String,
    /// Tokens in existence.
    pub supply: super::TokenAmount,
    /// SOL first, then each listed mint; `paid` is what one whole token takes.
    pub assets: Vec<super::share::AssetView>,
}

impl fmt::Display for TreasuryView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rows = vec![
            vec!["SOL (spendable)".to_string(), sol(self.spendable_lamports)],
            vec![
                "SOL (rent reserve, never spent)".to_string(),
                sol(self.reserve_lamports),
            ],
        ];
        rows.extend(
            self.tokens
                .iter()
                .map(|t| vec![t.mint.clone(), t.balance.to_string()]),
        );
        write!(
            f,
            "Treasury of {} ({})\n{}",
            self.society,
            self.address,
            table(&["ASSET", "BALANCE"], &rows)
        )?;
        if let Some(basket) = &self.exit_basket {
            let rows: Vec<Vec<String>> = basket
                .assets
                .iter()
                .map(|a| {
                    vec![
                        a.asset.clone(),
                        a.free.to_string(),
                        a.reserved.to_string(),
                        a.paid.to_string(),
                    ]
                })
                .collect();
            write!(
                f,
                "\nExit basket (contribution token {}, {} in existence; per token: what one whole token takes):\n{}",
                basket.token,
                basket.supply,
                table(&["ASSET", "FREE", "SET ASIDE", "PER TOKEN"], &rows)
            )?;
        }
        Ok(())
    }
}

/// `treasury deposit` and `treasury deposit-token`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Deposited {
    /// SOL.
    Sol {
        /// The society's name.
        #[serde(skip)]
        society: String,
        /// How much.
        lamports: u64,
    },
    /// Tokens.
    Token {
        /// The society's name.
        #[serde(skip)]
        society: String,
        /// The mint.
        mint: String,
        /// How much.
        #[serde(flatten)]
        amount: TokenAmount,
    },
}

impl fmt::Display for Deposited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deposited::Sol { society, lamports } => write!(
                f,
                "Deposited {} into the treasury of {society}.",
                sol(*lamports)
            ),
            Deposited::Token {
                society,
                mint,
                amount,
            } => write!(
                f,
                "Deposited {amount} of {mint} into the treasury of {society}."
            ),
        }
    }
}

/// `treasury create-token`.
#[derive(Debug, Clone, Serialize)]
pub struct TokenCreated {
    /// The society's name.
    #[serde(skip)]
    pub society: String,
    /// The new mint.
    pub mint: String,
    /// An earned share: it cannot be transferred, only burnt in an exit.
    pub non_transferable: bool,
}

impl fmt::Display for TokenCreated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Created the contribution token of {} at {}: minted only by proposals, {}.",
            self.society,
            self.mint,
            if self.non_transferable {
                "never transferred or sold: an earned share its holders exit with (`netstate member exit`)"
            } else {
                "transferable (no exit with a share)"
            }
        )
    }
}

/// One total of `treasury report`: what moved an asset one way for one reason.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportTotal {
    /// `SOL`, or the mint.
    pub asset: String,
    /// deposit, dues, grant, hubBudget or exit.
    pub kind: netstate_client::history::FlowKind,
    /// `in` or `out`.
    pub direction: &'static str,
    /// How many movements.
    pub count: usize,
    /// Their sum.
    pub amount: super::TokenAmount,
}

/// One movement in `treasury report`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportMovement {
    /// When it was confirmed.
    pub date: String,
    /// deposit, dues, grant, hubBudget or exit.
    pub kind: netstate_client::history::FlowKind,
    /// `in` or `out`.
    pub direction: &'static str,
    /// `SOL`, or the mint.
    pub asset: String,
    /// How much.
    pub amount: super::TokenAmount,
    /// The depositor, payer, recipient or holder.
    pub counterparty: String,
    /// The transaction.
    pub signature: String,
}

/// `treasury report`: the society's financial report over a span, from its transactions'
/// events.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TreasuryReport {
    /// The society's name.
    pub society: String,
    /// First day included (none: from the start).
    pub from: Option<String>,
    /// Last day included (none: to now).
    pub to: Option<String>,
    /// Totals by asset, kind and direction.
    pub totals: Vec<ReportTotal>,
    /// SOL in minus SOL out over the span, lamports.
    pub net_lamports: i64,
    /// The treasury's balances now: SOL first, then each token.
    pub balances: Vec<(String, super::TokenAmount)>,
    /// Every movement, newest first.
    pub movements: Vec<ReportMovement>,
    /// Print the movements as CSV instead of the text report.
    #[serde(skip)]
    pub csv: bool,
}

impl fmt::Display for TreasuryReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.csv {
            write!(f, "date,kind,direction,asset,amount,counterparty,signature")?;
            for m in &self.movements {
                write!(
                    f,
                    "\n{},{},{},{},{},{},{}",
                    m.date,
                    m.kind.name(),
                    m.direction,
                    m.asset,
                    m.amount.ui_amount_string,
                    m.counterparty,
                    m.signature
                )?;
            }
            return Ok(());
        }
        let span = format!(
            "{} to {}",
            self.from.as_deref().unwrap_or("the start"),
            self.to.as_deref().unwrap_or("now")
        );
        let rows: Vec<Vec<String>> = self
            .totals
            .iter()
            .map(|t| {
                vec![
                    t.asset.clone(),
                    t.kind.name().to_string(),
                    t.direction.to_string(),
                    t.count.to_string(),
                    t.amount.to_string(),
                ]
            })
            .collect();
        let balances: Vec<Vec<String>> = self
            .balances
            .iter()
            .map(|(asset, amount)| vec![asset.clone(), amount.to_string()])
            .collect();
        write!(
            f,
            "Treasury report of {}, {span}\n{}\nSOL in less out: {} SOL\nBalances now:\n{}",
            self.society,
            table(&["ASSET", "KIND", "WAY", "COUNT", "TOTAL"], &rows),
            crate::output::signed_units(i128::from(self.net_lamports), 9),
            table(&["ASSET", "BALANCE"], &balances)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_deposits_carry_the_rpc_amount_shape() {
        let json = serde_json::to_value(Deposited::Token {
            society: "Sun".into(),
            mint: "M".into(),
            amount: TokenAmount::new(225, 2),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "mint": "M", "amount": "225", "decimals": 2, "uiAmountString": "2.25" })
        );
        let sol = serde_json::to_value(Deposited::Sol {
            society: "Sun".into(),
            lamports: 5,
        })
        .unwrap();
        assert_eq!(sol, serde_json::json!({ "lamports": 5 }));
    }
}
