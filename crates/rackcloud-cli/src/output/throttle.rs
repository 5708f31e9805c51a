//! Connection throttles: what `show` and `delete` print (`set` is a [`Change`]).

use rackcloud_lb::core::Removal;
use std::io::{self, Write};

use rackcloud_lb::lbs::Status;
use rackcloud_lb::throttle::ConnectionThrottle;
use serde::Serialize;

use super::{Change, RemovalReport, RemovalWords, Render, write_json};

/// `lb throttle show`: the throttle, or `None` when there is none.
#[derive(Debug)]
pub(crate) struct ThrottleShown {
    pub(crate) lb_id: u64,
    pub(crate) throttle: Option<ConnectionThrottle>,
}

/// `lb throttle set`: the change, with `maxConnections` in JSON.
pub(crate) fn throttle_set(
    lb_id: u64,
    max_connections: u32,
    status: Option<Status>,
) -> Change<SetFields> {
    Change::update(
        lb_id,
        format!("connection throttle of {max_connections}"),
        status,
    )
    .with_fields(SetFields { max_connections })
}

/// The JSON field `set` adds to its [`Change`].
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetFields {
    max_connections: u32,
}

/// `lb throttle delete`: what happened; with `--wait`, the status once applied.
pub(crate) fn throttle_deleted(
    lb_id: u64,
    outcome: Removal,
    status: Option<Status>,
) -> RemovalReport {
    RemovalReport::new(&THROTTLE_DELETION, lb_id, outcome, status)
}

const THROTTLE_DELETION: RemovalWords = RemovalWords {
    change: "connection throttle deletion",
    nothing: "no connection throttle",
    removed_outcome: "deleted",
    nothing_outcome: "not_set",
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ShownDocument {
    load_balancer_id: u64,
    max_connections: Option<u32>,
}

impl Render for ThrottleShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let lb_id = self.lb_id;
        match &self.throttle {
            Some(t) => writeln!(
                out,
                "load balancer {lb_id}: at most {} connections per client address",
                t.max_connections()
            ),
            None => writeln!(out, "load balancer {lb_id}: no connection throttle"),
        }
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = ShownDocument {
            load_balancer_id: self.lb_id,
            max_connections: self.throttle.map(|t| t.max_connections()),
        };
        write_json(out, &doc)
    }
}
