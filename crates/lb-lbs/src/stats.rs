//! Statistics: `GET /loadbalancers/{id}/stats` (docs/api/statistics.md).

use rackcloud_core::kit::{check_id, result_type};
use rackcloud_core::{Error, ServiceClient};
use serde::Deserialize;

use crate::urls::part_url;
use rackcloud_core::kit::lenient::counter;

/// The connection counters of a load balancer; the `…_ssl` ones count the SSL-terminated side
/// and are 0 without SSL termination. A counter the server left out reads 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Stats {
    /// Connections closed because the connect timeout passed.
    #[serde(default, rename = "connectTimeOut", deserialize_with = "counter")]
    pub connect_timeout: u64,
    /// Connections with a connection error.
    #[serde(default, deserialize_with = "counter")]
    pub connect_error: u64,
    /// Connections that failed.
    #[serde(default, deserialize_with = "counter")]
    pub connect_failure: u64,
    /// Connections closed because the data timeout passed.
    #[serde(default, deserialize_with = "counter")]
    pub data_timed_out: u64,
    /// Keep-alive connections closed by timeout.
    #[serde(default, deserialize_with = "counter")]
    pub keep_alive_timed_out: u64,
    /// The highest number of simultaneous connections.
    #[serde(default, deserialize_with = "counter")]
    pub max_conn: u64,
    /// Connections open now.
    #[serde(default, deserialize_with = "counter")]
    pub current_conn: u64,
    /// `connect_timeout` of the secure side.
    #[serde(default, rename = "connectTimeOutSsl", deserialize_with = "counter")]
    pub connect_timeout_ssl: u64,
    /// `connect_error` of the secure side.
    #[serde(default, deserialize_with = "counter")]
    pub connect_error_ssl: u64,
    /// `connect_failure` of the secure side.
    #[serde(default, deserialize_with = "counter")]
    pub connect_failure_ssl: u64,
    /// `data_timed_out` of the secure side.
    #[serde(default, deserialize_with = "counter")]
    pub data_timed_out_ssl: u64,
    /// `keep_alive_timed_out` of the secure side.
    #[serde(default, deserialize_with = "counter")]
    pub keep_alive_timed_out_ssl: u64,
    /// `max_conn` of the secure side.
    #[serde(default, deserialize_with = "counter")]
    pub max_conn_ssl: u64,
    /// `current_conn` of the secure side.
    #[serde(default, deserialize_with = "counter")]
    pub current_conn_ssl: u64,
}

result_type! {
    /// The result of [`get_stats`].
    #[must_use = "call extract to read the statistics"]
    pub struct StatsResult(RequestResult);
}

impl StatsResult {
    /// The counters.
    ///
    /// # Errors
    ///
    /// The request's error (404, 410, a 503 that outlasted the retry policy, …), or a
    /// [`Decode`](rackcloud_core::ErrorKind::Decode) error when the body is not a JSON object.
    pub fn extract(self) -> Result<Stats, Error> {
        self.0.extract_json()
    }
}

/// Reads the connection counters of load balancer `lb_id` (`GET …/stats`; the body has no
/// root key).
///
/// The service gathers them from its traffic managers and caches them for about five minutes;
/// under load it answers 503 with `Retry-After`. The client's
/// [`RetryPolicy`](rackcloud_core::RetryPolicy) waits that long and asks again (bounded by its
/// attempts and deadline), so a busy moment is no failure.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let before = lb_lbs::get_stats(&client, 1).extract()?;
/// lb_lbs::get(&client, 1).extract()?;
/// let after = lb_lbs::get_stats(&client, 1).extract()?;
/// assert!(after.max_conn > before.max_conn);
/// assert_eq!(after.current_conn_ssl, 0);
/// # Ok(())
/// # }
/// ```
pub fn get_stats(client: &ServiceClient, lb_id: u64) -> StatsResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&part_url(client, lb_id, "stats")))
        .into()
}
