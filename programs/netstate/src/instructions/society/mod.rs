//! Creating a society and ending its startup stage.

pub mod create_society;
pub mod renounce_steward;
pub mod set_dues;

pub use create_society::*;
pub use renounce_steward::*;
pub use set_dues::*;
