//! Integration tests of the netstate program, one module per domain, each test named
//! after the behaviour it proves. `attacks` holds the hand-built hostile transactions of
//! `docs/security.md` that do not belong to one domain.

// Tests resend one instruction several times; `&[ix.clone()]` reads better there than
// `std::slice::from_ref(&ix)`.
#![allow(clippy::cloned_ref_to_slice_refs)]

mod attacks;
mod census;
mod dues;
mod events_sequence;
mod governance_close;
mod governance_execute;
mod governance_finalize;
mod governance_proposals;
mod governance_votes;
mod hub_budgets;
mod lifecycle;
mod member_admission;
mod model_histories;
mod node_matches_bank;
mod node_registry;
mod presence_check_in;
mod presence_citizenship;
mod presence_tickets;
mod rights;
mod scenario_solar_state;
mod shares;
mod society_create;
mod transaction_sizes;
mod treasury_deposits;
mod treasury_hostile_input;
mod treasury_rails;
mod treaties;
mod upgrades;
