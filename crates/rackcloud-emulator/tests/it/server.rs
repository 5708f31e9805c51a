//! The server itself: counters, the request record, robustness, concurrency, stopping on drop.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use crate::common::{Lb, agent, api_key_body, authenticate, eventually, send};
use rackcloud_emulator::{
    DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator, MethodCounts, Stats, User,
};

#[test]
fn emulator_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Emulator>();
}

#[test]
fn counters_count_token_requests_api_requests_and_connections() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    assert_eq!(emulator.stats(), Stats::default());
    let agent = agent();
    authenticate(
        &agent,
        &emulator,
        &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
    )?;
    authenticate(&agent, &emulator, &api_key_body(DEMO_USERNAME, "wrong"))?;
    send(
        &agent,
        "GET",
        &format!("{}tokens", emulator.identity_url()),
        &[],
        None,
    )?;

    let lb = Lb {
        agent: agent.clone(),
        ..Lb::demo(&emulator)?
    };
    lb.get("/loadbalancers")?;
    lb.get("/loadbalancers/404")?;
    lb.get("/no/such/path")?;
    lb.put(
        "/loadbalancers/1/sessionpersistence",
        r#"{"sessionPersistence":{"persistenceType":"HTTP_COOKIE"}}"#,
    )?;
    lb.delete("/loadbalancers/1/sessionpersistence")?;
    lb.post("/loadbalancers", "{}")?;
    lb.call("PATCH", "/loadbalancers/1", Some("{}"))?;
    // Without a token: still an API request.
    send(
        &agent,
        "GET",
        &format!("{}/loadbalancers", lb.base),
        &[],
        None,
    )?;
    // Outside every endpoint: not an API request.
    send(
        &agent,
        "GET",
        &format!("{}nothing", emulator.identity_url()),
        &[],
        None,
    )?;

    let stats = emulator.stats();
    assert_eq!(stats.token_requests, 2);
    assert_eq!(
        stats.api_requests,
        MethodCounts {
            get: 4,
            put: 1,
            post: 1,
            delete: 1,
            other: 1
        }
    );
    assert_eq!(stats.api_requests.total(), 8);
    // One agent keeps one connection alive.
    assert_eq!(stats.connections_accepted, 1);
    let second = Lb::demo(&emulator)?;
    second.get("/loadbalancers")?;
    assert_eq!(emulator.stats().connections_accepted, 2);
    Ok(())
}

#[test]
fn requests_are_recorded_in_order() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    lb.get("/loadbalancers?limit=1")?;
    let body = r#"{"sessionPersistence":{"persistenceType":"HTTP_COOKIE"}}"#;
    lb.put("/loadbalancers/1/sessionpersistence", body)?;
    let requests = emulator.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/dfw/v1.0/123456/loadbalancers?limit=1");
    assert!(requests[0].body.is_empty());
    assert_eq!(requests[0].body_json(), None);
    assert_eq!(requests[1].method, "PUT");
    assert_eq!(
        requests[1].path,
        "/dfw/v1.0/123456/loadbalancers/1/sessionpersistence"
    );
    assert_eq!(requests[1].header("x-auth-token"), Some(lb.token.as_str()));
    assert_eq!(requests[1].header("CONTENT-TYPE"), Some("application/json"));
    assert_eq!(requests[1].body, body.as_bytes());
    assert_eq!(requests[1].body_json(), Some(serde_json::from_str(body)?));
    assert!(!format!("{:?}", requests[1]).contains(&lb.token));

    emulator.clear_requests();
    assert!(emulator.requests().is_empty());
    assert_eq!(emulator.stats().api_requests.total(), 2);

    let quiet = Emulator::builder()
        .default_seed()
        .record_requests(false)
        .start()?;
    Lb::demo(&quiet)?.get("/loadbalancers")?;
    assert!(quiet.requests().is_empty());
    assert_eq!(quiet.stats().api_requests.get, 1);
    Ok(())
}

#[test]
fn malformed_input_never_stops_the_server() -> anyhow::Result<()> {
    let emulator = Emulator::builder().default_seed().workers(1).start()?;
    let garbage: [&[u8]; 5] = [
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"\x00\xff\xfe\r\n\r\n",
        b"PUT /dfw/v1.0/123456/loadbalancers/1/sessionpersistence HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"sess",
        b"POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ];
    for bytes in garbage {
        let mut stream = TcpStream::connect(emulator.addr())?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        stream.write_all(bytes)?;
        let _ = stream.shutdown(Shutdown::Write);
        let mut sink = Vec::new();
        let _ = stream.read_to_end(&mut sink);
    }
    // Bodies that are not UTF-8 or JSON get ordinary answers.
    let lb = Lb::demo(&emulator)?;
    let url = format!("{}/loadbalancers/1/sessionpersistence", lb.base);
    let answer = send(
        &lb.agent,
        "PUT",
        &url,
        &[("X-Auth-Token", &lb.token)],
        Some("\u{fffd}\u{0}"),
    )?;
    assert_eq!(answer.status, 400);
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    Ok(())
}

#[test]
fn an_oversized_body_is_413() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let big = format!(
        r#"{{"loadBalancer":{{"name":"{}"}}}}"#,
        "x".repeat(1024 * 1024)
    );
    let answer = lb.put("/loadbalancers/1", &big)?;
    assert_eq!(answer.status, 413);
    assert_eq!(
        answer.json()?,
        serde_json::json!({"message": "The request body is too large.", "code": 413})
    );
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    Ok(())
}

#[test]
fn concurrent_keep_alive_clients_are_all_served() -> anyhow::Result<()> {
    // Eight clients, each with its own keep-alive connection, many requests each, on a server
    // with fewer worker threads than connections.
    let emulator = Emulator::builder().default_seed().workers(2).start()?;
    let barrier = std::sync::Barrier::new(8);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    let lb = Lb::demo(&emulator)?;
                    barrier.wait();
                    for _ in 0..100 {
                        anyhow::ensure!(
                            lb.get("/loadbalancers/1/sessionpersistence")?.status == 200
                        );
                    }
                    Ok(())
                })
            })
            .collect();
        for handle in handles {
            handle
                .join()
                .map_err(|_| anyhow::anyhow!("a client thread panicked"))??;
        }
        Ok(())
    })?;
    let stats = emulator.stats();
    assert_eq!(stats.api_requests.get, 800);
    assert_eq!(stats.connections_accepted, 8);
    assert_eq!(emulator.requests().len(), 800);
    Ok(())
}

#[test]
fn many_open_keep_alive_connections_never_starve_a_new_one() -> anyhow::Result<()> {
    // 32 clients each keep a connection open (idle between their requests) while the next ones
    // connect: every connection is served, in any order, by one worker thread.
    let emulator = Emulator::builder().default_seed().workers(1).start()?;
    let clients: Vec<Lb> = (0..32)
        .map(|_| Lb::demo(&emulator))
        .collect::<anyhow::Result<_>>()?;
    for client in &clients {
        assert_eq!(client.get("/loadbalancers/1")?.status, 200);
    }
    for client in clients.iter().rev() {
        assert_eq!(client.get("/loadbalancers/2")?.status, 200);
    }
    let stats = emulator.stats();
    assert_eq!(stats.api_requests.get, 64);
    assert_eq!(stats.connections_accepted, 32);
    Ok(())
}

#[test]
fn connections_are_counted_when_accepted() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let silent: Vec<TcpStream> = (0..3)
        .map(|_| TcpStream::connect(emulator.addr()))
        .collect::<std::io::Result<_>>()?;
    eventually(|| Ok(emulator.stats().connections_accepted == 3))?;
    drop(silent);
    let lb = Lb::demo(&emulator)?;
    lb.get("/loadbalancers")?;
    lb.get("/loadbalancers")?;
    assert_eq!(emulator.stats().connections_accepted, 4);
    Ok(())
}

#[test]
fn dropping_returns_promptly_with_connections_open() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    // Idle keep-alive connections.
    let clients: Vec<Lb> = (0..4)
        .map(|_| Lb::demo(&emulator))
        .collect::<anyhow::Result<_>>()?;
    for client in &clients {
        assert_eq!(client.get("/loadbalancers/1")?.status, 200);
    }
    // A connection that sent half a request.
    let mut half = TcpStream::connect(emulator.addr())?;
    half.write_all(b"GET /dfw/v1.0/123456/loadbalancers HTTP/1.1\r\nHost: x\r\n")?;
    // A request waiting out a long delay, and one stalled mid-body.
    emulator.inject(
        rackcloud_emulator::InjectedFault::new(None, "/dfw/v1.0/*/loadbalancers/1", 503)
            .delay(Duration::from_secs(60)),
    );
    emulator.inject(
        rackcloud_emulator::InjectedFault::new(None, "/dfw/v1.0/*/loadbalancers/2", 503)
            .stall_after(3, Duration::from_secs(60)),
    );
    let addr = emulator.addr();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let delayed = scope.spawn(|| clients[0].get("/loadbalancers/1").map(|a| a.status));
        let stalled = scope.spawn(|| clients[1].get("/loadbalancers/2").map(|a| a.status));
        eventually(|| Ok(emulator.stats().api_requests.get == 6))?;
        std::thread::sleep(Duration::from_millis(50));
        let started = Instant::now();
        drop(emulator);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(1), "drop took {took:?}");
        // The waiting clients see their connection close rather than an answer.
        let delayed = delayed
            .join()
            .map_err(|_| anyhow::anyhow!("a client panicked"))?;
        let stalled = stalled
            .join()
            .map_err(|_| anyhow::anyhow!("a client panicked"))?;
        assert!(delayed.is_err(), "{delayed:?}");
        assert!(stalled.is_err(), "{stalled:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
        Ok(())
    })?;
    let mut rest = Vec::new();
    half.set_read_timeout(Some(Duration::from_secs(5)))?;
    let _ = half.read_to_end(&mut rest);
    assert!(TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err());
    Ok(())
}

#[test]
fn it_starts_and_stops_inside_an_async_context() -> anyhow::Result<()> {
    // A caller's own tokio runtime (an async test) does not get in the way: the emulator's
    // runtime is built and dropped on its own thread.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let emulator = Emulator::start()?;
        let addr = emulator.addr();
        drop(emulator);
        anyhow::ensure!(TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err());
        Ok(())
    })
}

#[test]
fn dropping_the_emulator_stops_the_port() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let addr = emulator.addr();
    assert!(addr.ip().is_loopback());
    assert_eq!(emulator.identity_url(), format!("http://{addr}/v2.0/"));
    assert!(TcpStream::connect(addr).is_ok());
    drop(emulator);
    eventually(|| Ok(TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err()))?;
    Ok(())
}

#[test]
fn a_busy_address_is_an_error() -> anyhow::Result<()> {
    let first = Emulator::start()?;
    let second = Emulator::builder().listen(first.addr()).start();
    assert_eq!(
        second.map(|_| ()).map_err(|e| e.kind()),
        Err(std::io::ErrorKind::AddrInUse)
    );
    Ok(())
}

#[test]
fn debug_output_hides_credentials() -> anyhow::Result<()> {
    let user = User::new("u", "1")
        .api_key("very-secret-key")
        .password("very-secret-password");
    let debug = format!("{user:?}");
    assert!(!debug.contains("very-secret"), "{debug}");
    let emulator = Emulator::builder().user(user).start()?;
    assert!(format!("{emulator:?}").contains(&emulator.addr().to_string()));
    assert_eq!(
        emulator.lb_endpoint("Dfw", DEMO_TENANT),
        format!("http://{}/dfw/v1.0/123456", emulator.addr())
    );
    Ok(())
}

#[test]
fn a_burst_of_new_keep_alive_connections_is_all_served() -> anyhow::Result<()> {
    // The lead's measurement that retired tiny_http (whose pool left one connection of such a
    // burst unread): threads sharing one agent, all starting at once, keep-alive connections.
    let emulator = Emulator::start()?;
    let token = emulator.issue_token(DEMO_USERNAME).unwrap_or_default();
    let url = format!(
        "{}/loadbalancers/1",
        emulator.lb_endpoint("DFW", DEMO_TENANT)
    );
    for _ in 0..5 {
        // One agent shared by all threads, as an SDK client is: its pool keeps connections alive.
        let shared_agent = agent();
        let barrier = std::sync::Barrier::new(8);
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| -> anyhow::Result<()> {
                        barrier.wait();
                        for _ in 0..5 {
                            let answer = send(
                                &shared_agent,
                                "GET",
                                &url,
                                &[("X-Auth-Token", &token)],
                                None,
                            )?;
                            anyhow::ensure!(answer.status == 200, "status {}", answer.status);
                        }
                        Ok(())
                    })
                })
                .collect();
            for handle in handles {
                handle
                    .join()
                    .map_err(|_| anyhow::anyhow!("a client thread panicked"))??;
            }
            Ok(())
        })?;
    }
    // How many connections the agent's pool opens is its business (it keeps only a few idle).
    assert_eq!(emulator.stats().api_requests.get, 200);
    Ok(())
}
