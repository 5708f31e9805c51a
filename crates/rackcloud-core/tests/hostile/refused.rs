//! A port on this machine that nobody listens on is reported at once, saying what to check;
//! a retry a moment later would meet the same closed port.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rackcloud_core::{AuthOptions, ErrorKind, ProviderClient, RetryPolicy};

#[test]
fn nothing_listening_on_loopback_fails_at_once_and_says_so() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let retries = Arc::new(AtomicUsize::new(0));
    let heard = Arc::clone(&retries);
    let e = ProviderClient::builder()
        .retry_policy(RetryPolicy::default().on_retry(move |_| {
            heard.fetch_add(1, Ordering::SeqCst);
        }))
        .authenticate(
            AuthOptions::api_key("u", "k")
                .identity_endpoint(format!("http://127.0.0.1:{port}/v2.0/")),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(e.attempts(), 1);
    assert_eq!(retries.load(Ordering::SeqCst), 0, "no retry");
    assert_eq!(
        e.to_string(),
        format!(
            "POST http://127.0.0.1:{port}/v2.0/tokens: transport failure: nothing is listening on 127.0.0.1:{port}; is the emulator running?"
        )
    );
}
