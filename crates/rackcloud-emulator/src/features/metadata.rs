//! The metadata of a load balancer (to be modelled with its resource).

use serde_json::{Map, Value};

/// The metadata state of one load balancer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Metadata {}

impl Metadata {
    /// Adds what `GET /loadbalancers/{id}` shows of it to `lb`.
    pub(crate) fn embed(&self, _lb: &mut Map<String, Value>) {}
}
