//! On-chain accounts, one file each, with their domain logic as methods.

pub mod actions;
pub mod budget;
pub mod census;
pub mod counters;
pub mod dues;
pub mod layouts;
pub mod member;
pub mod node;
pub mod outflow;
pub mod presence;
pub mod proposal;
pub mod residency;
pub mod share;
pub mod society;
pub mod sponsorship;
pub mod text;
pub mod treaty;
pub mod visitor;

#[cfg(test)]
mod tests;

#[cfg(all(test, feature = "idl-build"))]
mod idl_print;

pub use budget::{BudgetTerms, NodeBudget};
pub use census::{Census, CensusCounters, Country, EpochTally};
pub use dues::Dues;
pub use member::*;
pub use node::*;
pub use outflow::*;
pub use presence::RecentDays;
pub use proposal::*;
pub use residency::*;
pub use share::*;
pub use society::*;
pub use sponsorship::*;
pub use treaty::*;
pub use visitor::*;
