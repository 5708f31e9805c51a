//! Property tests: every parser of server input takes arbitrary bytes, statuses and header values
//! without panicking, and what it builds prints without panicking.

use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use crate::error::Error;
use crate::fault::{body_excerpt, parse_fault};
use crate::identity::parse_token_response;
use crate::retry_after::wait_asked;

/// Bodies that are often almost JSON, so the parsers get past their first byte.
fn json_ish() -> impl Strategy<Value = Vec<u8>> {
    let fragments = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"message\"",
        "\"code\"",
        "\"details\"",
        "\"overLimit\"",
        "\"validationErrors\"",
        "\"messages\"",
        "\"retryAfter\"",
        "\"access\"",
        "\"token\"",
        "\"id\"",
        "\"expires\"",
        "\"serviceCatalog\"",
        "\"endpoints\"",
        "\"publicURL\"",
        "\"region\"",
        "\"tenant\"",
        "\"user\"",
        "\"RAX-AUTH:defaultRegion\"",
        "\"name\"",
        "\"type\"",
        "413",
        "-1",
        "1e999",
        "null",
        "true",
        "\"2026-11-26T03:21:04.999Z\"",
        "\"x\"",
        "<html>",
        "\u{0}",
        "é",
    ]);
    prop::collection::vec(fragments, 0..40).prop_map(|parts| parts.concat().into_bytes())
}

fn any_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![prop::collection::vec(any::<u8>(), 0..512), json_ish()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn fault_bodies(body in any_body()) {
        if let Some(fault) = parse_fault(&body) {
            let _ = format!("{fault:?} {:?}", fault.summary());
        }
        if let Some(excerpt) = body_excerpt(&body) {
            prop_assert!(excerpt.chars().count() <= 161);
        }
    }

    #[test]
    fn errors_from_any_status_header_and_body(
        status in any::<u16>(),
        retry_after in proptest::option::of(".{0,40}"),
        body in any_body(),
    ) {
        let e = Error::from_status("GET", "http://127.0.0.1:1/x", status, retry_after.as_deref(), &body);
        prop_assert_eq!(e.status(), Some(status));
        let _ = format!("{e} {e:?} {:?}", e.server_message());
    }

    #[test]
    fn token_responses(body in any_body()) {
        if let Ok(session) = parse_token_response(&body) {
            let _ = format!("{session:?}");
        }
    }

    #[test]
    fn retry_after_values(header in proptest::option::of(".{0,40}"), field in proptest::option::of(".{0,40}"), secs in 0u64..4_000_000_000) {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
        let _ = wait_asked(header.as_deref(), field.as_deref(), now);
    }
}
