//! A bounded concurrency soak: 8 threads share one client for a few thousand operations on
//! several load balancers while faults and token expiries are injected. No panic, no deadlock,
//! every failure typed, and one re-authentication per expiry.

use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use lb_sessions::{CreateOpts, Type};
use rackcloud_core::{AuthOptions, ErrorKind, ProviderClient, RetryPolicy, new_lb_v1};
use rackcloud_emulator::{Emulator, InjectedBody, InjectedFault, LoadBalancerSeed, User};

const THREADS: u64 = 8;
const OPERATIONS_PER_THREAD: u64 = 300;
const EXPIRIES: u64 = 5;
/// Load balancers 1..=6: even ids HTTP, odd ids TCP, so HTTP_COOKIE is refused on half of them.
const LOAD_BALANCERS: u64 = 6;

#[test]
fn eight_threads_with_faults_and_expiring_tokens() {
    let mut builder = Emulator::builder()
        .user(User::new(DEMO_USERNAME, DEMO_TENANT).api_key(DEMO_API_KEY))
        .record_requests(false);
    for id in 1..=LOAD_BALANCERS {
        let protocol = if id % 2 == 0 { "HTTP" } else { "TCP" };
        builder = builder.load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(id, &format!("lb-{id}"), protocol),
        );
    }
    let emulator = builder.start().expect("emulator");
    // Enough attempts that no request can meet more injected refusals than it may repeat (52
    // are injected in all): the soak is about sharing, not about running out of attempts, which
    // other tests pin.
    let policy = RetryPolicy::default()
        .max_attempts(60)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5));
    // Pacing off: eight threads hammer one client on purpose.
    let provider = ProviderClient::builder()
        .retry_policy(policy)
        .pacing(rackcloud_core::Pacing::off())
        .timeout(Duration::from_secs(20))
        .authenticate(
            AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
                .identity_endpoint(emulator.identity_url()),
        )
        .expect("authenticate");
    let client = new_lb_v1(&provider, Default::default()).expect("client");

    let done = AtomicBool::new(false);
    let operations = AtomicU64::new(0);
    // Operations finished by each thread: the expiries are spaced so that no operation meets two
    // of them (one re-authentication per operation is the client's promise, and an operation
    // that met two expiries would fail by design, not by a fault of the client).
    let finished: Vec<AtomicU64> = (0..THREADS).map(|_| AtomicU64::new(0)).collect();
    let unexpected = Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|s| {
        for thread in 0..THREADS {
            let (client, operations, unexpected, done) = (&client, &operations, &unexpected, &done);
            let finished = &finished[thread as usize];
            s.spawn(move || {
                // At least the planned operations, and on until every expiry has been met.
                let mut n = 0;
                while n < OPERATIONS_PER_THREAD || !done.load(Ordering::Relaxed) {
                    n += 1;
                    let id = 1 + (thread + n) % LOAD_BALANCERS;
                    let result = match n % 4 {
                        0 => lb_sessions::get(client, id).extract().map(|_| ()),
                        1 => lb_sessions::enable(client, id, &CreateOpts::new(Type::HttpCookie))
                            .extract_err(),
                        2 => lb_sessions::enable(client, id, &CreateOpts::new(Type::SourceIp))
                            .extract_err(),
                        _ => lb_sessions::disable_if_enabled(client, id).map(|_| ()),
                    };
                    operations.fetch_add(1, Ordering::Relaxed);
                    finished.fetch_add(1, Ordering::SeqCst);
                    if let Err(e) = result {
                        // HTTP_COOKIE on a TCP load balancer is the one refusal the workload asks for.
                        let expected =
                            e.kind() == ErrorKind::Validation && n % 4 == 1 && id % 2 == 1;
                        if !expected {
                            unexpected.lock().expect("lock").push(format!("{e}"));
                        }
                    }
                }
            });
        }

        // Faults: bursts of gateway refusals the client must ride out.
        s.spawn(|| {
            let faults = [
                InjectedFault::new(
                    Some("GET"),
                    "/dfw/v1.0/*/loadbalancers/*/sessionpersistence",
                    503,
                )
                .retry_after("0")
                .times(5),
                InjectedFault::new(
                    Some("PUT"),
                    "/dfw/v1.0/*/loadbalancers/*/sessionpersistence",
                    413,
                )
                .body(InjectedBody::OverLimit)
                .retry_after("0")
                .times(5),
                InjectedFault::new(None, "/dfw/v1.0/*/loadbalancers/*/sessionpersistence", 503)
                    .body(InjectedBody::Html)
                    .times(3),
            ];
            for fault in faults.iter().cycle().take(12) {
                if done.load(Ordering::Relaxed) {
                    break;
                }
                emulator.inject(fault.clone());
                std::thread::sleep(Duration::from_millis(20));
            }
        });

        // Token expiries: each one waits until the client has re-authenticated.
        let (finished, emulator, done) = (&finished, &emulator, &done);
        s.spawn(move || {
            for expiry in 1..=EXPIRIES {
                std::thread::sleep(Duration::from_millis(30));
                emulator.expire_tokens();
                let deadline = Instant::now() + Duration::from_secs(30);
                while emulator.stats().token_requests < 1 + expiry {
                    assert!(
                        Instant::now() < deadline,
                        "no re-authentication after expiry {expiry}"
                    );
                    std::thread::sleep(Duration::from_millis(1));
                }
                // Every operation that began before this re-authentication has ended once each
                // thread has finished two more.
                let seen: Vec<u64> = finished.iter().map(|f| f.load(Ordering::SeqCst)).collect();
                while finished
                    .iter()
                    .zip(&seen)
                    .any(|(f, before)| f.load(Ordering::SeqCst) < before + 2)
                {
                    assert!(
                        Instant::now() < deadline,
                        "threads stopped after expiry {expiry}"
                    );
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            done.store(true, Ordering::Relaxed);
        });
    });

    let unexpected = unexpected.into_inner().expect("lock");
    assert!(
        unexpected.is_empty(),
        "{} unexpected failures, first: {:?}",
        unexpected.len(),
        unexpected.first()
    );
    let operations = operations.load(Ordering::Relaxed);
    assert!(
        operations >= THREADS * OPERATIONS_PER_THREAD,
        "{operations}"
    );
    let stats = emulator.stats();
    assert_eq!(
        stats.token_requests,
        1 + EXPIRIES,
        "one re-authentication per expiry"
    );
    assert_eq!(provider.token_requests(), 1 + EXPIRIES);
    assert!(
        stats.connections_accepted <= 2 * THREADS,
        "connections are reused: {}",
        stats.connections_accepted
    );
    eprintln!(
        "soak: {operations} operations, {} API requests, {} connections in {:.2?}",
        stats.api_requests.total(),
        stats.connections_accepted,
        started.elapsed()
    );
}
