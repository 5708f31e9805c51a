//! Every fault the API and the proxies in front of it produce, against every operation, with and
//! without retries: the outcome and the number of requests the emulator counted.
//!
//! Waits are recorded by the retry policy's sleeper instead of spent, so the matrix runs fast
//! while still checking that each wait is the one the server asked for.

use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lb_sessions::{CreateOpts, Type};
use rackcloud_core::{
    AuthOptions, Error, ErrorKind, ProviderClient, RetryPolicy, ServiceClient, new_lb_v1,
};
use rackcloud_emulator::{Emulator, InjectedBody, InjectedFault, LoadBalancerSeed, User};
use serde_json::json;

#[derive(Debug, Clone, Copy)]
enum Op {
    Get,
    Enable,
    Disable,
}

impl Op {
    fn method(self) -> &'static str {
        match self {
            Op::Get => "GET",
            Op::Enable => "PUT",
            Op::Disable => "DELETE",
        }
    }

    fn run(self, client: &ServiceClient) -> Result<(), Error> {
        match self {
            Op::Get => lb_sessions::get(client, 1).extract().map(|_| ()),
            Op::Enable => {
                lb_sessions::enable(client, 1, &CreateOpts::new(Type::SourceIp)).extract_err()
            }
            Op::Disable => lb_sessions::disable(client, 1).extract_err(),
        }
    }
}

pub(crate) const PATH: &str = "/dfw/v1.0/*/loadbalancers/*/sessionpersistence";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Success,
    Failure(ErrorKind),
}

pub(crate) struct Case {
    name: &'static str,
    fault: fn(&'static str) -> InjectedFault,
    /// Outcome and requests counted with the default policy, then with retries off.
    retried: (Outcome, u64),
    not_retried: (Outcome, u64),
    /// The waits the retry policy should have asked for, when they are exact.
    waits: Option<&'static [u64]>,
}

pub(crate) fn immutable_body(status: &str) -> InjectedBody {
    InjectedBody::Json(json!({
        "message": format!("Load Balancer '1' has a status of '{status}' and is considered immutable."),
        "code": 422
    }))
}

pub(crate) fn cases() -> Vec<Case> {
    use Outcome::{Failure, Success};
    vec![
        Case {
            name: "413 rate limit with Retry-After",
            fault: |m| {
                InjectedFault::new(Some(m), PATH, 413)
                    .body(InjectedBody::OverLimit)
                    .retry_after("2")
            },
            retried: (Success, 2),
            not_retried: (Failure(ErrorKind::RateLimited), 1),
            waits: Some(&[2000]),
        },
        Case {
            name: "413 rate limit twice",
            fault: |m| {
                InjectedFault::new(Some(m), PATH, 413)
                    .body(InjectedBody::OverLimit)
                    .retry_after("1")
                    .times(2)
            },
            retried: (Success, 3),
            not_retried: (Failure(ErrorKind::RateLimited), 1),
            waits: Some(&[1000, 1000]),
        },
        Case {
            name: "413 absolute limit (flat)",
            fault: |m| {
                InjectedFault::new(Some(m), PATH, 413)
                    .body(InjectedBody::Flat {
                        message: "Nodes must not exceed 25 per load balancer.".into(),
                    })
                    .retry_after("1")
            },
            retried: (Failure(ErrorKind::OverLimit), 1),
            not_retried: (Failure(ErrorKind::OverLimit), 1),
            waits: Some(&[]),
        },
        Case {
            name: "422 while PENDING_UPDATE",
            fault: |m| {
                InjectedFault::new(Some(m), PATH, 422)
                    .body(immutable_body("PENDING_UPDATE"))
                    .times(2)
            },
            retried: (Success, 3),
            not_retried: (Failure(ErrorKind::Immutable), 1),
            waits: None,
        },
        Case {
            name: "422 while BUILD",
            fault: |m| InjectedFault::new(Some(m), PATH, 422).body(immutable_body("BUILD")),
            retried: (Success, 2),
            not_retried: (Failure(ErrorKind::Immutable), 1),
            waits: None,
        },
        Case {
            name: "422 in ERROR",
            fault: |m| InjectedFault::new(Some(m), PATH, 422).body(immutable_body("ERROR")),
            retried: (Failure(ErrorKind::Immutable), 1),
            not_retried: (Failure(ErrorKind::Immutable), 1),
            waits: Some(&[]),
        },
        Case {
            name: "422 in PENDING_DELETE",
            fault: |m| {
                InjectedFault::new(Some(m), PATH, 422).body(immutable_body("PENDING_DELETE"))
            },
            retried: (Failure(ErrorKind::Immutable), 1),
            not_retried: (Failure(ErrorKind::Immutable), 1),
            waits: Some(&[]),
        },
        Case {
            name: "503 with Retry-After",
            fault: |m| {
                InjectedFault::new(Some(m), PATH, 503)
                    .retry_after("3")
                    .times(2)
            },
            retried: (Success, 3),
            not_retried: (Failure(ErrorKind::Unavailable), 1),
            waits: Some(&[3000, 3000]),
        },
        Case {
            name: "503 HTML page without Retry-After",
            fault: |m| InjectedFault::new(Some(m), PATH, 503).body(InjectedBody::Html),
            retried: (Success, 2),
            not_retried: (Failure(ErrorKind::Unavailable), 1),
            waits: None,
        },
        Case {
            name: "500 HTML page",
            fault: |m| InjectedFault::new(Some(m), PATH, 500).body(InjectedBody::Html),
            retried: (Failure(ErrorKind::Server), 1),
            not_retried: (Failure(ErrorKind::Server), 1),
            waits: Some(&[]),
        },
        Case {
            name: "502 empty",
            fault: |m| InjectedFault::new(Some(m), PATH, 502).body(InjectedBody::Empty),
            retried: (Failure(ErrorKind::Server), 1),
            not_retried: (Failure(ErrorKind::Server), 1),
            waits: Some(&[]),
        },
        Case {
            name: "400 truncated",
            fault: |m| InjectedFault::new(Some(m), PATH, 400).body(InjectedBody::Truncated),
            retried: (Failure(ErrorKind::Validation), 1),
            not_retried: (Failure(ErrorKind::Validation), 1),
            waits: Some(&[]),
        },
        Case {
            name: "401 with no body (token revoked)",
            fault: |m| InjectedFault::new(Some(m), PATH, 401).body(InjectedBody::Empty),
            retried: (Success, 2),
            not_retried: (Success, 2),
            waits: Some(&[]),
        },
        Case {
            name: "401 twice",
            fault: |m| {
                InjectedFault::new(Some(m), PATH, 401)
                    .body(InjectedBody::Empty)
                    .times(2)
            },
            retried: (Failure(ErrorKind::Authentication), 2),
            not_retried: (Failure(ErrorKind::Authentication), 2),
            waits: Some(&[]),
        },
    ]
}

/// An emulator whose load balancer 1 (HTTP) has SOURCE_IP enabled, so that get, enable and
/// disable all succeed once the faults are used up.
pub(crate) fn emulator() -> Emulator {
    Emulator::builder()
        .user(User::new(DEMO_USERNAME, DEMO_TENANT).api_key(DEMO_API_KEY))
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(1, "web", "HTTP").session_persistence("SOURCE_IP"),
        )
        .start()
        .expect("emulator")
}

pub(crate) fn client(emulator: &Emulator, policy: RetryPolicy) -> ServiceClient {
    let provider = ProviderClient::builder()
        .retry_policy(policy)
        .authenticate(
            AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
                .identity_endpoint(emulator.identity_url()),
        )
        .expect("authenticate");
    new_lb_v1(&provider, Default::default()).expect("client")
}

pub(crate) fn recording(policy: RetryPolicy) -> (RetryPolicy, Arc<Mutex<Vec<Duration>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&waits);
    (
        policy.sleeper(move |d| sink.lock().expect("lock").push(d)),
        waits,
    )
}

#[test]
pub(crate) fn every_fault_against_every_operation() {
    let mut failures = Vec::new();
    for case in cases() {
        for op in [Op::Get, Op::Enable, Op::Disable] {
            for retries in [true, false] {
                let emulator = emulator();
                let base = if retries {
                    RetryPolicy::default()
                } else {
                    RetryPolicy::none()
                };
                let (policy, waits) = recording(base);
                let client = client(&emulator, policy);
                let before = emulator.stats().api_requests.total();
                emulator.inject((case.fault)(op.method()));
                let result = op.run(&client);
                let requests = emulator.stats().api_requests.total() - before;
                let outcome = match &result {
                    Ok(()) => Outcome::Success,
                    Err(e) => Outcome::Failure(e.kind()),
                };
                let expected = if retries {
                    case.retried
                } else {
                    case.not_retried
                };
                if (outcome, requests) != expected {
                    failures.push(format!(
                        "{} / {op:?} / retries {retries}: got {outcome:?} after {requests} requests, expected {expected:?} ({result:?})",
                        case.name
                    ));
                }
                let waits = waits.lock().expect("lock").clone();
                if let (true, Some(expected_ms)) = (retries, case.waits) {
                    let got: Vec<u64> = waits.iter().map(|w| w.as_millis() as u64).collect();
                    // Retry-After seconds arrive whole; allow the client's clock to round down.
                    let close = got.len() == expected_ms.len()
                        && got
                            .iter()
                            .zip(expected_ms)
                            .all(|(g, e)| g.abs_diff(*e) <= 1000 && *g <= *e);
                    if !close {
                        failures.push(format!(
                            "{} / {op:?}: waited {got:?} ms, expected {expected_ms:?}",
                            case.name
                        ));
                    }
                }
                if !retries && !waits.is_empty() {
                    failures.push(format!("{} / {op:?}: waited without retries", case.name));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
pub(crate) fn a_rate_limited_error_carries_retry_after_when_not_retried() {
    let emulator = emulator();
    let client = client(&emulator, RetryPolicy::none());
    emulator.inject(
        InjectedFault::new(Some("GET"), PATH, 413)
            .body(InjectedBody::OverLimit)
            .retry_after("7"),
    );
    let err = lb_sessions::get(&client, 1).extract().unwrap_err();
    assert!(err.is_rate_limited());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(err.fault().and_then(|f| f.wrapper()), Some("overLimit"));
}

#[test]
pub(crate) fn a_wait_longer_than_the_deadline_fails_at_once() {
    let emulator = emulator();
    let (policy, waits) = recording(RetryPolicy::default().deadline(Duration::from_secs(5)));
    let client = client(&emulator, policy);
    emulator.inject(InjectedFault::new(Some("PUT"), PATH, 503).retry_after("300"));
    let err = lb_sessions::enable(&client, 1, &CreateOpts::new(Type::SourceIp))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(300)));
    assert!(waits.lock().expect("lock").is_empty());
    assert_eq!(emulator.stats().api_requests.put, 1);
}

#[test]
pub(crate) fn attempts_are_bounded() {
    let emulator = emulator();
    let (policy, waits) = recording(RetryPolicy::default().max_attempts(3));
    let client = client(&emulator, policy);
    emulator.inject(InjectedFault::new(Some("DELETE"), PATH, 503).times(10));
    let err = lb_sessions::disable(&client, 1).extract_err().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable);
    assert_eq!(err.attempts(), 3);
    assert_eq!(emulator.stats().api_requests.delete, 3);
    assert_eq!(waits.lock().expect("lock").len(), 2);
}
