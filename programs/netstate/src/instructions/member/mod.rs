//! Joining, sponsoring, admitting and leaving.

pub mod admit_member;
pub mod apply;
pub mod claim_citizenship;
pub mod close_sponsorship;
pub mod leave;
pub mod sponsor;

pub use admit_member::*;
pub use apply::*;
pub use claim_citizenship::*;
pub use close_sponsorship::*;
pub use leave::*;
pub use sponsor::*;
