//! Health monitors: what `show` and `delete` print (`set` is a [`Change`]).

use rackcloud_lb::core::Removal;
use std::io::{self, Write};

use rackcloud_lb::core::model::{HealthMonitor, MonitorType};
use rackcloud_lb::lbs::Status;
use serde::Serialize;

use super::{Change, RemovalReport, RemovalWords, Render, write_json};

/// `lb health-monitor show`: the monitor, or `None` when there is none.
#[derive(Debug)]
pub(crate) struct MonitorShown {
    pub(crate) lb_id: u64,
    pub(crate) monitor: Option<HealthMonitor>,
}

/// `lb health-monitor set`: the change, with `type` in JSON.
pub(crate) fn monitor_set(
    lb_id: u64,
    monitor_type: &MonitorType,
    status: Option<Status>,
) -> Change<SetFields> {
    Change::update(lb_id, format!("{monitor_type} health monitor"), status).with_fields(SetFields {
        monitor_type: monitor_type.as_str().to_owned(),
    })
}

/// The JSON field `set` adds to its [`Change`].
#[derive(Debug, Serialize)]
pub(crate) struct SetFields {
    #[serde(rename = "type")]
    monitor_type: String,
}

/// `lb health-monitor delete`: what happened; with `--wait`, the status once applied.
pub(crate) fn monitor_deleted(
    lb_id: u64,
    outcome: Removal,
    status: Option<Status>,
) -> RemovalReport {
    RemovalReport::new(&MONITOR_DELETION, lb_id, outcome, status)
}

const MONITOR_DELETION: RemovalWords = RemovalWords {
    change: "health monitor deletion",
    nothing: "no health monitor",
    removed_outcome: "deleted",
    nothing_outcome: "not_configured",
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MonitorDocument<'a> {
    #[serde(rename = "type")]
    monitor_type: &'a str,
    delay: u32,
    timeout: u32,
    attempts_before_deactivation: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_regex: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_regex: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host_header: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ShownDocument<'a> {
    load_balancer_id: u64,
    health_monitor: Option<MonitorDocument<'a>>,
}

impl Render for MonitorShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let lb_id = self.lb_id;
        let Some(m) = &self.monitor else {
            return writeln!(out, "load balancer {lb_id}: no health monitor");
        };
        let kind = m.monitor_type();
        writeln!(
            out,
            "load balancer {lb_id}: {kind} health monitor {}",
            summary(m)
        )
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = ShownDocument {
            load_balancer_id: self.lb_id,
            health_monitor: self.monitor.as_ref().map(|m| MonitorDocument {
                monitor_type: m.monitor_type().as_str(),
                delay: m.delay(),
                timeout: m.timeout(),
                attempts_before_deactivation: m.attempts_before_deactivation(),
                path: m.path(),
                status_regex: m.status_regex(),
                body_regex: m.body_regex(),
                host_header: m.host_header(),
            }),
        };
        write_json(out, &doc)
    }
}

/// `every 10 s, timeout 5 s, 2 attempts, path /health`: a monitor's settings in one line, each
/// text shown as [`line`](crate::sanitize::line) shows it.
pub(crate) fn summary(m: &HealthMonitor) -> String {
    let mut text = format!(
        "every {} s, timeout {} s, {} attempts",
        m.delay(),
        m.timeout(),
        m.attempts_before_deactivation()
    );
    for (label, value) in [
        ("path", m.path()),
        ("status", m.status_regex()),
        ("body", m.body_regex()),
        ("host", m.host_header()),
    ] {
        if let Some(value) = value {
            text.push_str(&format!(", {label} {}", crate::sanitize::line(value)));
        }
    }
    text
}
