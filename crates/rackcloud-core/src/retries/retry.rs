//! The retry loop every request goes through: repeat what is worth repeating (see
//! [`RetryReason`]), wait what the [`RetryPolicy`] says, and stop at its attempts or its deadline
//! (docs/api/conventions.md, docs/api/faults.md).

use std::time::Duration;

use crate::deadline::Deadline;
use crate::error::Error;
use crate::method::Method;
use crate::retry_policy::{RetryEvent, RetryPolicy};
use crate::retry_reason::{repeatable, transient_reason};

/// Runs `attempt` until it succeeds, fails in a way not worth repeating, or the policy's
/// attempts or deadline run out. `attempt` receives the time left before the deadline.
pub(crate) fn run<T>(
    policy: &RetryPolicy,
    method: Method,
    url: &str,
    mut attempt: impl FnMut(Duration) -> Result<T, Error>,
) -> Result<T, Error> {
    let deadline = Deadline::after(policy.operation_deadline());
    let mut number = 1;
    loop {
        let left = deadline.left();
        let error = match attempt(left) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let Some(reason) = transient_reason(&error) else {
            let error = match error.connection_lost() && !repeatable(error.method()) {
                true => error.with_note(format!(
                    "not repeated: the server may already have acted on the {method}"
                )),
                false => error,
            };
            return Err(error.with_attempts(number));
        };
        if number >= policy.attempts() {
            return Err(error.with_attempts(number));
        }
        let wait = policy.wait(&error, &reason, number);
        let left = deadline.left();
        if wait >= left {
            return Err(error
                .with_attempts(number)
                .with_note(format!("a wait of {wait:.1?} would pass the deadline")));
        }
        log::info!(
            "{method} {url}: {reason}; retrying in {wait:.1?} (attempt {} of {})",
            number + 1,
            policy.attempts()
        );
        policy.announce(&RetryEvent {
            method,
            url,
            attempt: number,
            max_attempts: policy.attempts(),
            wait,
            reason,
            error: &error,
        });
        policy.sleep(wait);
        number += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_kind::ErrorKind;
    use std::sync::{Arc, Mutex};

    fn status_error(status: u16, retry_after: Option<&str>, body: &str) -> Error {
        Error::from_status("PUT", "http://h/x", status, retry_after, body.as_bytes())
    }

    fn immutable(status: &str) -> Error {
        status_error(
            422,
            None,
            &format!(
                r#"{{"message":"Load Balancer '1' has a status of '{status}' and is considered immutable.","code":422}}"#
            ),
        )
    }

    const OVER_LIMIT: &str =
        r#"{"overLimit":{"code":413,"message":"OverLimit Retry...","details":"Error Details..."}}"#;

    /// Runs `run` over a scripted list of outcomes, recording waits instead of sleeping.
    fn script(
        policy: RetryPolicy,
        outcomes: Vec<Result<u32, Error>>,
    ) -> (Result<u32, Error>, Vec<Duration>, usize) {
        let waits = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&waits);
        let policy = policy.sleeper(move |d| recorded.lock().expect("lock").push(d));
        let mut outcomes = outcomes.into_iter();
        let mut calls = 0;
        let result = run(&policy, Method::Put, "http://h/x", |_| {
            calls += 1;
            outcomes.next().unwrap_or(Ok(0))
        });
        let waits = waits.lock().expect("lock").clone();
        (result, waits, calls)
    }

    #[test]
    fn rate_limit_waits_retry_after_exactly() {
        let (result, waits, calls) = script(
            RetryPolicy::default(),
            vec![Err(status_error(413, Some("2"), OVER_LIMIT)), Ok(7)],
        );
        assert_eq!(result.expect("success"), 7);
        assert_eq!(waits, [Duration::from_secs(2)]);
        assert_eq!(calls, 2);
    }

    #[test]
    fn absolute_limit_is_never_retried() {
        let (result, waits, calls) = script(
            RetryPolicy::default(),
            vec![Err(status_error(
                413,
                Some("2"),
                r#"{"message":"too many nodes","code":413}"#,
            ))],
        );
        assert_eq!(result.unwrap_err().kind(), ErrorKind::OverLimit);
        assert!(waits.is_empty());
        assert_eq!(calls, 1);
    }

    #[test]
    fn immutable_is_retried_only_while_pending_or_building() {
        for status in ["PENDING_UPDATE", "BUILD"] {
            let (result, waits, _) =
                script(RetryPolicy::default(), vec![Err(immutable(status)), Ok(1)]);
            assert!(result.is_ok(), "{status}");
            assert_eq!(waits.len(), 1);
            assert!(
                waits[0] >= Duration::from_millis(500) && waits[0] <= Duration::from_secs(1),
                "{waits:?}"
            );
        }
        for status in ["ERROR", "SUSPENDED", "PENDING_DELETE", "DELETED"] {
            let (result, waits, calls) =
                script(RetryPolicy::default(), vec![Err(immutable(status))]);
            assert_eq!(result.unwrap_err().lb_status(), Some(status));
            assert!(waits.is_empty(), "{status}");
            assert_eq!(calls, 1);
        }
        let deleted = status_error(
            422,
            None,
            r#"{"message":"Session persistence is already deleted.","code":422}"#,
        );
        let (result, _, calls) = script(RetryPolicy::default(), vec![Err(deleted)]);
        assert_eq!(result.unwrap_err().kind(), ErrorKind::AlreadyDisabled);
        assert_eq!(calls, 1);
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(300))
            .max_attempts(5);
        let outcomes = (0..4)
            .map(|_| Err(status_error(503, None, "")))
            .chain([Ok(1)])
            .collect();
        let (result, waits, calls) = script(policy, outcomes);
        assert!(result.is_ok());
        assert_eq!(calls, 5);
        let bounds = [(50, 100), (100, 200), (150, 300), (150, 300)];
        for (wait, (low, high)) in waits.iter().zip(bounds) {
            assert!(
                *wait >= Duration::from_millis(low) && *wait <= Duration::from_millis(high),
                "{waits:?}"
            );
        }
    }

    #[test]
    fn attempts_run_out_and_the_error_says_so() {
        let policy = RetryPolicy::default()
            .max_attempts(3)
            .initial_backoff(Duration::from_millis(1));
        let outcomes = (0..5).map(|_| Err(status_error(503, None, ""))).collect();
        let (result, waits, calls) = script(policy, outcomes);
        let err = result.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unavailable);
        assert_eq!(err.attempts(), 3);
        assert!(
            err.to_string().ends_with("(gave up after 3 attempts)"),
            "{err}"
        );
        assert_eq!((waits.len(), calls), (2, 3));
    }

    #[test]
    fn a_wait_past_the_deadline_fails_at_once_with_retry_after() {
        let policy = RetryPolicy::default().deadline(Duration::from_secs(10));
        let (result, waits, calls) = script(policy, vec![Err(status_error(503, Some("300"), ""))]);
        let err = result.unwrap_err();
        assert_eq!(err.retry_after(), Some(Duration::from_secs(300)));
        assert!(waits.is_empty());
        assert_eq!(calls, 1);
        assert!(
            err.to_string()
                .contains("a wait of 300.0s would pass the deadline"),
            "{err}"
        );
    }

    #[test]
    fn none_never_retries() {
        let (result, waits, calls) = script(
            RetryPolicy::none(),
            vec![Err(status_error(503, Some("1"), ""))],
        );
        assert_eq!(result.unwrap_err().kind(), ErrorKind::Unavailable);
        assert!(waits.is_empty());
        assert_eq!(calls, 1);
    }

    #[test]
    fn the_callback_hears_of_every_retry() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let policy = RetryPolicy::default().on_retry(move |e| {
            sink.lock()
                .expect("lock")
                .push((e.attempt, e.reason.to_string(), e.wait));
        });
        let (result, _, _) = script(
            policy,
            vec![
                Err(status_error(413, Some("1"), OVER_LIMIT)),
                Err(immutable("PENDING_UPDATE")),
                Ok(3),
            ],
        );
        assert!(result.is_ok());
        let seen = seen.lock().expect("lock").clone();
        assert_eq!(seen.len(), 2);
        assert_eq!(
            seen[0],
            (1, "rate limited (413)".to_owned(), Duration::from_secs(1))
        );
        assert_eq!(seen[1].0, 2);
        assert_eq!(seen[1].1, "load balancer is PENDING_UPDATE (422)");
    }
}
