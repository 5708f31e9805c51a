//! The health_monitor of a load balancer (to be modelled with its resource).

use serde_json::{Map, Value};

/// The health_monitor state of one load balancer.
#[derive(Debug, Clone, Default)]
pub(crate) struct HealthMonitor {}

/// Adds what `GET /loadbalancers/{id}` shows of it to `lb`.
pub(crate) fn embed(_it: Option<&HealthMonitor>, _lb: &mut Map<String, Value>) {}
