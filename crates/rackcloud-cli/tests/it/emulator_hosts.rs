//! `rackcloud emulator --allow-host`: a name other than loopback that the emulator answers.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::Background;

/// The status line of `GET path` sent to `addr` with this `Host` header.
fn status_line(addr: &str, path: &str, host: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn an_allowed_host_name_is_answered_and_any_other_name_is_refused() {
    let mut server = Background::start(&[
        "emulator",
        "--listen",
        "127.0.0.1:0",
        "--allow-host",
        "emulator.internal",
        "--allow-host",
        "lb-emulator",
    ]);
    let first = server.line();
    let url = first
        .strip_prefix("identity URL: ")
        .expect("identity URL line");
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches("/v2.0/")
        .to_owned();
    let port = addr.rsplit(':').next().expect("port");
    for host in [
        "emulator.internal".to_owned(),
        format!("lb-emulator:{port}"),
        format!("127.0.0.1:{port}"),
    ] {
        assert_eq!(
            status_line(&addr, "/_emulator/stats", &host),
            "HTTP/1.1 200 OK",
            "{host}"
        );
    }
    assert_eq!(
        status_line(&addr, "/_emulator/stats", "rebound.example"),
        "HTTP/1.1 421 Misdirected Request"
    );
    assert!(server.is_running());
}
