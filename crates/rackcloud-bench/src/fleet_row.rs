//! [`FleetRow`]: the columns of a fleet scenario's row.

use serde::Serialize;

/// The fleet columns of a row (`--json` keys as named).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FleetRow {
    pub(crate) wall_s: f64,
    pub(crate) floor_s: f64,
    pub(crate) naive_wall_s: f64,
    pub(crate) requests: u64,
    pub(crate) min_requests: u64,
    pub(crate) polls: u64,
    pub(crate) status_413: u64,
    pub(crate) naive_requests: u64,
    pub(crate) naive_polls: u64,
    pub(crate) naive_status_413: u64,
    /// How the floor was computed.
    pub(crate) floor: String,
}
