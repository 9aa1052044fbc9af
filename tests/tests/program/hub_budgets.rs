//! Hub budgets (`docs/design.md`, "Hub budgets"): an allowance per period from the
//! treasury, held in the hub's vault, spent by its operator or keeper with a receipt hash;
//! unspent allowance does not carry over; a proposal ends it and claws the vault back.

use anchor_lang::error::ErrorCode;
use anchor_lang::solana_program::pubkey::Pubkey;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    BudgetTerms, NodeBudget, Proposal, ProposalAction, events, instructions as ix, pda,
};
use netstate_tests::tokens::{self, TOKEN};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

const SOL: u64 = 1_000_000_000;
const MONTH: u32 = 30 * 86_400;
const RECEIPT: [u8; 32] = [7; 32];

/// A society without rails (unless the test is about them) with two more citizens, 10 SOL
/// in the treasury and hub `lisbon`; returns its operator too.
struct Budgeted {
    s: TestSociety,
    c: Vec<Keypair>,
    operator: Keypair,
    node: Pubkey,
}

async fn budgeted(fx: &mut Fixture, params: netstate_client::GovernanceParams) -> Budgeted {
    let (s, c) = TestSociety::with_citizens_under(fx, "Solar", 2, params).await;
    let patron = fx.wallet().await;
    fx.send_ok(
        &[ix::deposit_sol(
            &PROGRAM_ID,
            &patron.pubkey(),
            &s.address,
            10 * SOL,
        )],
        &[&patron],
    )
    .await;
    let operator = s.node_with_operator(fx, "lisbon").await;
    fx.fund(&operator.pubkey(), SOL).await;
    let node = s.node("lisbon");
    Budgeted {
        s,
        c,
        operator,
        node,
    }
}

fn sol_terms(allowance: u64, keeper: Option<Pubkey>) -> BudgetTerms {
    BudgetTerms {
        mint: None,
        allowance,
        period_secs: MONTH,
        keeper,
    }
}

fn set_budget(code: &str, terms: BudgetTerms) -> ProposalAction {
    ProposalAction::SetNodeBudget {
        code: code.into(),
        terms,
    }
}

impl Budgeted {
    /// Passes and executes `action` with every citizen voting yes.
    async fn enact(&self, fx: &mut Fixture, action: ProposalAction) -> Pubkey {
        let yes: Vec<&Keypair> = std::iter::once(&self.s.founder)
            .chain(self.c.iter())
            .collect();
        self.s.enact(fx, &self.c[0], &yes, action).await.0
    }

    fn settle(&self, fx: &Fixture) -> anchor_lang::solana_program::instruction::Instruction {
        ix::settle_node_budget(
            &PROGRAM_ID,
            &fx.payer().pubkey(),
            &self.s.address,
            &self.node,
            &None,
        )
    }

    fn spend(
        &self,
        spender: &Pubkey,
        to: &Pubkey,
        amount: u64,
    ) -> Vec<anchor_lang::solana_program::instruction::Instruction> {
        ix::spend_node_budget(
            &PROGRAM_ID,
            spender,
            &self.s.address,
            &self.node,
            &None,
            &ix::BudgetSpend {
                recipient: *to,
                amount,
                memo: "new lock".into(),
                memo_hash: RECEIPT,
            },
        )
    }

    /// What the vault may spend: its lamports above the rent reserve.
    async fn vault_holds(&self, fx: &mut Fixture) -> u64 {
        let reserve = fx.rent_exempt(0).await;
        fx.balance(&pda::node_vault(&PROGRAM_ID, &self.node).0)
            .await
            .saturating_sub(reserve)
    }
}

#[tokio::test]
async fn a_budget_is_settled_each_period_spent_with_receipts_and_never_accumulates() {
    let mut fx = Fixture::new().await;
    let b = budgeted(&mut fx, without_rails()).await;
    let keeper = fx.wallet().await;
    b.enact(
        &mut fx,
        set_budget("lisbon", sol_terms(SOL / 2, Some(keeper.pubkey()))),
    )
    .await;
    let treasury = pda::treasury(&PROGRAM_ID, &b.s.address).0;
    let before = fx.balance(&treasury).await;

    // Anyone settles: the treasury fills the vault to the allowance.
    let out = fx.send_ok(&[b.settle(&fx)], &[]).await;
    let settled = out.event::<events::NodeBudgetSettled>();
    assert_eq!((settled.funded, settled.returned), (SOL / 2, 0));
    assert_eq!(settled.vault_balance, SOL / 2);
    assert_eq!(fx.balance(&treasury).await, before - SOL / 2);
    assert_eq!(b.vault_holds(&mut fx).await, SOL / 2);

    // The operator and the keeper spend, each with a receipt.
    let shop = fx.wallet().await;
    let shop_before = fx.balance(&shop.pubkey()).await;
    let out = fx
        .send_ok(
            &b.spend(&b.operator.pubkey(), &shop.pubkey(), SOL / 5),
            &[&b.operator],
        )
        .await;
    let spent = out.event::<events::NodeBudgetSpent>();
    assert_eq!(
        (
            spent.spender,
            spent.recipient,
            spent.amount,
            spent.memo_hash
        ),
        (b.operator.pubkey(), shop.pubkey(), SOL / 5, RECEIPT)
    );
    assert_eq!(spent.memo, "new lock");
    fx.send_ok(
        &b.spend(&keeper.pubkey(), &shop.pubkey(), SOL / 10),
        &[&keeper],
    )
    .await;
    assert_eq!(
        fx.balance(&shop.pubkey()).await,
        shop_before + SOL / 5 + SOL / 10
    );
    let budget: NodeBudget = fx.account(&pda::node_budget(&PROGRAM_ID, &b.node).0).await;
    assert_eq!(
        (
            budget.spent_this_period,
            budget.spent_total,
            budget.spend_count
        ),
        (SOL * 3 / 10, SOL * 3 / 10, 2)
    );

    // Settled once per period.
    fx.send_err(&[b.settle(&fx)], &[], NetstateError::BudgetNotDue)
        .await;

    // A new period tops the vault up to the allowance, not beyond: the 0.2 SOL left does
    // not carry over.
    fx.warp_seconds(i64::from(MONTH)).await;
    let out = fx.send_ok(&[b.settle(&fx)], &[]).await;
    let settled = out.event::<events::NodeBudgetSettled>();
    assert_eq!((settled.funded, settled.returned), (SOL * 3 / 10, 0));
    assert_eq!(b.vault_holds(&mut fx).await, SOL / 2);
    let budget: NodeBudget = fx.account(&pda::node_budget(&PROGRAM_ID, &b.node).0).await;
    assert_eq!(budget.spent_this_period, 0);
    assert_eq!(budget.funded_total, SOL / 2 + SOL * 3 / 10);
}

#[tokio::test]
async fn an_operator_cannot_spend_beyond_the_allowance() {
    let mut fx = Fixture::new().await;
    let b = budgeted(&mut fx, without_rails()).await;
    b.enact(&mut fx, set_budget("lisbon", sol_terms(SOL / 2, None)))
        .await;
    let shop = fx.wallet().await;
    // Nothing settled yet: the period's allowance is not open (and the vault is empty).
    fx.send_err(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), 1),
        &[&b.operator],
        NetstateError::BudgetPeriodNotSettled,
    )
    .await;
    fx.send_ok(&[b.settle(&fx)], &[]).await;
    fx.send_err(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), SOL / 2 + 1),
        &[&b.operator],
        NetstateError::BudgetExceeded,
    )
    .await;
    fx.send_ok(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), SOL / 2),
        &[&b.operator],
    )
    .await;
    // Someone sends the vault more: the period's allowance is still the limit.
    let vault = pda::node_vault(&PROGRAM_ID, &b.node).0;
    fx.fund(&vault, SOL).await;
    fx.send_err(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), SOL / 10),
        &[&b.operator],
        NetstateError::BudgetExceeded,
    )
    .await;
    // And the next settlement returns what is above the allowance to the treasury.
    fx.warp_seconds(i64::from(MONTH)).await;
    let out = fx.send_ok(&[b.settle(&fx)], &[]).await;
    let settled = out.event::<events::NodeBudgetSettled>();
    assert_eq!((settled.funded, settled.returned), (0, SOL / 2));
    assert_eq!(b.vault_holds(&mut fx).await, SOL / 2);
    // A spend needs a receipt and an amount.
    let no_receipt = ix::spend_node_budget(
        &PROGRAM_ID,
        &b.operator.pubkey(),
        &b.s.address,
        &b.node,
        &None,
        &ix::BudgetSpend {
            recipient: shop.pubkey(),
            amount: 1,
            memo: "a receipt".into(),
            memo_hash: [0; 32],
        },
    );
    fx.send_err(
        &no_receipt,
        &[&b.operator],
        NetstateError::ReceiptHashMissing,
    )
    .await;
    // And words saying what it paid for: 1 to 64 printable bytes.
    for memo in ["", " padded", "line\nbreak", &"x".repeat(65)] {
        let spend = ix::spend_node_budget(
            &PROGRAM_ID,
            &b.operator.pubkey(),
            &b.s.address,
            &b.node,
            &None,
            &ix::BudgetSpend {
                recipient: shop.pubkey(),
                amount: 1,
                memo: memo.to_string(),
                memo_hash: RECEIPT,
            },
        );
        fx.send_err(&spend, &[&b.operator], NetstateError::BudgetMemoInvalid)
            .await;
    }
    fx.send_err(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), 0),
        &[&b.operator],
        NetstateError::ZeroAmount,
    )
    .await;
    // Not back into the society's own money.
    fx.send_err(
        &b.spend(
            &b.operator.pubkey(),
            &pda::treasury(&PROGRAM_ID, &b.s.address).0,
            1,
        ),
        &[&b.operator],
        NetstateError::RecipientIsTreasury,
    )
    .await;
    // Nor into one of netstate's own accounts (the society, a membership), where it would
    // be stuck or land with whoever closes it.
    for account in [b.s.address, b.s.member(&b.c[0].pubkey())] {
        let before = fx.balance(&account).await;
        fx.send_err(
            &b.spend(&b.operator.pubkey(), &account, SOL / 10),
            &[&b.operator],
            NetstateError::RecipientIsNetstateAccount,
        )
        .await;
        assert_eq!(fx.balance(&account).await, before);
    }
}

#[tokio::test]
async fn nobody_else_spends_a_hub_budget_nor_from_another_hubs_vault() {
    let mut fx = Fixture::new().await;
    let b = budgeted(&mut fx, without_rails()).await;
    let porto_operator = b.s.node_with_operator(&mut fx, "porto").await;
    fx.fund(&porto_operator.pubkey(), SOL).await;
    let porto = b.s.node("porto");
    b.enact(&mut fx, set_budget("lisbon", sol_terms(SOL / 2, None)))
        .await;
    b.enact(&mut fx, set_budget("porto", sol_terms(SOL / 4, None)))
        .await;
    fx.send_ok(&[b.settle(&fx)], &[]).await;
    fx.send_ok(
        &[ix::settle_node_budget(
            &PROGRAM_ID,
            &fx.payer().pubkey(),
            &b.s.address,
            &porto,
            &None,
        )],
        &[],
    )
    .await;
    let thief = fx.wallet().await;

    // Porto's operator spends Lisbon's budget: not its hub.
    fx.send_err(
        &b.spend(&porto_operator.pubkey(), &thief.pubkey(), SOL / 10),
        &[&porto_operator],
        NetstateError::NotABudgetSpender,
    )
    .await;
    // A citizen, or a stranger, is no spender either.
    fx.send_err(
        &b.spend(&b.c[0].pubkey(), &thief.pubkey(), SOL / 10),
        &[&b.c[0]],
        NetstateError::NotABudgetSpender,
    )
    .await;
    // Lisbon's operator names its own hub and budget but Porto's vault, or Porto's budget
    // under Lisbon.
    for (slot, porto_account) in [
        (4, pda::node_vault(&PROGRAM_ID, &porto).0),
        (3, pda::node_budget(&PROGRAM_ID, &porto).0),
    ] {
        let swapped = swap_account(
            b.spend(&b.operator.pubkey(), &thief.pubkey(), SOL / 10)
                .remove(0),
            slot,
            &porto_account,
        );
        fx.send_err(&[swapped], &[&b.operator], ErrorCode::ConstraintSeeds)
            .await;
    }
    // The spend must be signed by the operator it names.
    let unsigned = without_signer(
        b.spend(&b.operator.pubkey(), &thief.pubkey(), SOL / 10)
            .remove(0),
        &b.operator.pubkey(),
    );
    fx.send_err(&[unsigned], &[], ErrorCode::AccountNotSigner)
        .await;
    assert_eq!(b.vault_holds(&mut fx).await, SOL / 2);
    assert_eq!(
        fx.balance(&pda::node_vault(&PROGRAM_ID, &porto).0).await - fx.rent_exempt(0).await,
        SOL / 4
    );

    // A rotated-out operator loses the budget with the door.
    let new_operator = fx.wallet().await;
    fx.send_ok(
        &[ix::set_node_operator(
            &PROGRAM_ID,
            &b.s.founder.pubkey(),
            &b.s.address,
            "lisbon",
            &new_operator.pubkey(),
            false,
        )],
        &[&b.s.founder],
    )
    .await;
    fx.send_err(
        &b.spend(&b.operator.pubkey(), &thief.pubkey(), SOL / 10),
        &[&b.operator],
        NetstateError::NotABudgetSpender,
    )
    .await;
    fx.send_ok(
        &b.spend(&new_operator.pubkey(), &thief.pubkey(), SOL / 10),
        &[&new_operator],
    )
    .await;
}

#[tokio::test]
async fn ending_a_budget_claws_the_vault_back_to_the_treasury() {
    let mut fx = Fixture::new().await;
    let b = budgeted(&mut fx, without_rails()).await;
    // No budget to end yet.
    b.s.propose_refused(
        &mut fx,
        &b.c[0],
        ProposalAction::EndNodeBudget {
            code: "lisbon".into(),
        },
        NetstateError::NoNodeBudget,
    )
    .await;
    b.enact(&mut fx, set_budget("lisbon", sol_terms(SOL / 2, None)))
        .await;
    fx.send_ok(&[b.settle(&fx)], &[]).await;
    let shop = fx.wallet().await;
    fx.send_ok(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), SOL / 5),
        &[&b.operator],
    )
    .await;
    let treasury = pda::treasury(&PROGRAM_ID, &b.s.address).0;
    let budget = pda::node_budget(&PROGRAM_ID, &b.node).0;
    let vault = pda::node_vault(&PROGRAM_ID, &b.node).0;

    b.enact(
        &mut fx,
        ProposalAction::EndNodeBudget {
            code: "lisbon".into(),
        },
    )
    .await;
    fx.send_err(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), 1),
        &[&b.operator],
        NetstateError::BudgetEnded,
    )
    .await;
    let before = fx.balance(&treasury).await;
    let in_vault = fx.balance(&vault).await;
    let budget_rent = fx.balance(&budget).await;
    // Settling an ended budget is due at once, within the period.
    let out = fx.send_ok(&[b.settle(&fx)], &[]).await;
    let settled = out.event::<events::NodeBudgetSettled>();
    assert!(settled.closed);
    assert_eq!(
        (settled.returned, settled.rent_returned),
        (in_vault, budget_rent)
    );
    assert_eq!(
        fx.balance(&treasury).await,
        before + in_vault + budget_rent,
        "the vault and the budget's rent are back in the treasury"
    );
    assert!(fx.raw_account(&budget).await.is_none());
    assert_eq!(fx.balance(&vault).await, 0);
    // A new budget can be granted afterwards, in another asset even.
    let issuer = fx.wallet().await;
    let mint = tokens::create_mint(&mut fx, &issuer.pubkey(), 0, &TOKEN).await;
    b.enact(
        &mut fx,
        set_budget(
            "lisbon",
            BudgetTerms {
                mint: Some(mint),
                ..sol_terms(100, None)
            },
        ),
    )
    .await;
    let budget: NodeBudget = fx.account(&budget).await;
    assert_eq!(budget.terms.mint, Some(mint));
}

#[tokio::test]
async fn a_retired_hubs_budget_stops_and_returns_to_the_treasury() {
    let mut fx = Fixture::new().await;
    let b = budgeted(&mut fx, without_rails()).await;
    b.enact(&mut fx, set_budget("lisbon", sol_terms(SOL / 2, None)))
        .await;
    fx.send_ok(&[b.settle(&fx)], &[]).await;
    fx.send_ok(
        &[ix::retire_node(
            &PROGRAM_ID,
            &b.s.founder.pubkey(),
            &b.s.address,
            "lisbon",
            *b"PT",
        )],
        &[&b.s.founder],
    )
    .await;
    let shop = fx.wallet().await;
    fx.send_err(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), 1),
        &[&b.operator],
        NetstateError::NodeRetired,
    )
    .await;
    // No new budget for a retired hub.
    b.s.propose_refused(
        &mut fx,
        &b.c[0],
        set_budget("lisbon", sol_terms(SOL, None)),
        NetstateError::NodeRetired,
    )
    .await;
    let out = fx.send_ok(&[b.settle(&fx)], &[]).await;
    assert!(out.event::<events::NodeBudgetSettled>().closed);
    assert!(
        fx.raw_account(&pda::node_budget(&PROGRAM_ID, &b.node).0)
            .await
            .is_none()
    );
}

#[tokio::test]
async fn a_token_budget_levels_the_vaults_token_account_and_closes_it_when_ended() {
    let mut fx = Fixture::new().await;
    let b = budgeted(&mut fx, without_rails()).await;
    let issuer = fx.wallet().await;
    let mint = tokens::create_mint(&mut fx, &issuer.pubkey(), 2, &TOKEN).await;
    let treasury = pda::treasury(&PROGRAM_ID, &b.s.address).0;
    tokens::mint_to(&mut fx, &mint, &issuer, &treasury, 10_000, &TOKEN).await;
    let terms = BudgetTerms {
        mint: Some(mint),
        ..sol_terms(1_000, None)
    };
    b.enact(&mut fx, set_budget("lisbon", terms)).await;
    let asset = Some(ix::BasketMint {
        mint,
        token_program: TOKEN,
    });
    let payer = fx.payer().pubkey();
    let settle = ix::settle_node_budget(&PROGRAM_ID, &payer, &b.s.address, &b.node, &asset);
    // The SOL form of the instructions does not fit a token budget.
    fx.send_err(&[b.settle(&fx)], &[], NetstateError::BudgetAssetMismatch)
        .await;
    let out = fx.send_ok(&[settle.clone()], &[]).await;
    assert_eq!(out.event::<events::NodeBudgetSettled>().funded, 1_000);
    let vault_token = tokens::ata_address(&pda::node_vault(&PROGRAM_ID, &b.node).0, &mint, &TOKEN);
    let treasury_token = tokens::ata_address(&treasury, &mint, &TOKEN);
    assert_eq!(tokens::balance(&mut fx, &vault_token).await, 1_000);
    assert_eq!(tokens::balance(&mut fx, &treasury_token).await, 9_000);

    let shop = fx.wallet().await;
    let spend = |amount| {
        ix::spend_node_budget(
            &PROGRAM_ID,
            &b.operator.pubkey(),
            &b.s.address,
            &b.node,
            &asset,
            &ix::BudgetSpend {
                recipient: shop.pubkey(),
                amount,
                memo: "bulbs".into(),
                memo_hash: RECEIPT,
            },
        )
    };
    fx.send_ok(&spend(600), &[&b.operator]).await;
    let shop_token = tokens::ata_address(&shop.pubkey(), &mint, &TOKEN);
    assert_eq!(tokens::balance(&mut fx, &shop_token).await, 600);
    fx.send_err(&spend(401), &[&b.operator], NetstateError::BudgetExceeded)
        .await;
    // The next period tops it up by what was spent.
    fx.warp_seconds(i64::from(MONTH)).await;
    let out = fx.send_ok(&[settle.clone()], &[]).await;
    assert_eq!(out.event::<events::NodeBudgetSettled>().funded, 600);
    // The mint's outflow counter saw both.
    let outflow: netstate_client::Outflow = fx
        .account(&pda::outflow(&PROGRAM_ID, &b.s.address, &mint).0)
        .await;
    assert!(outflow.counter.level > 0);

    // The asset of a budget in force cannot change.
    let proposal =
        b.s.propose(
            &mut fx,
            &b.c[0],
            set_budget("lisbon", sol_terms(SOL / 2, None)),
        )
        .await;
    let yes = [&b.s.founder, &b.c[0], &b.c[1]];
    b.s.pass(&mut fx, &proposal, &yes).await;
    let execute = b.s.execute_ix(&mut fx, &proposal).await;
    fx.send_err(&[execute], &[], NetstateError::BudgetMintFixed)
        .await;

    // Ended: the vault's tokens go back and its token account closes, rent to the treasury.
    b.enact(
        &mut fx,
        ProposalAction::EndNodeBudget {
            code: "lisbon".into(),
        },
    )
    .await;
    let out = fx.send_ok(&[settle], &[]).await;
    let settled = out.event::<events::NodeBudgetSettled>();
    assert_eq!((settled.returned, settled.closed), (1_000, true));
    assert_eq!(
        tokens::balance(&mut fx, &treasury_token).await,
        10_000 - 600
    );
    assert!(fx.raw_account(&vault_token).await.is_none());
}

#[tokio::test]
async fn a_budget_is_held_to_the_outflow_cap_and_a_large_one_needs_the_supermajority() {
    let mut fx = Fixture::new().await;
    // The default rails: 20% per 7 days, large above 10% of the treasury.
    let b = budgeted(&mut fx, netstate_client::GovernanceParams::default()).await;
    let small =
        b.s.propose(
            &mut fx,
            &b.c[0],
            set_budget("lisbon", sol_terms(SOL / 2, None)),
        )
        .await;
    let p: Proposal = fx.account(&small).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (2_000, 6_000));
    let large =
        b.s.propose(
            &mut fx,
            &b.c[0],
            set_budget("lisbon", sol_terms(3 * SOL, None)),
        )
        .await;
    let p: Proposal = fx.account(&large).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (3_334, 6_666));
    // Passed anyway (everyone agrees), 30% a month is still past the 20% cap at settlement.
    let yes = [&b.s.founder, &b.c[0], &b.c[1]];
    b.s.pass(&mut fx, &large, &yes).await;
    let execute = b.s.execute_ix(&mut fx, &large).await;
    fx.send_ok(&[execute], &[]).await;
    fx.send_err(&[b.settle(&fx)], &[], NetstateError::OutflowCapExceeded)
        .await;
    assert_eq!(
        fx.sol_outflow(&b.s.address).await.level,
        0,
        "nothing left the treasury"
    );
}

#[tokio::test]
async fn budget_terms_out_of_range_are_refused_when_proposed() {
    let mut fx = Fixture::new().await;
    let b = budgeted(&mut fx, without_rails()).await;
    let cases = [
        (sol_terms(0, None), NetstateError::ZeroAmount),
        (
            BudgetTerms {
                period_secs: 3_600,
                ..sol_terms(SOL, None)
            },
            NetstateError::BudgetPeriodOutOfRange,
        ),
        (
            BudgetTerms {
                period_secs: 367 * 86_400,
                ..sol_terms(SOL, None)
            },
            NetstateError::BudgetPeriodOutOfRange,
        ),
        (
            sol_terms(SOL, Some(Pubkey::default())),
            NetstateError::InvalidKeeper,
        ),
    ];
    for (terms, error) in cases {
        b.s.propose_refused(&mut fx, &b.c[0], set_budget("lisbon", terms), error)
            .await;
    }
    b.s.propose_refused(
        &mut fx,
        &b.c[0],
        set_budget("nowhere", sol_terms(SOL, None)),
        NetstateError::UnknownNode,
    )
    .await;
}

/// What passed payments set aside is theirs: a hub budget's settlement never takes it, so
/// a payment decided before the budget is paid in full and the settlement waits for money
/// that is free.
#[tokio::test]
async fn a_settlement_never_takes_what_passed_payments_set_aside() {
    let mut fx = Fixture::new().await;
    let b = budgeted(&mut fx, without_rails()).await;
    let yes: Vec<&Keypair> = std::iter::once(&b.s.founder).chain(b.c.iter()).collect();
    let grantee = fx.wallet().await;
    let payment =
        b.s.propose(
            &mut fx,
            &b.c[0],
            ProposalAction::TransferSol {
                recipient: grantee.pubkey(),
                amount: 9 * SOL + SOL / 2,
            },
        )
        .await;
    b.s.pass(&mut fx, &payment, &yes).await;
    assert_eq!(
        fx.exit_basket(&b.s.address).await.reserved_lamports,
        9 * SOL + SOL / 2
    );
    b.enact(&mut fx, set_budget("lisbon", sol_terms(SOL, None)))
        .await;
    // Half a SOL is free; the allowance is one: the settlement waits.
    fx.send_err(
        &[b.settle(&fx)],
        &[],
        NetstateError::InsufficientTreasuryFunds,
    )
    .await;
    assert_eq!(b.vault_holds(&mut fx).await, 0);
    // The payment is paid in full.
    let execute = b.s.execute_ix(&mut fx, &payment).await;
    fx.send_ok(&[execute], &[]).await;
    assert!(fx.balance(&grantee.pubkey()).await >= 9 * SOL + SOL / 2);
}

#[tokio::test]
async fn an_unsettled_period_never_gives_a_second_allowance() {
    let mut fx = Fixture::new().await;
    let b = budgeted(&mut fx, without_rails()).await;
    b.enact(&mut fx, set_budget("lisbon", sol_terms(SOL / 2, None)))
        .await;
    let shop = fx.wallet().await;
    fx.send_ok(&[b.settle(&fx)], &[]).await;
    // The next period begins and nobody settles it: spending there would count against the
    // last period's total, and a settlement just after would open a second allowance.
    fx.warp_seconds(i64::from(MONTH)).await;
    fx.send_err(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), SOL / 2),
        &[&b.operator],
        NetstateError::BudgetPeriodNotSettled,
    )
    .await;
    let before: NodeBudget = fx.account(&pda::node_budget(&PROGRAM_ID, &b.node).0).await;
    assert_eq!(before.spent_total, 0);
    // Settled, the period's one allowance is spent, and not a lamport more.
    fx.send_ok(&[b.settle(&fx)], &[]).await;
    fx.send_ok(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), SOL / 2),
        &[&b.operator],
    )
    .await;
    fx.send_err(
        &b.spend(&b.operator.pubkey(), &shop.pubkey(), 1),
        &[&b.operator],
        NetstateError::BudgetExceeded,
    )
    .await;
    let after: NodeBudget = fx.account(&pda::node_budget(&PROGRAM_ID, &b.node).0).await;
    assert_eq!(after.spent_total, SOL / 2);
}
