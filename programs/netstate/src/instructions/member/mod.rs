//! Joining, sponsoring, admitting and leaving.

pub mod admit_member;
pub mod apply;
pub mod leave;
pub mod sponsor;

pub use admit_member::*;
pub use apply::*;
pub use leave::*;
pub use sponsor::*;
