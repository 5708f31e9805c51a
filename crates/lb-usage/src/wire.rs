//! The response bodies as the server writes them, and the result wrappers that read them.

use jiff::Timestamp;
use rackcloud_core::Error;
use rackcloud_core::kit::lenient;
use rackcloud_core::kit::result_type;
use rackcloud_core::model::LbStatus;
use serde::Deserialize;

use crate::SslMode;
use crate::results::{
    AccountUsage, AccountUsageRecord, BillableLoadBalancer, LoadBalancerUsage, UsageRecord,
};
use crate::time::{lenient, lenient_opt};
use rackcloud_core::model::VipType;

result_type! {
    /// The result of [`load_balancer_usage`](crate::load_balancer_usage) and
    /// [`current_usage`](crate::current_usage).
    #[must_use = "call extract to read the usage records"]
    pub struct UsageResult(RequestResult);
}

result_type! {
    /// The result of [`account_usage`](crate::account_usage).
    #[must_use = "call extract to read the account usage"]
    pub struct AccountUsageResult(RequestResult);
}

result_type! {
    /// The result of [`billable`](crate::billable): one page.
    #[must_use = "call extract to read the billable load balancers"]
    pub struct BillableResult(RequestResult);
}

impl UsageResult {
    /// The records, in the server's order.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"loadBalancerUsageRecords":[…]}`.
    pub fn extract(self) -> Result<Vec<UsageRecord>, Error> {
        let body: RecordsBody = self.0.extract_json()?;
        Ok(body.records.into_iter().map(Into::into).collect())
    }
}

impl AccountUsageResult {
    /// The account's records and every load balancer's.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error.
    pub fn extract(self) -> Result<AccountUsage, Error> {
        let body: AccountBody = self.0.extract_json()?;
        Ok(body.into())
    }
}

impl BillableResult {
    /// The load balancers of the page.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error.
    pub fn extract(self) -> Result<Vec<BillableLoadBalancer>, Error> {
        let body: BillableBody = self.0.extract_json()?;
        Ok(body.load_balancers.into_iter().map(Into::into).collect())
    }
}

#[derive(Deserialize)]
pub(crate) struct RecordsBody {
    #[serde(rename = "loadBalancerUsageRecords", default)]
    pub(crate) records: Vec<RecordBody>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecordBody {
    #[serde(deserialize_with = "lenient::id")]
    id: u64,
    #[serde(default)]
    average_num_connections: f64,
    #[serde(default)]
    incoming_transfer: u64,
    #[serde(default)]
    outgoing_transfer: u64,
    #[serde(default)]
    average_num_connections_ssl: f64,
    #[serde(default)]
    incoming_transfer_ssl: u64,
    #[serde(default)]
    outgoing_transfer_ssl: u64,
    #[serde(default)]
    num_vips: u32,
    #[serde(default)]
    num_polls: u32,
    #[serde(deserialize_with = "lenient")]
    start_time: Timestamp,
    #[serde(deserialize_with = "lenient")]
    end_time: Timestamp,
    #[serde(default)]
    vip_type: Option<VipType>,
    #[serde(default)]
    ssl_mode: Option<SslMode>,
    #[serde(default)]
    event_type: Option<String>,
}

impl From<RecordBody> for UsageRecord {
    fn from(r: RecordBody) -> UsageRecord {
        UsageRecord {
            id: r.id,
            average_num_connections: r.average_num_connections,
            incoming_transfer: r.incoming_transfer,
            outgoing_transfer: r.outgoing_transfer,
            average_num_connections_ssl: r.average_num_connections_ssl,
            incoming_transfer_ssl: r.incoming_transfer_ssl,
            outgoing_transfer_ssl: r.outgoing_transfer_ssl,
            num_vips: r.num_vips,
            num_polls: r.num_polls,
            start_time: r.start_time,
            end_time: r.end_time,
            vip_type: r.vip_type,
            ssl_mode: r.ssl_mode,
            event_type: r.event_type.filter(|e| !e.is_empty()),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccountBody {
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    account_id: Option<u64>,
    account_usage: AccountRecordsBody,
    #[serde(default)]
    load_balancer_usages: Vec<LbUsageBody>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccountRecordsBody {
    #[serde(default)]
    account_usage_records: Vec<AccountRecordBody>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccountRecordBody {
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    account_id: Option<u64>,
    #[serde(default)]
    num_load_balancers: u32,
    #[serde(default)]
    num_public_vips: u32,
    #[serde(default)]
    num_servicenet_vips: u32,
    #[serde(default, deserialize_with = "lenient_opt")]
    start_time: Option<Timestamp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LbUsageBody {
    #[serde(deserialize_with = "lenient::id")]
    load_balancer_id: u64,
    #[serde(default)]
    load_balancer_name: String,
    #[serde(default)]
    load_balancer_usage_records: Vec<RecordBody>,
}

impl From<AccountBody> for AccountUsage {
    fn from(b: AccountBody) -> AccountUsage {
        AccountUsage {
            account_id: b.account_id,
            records: b
                .account_usage
                .account_usage_records
                .into_iter()
                .map(|r| AccountUsageRecord {
                    account_id: r.account_id,
                    num_load_balancers: r.num_load_balancers,
                    num_public_vips: r.num_public_vips,
                    num_servicenet_vips: r.num_servicenet_vips,
                    start_time: r.start_time,
                })
                .collect(),
            load_balancers: b
                .load_balancer_usages
                .into_iter()
                .map(|u| LoadBalancerUsage {
                    id: u.load_balancer_id,
                    name: u.load_balancer_name,
                    records: u
                        .load_balancer_usage_records
                        .into_iter()
                        .map(Into::into)
                        .collect(),
                })
                .collect(),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BillableBody {
    load_balancers: Vec<BillableItemBody>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BillableItemBody {
    #[serde(deserialize_with = "lenient::id")]
    id: u64,
    #[serde(default)]
    name: String,
    status: LbStatus,
    #[serde(default)]
    protocol: String,
    #[serde(default)]
    port: u16,
    #[serde(default)]
    node_count: u32,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    timeout: Option<u64>,
    #[serde(default)]
    algorithm: Option<String>,
    #[serde(default)]
    created: Option<TimeBody>,
    #[serde(default)]
    updated: Option<TimeBody>,
}

/// `{"time":"…"}`.
#[derive(Deserialize)]
struct TimeBody {
    #[serde(default, deserialize_with = "lenient_opt")]
    time: Option<Timestamp>,
}

impl From<BillableItemBody> for BillableLoadBalancer {
    fn from(b: BillableItemBody) -> BillableLoadBalancer {
        BillableLoadBalancer {
            id: b.id,
            name: b.name,
            status: b.status,
            protocol: b.protocol,
            port: b.port,
            node_count: b.node_count,
            timeout: b.timeout.and_then(|t| u32::try_from(t).ok()),
            algorithm: b.algorithm.filter(|a| !a.is_empty()),
            created: b.created.and_then(|t| t.time),
            updated: b.updated.and_then(|t| t.time),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_record_as_the_api_writes_it() {
        let body = r#"{"loadBalancerUsageRecords":[{"id":1,"averageNumConnections":0.5,
            "incomingTransfer":1024,"outgoingTransfer":2048,"averageNumConnectionsSsl":0,
            "incomingTransferSsl":0,"outgoingTransferSsl":0,"numVips":1,"numPolls":288,
            "startTime":"2026-11-24T00:00:00-06:00","endTime":"2026-11-25T00:00:00-06:00",
            "vipType":"PUBLIC","sslMode":"OFF","eventType":null}]}"#;
        let records: RecordsBody = serde_json::from_str(body).expect("decodes");
        let r: UsageRecord = records.records.into_iter().next().expect("one").into();
        assert_eq!(r.average_num_connections(), 0.5);
        assert_eq!((r.incoming_transfer(), r.outgoing_transfer()), (1024, 2048));
        assert_eq!(r.num_polls(), 288);
        assert_eq!(r.start_time().to_string(), "2026-11-24T06:00:00Z");
        assert_eq!(r.vip_type(), Some(&VipType::Public));
        assert_eq!(r.ssl_mode(), Some(&SslMode::Off));
        assert_eq!(r.event_type(), None);
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<RecordsBody>(&body);
            let _ = serde_json::from_slice::<AccountBody>(&body);
            let _ = serde_json::from_slice::<BillableBody>(&body);
        }
    }
}
