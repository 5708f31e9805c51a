//! Session persistence: what `show` and `disable` print (`enable` is a plain [`Change`]).

use rackcloud_lb::core::Removal;
use std::io::{self, Write};

use rackcloud_lb::lbs::Status;
use rackcloud_lb::sessions::Type;
use serde::Serialize;

use super::{Change, Render, write_json};

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
#[derive(Debug)]
pub(crate) struct PersistenceDisabled {
    pub(crate) lb_id: u64,
    pub(crate) outcome: Removal,
    pub(crate) status: Option<Status>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ShownDocument<'a> {
    load_balancer_id: u64,
    persistence_type: Option<&'a str>,
}

/// `status` only with `--wait` when there was a change to wait for.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DisabledDocument<'a> {
    load_balancer_id: u64,
    outcome: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
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

impl Render for PersistenceDisabled {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        match self.outcome {
            Removal::Removed => Change::update(
                self.lb_id,
                "session persistence disable",
                self.status.clone(),
            )
            .text(out),
            Removal::NothingToRemove => writeln!(
                out,
                "load balancer {}: session persistence already disabled; nothing changed",
                self.lb_id
            ),
        }
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = DisabledDocument {
            load_balancer_id: self.lb_id,
            outcome: match self.outcome {
                Removal::Removed => "disabled",
                Removal::NothingToRemove => "already_disabled",
            },
            status: self.status.as_ref().map(Status::as_str),
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
        let already = PersistenceDisabled {
            lb_id: 5,
            outcome: Removal::NothingToRemove,
            status: None,
        };
        assert_eq!(
            text(&already),
            ["load balancer 5: session persistence already disabled; nothing changed"]
        );
        assert_eq!(
            json(&already),
            r#"{"loadBalancerId":5,"outcome":"already_disabled"}"#
        );
        let accepted = PersistenceDisabled {
            lb_id: 2,
            outcome: Removal::Removed,
            status: None,
        };
        assert_eq!(
            text(&accepted),
            ["load balancer 2: session persistence disable accepted; PENDING_UPDATE until applied"]
        );
        let applied = PersistenceDisabled {
            lb_id: 2,
            outcome: Removal::Removed,
            status: Some(Status::Active),
        };
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
