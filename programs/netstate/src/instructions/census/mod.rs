//! The census: freezing an epoch's figures into a chained Census account.

pub mod close_census_epoch;

pub use close_census_epoch::*;
