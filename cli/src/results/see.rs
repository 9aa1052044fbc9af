//! Results of `netstate map` and `netstate dashboard`.

use std::fmt;

use serde::Serialize;

/// `netstate map`: where the map was written.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapWritten {
    /// The society's name.
    pub society: String,
    /// Hubs drawn.
    pub hubs: usize,
    /// Of which active.
    pub active_hubs: usize,
    /// The SVG file.
    pub svg: String,
    /// The PNG file, if one was asked for.
    pub png: Option<String>,
}

impl fmt::Display for MapWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Map of {} ({}, {} active) written to {}",
            self.society,
            crate::output::count(self.hubs as u64, "hub"),
            self.active_hubs,
            self.svg
        )?;
        if let Some(png) = &self.png {
            write!(f, " and {png}")?;
        }
        Ok(())
    }
}

/// Printed when the dashboard is served.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardOpened {
    /// The society's name.
    pub society: String,
    /// Where to open it.
    pub url: String,
}

impl fmt::Display for DashboardOpened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Dashboard of {} at {}\nCtrl-C stops it.",
            self.society, self.url
        )
    }
}
