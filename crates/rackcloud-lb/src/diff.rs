//! The changes from one existing load balancer to its entry in the document, in the order the
//! API accepts them (docs/declarative.md, "Plan").

use lb_lbs::Protocol;
use rackcloud_core::Error;

use crate::change::Change;
use crate::current::Current;
use crate::diff_items::{access, metadata, nodes, virtual_ips};
use crate::diff_ssl::{error_page, ssl};
use crate::lb_spec::LbSpec;
use crate::specs::{MonitorSpec, ThrottleSpec};

fn throttle_matches(want: &ThrottleSpec, have: &ThrottleSpec) -> bool {
    let same = |w: Option<u32>, h: Option<u32>| w.is_none() || w == h;
    want.max_connections == have.max_connections
        && same(want.min_connections, have.min_connections)
        && same(want.max_connection_rate, have.max_connection_rate)
        && same(want.rate_interval, have.rate_interval)
}

fn monitor_matches(want: &MonitorSpec, have: &MonitorSpec) -> bool {
    let empty = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
    want.kind == have.kind
        && want.delay == have.delay
        && want.timeout == have.timeout
        && want.attempts_before_deactivation == have.attempts_before_deactivation
        && empty(&want.path) == have.path
        && empty(&want.status_regex) == have.status_regex
        && empty(&want.body_regex) == have.body_regex
        && empty(&want.host_header) == have.host_header
}

/// The changes from `have` to `want`, in sending order; `prefix` names the entry in errors.
///
/// What goes away and would block later changes goes first: HTTPS redirect (it pins the port
/// and the SSL termination), persistence that may not fit a new protocol, SSL termination
/// (the protocol cannot change under it). Then the settings, virtual IPs, the monitor before
/// `SECONDARY` nodes, nodes added before others are updated or removed, the rest, SSL
/// termination and its mappings, the error page, and HTTPS redirect last.
pub(crate) fn diff(want: &LbSpec, have: &Current, prefix: &str) -> Result<Vec<Change>, Error> {
    let cur = have.spec();
    let protocol_changes = want.protocol != cur.protocol;
    let port_changes = want.port != cur.port;
    let ssl_goes =
        cur.ssl_termination.is_some() && (want.ssl_termination.is_none() || protocol_changes);
    let redirect_off = cur.https_redirect
        && (!want.https_redirect || protocol_changes || port_changes || ssl_goes);
    let mut out = Vec::new();
    if redirect_off {
        out.push(Change::SetHttpsRedirect(false));
    }
    if want.session_persistence.is_none() && cur.session_persistence.is_some() {
        out.push(Change::DisableSessionPersistence);
    }
    if ssl_goes {
        out.push(Change::DeleteSslTermination);
    }
    // The new port is the installed secure port: the service refuses the port until the
    // termination has moved to its new secure port, so the termination goes first.
    let installed_port = cur
        .ssl_termination
        .as_ref()
        .filter(|_| !ssl_goes)
        .map(|s| s.secure_port);
    let ssl_first = port_changes && installed_port == Some(want.port);
    if ssl_first {
        if want
            .ssl_termination
            .as_ref()
            .is_some_and(|s| s.secure_port == cur.port)
        {
            return Err(Error::invalid_input(format!(
                "{prefix}.port: the port ({} to {}) and the SSL termination's secure port ({} to {}) swap places, which the service refuses in any order; apply a document with another secure port first",
                cur.port, want.port, want.port, cur.port
            )));
        }
        ssl(want, have, false, prefix, &mut out)?;
    }
    let update = Change::UpdateLb {
        protocol: protocol_changes.then(|| want.protocol.clone()),
        port: port_changes.then_some(want.port),
        algorithm: want
            .algorithm
            .clone()
            .filter(|a| cur.algorithm.as_ref() != Some(a)),
        timeout: want.timeout.filter(|t| cur.timeout != Some(*t)),
        half_closed: (want.half_closed != cur.half_closed).then_some(want.half_closed),
    };
    if !matches!(
        update,
        Change::UpdateLb {
            protocol: None,
            port: None,
            algorithm: None,
            timeout: None,
            half_closed: None,
        }
    ) {
        out.push(update);
    }
    virtual_ips(want, have, prefix, &mut out)?;
    if let Some(m) = &want.health_monitor
        && cur
            .health_monitor
            .as_ref()
            .is_none_or(|h| !monitor_matches(m, h))
    {
        out.push(Change::SetMonitor(m.clone()));
    }
    let algorithm = want.algorithm.as_ref().or(cur.algorithm.as_ref());
    let weighted = algorithm.is_some_and(|a| a.as_str().starts_with("WEIGHTED_"));
    nodes(want, have, weighted, &mut out);
    if want.health_monitor.is_none() && cur.health_monitor.is_some() {
        out.push(Change::DeleteMonitor);
    }
    if let Some(t) = &want.session_persistence
        && cur.session_persistence.as_ref() != Some(t)
    {
        out.push(Change::SetSessionPersistence(t.clone()));
    }
    access(want, have, &mut out);
    match (&want.connection_throttle, &cur.connection_throttle) {
        (Some(w), Some(h)) if throttle_matches(w, h) => {}
        (Some(w), _) => out.push(Change::SetThrottle(w.clone())),
        (None, Some(_)) => out.push(Change::DeleteThrottle),
        (None, None) => {}
    }
    if want.connection_logging != cur.connection_logging {
        out.push(Change::SetLogging(want.connection_logging));
    }
    // A protocol other than HTTP turns caching off by itself.
    let caching = cur.content_caching && !(protocol_changes && want.protocol != Protocol::Http);
    if want.content_caching != caching {
        out.push(Change::SetCaching(want.content_caching));
    }
    if !ssl_first {
        ssl(want, have, ssl_goes, prefix, &mut out)?;
    }
    error_page(want, have, &mut out);
    if want.https_redirect && (!cur.https_redirect || redirect_off) {
        out.push(Change::SetHttpsRedirect(true));
    }
    metadata(want, have, &mut out);
    Ok(out)
}
