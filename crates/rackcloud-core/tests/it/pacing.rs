//! Client-side pacing: one budget per method shared by every clone and thread of a client, so
//! that the server's sliding window never sees more than the limit; off sends at once.

use std::time::Duration;

use rackcloud_core::kit::Method;
use rackcloud_core::{EndpointOpts, Pacing, ProviderClient, RetryPolicy, ServiceClient, new_lb_v1};
use rackcloud_emulator::Emulator;

use crate::common::demo_key;

/// GETs allowed per (scaled) minute in these tests.
const LIMIT: u32 = 20;
/// How much faster the emulator's clock runs: its minute is one real second.
const SCALE: f64 = 60.0;

fn limited() -> Emulator {
    Emulator::builder()
        .default_seed()
        .rate_limits(true)
        .rate_limit("GET", LIMIT)
        .time_scale(SCALE)
        .start()
        .expect("emulator")
}

/// A client with no retries, so that any 413 is a failure.
fn client(emulator: &Emulator, pacing: Pacing) -> ServiceClient {
    let provider = ProviderClient::builder()
        .retry_policy(RetryPolicy::none())
        .pacing(pacing)
        .authenticate(demo_key(emulator))
        .expect("authenticate");
    new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("endpoint")
}

#[test]
fn clones_on_threads_share_one_budget_and_stay_within_the_window() {
    let emulator = limited();
    let pacing = Pacing::documented()
        .limit(Method::Get, LIMIT, 4)
        .time_scale(SCALE);
    let lb = client(&emulator, pacing);
    emulator.clear_requests();
    std::thread::scope(|scope| {
        for _ in 0..3 {
            let clone = lb.clone();
            scope.spawn(move || {
                for _ in 0..10 {
                    let url = clone.lb_url(1, &[]);
                    clone
                        .get(&url)
                        .extract_json::<serde_json::Value>()
                        .expect("no 413");
                }
            });
        }
    });
    let times: Vec<_> = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.received)
        .collect();
    assert_eq!(times.len(), 30);
    let window = emulator.rate_limit_window();
    assert_eq!(window, Duration::from_secs(1));
    for (i, start) in times.iter().enumerate() {
        let within = times[i..]
            .iter()
            .filter(|t| t.saturating_duration_since(*start) < window)
            .count();
        assert!(within <= LIMIT as usize, "{within} GETs within one window");
    }
    let stats = lb.provider().pacing_stats();
    assert_eq!(stats.requests(), 30);
    assert!(stats.delayed() >= 30 - 4 - 1, "{stats:?}");
    assert!(stats.waited() >= stats.longest_wait());
    assert!(!stats.longest_wait().is_zero());
}

#[test]
fn without_pacing_the_server_answers_413() {
    let emulator = limited();
    let lb = client(&emulator, Pacing::off());
    let url = lb.lb_url(1, &[]);
    let failures = (0..LIMIT + 5)
        .filter_map(|_| lb.get(&url).extract_json::<serde_json::Value>().err())
        .collect::<Vec<_>>();
    assert!(!failures.is_empty());
    assert!(failures.iter().all(|e| e.status() == Some(413)));
    assert_eq!(lb.provider().pacing_stats().delayed(), 0);
    assert!(!lb.provider().pacing().is_enabled());
}

#[test]
fn the_wait_callback_hears_each_delayed_request() {
    let emulator = Emulator::start().expect("emulator");
    let heard = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = std::sync::Arc::clone(&heard);
    let pacing = Pacing::documented()
        // One at once, then one every ~100 ms: each later GET waits.
        .limit(Method::Get, 600, 1)
        .on_wait(move |e| {
            assert_eq!(e.method, Method::Get);
            assert!(!e.waited.is_zero());
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
    let lb = client(&emulator, pacing);
    let url = lb.lb_url(1, &[]);
    for _ in 0..5 {
        lb.get(&url)
            .extract_json::<serde_json::Value>()
            .expect("get");
    }
    let stats = lb.provider().pacing_stats();
    assert_eq!(
        heard.load(std::sync::atomic::Ordering::Relaxed),
        stats.delayed()
    );
    assert!((3..=4).contains(&stats.delayed()), "{stats:?}");
}
