//! `PUT …/healthmonitor` on a load balancer that has a monitor: a partial update merged into the
//! stored one, as the service does (docs/api/health-monitors.md).

use std::time::Duration;

use crate::common::{Lb, flat, validation, wait_for_status};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

#[test]
fn a_put_merges_into_the_stored_monitor() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::ZERO)
        .start()?;
    let lb = Lb::demo(&emulator)?;
    let path = "/loadbalancers/1/healthmonitor";
    // No monitor yet: a number missing is refused by the merge, in the service's words.
    assert_eq!(
        lb.put(path, r#"{"type":"CONNECT","delay":5}"#)?.json()?,
        flat(400, "Must provide a timeout for the request")
    );
    let first = r#"{"type":"HTTP","delay":10,"timeout":5,"attemptsBeforeDeactivation":2,
        "path":"/a","statusRegex":"^2","bodyRegex":"ok","hostHeader":"www.example.com"}"#;
    assert_eq!(lb.put(path, first)?.status, 202);
    wait_for_status(&emulator, "DFW", DEMO_TENANT, 1, "ACTIVE")?;
    // Only the path (an HTTP PUT must always give it): the rest is kept.
    assert_eq!(
        lb.put(path, r#"{"type":"HTTP","path":"/b","delay":"20"}"#)?
            .status,
        202
    );
    wait_for_status(&emulator, "DFW", DEMO_TENANT, 1, "ACTIVE")?;
    assert_eq!(
        lb.get(path)?.json()?,
        json!({"healthMonitor": {"type":"HTTP","delay":20,"timeout":5,"attemptsBeforeDeactivation":2,
            "path":"/b","statusRegex":"^2","bodyRegex":"ok","hostHeader":"www.example.com"}})
    );
    assert_eq!(
        lb.put(path, r#"{"type":"HTTP","delay":3}"#)?.json()?,
        flat(
            400,
            "Updating to HTTP/HTTPS monitor. Please provide all required fields."
        )
    );
    assert_eq!(
        lb.put(
            path,
            r#"{"type":"HTTP","hostHeader":"http://www.example.com"}"#
        )?
        .json()?,
        validation(&[
            "Must provide a valid host header name.",
            "The health monitor must have at least one of the following to update: delay, timeout, attempts before deactivation, path, status regex, body regex.",
        ])
    );
    assert_eq!(
        lb.put(path, r#"{"type":"CONNECT"}"#)?.json()?,
        validation(&[
            "The health monitor must have at least one of the following to update: delay, timeout, attempts before deactivation."
        ])
    );
    // Changing the type to CONNECT keeps the numbers and drops the HTTP fields.
    assert_eq!(
        lb.put(path, r#"{"type":"CONNECT","timeout":7}"#)?.status,
        202
    );
    wait_for_status(&emulator, "DFW", DEMO_TENANT, 1, "ACTIVE")?;
    assert_eq!(
        lb.get(path)?.json()?,
        json!({"healthMonitor": {"type":"CONNECT","delay":20,"timeout":7,"attemptsBeforeDeactivation":2}})
    );
    Ok(())
}
