//! The throttle of a load balancer (to be modelled with its resource).

use serde_json::{Map, Value};

/// The throttle state of one load balancer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Throttle {}

/// Adds what `GET /loadbalancers/{id}` shows of it to `lb`.
pub(crate) fn embed(_it: Option<&Throttle>, _lb: &mut Map<String, Value>) {}
