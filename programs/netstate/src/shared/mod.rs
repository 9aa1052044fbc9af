//! What several instructions share and no single instruction's file should own: accounts
//! created and read by hand at PDAs, the Share and Treaty accounts read on demand, a day of
//! presence recorded (check-in and ticket), and a dues payment recorded (in SOL and in a
//! token).

pub mod dues;
pub mod pda_account;
pub mod presence;
pub mod share_account;
pub mod treaty_account;
