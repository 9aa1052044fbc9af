//! Integration tests of the netstate program, one module per domain, each test named
//! after the behaviour it proves. `attacks` holds the hand-built hostile transactions of
//! `shared/ATTACKS.md` that do not belong to one domain.

mod attacks;
mod member_admission;
mod node_registry;
mod presence_check_in;
mod scenario_solar_state;
mod society_create;
