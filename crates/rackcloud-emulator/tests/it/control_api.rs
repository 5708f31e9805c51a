//! The control API under `/_emulator/`, over HTTP as a black-box test would use it.

use crate::common::{Answer, Lb, agent, send};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::{Value, json};

/// A control request, with a JSON body if any.
fn control(
    emulator: &Emulator,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> anyhow::Result<Answer> {
    let url = format!("http://{}/_emulator/{path}", emulator.addr());
    let headers: &[(&str, &str)] = match body {
        Some(_) => &[("Content-Type", "application/json")],
        None => &[("X-Emulator-Control", "1")],
    };
    send(&agent(), method, &url, headers, body)
}

fn bad_request(message: &str) -> Value {
    json!({"message": message, "code": 400})
}

#[test]
fn stats_reads_the_counters_and_is_not_counted() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    lb.get("/loadbalancers")?;
    lb.delete("/loadbalancers/1/sessionpersistence")?;
    lb.call("PATCH", "/loadbalancers/1", None)?;
    let answer = control(&emulator, "GET", "stats", None)?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(
        String::from_utf8(answer.body)?,
        r#"{"tokenRequests":0,"apiRequests":{"GET":1,"PUT":0,"POST":0,"DELETE":1,"other":1,"total":3},"connectionsAccepted":2,"connectionsRefused":0,"connectionsTimedOut":0}"#
    );
    // Control requests are neither counted nor recorded (each of them opened a connection).
    control(&emulator, "GET", "stats", None)?;
    assert_eq!(emulator.stats().api_requests.total(), 3);
    assert_eq!(emulator.stats().connections_accepted, 3);
    assert_eq!(emulator.requests().len(), 3);
    Ok(())
}

#[test]
fn faults_can_be_added_listed_and_cleared() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let fault = r#"{"method":"put","path":"/dfw/v1.0/*/loadbalancers/*/sessionpersistence","status":503,"times":2,"retryAfter":"2"}"#;
    let added = control(&emulator, "POST", "faults", Some(fault))?;
    assert_eq!(added.status, 201);
    let listed = json!({
        "method": "PUT", "path": "/dfw/v1.0/*/loadbalancers/*/sessionpersistence",
        "status": 503, "times": 2, "remaining": 2, "body": "flat",
        "message": "Service Unavailable", "retryAfter": "2"
    });
    assert_eq!(added.json()?, listed);

    let html = r#"{"path":"/v2.0/tokens","status":502,"body":"html","delayMs":1}"#;
    assert_eq!(
        control(&emulator, "POST", "faults", Some(html))?.status,
        201
    );

    let lb = Lb::demo(&emulator)?;
    let body = r#"{"sessionPersistence":{"persistenceType":"HTTP_COOKIE"}}"#;
    let answer = lb.put("/loadbalancers/1/sessionpersistence", body)?;
    assert_eq!(
        (answer.status, answer.header("retry-after")),
        (503, Some("2"))
    );
    assert_eq!(
        answer.json()?,
        json!({"message": "Service Unavailable", "code": 503})
    );

    let pending = control(&emulator, "GET", "faults", None)?.json()?;
    let mut first = listed.clone();
    first["remaining"] = json!(1);
    assert_eq!(
        pending,
        json!({"faults": [first, {
            "method": null, "path": "/v2.0/tokens", "status": 502, "times": 1,
            "remaining": 1, "body": "html", "delayMs": 1
        }]})
    );

    let cleared = control(&emulator, "DELETE", "faults", None)?;
    assert_eq!((cleared.status, cleared.body.len()), (204, 0));
    assert_eq!(
        control(&emulator, "GET", "faults", None)?.json()?,
        json!({"faults": []})
    );
    assert_eq!(
        lb.put("/loadbalancers/1/sessionpersistence", body)?.status,
        202
    );
    Ok(())
}

#[test]
fn every_body_shape_can_be_injected_over_http() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let cases = [
        (r#""overLimit""#, 413, Some("application/json")),
        (r#""html""#, 502, Some("text/html")),
        (r#""empty""#, 503, None),
        (r#""truncated""#, 500, Some("application/json")),
        (
            r#"{"json":{"anything":[1,2]}}"#,
            200,
            Some("application/json"),
        ),
    ];
    for (shape, status, content_type) in cases {
        let fault = format!(r#"{{"path":"/dfw/**","status":{status},"body":{shape}}}"#);
        assert_eq!(
            control(&emulator, "POST", "faults", Some(&fault))?.status,
            201
        );
        let answer = lb.get("/loadbalancers/1")?;
        assert_eq!(answer.status, status, "{shape}");
        assert_eq!(answer.header("content-type"), content_type, "{shape}");
    }
    assert_eq!(
        lb.get("/loadbalancers/1")?.json()?["loadBalancer"]["id"],
        json!(1)
    );
    let huge = r#"{"path":"/dfw/**","status":500,"body":"huge","hugeBytes":100000}"#;
    assert_eq!(
        control(&emulator, "POST", "faults", Some(huge))?.status,
        201
    );
    assert_eq!(lb.get("/loadbalancers/1")?.body.len(), 100_000);
    Ok(())
}

#[test]
fn control_paths_are_never_faulted_or_rate_limited() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let everything = r#"{"path":"/**","status":500,"times":100}"#;
    assert_eq!(
        control(&emulator, "POST", "faults", Some(everything))?.status,
        201
    );
    assert_eq!(control(&emulator, "GET", "stats", None)?.status, 200);
    assert_eq!(control(&emulator, "DELETE", "faults", None)?.status, 204);
    Ok(())
}

#[test]
fn rate_limits_can_be_switched_and_tuned() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let defaults = json!({
        "enabled": false,
        "limits": {"DELETE": 300, "GET": 600, "POST": 300, "PUT": 600},
        "time_scale": 1.0,
        "window_ms": 60000.0,
        "pending_time_ms": 0.0,
        "build_time_ms": 0.0,
    });
    assert_eq!(
        control(&emulator, "GET", "rate-limits", None)?.json()?,
        defaults
    );
    let answer = control(
        &emulator,
        "PUT",
        "rate-limits",
        Some(r#"{"enabled":true,"limits":{"GET":1}}"#),
    )?;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json()?["limits"],
        json!({"DELETE": 300, "GET": 1, "POST": 300, "PUT": 600})
    );
    let lb = Lb::demo(&emulator)?;
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    assert_eq!(lb.get("/loadbalancers/1")?.status, 413);
    let off = control(
        &emulator,
        "PUT",
        "rate-limits",
        Some(r#"{"enabled":false}"#),
    )?;
    assert_eq!(off.json()?["enabled"], json!(false));
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    Ok(())
}

#[test]
fn tokens_can_be_expired_and_statuses_forced() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let expired = control(&emulator, "POST", "expire-tokens", None)?;
    assert_eq!((expired.status, expired.body.len()), (204, 0));
    let answer = lb.get("/loadbalancers/1")?;
    assert_eq!((answer.status, answer.body.len()), (401, 0));

    let path = format!("load-balancers/dfw/{DEMO_TENANT}/1/status");
    let forced = control(&emulator, "PUT", &path, Some(r#"{"status":"ERROR"}"#))?;
    assert_eq!(forced.status, 204);
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("ERROR")
    );
    assert_eq!(
        control(&emulator, "GET", &path, None)?.json()?,
        json!({"status": "ERROR"})
    );
    let unknown = control(
        &emulator,
        "PUT",
        &format!("load-balancers/DFW/{DEMO_TENANT}/77/status"),
        Some(r#"{"status":"ERROR"}"#),
    )?;
    assert_eq!(
        (unknown.status, unknown.json()?),
        (
            404,
            json!({
                "message": format!("No load balancer 77 in region DFW for tenant {DEMO_TENANT}."),
                "code": 404
            })
        )
    );
    Ok(())
}

#[test]
fn malformed_control_requests_are_400_with_a_reason() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb_1 = format!("load-balancers/DFW/{DEMO_TENANT}/1/status");
    let lb_x = format!("load-balancers/DFW/{DEMO_TENANT}/x/status");
    let cases = [
        ("POST", "faults", "{", "the body is not valid JSON"),
        ("POST", "faults", "[]", "the body must be a JSON object"),
        ("POST", "faults", r#"{"status":503}"#, "'path' is required"),
        (
            "POST",
            "faults",
            r#"{"path":"/","status":700}"#,
            "'status' is required: an integer from 200 to 599",
        ),
        (
            "POST",
            "faults",
            r#"{"path":"/a/**/b","status":503}"#,
            "'path' is not a valid pattern: '**' is only allowed as the last segment ('/**')",
        ),
        (
            "POST",
            "faults",
            r#"{"path":"/","status":503,"body":"xml"}"#,
            "'body' must be",
        ),
        (
            "POST",
            "faults",
            r#"{"path":"/","status":503,"bogus":1}"#,
            "unknown field 'bogus'",
        ),
        (
            "PUT",
            "rate-limits",
            r#"{"enabled":"yes"}"#,
            "'enabled' must be true or false",
        ),
        (
            "PUT",
            "rate-limits",
            "{}",
            "give 'enabled' (true or false) and/or 'limits'",
        ),
        (
            "PUT",
            "rate-limits",
            r#"{"limits":{"GET":-1}}"#,
            "'limits.GET' must be a non-negative integer",
        ),
        (
            "PUT",
            lb_1.as_str(),
            r#"{"status":""}"#,
            "'status' must be a non-empty string",
        ),
        (
            "PUT",
            lb_x.as_str(),
            r#"{"status":"ERROR"}"#,
            "the load balancer id must be a decimal number",
        ),
    ];
    for (method, path, body, expected) in cases {
        let answer = control(&emulator, method, path, Some(body))?;
        assert_eq!(answer.status, 400, "{method} {path} {body}");
        let value = answer.json()?;
        let message = value["message"].as_str().unwrap_or_default();
        assert!(message.starts_with(expected), "{body}: {message}");
        assert_eq!(value["code"], json!(400));
    }
    assert_eq!(
        control(&emulator, "POST", "faults", Some("[]"))?.json()?,
        bad_request("the body must be a JSON object")
    );
    // Unknown endpoints and methods.
    let unknown = control(&emulator, "GET", "nothing", None)?;
    assert_eq!(unknown.status, 404);
    let wrong = control(&emulator, "POST", "stats", None)?;
    assert_eq!((wrong.status, wrong.header("allow")), (405, Some("GET")));
    assert!(emulator.requests().is_empty());
    Ok(())
}
