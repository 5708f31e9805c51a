//! A change to a load balancer: accepted by the server, applied in the background; with
//! `--wait`, the status the load balancer reached once it was applied.
//!
//! Text: `load balancer 7: connection throttling accepted; PENDING_UPDATE until applied`, or with
//! `--wait`, `load balancer 7: connection throttling applied; ACTIVE`. JSON:
//! `{"loadBalancerId":7,…,"accepted":true,"status":"ACTIVE"}`, where `…` are the command's own
//! fields ([`Change::with_fields`]) and `status` is there only with `--wait`.

use std::io::{self, Write};

use rackcloud_lb::lbs::Status;
use serde::Serialize;

use super::{Render, write_json};

/// A change the server accepted, and the status once applied when the command waited.
#[derive(Debug)]
pub(crate) struct Change<F = ()> {
    lb_id: u64,
    what: String,
    pending: Pending,
    fields: F,
    status: Option<Status>,
}

/// What the load balancer goes through while the change is applied.
#[derive(Debug, Clone, Copy)]
enum Pending {
    Update,
    Delete,
}

impl Change {
    /// `what` (e.g. `HTTP_COOKIE session persistence`) was accepted; the load balancer is
    /// `PENDING_UPDATE` until it is applied. `status`: the status once applied, with `--wait`.
    pub(crate) fn update(lb_id: u64, what: impl Into<String>, status: Option<Status>) -> Change {
        Change {
            lb_id,
            what: what.into(),
            pending: Pending::Update,
            fields: (),
            status,
        }
    }

    /// The deletion of the load balancer was accepted; it is `PENDING_DELETE` until deleted.
    pub(crate) fn deletion(lb_id: u64, status: Option<Status>) -> Change {
        Change {
            lb_id,
            what: "deletion".to_owned(),
            pending: Pending::Delete,
            fields: (),
            status,
        }
    }

    /// The same change with the command's own JSON fields, written after `loadBalancerId`
    /// (a struct that serialises as an object, its keys in camelCase).
    pub(crate) fn with_fields<F: Serialize>(self, fields: F) -> Change<F> {
        Change {
            lb_id: self.lb_id,
            what: self.what,
            pending: self.pending,
            fields,
            status: self.status,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a, F> {
    load_balancer_id: u64,
    #[serde(flatten)]
    fields: &'a F,
    accepted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
}

impl<F: Serialize> Render for Change<F> {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let Change { lb_id, what, .. } = self;
        match (&self.status, self.pending) {
            (Some(status), _) => writeln!(out, "load balancer {lb_id}: {what} applied; {status}"),
            (None, Pending::Update) => writeln!(
                out,
                "load balancer {lb_id}: {what} accepted; PENDING_UPDATE until applied"
            ),
            (None, Pending::Delete) => writeln!(
                out,
                "load balancer {lb_id}: {what} accepted; PENDING_DELETE until deleted"
            ),
        }
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = Document {
            load_balancer_id: self.lb_id,
            fields: &self.fields,
            accepted: true,
            status: self.status.as_ref().map(Status::as_str),
        };
        write_json(out, &doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::rendered::{json, text};

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Throttle {
        max_connections: u32,
        min_connections: u32,
    }

    #[test]
    fn an_update_is_accepted_then_applied() {
        let accepted = Change::update(7, "connection throttling", None);
        assert_eq!(
            text(&accepted),
            ["load balancer 7: connection throttling accepted; PENDING_UPDATE until applied"]
        );
        assert_eq!(json(&accepted), r#"{"loadBalancerId":7,"accepted":true}"#);
        let applied = Change::update(7, "connection throttling", Some(Status::Active));
        assert_eq!(
            text(&applied),
            ["load balancer 7: connection throttling applied; ACTIVE"]
        );
        assert_eq!(
            json(&applied),
            r#"{"loadBalancerId":7,"accepted":true,"status":"ACTIVE"}"#
        );
    }

    #[test]
    fn the_command_s_fields_follow_the_id_in_their_order() {
        let change = Change::update(7, "connection throttling", None).with_fields(Throttle {
            max_connections: 100,
            min_connections: 10,
        });
        assert_eq!(
            json(&change),
            r#"{"loadBalancerId":7,"maxConnections":100,"minConnections":10,"accepted":true}"#
        );
    }

    #[test]
    fn a_deletion_is_pending_delete_until_deleted() {
        let accepted = Change::deletion(3, None);
        assert_eq!(
            text(&accepted),
            ["load balancer 3: deletion accepted; PENDING_DELETE until deleted"]
        );
        assert_eq!(json(&accepted), r#"{"loadBalancerId":3,"accepted":true}"#);
        let deleted = Change::deletion(3, Some(Status::Deleted));
        assert_eq!(
            text(&deleted),
            ["load balancer 3: deletion applied; DELETED"]
        );
        assert_eq!(
            json(&deleted),
            r#"{"loadBalancerId":3,"accepted":true,"status":"DELETED"}"#
        );
    }
}
