//! The sub-resources of a load balancer beyond its core fields: one module each, so that every
//! resource keeps its model, its rules on the model and its part of the load balancer's JSON in
//! one place (docs/api/ has one file per resource).

pub(crate) mod access_list;
pub(crate) mod health_monitor;
pub(crate) mod metadata;
pub(crate) mod node_events;
pub(crate) mod settings;
pub(crate) mod ssl;
pub(crate) mod throttle;
pub(crate) mod usage;

use serde_json::{Map, Value};

/// Everything a load balancer has besides its core fields, nodes and virtual IPs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    pub(crate) health_monitor: Option<health_monitor::HealthMonitor>,
    pub(crate) access_list: access_list::AccessList,
    pub(crate) throttle: Option<throttle::Throttle>,
    pub(crate) ssl: ssl::Ssl,
    pub(crate) metadata: metadata::Metadata,
    pub(crate) settings: settings::Settings,
    pub(crate) node_events: node_events::NodeEvents,
    pub(crate) usage: usage::Usage,
}

impl Features {
    /// Adds what `GET /loadbalancers/{id}` shows of each sub-resource to `lb`.
    pub(crate) fn embed(&self, lb: &mut Map<String, Value>) {
        self.settings.embed(lb);
        health_monitor::embed(self.health_monitor.as_ref(), lb);
        self.access_list.embed(lb);
        throttle::embed(self.throttle.as_ref(), lb);
        self.ssl.embed(lb);
        self.metadata.embed(lb);
    }
}
