//! The types the operations return: usage records, account usage, billable load balancers;
//! decoded from private wire structs (`wire.rs`).

use jiff::Timestamp;
use rackcloud_core::model::LbStatus;

use crate::SslMode;
use rackcloud_core::model::VipType;

/// One usage record of a load balancer: its traffic and virtual IPs over a period (the real
/// service writes one per polling window or day; see docs/api/usage.md).
#[derive(Debug, Clone, PartialEq)]
pub struct UsageRecord {
    pub(crate) id: u64,
    pub(crate) average_num_connections: f64,
    pub(crate) incoming_transfer: u64,
    pub(crate) outgoing_transfer: u64,
    pub(crate) average_num_connections_ssl: f64,
    pub(crate) incoming_transfer_ssl: u64,
    pub(crate) outgoing_transfer_ssl: u64,
    pub(crate) num_vips: u32,
    pub(crate) num_polls: u32,
    pub(crate) start_time: Timestamp,
    pub(crate) end_time: Timestamp,
    pub(crate) vip_type: Option<VipType>,
    pub(crate) ssl_mode: Option<SslMode>,
    pub(crate) event_type: Option<String>,
}

impl UsageRecord {
    /// The record's id.
    pub fn id(&self) -> u64 {
        self.id
    }
    /// The average number of concurrent connections over the period (plain traffic).
    pub fn average_num_connections(&self) -> f64 {
        self.average_num_connections
    }
    /// Bytes received from clients (plain traffic).
    pub fn incoming_transfer(&self) -> u64 {
        self.incoming_transfer
    }
    /// Bytes sent to clients (plain traffic).
    pub fn outgoing_transfer(&self) -> u64 {
        self.outgoing_transfer
    }
    /// The average number of concurrent connections terminated by SSL termination.
    pub fn average_num_connections_ssl(&self) -> f64 {
        self.average_num_connections_ssl
    }
    /// Bytes received over SSL termination.
    pub fn incoming_transfer_ssl(&self) -> u64 {
        self.incoming_transfer_ssl
    }
    /// Bytes sent over SSL termination.
    pub fn outgoing_transfer_ssl(&self) -> u64 {
        self.outgoing_transfer_ssl
    }
    /// The number of virtual IPs.
    pub fn num_vips(&self) -> u32 {
        self.num_vips
    }
    /// How many times the traffic was polled in the period (every 5 minutes: 288 a day).
    pub fn num_polls(&self) -> u32 {
        self.num_polls
    }
    /// The start of the period.
    pub fn start_time(&self) -> Timestamp {
        self.start_time
    }
    /// The end of the period.
    pub fn end_time(&self) -> Timestamp {
        self.end_time
    }
    /// The kind of virtual IPs, when given.
    pub fn vip_type(&self) -> Option<&VipType> {
        self.vip_type.as_ref()
    }
    /// Whether SSL termination was on, when given.
    pub fn ssl_mode(&self) -> Option<&SslMode> {
        self.ssl_mode.as_ref()
    }
    /// The event that started the record (`CREATE_LOADBALANCER`, `SSL_ON`, …), if any.
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }
}

/// The account's own records and every load balancer's records, from
/// [`account_usage`](crate::account_usage).
#[derive(Debug, Clone, PartialEq)]
pub struct AccountUsage {
    pub(crate) account_id: Option<u64>,
    pub(crate) records: Vec<AccountUsageRecord>,
    pub(crate) load_balancers: Vec<LoadBalancerUsage>,
}

impl AccountUsage {
    /// The account the report is for: `accountId` at the root of the answer, where the
    /// service writes it (or, from an answer without it, the first record's).
    ///
    /// # Examples
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = rackcloud_emulator::Emulator::start()?;
    /// let token = emulator.issue_token("demo").ok_or("no token")?;
    /// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
    /// let usage = lb_usage::account_usage(&client, &lb_usage::UsageOpts::new()).extract()?;
    /// assert_eq!(usage.account_id(), Some(123456));
    /// # Ok(())
    /// # }
    /// ```
    pub fn account_id(&self) -> Option<u64> {
        self.account_id
            .or_else(|| self.records.iter().find_map(|r| r.account_id))
    }
    /// The account's records (load balancers and virtual IPs counted over a period).
    pub fn records(&self) -> &[AccountUsageRecord] {
        &self.records
    }
    /// The records of each load balancer that has any in the period.
    pub fn load_balancers(&self) -> &[LoadBalancerUsage] {
        &self.load_balancers
    }
}

/// One record of the account: how many load balancers and virtual IPs it had from a time on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountUsageRecord {
    pub(crate) account_id: Option<u64>,
    pub(crate) num_load_balancers: u32,
    pub(crate) num_public_vips: u32,
    pub(crate) num_servicenet_vips: u32,
    pub(crate) start_time: Option<Timestamp>,
}

impl AccountUsageRecord {
    /// The account, when the record itself carries it; the service writes it once, at the
    /// root of the answer: see [`AccountUsage::account_id`].
    pub fn account_id(&self) -> Option<u64> {
        self.account_id
    }
    /// The number of load balancers.
    pub fn num_load_balancers(&self) -> u32 {
        self.num_load_balancers
    }
    /// The number of public virtual IPs.
    pub fn num_public_vips(&self) -> u32 {
        self.num_public_vips
    }
    /// The number of ServiceNet virtual IPs.
    pub fn num_servicenet_vips(&self) -> u32 {
        self.num_servicenet_vips
    }
    /// When the record starts, when given.
    pub fn start_time(&self) -> Option<Timestamp> {
        self.start_time
    }
}

/// The records of one load balancer in an account report.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadBalancerUsage {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) records: Vec<UsageRecord>,
}

impl LoadBalancerUsage {
    /// The load balancer's id.
    pub fn id(&self) -> u64 {
        self.id
    }
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Its records in the period.
    pub fn records(&self) -> &[UsageRecord] {
        &self.records
    }
}

/// A load balancer billable in a period, as [`billable`](crate::billable) lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillableLoadBalancer {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) status: LbStatus,
    pub(crate) protocol: String,
    pub(crate) port: u16,
    pub(crate) node_count: u32,
    pub(crate) timeout: Option<u32>,
    pub(crate) algorithm: Option<String>,
    pub(crate) created: Option<Timestamp>,
    pub(crate) updated: Option<Timestamp>,
}

impl BillableLoadBalancer {
    /// Its id.
    pub fn id(&self) -> u64 {
        self.id
    }
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Its status now.
    pub fn status(&self) -> &LbStatus {
        &self.status
    }
    /// Its protocol (`HTTP`, `TCP`, …).
    pub fn protocol(&self) -> &str {
        &self.protocol
    }
    /// Its port.
    pub fn port(&self) -> u16 {
        self.port
    }
    /// Its number of nodes.
    pub fn node_count(&self) -> u32 {
        self.node_count
    }
    /// Its timeout in seconds, when given.
    pub fn timeout(&self) -> Option<u32> {
        self.timeout
    }
    /// Its algorithm (`RANDOM`, `ROUND_ROBIN`, …), when given.
    pub fn algorithm(&self) -> Option<&str> {
        self.algorithm.as_deref()
    }
    /// When it was created, when given.
    pub fn created(&self) -> Option<Timestamp> {
        self.created
    }
    /// When it last changed, when given.
    pub fn updated(&self) -> Option<Timestamp> {
        self.updated
    }
}
