//! A proxy that trickles its `CONNECT` answer one byte at a time never lets a single read time
//! out: the whole negotiation is bounded by the request's one deadline all the same, and once
//! the tunnel is up, the connection is not held to that deadline any longer.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use rackcloud_core::{AuthOptions, ErrorKind, ProviderClient, ProxyConfig, RetryPolicy};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_USERNAME, Emulator};

use crate::peer::{Peer, read_request};

/// A byte every 50 ms: the answer below takes over 20 s to arrive whole.
const PAUSE: Duration = Duration::from_millis(50);

fn trickling_proxy() -> Peer {
    Peer::start(|mut stream, report| {
        let _ = read_request(&stream);
        let answer = format!(
            "HTTP/1.1 200 Connection established\r\nX-Pad: {}\r\n\r\n",
            "a".repeat(400)
        );
        let mut sent = 0;
        for byte in answer.bytes() {
            if stream.write_all(&[byte]).is_err() {
                break;
            }
            sent += 1;
            std::thread::sleep(PAUSE);
        }
        let _ = report.send(sent.to_string());
    })
}

fn through(proxy: &Peer) -> AuthOptions {
    // The identity host is never resolved: the proxy is asked for it by name.
    let _ = proxy;
    AuthOptions::api_key("u", "k").identity_endpoint("https://identity.example.com/v2.0/")
}

/// How many bytes the proxy managed to send before the client hung up: at one per 50 ms, a
/// client bounded by one second hangs up after about 20 (a write or two more may still
/// succeed after it has gone); an unbounded one reads all 450.
fn sent_before_hang_up(proxy: &Peer) -> usize {
    proxy.report().parse().expect("a count")
}

#[test]
fn the_timeout_bounds_a_trickled_connect_answer() {
    let proxy = trickling_proxy();
    let e = ProviderClient::builder()
        .proxy(ProxyConfig::url(&proxy.url()).expect("proxy"))
        .timeout(Duration::from_secs(1))
        .retry_policy(RetryPolicy::none())
        .authenticate(through(&proxy))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
    let text = e.to_string();
    let expected = format!(
        "the proxy {} did not answer the CONNECT request in time",
        proxy.addr()
    );
    assert!(text.contains(&expected), "{text}");
    let sent = sent_before_hang_up(&proxy);
    assert!(sent < 100, "the client read {sent} bytes of the trickle");
    assert_eq!(proxy.connections(), 1);
}

#[test]
fn the_operation_deadline_bounds_a_trickled_connect_answer() {
    let proxy = trickling_proxy();
    let e = ProviderClient::builder()
        .proxy(ProxyConfig::url(&proxy.url()).expect("proxy"))
        .retry_policy(RetryPolicy::default().deadline(Duration::from_secs(1)))
        .authenticate(through(&proxy))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
    let sent = sent_before_hang_up(&proxy);
    assert!(sent < 100, "the client read {sent} bytes of the trickle");
}

/// A plain tunnel to `upstream`, answering `CONNECT` at once.
fn tunnel_to(upstream: SocketAddr) -> Peer {
    Peer::start(move |client, _| {
        if read_request(&client).is_none() {
            return;
        }
        let Ok(server) = TcpStream::connect(upstream) else {
            return;
        };
        let mut answer = client.try_clone().expect("clone");
        if answer
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .is_err()
        {
            return;
        }
        let (mut from_client, mut to_server) = (client, server.try_clone().expect("clone"));
        let mut from_server = server;
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut from_client, &mut to_server);
        });
        let mut buf = [0; 16 * 1024];
        while let Ok(n) = from_server.read(&mut buf) {
            if n == 0 || answer.write_all(&buf[..n]).is_err() {
                break;
            }
        }
    })
}

#[test]
fn a_tunnel_outlives_the_deadline_of_the_request_that_opened_it() -> anyhow::Result<()> {
    let emulator = Emulator::builder().default_seed().start()?;
    let proxy = tunnel_to(emulator.addr());
    let provider = ProviderClient::builder()
        .proxy(ProxyConfig::url(&proxy.url())?)
        .allow_plain_http(true)
        .timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .authenticate(
            AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
                .identity_endpoint(emulator.identity_url()),
        )?;
    // Past the first request's deadline, the pooled tunnel still carries requests.
    std::thread::sleep(Duration::from_millis(400));
    let client = rackcloud_core::new_lb_v1(&provider, rackcloud_core::EndpointOpts::new())?;
    for _ in 0..3 {
        client
            .get(&client.service_url(&["loadbalancers"]))
            .extract_err()?;
    }
    assert_eq!(proxy.connections(), 1, "one tunnel carried every request");
    Ok(())
}

/// A service that answers one byte every 50 ms: `head` first, then `body`.
fn trickling_service(head_then_body: &'static str) -> Peer {
    Peer::start(move |mut stream, report| {
        let _ = read_request(&stream);
        let mut sent = 0;
        for byte in head_then_body.bytes() {
            if stream.write_all(&[byte]).is_err() {
                break;
            }
            sent += 1;
            std::thread::sleep(PAUSE);
        }
        let _ = report.send(sent.to_string());
    })
}

fn get_with_one_second(service: &Peer) -> rackcloud_core::Error {
    let client = rackcloud_core::ServiceClient::new(
        &ProviderClient::builder()
            .timeout(Duration::from_secs(1))
            .retry_policy(RetryPolicy::none())
            .with_token("t"),
        format!("{}/v1.0/1/", service.url()),
    )
    .expect("client");
    client
        .get(&client.service_url(&["loadbalancers"]))
        .extract_err()
        .expect_err("the answer never completes in time")
}

const SLOW_HEAD: &str = concat!(
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Pad: ",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "\r\nContent-Length: 2\r\n\r\n{}"
);

const SLOW_BODY: &str = concat!(
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 216\r\n\r\n",
    "{\"loadBalancers\":[],\"pad\":\"",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "\"}"
);

#[test]
fn the_timeout_bounds_trickled_headers() {
    let service = trickling_service(SLOW_HEAD);
    let e = get_with_one_second(&service);
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
    let sent: usize = service.report().parse().expect("a count");
    assert!(sent < 100, "the client read {sent} bytes of the trickle");
}

#[test]
fn the_timeout_bounds_a_trickled_body() {
    let service = trickling_service(SLOW_BODY);
    let e = get_with_one_second(&service);
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
    let sent: usize = service.report().parse().expect("a count");
    assert!(sent < 100, "the client read {sent} bytes of the trickle");
}
