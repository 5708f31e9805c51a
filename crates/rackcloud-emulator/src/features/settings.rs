//! The load balancer's switches and page: connection logging, content caching, error page.

use serde_json::{Map, Value, json};

/// Connection logging, content caching and the custom error page of one load balancer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub(crate) connection_logging: bool,
    pub(crate) content_caching: bool,
}

impl Settings {
    /// Adds `connectionLogging` and `contentCaching` to `lb`.
    pub(crate) fn embed(&self, lb: &mut Map<String, Value>) {
        lb.insert(
            "connectionLogging".into(),
            json!({"enabled": self.connection_logging}),
        );
        lb.insert(
            "contentCaching".into(),
            json!({"enabled": self.content_caching}),
        );
    }
}
