//! The transport's failures as the user reads them.

use super::*;

fn direct(target: &str) -> Peer {
    Peer {
        target: target.to_owned(),
        proxy: None,
    }
}

#[test]
fn a_failed_lookup_keeps_the_resolvers_words_and_is_not_repeated() {
    let words = "failed to lookup address information: Name or service not known";
    let uri = "https://identity.example.com/v2.0".parse().expect("uri");
    let failed = LookupFailed::mark_for(&uri, ureq::Error::Io(std::io::Error::other(words)));
    let e = from_ureq(failed, &direct("identity.example.com:443"));
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(
        e.to_string(),
        format!("transport failure: host name lookup failed: identity.example.com: {words}")
    );
    let source = std::error::Error::source(&e).expect("a source");
    assert_eq!(source.to_string(), words);
    assert!(!e.is_transient());
    // Other I/O failures keep the I/O error itself as their source.
    let e = from_ureq(
        ureq::Error::Io(std::io::Error::other("reset")),
        &direct("h:1"),
    );
    assert_eq!(
        std::error::Error::source(&e).expect("a source").to_string(),
        "reset"
    );
}

#[test]
fn a_timeout_names_its_phase_in_words_and_keeps_no_ureq_source() {
    let peer = direct("lb.example.com:443");
    let late = from_ureq(ureq::Error::Timeout(Timeout::Global), &peer);
    assert_eq!(late.kind(), ErrorKind::Timeout);
    assert_eq!(
        late.to_string(),
        "timed out: no complete answer from lb.example.com:443 in time (the request's timeout ended)"
    );
    assert!(std::error::Error::source(&late).is_none());
    let headers = from_ureq(ureq::Error::Timeout(Timeout::RecvResponse), &peer);
    assert!(
        headers
            .to_string()
            .ends_with("in time (waiting for the answer)"),
        "{headers}"
    );
    let connect = from_ureq(ureq::Error::Timeout(Timeout::Connect), &peer);
    assert_eq!(
        connect.to_string(),
        "timed out: could not connect to lb.example.com:443 in time (connecting)"
    );
}

#[test]
fn a_proxy_that_does_not_resolve_is_named_as_the_proxy() {
    let uri = "http://proxy.invalid:3128".parse().expect("uri");
    let failed = LookupFailed::mark_for(&uri, ureq::Error::HostNotFound);
    let peer = Peer {
        target: "identity.example.com:443".to_owned(),
        proxy: Some("proxy.invalid:3128".to_owned()),
    };
    let text = from_ureq(failed, &peer).to_string();
    assert_eq!(
        text,
        "transport failure: host name lookup failed: the proxy proxy.invalid: no address found"
    );
}

#[test]
fn proxy_answers_to_connect() {
    let peer = Peer {
        target: "lb.example.com:443".to_owned(),
        proxy: Some("127.0.0.1:3128".to_owned()),
    };
    let refused = proxy_failure("proxy server responded 407/407", &peer);
    assert_eq!(
        refused.to_string(),
        "transport failure: the proxy 127.0.0.1:3128 refused the proxy credentials (407 Proxy Authentication Required): check the user name and password in the proxy URL"
    );
    assert!(!refused.is_transient());
    assert!(refused.nothing_sent());
    assert!(!proxy_failure("proxy server responded 403/403", &peer).is_transient());
    assert!(proxy_failure("proxy server responded 503/503", &peer).is_transient());
    let late = proxy_failure(CONNECT_TIMED_OUT, &peer);
    assert_eq!(late.kind(), ErrorKind::Timeout);
}

#[test]
fn refused_on_this_machine_says_what_to_check_and_is_not_repeated() {
    let refused = || ureq::Error::Io(std::io::Error::from(Io::ConnectionRefused));
    let e = from_ureq(refused(), &direct("127.0.0.1:8900"));
    assert_eq!(
        e.to_string(),
        "transport failure: nothing is listening on 127.0.0.1:8900; is the emulator running?"
    );
    assert!(!e.is_transient());
    assert!(e.nothing_sent());
    let local_proxy = Peer {
        target: "lb.example.com:443".to_owned(),
        proxy: Some("localhost:3128".to_owned()),
    };
    assert_eq!(
        from_ureq(refused(), &local_proxy).to_string(),
        "transport failure: nothing is listening on the proxy localhost:3128; is the proxy running?"
    );
    let far = from_ureq(refused(), &direct("lb.example.com:443"));
    assert!(far.is_transient() && far.nothing_sent());
    let cut = from_ureq(
        ureq::Error::Io(std::io::Error::from(Io::UnexpectedEof)),
        &direct("lb.example.com:443"),
    );
    assert!(!cut.nothing_sent());
    assert!(
        far.to_string()
            .contains("could not connect to lb.example.com:443 (connection refused)"),
        "{far}"
    );
}
