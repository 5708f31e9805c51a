//! The load balancer's switches, page and traffic: connection logging, content caching, the
//! custom error page (docs/api/logging-caching-errorpage.md) and the counters its statistics
//! are derived from (docs/api/statistics.md).

use serde_json::{Map, Value, json};

/// The page `GET …/errorpage` shows when no custom page is set.
pub(crate) const DEFAULT_ERROR_PAGE: &str = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The service is temporarily unavailable. Please try again later.</p></body></html>";

/// Connection logging, content caching, the custom error page and the traffic of one load
/// balancer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub(crate) connection_logging: bool,
    pub(crate) content_caching: bool,
    /// The custom error page; `None` shows [`DEFAULT_ERROR_PAGE`].
    pub(crate) error_page: Option<String>,
    /// Requests served under `/loadbalancers/{id}` (the statistics request itself included).
    pub(crate) served: u64,
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

    /// The page `GET …/errorpage` shows.
    pub(crate) fn error_page(&self) -> &str {
        self.error_page.as_deref().unwrap_or(DEFAULT_ERROR_PAGE)
    }

    /// The statistics body (no root key) while the data plane is off, derived from the requests
    /// served so that tests can predict it: every counter grows with traffic. The `…Ssl`
    /// counters stay 0 (no traffic is carried). With the data plane on, the route reports what
    /// it counted instead (`data_plane::stats_json`).
    pub(crate) fn stats_json(&self) -> Value {
        let n = self.served;
        json!({
            "connectTimeOut": n / 10,
            "connectError": n / 20,
            "connectFailure": n / 25,
            "dataTimedOut": n / 5,
            "keepAliveTimedOut": n / 2,
            "maxConn": n,
            "currentConn": n % 10,
            "connectTimeOutSsl": 0,
            "connectErrorSsl": 0,
            "connectFailureSsl": 0,
            "dataTimedOutSsl": 0,
            "keepAliveTimedOutSsl": 0,
            "maxConnSsl": 0,
            "currentConnSsl": 0,
        })
    }
}

/// Whether connection logging is available on `protocol` (not on the UDP-style ones).
pub(crate) fn logging_fits(protocol: &str) -> bool {
    !matches!(protocol, "UDP" | "UDP_STREAM" | "DNS_UDP")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_grow_with_traffic() {
        let mut settings = Settings::default();
        assert_eq!(settings.stats_json()["maxConn"], 0);
        settings.served = 42;
        let stats = settings.stats_json();
        assert_eq!(
            (
                &stats["maxConn"],
                &stats["connectTimeOut"],
                &stats["currentConn"]
            ),
            (&json!(42), &json!(4), &json!(2))
        );
        assert_eq!(stats["maxConnSsl"], 0);
        assert_eq!(settings.error_page(), DEFAULT_ERROR_PAGE);
        assert!(!logging_fits("DNS_UDP") && logging_fits("TCP"));
    }
}
