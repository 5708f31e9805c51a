//! The reports of `rackcloud lb plan|apply`: the plan's changes, and what apply did.

use std::io::{self, Write};

use rackcloud_lb::{ApplyReport, Plan};
use serde::Serialize;
use serde_json::{Value, json};

use super::{Render, write_json};

/// A plan: text lines per resource changed, `+` added, `~` changed in place (`port 80 → 8080`),
/// `-` removed; JSON `{"changes": n, "load_balancers": [{"name", "id", "changes":
/// [{"resource", "action", "before", "after", "destructive"}]}]}`.
pub(crate) struct Planned<'a>(pub(crate) &'a Plan);

/// The JSON of a plan, keys in the order documented (docs/cli.md).
#[derive(Serialize)]
struct PlanDocument<'a> {
    changes: usize,
    load_balancers: Vec<LbPlanDocument<'a>>,
}

#[derive(Serialize)]
struct LbPlanDocument<'a> {
    name: &'a str,
    id: Option<u64>,
    changes: Vec<ChangeDocument<'a>>,
}

#[derive(Serialize)]
struct ChangeDocument<'a> {
    resource: &'a str,
    action: &'static str,
    before: Value,
    after: Value,
    destructive: bool,
}

fn plan_json(plan: &Plan) -> PlanDocument<'_> {
    let load_balancers = plan
        .lbs()
        .iter()
        .map(|lb| LbPlanDocument {
            name: lb.name(),
            id: lb.id(),
            changes: lb
                .views()
                .iter()
                .map(|v| ChangeDocument {
                    resource: v.resource(),
                    action: v.action().as_str(),
                    before: v.before(),
                    after: v.after(),
                    destructive: v.is_destructive(),
                })
                .collect(),
        })
        .collect();
    PlanDocument {
        changes: plan.len(),
        load_balancers,
    }
}

impl Render for Planned<'_> {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.0.is_empty() {
            return writeln!(out, "No changes: the account matches the document.");
        }
        write!(out, "{}", self.0)?;
        let destructive = self.0.changes().filter(|(_, c)| c.is_destructive()).count();
        writeln!(
            out,
            "{}, {destructive} destructive.",
            super::count(self.0.len(), "change")
        )
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json(out, &plan_json(self.0))
    }
}

/// What apply did: text per load balancer; JSON `{"complete", "applied", "unconfirmed",
/// "load_balancers": [{"name", "id", "applied": [..], "failed": {"change", "error"}|null,
/// "unconfirmed": {"change", "error"}|null, "not_sent": [..]}]}`: `unconfirmed` is the change
/// accepted whose wait passed the deadline (it stands; not to be sent again).
pub(crate) struct Applied<'a>(pub(crate) &'a ApplyReport);

impl Render for Applied<'_> {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{}", self.0)
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let lbs: Vec<Value> = self
            .0
            .lbs()
            .iter()
            .map(|lb| {
                let names = |cs: &[rackcloud_lb::Change]| -> Vec<String> {
                    cs.iter().map(ToString::to_string).collect()
                };
                let told = |(c, e): &(rackcloud_lb::Change, rackcloud_lb::core::Error)| {
                    json!({"change": c.to_string(), "error": crate::failure::describe(e, false)})
                };
                json!({"name": lb.name(), "id": lb.id(), "applied": names(lb.applied()),
                       "failed": lb.failed().map(told),
                       "unconfirmed": lb.unconfirmed().map(told),
                       "not_sent": names(lb.not_sent())})
            })
            .collect();
        let doc = json!({"complete": self.0.is_complete(), "applied": self.0.applied(),
                         "unconfirmed": self.0.unconfirmed(), "load_balancers": lbs});
        write_json(out, &doc)
    }
}
