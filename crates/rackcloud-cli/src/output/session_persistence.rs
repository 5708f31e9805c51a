//! Session persistence: what `show` and `disable` print (`enable` is a plain [`Change`]).

use rackcloud_lb::core::Removal;
use std::io::{self, Write};

use rackcloud_lb::lbs::Status;
use rackcloud_lb::sessions::Type;
use serde::Serialize;

use super::{Change, RemovalReport, RemovalWords, Render, write_json};

/// `lb session-persistence show`: the type, or `None` when persistence is disabled.
#[derive(Debug)]
pub(crate) struct PersistenceShown {
    pub(crate) lb_id: u64,
    pub(crate) persistence: Option<Type>,
}

/// `lb session-persistence enable`: the change, with `persistenceType` in JSON.
pub(crate) fn persistence_enabled(
    lb_id: u64,
    persistence_type: &Type,
    status: Option<Status>,
) -> Change<EnabledFields> {
    Change::update(
        lb_id,
        format!("{persistence_type} session persistence"),
        status,
    )
    .with_fields(EnabledFields {
        persistence_type: persistence_type.as_str().to_owned(),
    })
}

/// The JSON field `enable` adds to its [`Change`].
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EnabledFields {
    persistence_type: String,
}

/// `lb session-persistence disable`: what happened; with `--wait`, the status once applied.
pub(crate) fn persistence_disabled(
    lb_id: u64,
    outcome: Removal,
    status: Option<Status>,
) -> RemovalReport {
    RemovalReport::new(&PERSISTENCE_DISABLE, lb_id, outcome, status)
}

const PERSISTENCE_DISABLE: RemovalWords = RemovalWords {
    change: "session persistence disable",
    nothing: "session persistence already disabled",
    removed_outcome: "disabled",
    nothing_outcome: "already_disabled",
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ShownDocument<'a> {
    load_balancer_id: u64,
    persistence_type: Option<&'a str>,
}

impl Render for PersistenceShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let lb_id = self.lb_id;
        match &self.persistence {
            Some(t) => writeln!(out, "load balancer {lb_id}: session persistence {t}"),
            None => writeln!(out, "load balancer {lb_id}: session persistence disabled"),
        }
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = ShownDocument {
            load_balancer_id: self.lb_id,
            persistence_type: self.persistence.as_ref().map(Type::as_str),
        };
        write_json(out, &doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::rendered::{json, text};

    #[test]
    fn show_renders_both_states() {
        let on = PersistenceShown {
            lb_id: 1,
            persistence: Some(Type::HttpCookie),
        };
        assert_eq!(
            text(&on),
            ["load balancer 1: session persistence HTTP_COOKIE"]
        );
        assert_eq!(
            json(&on),
            r#"{"loadBalancerId":1,"persistenceType":"HTTP_COOKIE"}"#
        );
        let off = PersistenceShown {
            lb_id: 2,
            persistence: None,
        };
        assert_eq!(
            text(&off),
            ["load balancer 2: session persistence disabled"]
        );
        assert_eq!(json(&off), r#"{"loadBalancerId":2,"persistenceType":null}"#);
    }

    #[test]
    fn enable_is_a_change_with_its_type() {
        let accepted = persistence_enabled(1, &Type::SslId, None);
        assert_eq!(
            text(&accepted),
            ["load balancer 1: SSL_ID session persistence accepted; PENDING_UPDATE until applied"]
        );
        assert_eq!(
            json(&accepted),
            r#"{"loadBalancerId":1,"persistenceType":"SSL_ID","accepted":true}"#
        );
        let applied = persistence_enabled(1, &Type::HttpCookie, Some(Status::Active));
        assert_eq!(
            json(&applied),
            r#"{"loadBalancerId":1,"persistenceType":"HTTP_COOKIE","accepted":true,"status":"ACTIVE"}"#
        );
        assert_eq!(
            text(&applied),
            ["load balancer 1: HTTP_COOKIE session persistence applied; ACTIVE"]
        );
    }

    #[test]
    fn disable_says_what_happened() {
        let already = persistence_disabled(5, Removal::NothingToRemove, None);
        assert_eq!(
            text(&already),
            ["load balancer 5: session persistence already disabled; nothing changed"]
        );
        assert_eq!(
            json(&already),
            r#"{"loadBalancerId":5,"outcome":"already_disabled"}"#
        );
        let accepted = persistence_disabled(2, Removal::Removed, None);
        assert_eq!(
            text(&accepted),
            ["load balancer 2: session persistence disable accepted; PENDING_UPDATE until applied"]
        );
        let applied = persistence_disabled(2, Removal::Removed, Some(Status::Active));
        assert_eq!(
            text(&applied),
            ["load balancer 2: session persistence disable applied; ACTIVE"]
        );
        assert_eq!(
            json(&applied),
            r#"{"loadBalancerId":2,"outcome":"disabled","status":"ACTIVE"}"#
        );
    }
}
