//! The report of an idempotent removal (`lb health-monitor delete`, `lb throttle delete`,
//! `lb session-persistence disable`): either the change, as [`Change`] tells it, or a line that
//! nothing was there to remove. Each command keeps its own words ([`RemovalWords`]).

use std::io::{self, Write};

use rackcloud_lb::core::Removal;
use rackcloud_lb::lbs::Status;
use serde::Serialize;

use super::{Change, Render, write_json};

/// How one command tells its two outcomes.
#[derive(Debug)]
pub(crate) struct RemovalWords {
    /// The change when something was removed, as [`Change`] names it: `health monitor deletion`.
    pub(crate) change: &'static str,
    /// The text when nothing was there, before `; nothing changed`: `no health monitor`.
    pub(crate) nothing: &'static str,
    /// The JSON `outcome` when something was removed: `deleted`.
    pub(crate) removed_outcome: &'static str,
    /// The JSON `outcome` when nothing was there: `not_configured`.
    pub(crate) nothing_outcome: &'static str,
}

/// What a removal did; with `--wait`, the status once applied.
#[derive(Debug)]
pub(crate) struct RemovalReport {
    lb_id: u64,
    outcome: Removal,
    status: Option<Status>,
    words: &'static RemovalWords,
}

impl RemovalReport {
    /// The report of `outcome` on load balancer `lb_id`, told in `words`.
    pub(crate) fn new(
        words: &'static RemovalWords,
        lb_id: u64,
        outcome: Removal,
        status: Option<Status>,
    ) -> RemovalReport {
        RemovalReport {
            lb_id,
            outcome,
            status,
            words,
        }
    }
}

/// `status` only with `--wait` when there was a change to wait for.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RemovalDocument<'a> {
    load_balancer_id: u64,
    outcome: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
}

impl Render for RemovalReport {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        match self.outcome {
            Removal::NothingToRemove => writeln!(
                out,
                "load balancer {}: {}; nothing changed",
                self.lb_id, self.words.nothing
            ),
            Removal::Removed => {
                Change::update(self.lb_id, self.words.change, self.status.clone()).text(out)
            }
        }
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = RemovalDocument {
            load_balancer_id: self.lb_id,
            outcome: match self.outcome {
                Removal::NothingToRemove => self.words.nothing_outcome,
                Removal::Removed => self.words.removed_outcome,
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

    const WORDS: RemovalWords = RemovalWords {
        change: "widget deletion",
        nothing: "no widget",
        removed_outcome: "deleted",
        nothing_outcome: "not_there",
    };

    #[test]
    fn nothing_to_remove_is_one_line_and_its_own_outcome() {
        let report = RemovalReport::new(&WORDS, 4, Removal::NothingToRemove, None);
        assert_eq!(
            text(&report),
            ["load balancer 4: no widget; nothing changed"]
        );
        assert_eq!(
            json(&report),
            r#"{"loadBalancerId":4,"outcome":"not_there"}"#
        );
    }

    #[test]
    fn a_removal_is_a_change_with_its_status_once_applied() {
        let accepted = RemovalReport::new(&WORDS, 4, Removal::Removed, None);
        assert_eq!(
            text(&accepted),
            ["load balancer 4: widget deletion accepted; PENDING_UPDATE until applied"]
        );
        assert_eq!(
            json(&accepted),
            r#"{"loadBalancerId":4,"outcome":"deleted"}"#
        );
        let applied = RemovalReport::new(&WORDS, 4, Removal::Removed, Some(Status::Active));
        assert_eq!(
            json(&applied),
            r#"{"loadBalancerId":4,"outcome":"deleted","status":"ACTIVE"}"#
        );
    }
}
