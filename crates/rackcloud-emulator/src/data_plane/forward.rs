//! What the load balancer changes in HTTP traffic: the forwarding headers it adds to requests,
//! the hop-by-hop headers it does not pass on, the `HTTP_COOKIE` persistence cookie, and the
//! answers it writes itself (the error page, the HTTPS redirect, the throttle's 503).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::net::IpAddr;

use http_body_util::{BodyExt, Full, combinators::UnsyncBoxBody};
use hyper::body::Bytes;
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::{Request, Response};

use super::LbKey;
use super::view::NodeView;

/// The body of every answer the data plane gives.
pub(crate) type ProxyBody = UnsyncBoxBody<Bytes, hyper::Error>;

/// The headers that belong to one connection and are never forwarded (RFC 9110, 7.6.1).
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "proxy-authenticate",
];

/// The name of the persistence cookie of a load balancer: `X-Mapping-` and eight letters of
/// its own (the name is the traffic manager's choice, not part of the contract).
pub(crate) fn cookie_name(key: &LbKey) -> String {
    let mut h = hash_of(&key);
    let mut name = String::from("X-Mapping-");
    for _ in 0..8 {
        name.push(char::from(b'a' + u8::try_from(h % 26).unwrap_or(0)));
        h /= 26;
    }
    name
}

/// The opaque cookie value that names a node of a load balancer.
pub(crate) fn node_token(key: &LbKey, node: u64) -> String {
    format!("{:016X}", hash_of(&(key, node, "node")))
}

/// The node a request's persistence cookie names, if it names one of `nodes`.
pub(crate) fn cookie_node(
    headers: &HeaderMap,
    name: &str,
    key: &LbKey,
    nodes: &[NodeView],
) -> Option<u64> {
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.trim().to_owned())?;
    nodes
        .iter()
        .find(|n| node_token(key, n.id) == value)
        .map(|n| n.id)
}

/// The `Set-Cookie` that pins a client to a node.
pub(crate) fn set_cookie(key: &LbKey, node: u64) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{}={}; path=/",
        cookie_name(key),
        node_token(key, node)
    ))
    .ok()
}

/// The request as the node receives it: hop-by-hop headers dropped, the client's address
/// appended to `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Forwarded-Port` set to how the
/// client reached the load balancer (`http` or `https`, the load balancer's port or secure
/// port).
pub(crate) fn upstream_request<B>(
    mut req: Request<B>,
    client: IpAddr,
    proto: &'static str,
    port: u16,
) -> Request<B> {
    let headers = req.headers_mut();
    strip_hop_by_hop(headers);
    let forwarded = match headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()) {
        Some(earlier) if !earlier.trim().is_empty() => format!("{earlier}, {client}"),
        _ => client.to_string(),
    };
    for (name, value) in [
        ("x-forwarded-for", forwarded),
        ("x-forwarded-proto", proto.to_owned()),
        ("x-forwarded-port", port.to_string()),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    req
}

/// Drops the hop-by-hop headers, and those the `Connection` header names.
pub(crate) fn strip_hop_by_hop(headers: &mut HeaderMap) {
    let named: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|n| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    for name in HOP_BY_HOP
        .iter()
        .copied()
        .chain(named.iter().map(String::as_str))
    {
        headers.remove(name);
    }
}

/// An answer the load balancer writes itself.
pub(crate) fn own_answer(
    status: u16,
    content_type: &'static str,
    body: String,
) -> Response<ProxyBody> {
    let mut response = Response::new(
        Full::new(Bytes::from(body))
            .map_err(|never| match never {})
            .boxed_unsync(),
    );
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::SERVICE_UNAVAILABLE);
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// The error page (custom or default) with a status.
pub(crate) fn error_page(status: u16, page: &str) -> Response<ProxyBody> {
    own_answer(status, "text/html", page.to_owned())
}

/// The HTTPS redirect: 301 to the same host and path over `https` (port 443, so no port).
pub(crate) fn redirect<B>(req: &Request<B>) -> Response<ProxyBody> {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(strip_port)
        .unwrap_or("localhost");
    let path = req.uri().path_and_query().map_or("/", |p| p.as_str());
    let location = format!("https://{host}{path}");
    let mut response = own_answer(301, "text/html", String::new());
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// A host without its port (`[::1]:80` → `[::1]`, `a.example:80` → `a.example`).
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host
            .split_once(']')
            .map_or(host, |(h, _)| &host[..=h.len()]);
    }
    host.rsplit_once(':').map_or(host, |(h, _)| h)
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarding_headers_are_added_and_hop_by_hop_ones_dropped() {
        let req = Request::builder()
            .header("x-forwarded-for", "198.51.100.7")
            .header("connection", "keep-alive, x-private")
            .header("x-private", "1")
            .body(())
            .expect("request");
        let req = upstream_request(req, "127.0.0.1".parse().expect("ip"), "https", 443);
        let h = req.headers();
        assert_eq!(h["x-forwarded-for"], "198.51.100.7, 127.0.0.1");
        assert_eq!(h["x-forwarded-proto"], "https");
        assert_eq!(h["x-forwarded-port"], "443");
        assert!(h.get("connection").is_none() && h.get("x-private").is_none());
    }

    #[test]
    fn the_cookie_names_its_node() {
        let key: LbKey = ("DFW".into(), "1".into(), 7);
        let name = cookie_name(&key);
        assert!(name.starts_with("X-Mapping-") && name.len() == 18);
        let node = NodeView {
            id: 3,
            address: "10.0.0.1".into(),
            port: 80,
            condition: "ENABLED".into(),
            kind: "PRIMARY".into(),
            weight: 1,
            online: true,
        };
        let mut headers = HeaderMap::new();
        let cookie = format!("a=b; {name}={}", node_token(&key, 3));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&cookie).expect("value"),
        );
        assert_eq!(cookie_node(&headers, &name, &key, &[node]), Some(3));
        assert_eq!(strip_port("[::1]:8080"), "[::1]");
        assert_eq!(strip_port("www.example.com:80"), "www.example.com");
    }
}
