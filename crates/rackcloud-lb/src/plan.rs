//! [`plan`]: the changes from what the account has to the document, computed without sending.

use std::fmt;

use lb_lbs::Protocol;
use rackcloud_core::Error;

use crate::change::Change;
use crate::change_display::plural;
use crate::current::Current;
use crate::diff::diff;
use crate::diff_view::{ChangeView, views};
use crate::document::Document;
use crate::lb_spec::LbSpec;

/// The changes for one load balancer of the document, in the order apply sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LbPlan {
    name: String,
    id: Option<u64>,
    changes: Vec<Change>,
    views: Vec<ChangeView>,
}

impl LbPlan {
    /// The load balancer's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its id, `None` when it is to be created.
    pub fn id(&self) -> Option<u64> {
        self.id
    }

    /// The changes, in order.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// What the changes do, for a reviewer: one view per resource they touch, in order, with
    /// the values before and after.
    pub fn views(&self) -> &[ChangeView] {
        &self.views
    }
}

/// The changes for a whole document ([`plan`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    lbs: Vec<LbPlan>,
}

impl Plan {
    /// One entry per load balancer of the document, in document order (also those with no
    /// change).
    pub fn lbs(&self) -> &[LbPlan] {
        &self.lbs
    }

    /// The number of changes.
    pub fn len(&self) -> usize {
        self.lbs.iter().map(|l| l.changes.len()).sum()
    }

    /// Whether the account already matches the document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All changes, with the name of their load balancer.
    pub fn changes(&self) -> impl Iterator<Item = (&str, &Change)> {
        self.lbs
            .iter()
            .flat_map(|l| l.changes.iter().map(move |c| (l.name.as_str(), c)))
    }
}

impl fmt::Display for Plan {
    /// A header per load balancer, then one line per resource changed: `+` added, `~` changed
    /// in place (`port 80 → 8080`), `-` removed ([`ChangeView`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for lb in &self.lbs {
            let id = lb.id.map_or_else(|| "new".to_owned(), |id| id.to_string());
            let name = crate::shown::shown(&lb.name);
            let changes = plural(lb.changes.len(), "change", "changes");
            writeln!(f, "{name} ({id}): {changes}")?;
            for view in &lb.views {
                writeln!(f, "  {view}")?;
            }
        }
        Ok(())
    }
}

/// Computes the changes from `current` (load balancers of the account, matched by name) to
/// `doc`, sending nothing: each change is one API operation, in an order the API accepts.
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when the document is invalid
/// ([`Document::check`]), when two load balancers of `current` have a name of the document,
/// when a change cannot be made by the API (a virtual IP other than `PUBLIC` IPv6 added to an
/// existing load balancer), or when a certificate is to be installed and its private key file
/// could not be read (the error names the file to provide).
pub fn plan(doc: &Document, current: &[Current]) -> Result<Plan, Error> {
    doc.check()?;
    let mut lbs = Vec::new();
    for (i, want) in doc.load_balancers.iter().enumerate() {
        let prefix = format!("load_balancers[{i}] ({:?})", want.name);
        let mut found = current.iter().filter(|c| c.spec().name == want.name);
        let have = found.next();
        if found.next().is_some() {
            return Err(Error::invalid_input(format!(
                "{prefix}.name: several load balancers of the account are named {:?}; names must be unique to be matched",
                want.name
            )));
        }
        let (id, changes, views) = match have {
            Some(have) => {
                let changes = diff(want, have, &prefix)?;
                let views = changes.iter().flat_map(|c| views(c, have)).collect();
                (Some(have.id()), changes, views)
            }
            None => {
                let (changes, created) = create(want, &prefix)?;
                let mut shown = views(&changes[0], &created);
                shown.extend(changes[1..].iter().flat_map(|c| views(c, &created)));
                (None, changes, shown)
            }
        };
        lbs.push(LbPlan {
            name: want.name.clone(),
            id,
            changes,
            views,
        });
    }
    Ok(Plan { lbs })
}

/// A new load balancer: created in one request with everything the create body takes (virtual
/// IPs, nodes of both types, settings, monitor, throttle, access list, metadata, logging,
/// caching, persistence, and the HTTPS redirect of an HTTPS load balancer), then brought to the
/// document like an existing one: only SSL termination, certificate mappings, the error page and
/// a redirect that needs the termination follow (docs/declarative.md says why).
fn create(want: &LbSpec, prefix: &str) -> Result<(Vec<Change>, Current), Error> {
    let mut first = want.clone();
    first.ssl_termination = None;
    first.certificate_mappings.clear();
    first.error_page_file = None;
    first.https_redirect = want.https_redirect && want.protocol == Protocol::Https;
    let created = Current::from_spec(0, first.clone());
    let mut changes = vec![Change::CreateLb(Box::new(first))];
    changes.extend(diff(want, &created, prefix)?);
    Ok((changes, created))
}
