//! # netstate-dashboard
//!
//! See the society: [`map`] draws the archipelago on a real world map (SVG and PNG), and the
//! dashboard serves read-only pages about a society, rendered on the server from what
//! `netstate-client` reads, with no script.

pub mod data;
pub mod map;
pub mod server;

pub use server::{Dashboard, DashboardConfig};
