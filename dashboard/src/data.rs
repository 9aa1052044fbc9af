//! What the map and the pages show, read through `netstate-client`.

use anchor_lang::prelude::Pubkey;
use netstate_client::{ClientError, NetstateClient, Node, Residency};

use crate::map::MapHub;

/// Distinct people present at a hub among the `window` days ending `today`.
pub fn present_within(residents: &[(Pubkey, Residency)], today: u32, window: u32) -> u32 {
    residents
        .iter()
        .filter(|(_, r)| r.days_within(today, window) > 0)
        .count() as u32
}

/// Check-ins at a hub on each of the `days` days ending `today` (oldest first), from its
/// residents' recent-days records (at most the last 128 days).
pub fn check_ins_per_day(residents: &[(Pubkey, Residency)], today: u32, days: u32) -> Vec<u32> {
    (0..days)
        .rev()
        .map(|back| {
            let day = today.saturating_sub(back);
            residents.iter().filter(|(_, r)| r.was_present(day)).count() as u32
        })
        .collect()
}

/// The society's hubs with their residents (the people who have checked in at each, kept on
/// the hub's own account, so the society's residencies are never read); `href` gives a
/// marker's link from the hub's code.
pub async fn map_hubs(
    client: &NetstateClient,
    society: &Pubkey,
    href: impl Fn(&str) -> Option<String>,
) -> Result<Vec<MapHub>, ClientError> {
    let nodes: Vec<(Pubkey, Node)> = client.nodes(society).await?;
    let mut hubs = Vec::with_capacity(nodes.len());
    for (_, node) in &nodes {
        hubs.push(MapHub {
            code: node.code.clone(),
            name: node.name.clone(),
            latitude: f64::from(node.latitude_microdeg) / 1e6,
            longitude: f64::from(node.longitude_microdeg) / 1e6,
            active: node.active,
            residents: node.resident_count,
            href: href(&node.code),
        });
    }
    Ok(hubs)
}
