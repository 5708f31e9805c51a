//! The views of changes to a load balancer's settings and parts: its attributes, HTTPS
//! redirect, SSL termination and mappings, error page, monitor, persistence, throttle, logging,
//! caching.

use serde_json::{Value, json};

use super::view::{ChangeAction, ChangeView, pairs, quoted, shown};
use crate::change::Change;
use crate::current::Current;
use crate::specs::{MonitorSpec, ThrottleSpec};
use crate::ssl_spec::SslSpec;

fn monitor(m: Option<&MonitorSpec>) -> [(&'static str, Value); 8] {
    let m = m.map(|m| {
        (
            json!(m.kind.as_str()),
            json!(m.delay),
            json!(m.timeout),
            json!(m.attempts_before_deactivation),
            json!(m.path),
            json!(m.status_regex),
            json!(m.body_regex),
            json!(m.host_header),
        )
    });
    let (a, b, c, d, e, g, h, i) = m.unwrap_or_default();
    [
        ("type", a),
        ("delay", b),
        ("timeout", c),
        ("attempts", d),
        ("path", e),
        ("status_regex", g),
        ("body_regex", h),
        ("host_header", i),
    ]
}

fn throttle(t: Option<&ThrottleSpec>) -> [(&'static str, Value); 4] {
    [
        ("max_connections", json!(t.map(|t| t.max_connections))),
        ("min_connections", json!(t.and_then(|t| t.min_connections))),
        (
            "max_connection_rate",
            json!(t.and_then(|t| t.max_connection_rate)),
        ),
        ("rate_interval", json!(t.and_then(|t| t.rate_interval))),
    ]
}

fn ssl(s: Option<&SslSpec>) -> [(&'static str, Value); 5] {
    [
        ("secure_port", json!(s.map(|s| s.secure_port))),
        ("enabled", json!(s.map(|s| s.enabled))),
        (
            "secure_traffic_only",
            json!(s.map(|s| s.secure_traffic_only)),
        ),
        (
            "cipher_profile",
            json!(
                s.and_then(|s| s.cipher_profile.as_ref())
                    .map(|p| p.as_str())
            ),
        ),
        (
            "certificate_file",
            json!(s.map(|s| s.certificate_file.path())),
        ),
    ]
}

/// Added when `had` is false, else changed in place.
fn set_action(had: bool) -> ChangeAction {
    if had {
        ChangeAction::Update
    } else {
        ChangeAction::Add
    }
}

/// The views of a change to the load balancer's own settings or to one of its parts.
pub(crate) fn setting_views(change: &Change, have: &Current) -> Vec<ChangeView> {
    let spec = have.spec();
    let d = change.is_destructive();
    let one = |v: ChangeView| vec![v];
    match change {
        Change::CreateLb(s) => {
            let v = ChangeView::new(
                format!("load balancer {}", quoted(&s.name)),
                ChangeAction::Add,
                d,
            )
            .field("name", Value::Null, json!(s.name))
            .field("protocol", Value::Null, json!(s.protocol.as_str()))
            .field("port", Value::Null, json!(s.port))
            .field(
                "algorithm",
                Value::Null,
                json!(s.algorithm.as_ref().map(|a| a.as_str())),
            )
            .field("nodes", Value::Null, json!(s.nodes.len()));
            one(v.with_line(shown(&change.to_string())))
        }
        Change::UpdateLb {
            protocol,
            port,
            algorithm,
            timeout,
            half_closed,
        } => {
            let mut v = ChangeView::new("load balancer", ChangeAction::Update, d);
            if let Some(p) = protocol {
                v = v.field("protocol", json!(spec.protocol.as_str()), json!(p.as_str()));
            }
            if let Some(p) = port {
                v = v.field("port", json!(spec.port), json!(p));
            }
            if let Some(a) = algorithm {
                let before = spec.algorithm.as_ref().map_or("RANDOM", |a| a.as_str());
                v = v.field("algorithm", json!(before), json!(a.as_str()));
            }
            if let Some(t) = timeout {
                v = v.field("timeout", json!(spec.timeout.unwrap_or(30)), json!(t));
            }
            if let Some(h) = half_closed {
                v = v.field("half_closed", json!(spec.half_closed), json!(h));
            }
            one(v)
        }
        Change::SetHttpsRedirect(on) => one(ChangeView::new(
            "HTTPS redirect",
            ChangeAction::Update,
            d,
        )
        .field("enabled", json!(spec.https_redirect), json!(on))),
        Change::SetSslTermination {
            ssl: want,
            certificate,
        } => {
            let had = spec.ssl_termination.as_ref();
            let mut after = ssl(Some(want));
            if !certificate {
                after[4].1 = ssl(had)[4].1.clone();
            }
            one(pairs(
                ChangeView::new("SSL termination", set_action(had.is_some()), d),
                ssl(had),
                after,
            ))
        }
        Change::DeleteSslTermination => one(pairs(
            ChangeView::new("SSL termination", ChangeAction::Remove, d),
            ssl(spec.ssl_termination.as_ref()),
            ssl(None),
        )),
        Change::AddMapping(m) => one(ChangeView::new(
            format!("certificate mapping {}", quoted(&m.host_name)),
            ChangeAction::Add,
            d,
        )
        .field(
            "certificate_file",
            Value::Null,
            json!(m.certificate_file.path()),
        )),
        Change::UpdateMapping { mapping, .. } => one(ChangeView::new(
            format!("certificate mapping {}", quoted(&mapping.host_name)),
            ChangeAction::Update,
            d,
        )
        .field(
            "certificate",
            json!("installed"),
            json!(mapping.certificate_file.path()),
        )),
        Change::RemoveMapping { host_name, .. } => one(ChangeView::new(
            format!("certificate mapping {}", quoted(host_name)),
            ChangeAction::Remove,
            d,
        )),
        Change::SetErrorPage(page) => {
            let before = spec.error_page_file.as_ref().map(|p| p.path());
            one(
                ChangeView::new("error page", set_action(before.is_some()), d).field(
                    "file",
                    json!(before),
                    json!(page.path()),
                ),
            )
        }
        Change::SetMonitor(m) => {
            let had = spec.health_monitor.as_ref();
            one(pairs(
                ChangeView::new("health monitor", set_action(had.is_some()), d),
                monitor(had),
                monitor(Some(m)),
            ))
        }
        Change::DeleteMonitor => one(pairs(
            ChangeView::new("health monitor", ChangeAction::Remove, d),
            monitor(spec.health_monitor.as_ref()),
            monitor(None),
        )),
        Change::SetSessionPersistence(t) => {
            let had = spec.session_persistence.as_ref().map(|t| t.as_str());
            one(
                ChangeView::new("session persistence", set_action(had.is_some()), d).field(
                    "type",
                    json!(had),
                    json!(t.as_str()),
                ),
            )
        }
        Change::DisableSessionPersistence => {
            let had = spec.session_persistence.as_ref().map(|t| t.as_str());
            one(
                ChangeView::new("session persistence", ChangeAction::Remove, d).field(
                    "type",
                    json!(had),
                    Value::Null,
                ),
            )
        }
        Change::SetThrottle(t) => {
            let had = spec.connection_throttle.as_ref();
            one(pairs(
                ChangeView::new("connection throttle", set_action(had.is_some()), d),
                throttle(had),
                throttle(Some(t)),
            ))
        }
        Change::DeleteThrottle => one(pairs(
            ChangeView::new("connection throttle", ChangeAction::Remove, d),
            throttle(spec.connection_throttle.as_ref()),
            throttle(None),
        )),
        Change::SetLogging(on) => one(ChangeView::new(
            "connection logging",
            ChangeAction::Update,
            d,
        )
        .field("enabled", json!(spec.connection_logging), json!(on))),
        Change::SetCaching(on) => one(ChangeView::new("content caching", ChangeAction::Update, d)
            .field("enabled", json!(spec.content_caching), json!(on))),
        // A change without a view of its own yet: its sentence.
        _ => one(ChangeView::new(
            shown(&change.to_string()),
            ChangeAction::Update,
            d,
        )),
    }
}
