//! The view of one change: its resource, action and values before and after, and how they
//! print.

use std::fmt;

use serde_json::Value;

/// What a change does to its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeAction {
    /// The resource is new (`+`).
    Add,
    /// The resource stays and some of its values change (`~`).
    Update,
    /// The resource goes away (`-`).
    Remove,
}

impl ChangeAction {
    /// `+`, `~` or `-`.
    pub fn mark(self) -> char {
        match self {
            ChangeAction::Add => '+',
            ChangeAction::Update => '~',
            ChangeAction::Remove => '-',
        }
    }

    /// `add`, `update` or `remove`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeAction::Add => "add",
            ChangeAction::Update => "update",
            ChangeAction::Remove => "remove",
        }
    }
}

/// One resource's change in a plan, for people and scripts.
///
/// # Examples
///
/// ```
/// use rackcloud_lb::{ChangeAction, Current, Document, plan};
/// use serde_json::json;
///
/// let doc = |port: u16| {
///     let lb = json!({"name": "web", "protocol": "HTTP", "port": port,
///                     "nodes": [{"address": "10.0.0.1", "port": 80}]});
///     Document::from_json(&json!({"load_balancers": [lb]}).to_string())
/// };
/// let have = Current::from_spec(7, doc(80)?.load_balancers[0].clone());
/// let plan = plan(&doc(8080)?, &[have])?;
/// let view = &plan.lbs()[0].views()[0];
/// // A new port cuts the clients of the old one: destructive.
/// assert_eq!(view.to_string(), "~ load balancer: port 80 → 8080 (destructive)");
/// assert_eq!(view.action(), ChangeAction::Update);
/// assert!(view.is_destructive());
/// assert_eq!((view.before(), view.after()), (json!({"port": 80}), json!({"port": 8080})));
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeView {
    resource: String,
    action: ChangeAction,
    fields: Vec<(&'static str, Value, Value)>,
    destructive: bool,
    line: Option<String>,
}

impl ChangeView {
    pub(crate) fn new(
        resource: impl Into<String>,
        action: ChangeAction,
        destructive: bool,
    ) -> ChangeView {
        ChangeView {
            resource: resource.into(),
            action,
            fields: Vec::new(),
            destructive,
            line: None,
        }
    }

    /// A value before and after; `null` for none. Kept only when they differ.
    pub(crate) fn field(mut self, name: &'static str, before: Value, after: Value) -> ChangeView {
        if before != after {
            self.fields.push((name, before, after));
        }
        self
    }

    /// The same view, told by `line` in text (a creation, told as its change is).
    pub(crate) fn with_line(mut self, line: String) -> ChangeView {
        self.line = Some(line);
        self
    }

    /// The resource: `load balancer`, `node 10.0.0.1:80`, `metadata "team"`, …
    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// What happens to it.
    pub fn action(&self) -> ChangeAction {
        self.action
    }

    /// Whether the change takes something away ([`Change::is_destructive`](crate::Change::is_destructive)).
    pub fn is_destructive(&self) -> bool {
        self.destructive
    }

    /// The values before, by name; `null` for an addition.
    pub fn before(&self) -> Value {
        if self.action == ChangeAction::Add {
            return Value::Null;
        }
        self.values(0)
    }

    /// The values after, by name; `null` for a removal.
    pub fn after(&self) -> Value {
        if self.action == ChangeAction::Remove {
            return Value::Null;
        }
        self.values(1)
    }

    /// The before (`0`) or after (`1`) values, by name, those that are not `null`.
    fn values(&self, side: usize) -> Value {
        let map = self
            .fields
            .iter()
            .map(|(name, before, after)| (name, [before, after][side]))
            .filter(|(_, v)| !v.is_null())
            .map(|(name, v)| ((*name).to_owned(), v.clone()))
            .collect();
        Value::Object(map)
    }
}

/// A value in a change line: text escaped as the plan's names are, on/off for switches.
fn text(v: &Value) -> String {
    match v {
        Value::Null => "none".to_owned(),
        Value::Bool(on) => if *on { "on" } else { "off" }.to_owned(),
        Value::String(s) => shown(s),
        other => other.to_string(),
    }
}

impl fmt::Display for ChangeView {
    /// `~ load balancer: port 80 → 8080 (destructive)`, `+ node 10.0.0.3:80: condition
    /// ENABLED`, `- metadata "team": value web`: a change that can cut traffic or lose data ends
    /// with `(destructive)`, whatever its mark.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_change(f)?;
        if self.destructive {
            f.write_str(" (destructive)")?;
        }
        Ok(())
    }
}

impl ChangeView {
    fn fmt_change(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.action.mark())?;
        if let Some(line) = &self.line {
            return f.write_str(line);
        }
        f.write_str(&self.resource)?;
        let parts: Vec<String> = self
            .fields
            .iter()
            .map(|(name, before, after)| match self.action {
                ChangeAction::Update => format!("{name} {} → {}", text(before), text(after)),
                ChangeAction::Add => format!("{name} {}", text(after)),
                ChangeAction::Remove => format!("{name} {}", text(before)),
            })
            .collect();
        if !parts.is_empty() {
            write!(f, ": {}", parts.join(", "))?;
        }
        Ok(())
    }
}

/// `text` with every character that could hide or reorder text on a terminal (control,
/// zero-width and bidirectional characters) written as its escape (`\u{202e}`), as the plan's
/// quoted names are.
pub(crate) fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let escaped: String = c.escape_debug().collect();
        if escaped.chars().count() > 1 && !matches!(c, '"' | '\'' | '\\') {
            out.push_str(&escaped);
        } else {
            out.push(c);
        }
    }
    out
}

/// `"text"`, escaped as the plan's names are.
pub(crate) fn quoted(s: &str) -> String {
    shown(&format!("{s:?}"))
}

/// Fields from `before` to `after`, each a list of the same names.
pub(crate) fn pairs<const N: usize>(
    mut view: ChangeView,
    before: [(&'static str, Value); N],
    after: [(&'static str, Value); N],
) -> ChangeView {
    for ((name, b), (_, a)) in before.into_iter().zip(after) {
        view = view.field(name, b, a);
    }
    view
}
