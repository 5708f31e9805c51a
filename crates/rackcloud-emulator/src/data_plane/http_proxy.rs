//! HTTP load balancers: each request of a client connection is balanced on its own (so
//! persistence matters), forwarded to its node with the forwarding headers, and answered with
//! the node's answer, streamed. The load balancer answers itself with the error page when no
//! node can serve, 504 when the node does not answer within `timeout`, and the HTTPS redirect.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::client::conn::http1::{SendRequest, handshake};
use hyper::header;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};

use super::counted::Miss;
use super::forward::{self, ProxyBody};
use super::port::{self, PortCtx};
use super::snapshot;
use crate::features::settings::DEFAULT_ERROR_PAGE;
use crate::sync::lock;

/// The most a request's head may take (request line and headers).
const MAX_HEAD: usize = 64 * 1024;

/// One client connection: its context and the connections it opened to nodes (reused by its
/// later requests to the same node).
struct ClientConn {
    ctx: PortCtx,
    peer: SocketAddr,
    upstreams: Mutex<HashMap<u64, SendRequest<Incoming>>>,
}

/// Serves one client connection (plain, or inside a terminated TLS session).
pub(crate) async fn serve<S>(stream: S, peer: SocketAddr, ctx: &PortCtx)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let conn = Arc::new(ClientConn {
        ctx: ctx.clone(),
        peer,
        upstreams: Mutex::new(HashMap::new()),
    });
    let service = service_fn(move |req| {
        let conn = Arc::clone(&conn);
        async move { Ok::<_, Infallible>(handle(&conn, req).await) }
    });
    // A client's connection waits for its next request as long as the load balancer's own
    // `timeout` (as the TCP proxy waits for data), not the API server's header timeout: hyper
    // counts the idle time between keep-alive requests against it.
    let idle = snapshot::read(&ctx.shared, &ctx.key, false)
        .map_or(ctx.shared.config.header_read_timeout, |lb| lb.timeout);
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(idle)
        .keep_alive(true)
        .max_buf_size(MAX_HEAD)
        .serve_connection(TokioIo::new(stream), service)
        .await;
    if let Err(err) = served {
        log::debug!("emulator data plane: client connection ended: {err}");
    }
}

/// The throttle's answer to a client over its connection limit: `503 Server Too Busy`.
pub(crate) async fn serve_busy<S>(stream: S, ctx: &PortCtx)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(|_req: Request<Incoming>| async {
        let mut response = forward::own_answer(503, "text/plain", "Server Too Busy\n".to_owned());
        response
            .extensions_mut()
            .insert(hyper::ext::ReasonPhrase::from_static(b"Server Too Busy"));
        Ok::<_, Infallible>(response)
    });
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(ctx.shared.config.header_read_timeout)
        .keep_alive(false)
        .max_buf_size(MAX_HEAD)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

async fn handle(conn: &ClientConn, req: Request<Incoming>) -> Response<ProxyBody> {
    let ctx = &conn.ctx;
    let Some(lb) = snapshot::read(&ctx.shared, &ctx.key, false) else {
        return forward::error_page(503, DEFAULT_ERROR_PAGE);
    };
    if !ctx.secure && lb.redirect {
        return forward::redirect(&req);
    }
    let by_cookie = lb.persistence.as_deref() == Some("HTTP_COOKIE");
    let by_source = lb.persistence.as_deref() == Some("SOURCE_IP");
    let cookie_name = forward::cookie_name(&ctx.key);
    let pinned = if by_cookie {
        forward::cookie_node(req.headers(), &cookie_name, &ctx.key, &lb.nodes)
    } else if by_source {
        ctx.balancer.pinned_source(conn.peer.ip())
    } else {
        None
    };
    let mut tried = Vec::new();
    let (node, mut sender) = loop {
        let Some(id) = ctx
            .balancer
            .choose(&lb.algorithm, &lb.nodes, &tried, pinned)
        else {
            ctx.miss(Miss::ConnectFailure);
            return forward::error_page(503, &lb.error_page);
        };
        tried.push(id);
        if let Some(sender) = reuse(conn, id).await {
            break (id, sender);
        }
        let Some(node) = lb.nodes.iter().find(|n| n.id == id) else {
            continue;
        };
        let Some(stream) = port::connect_node(ctx, node, lb.timeout).await else {
            continue;
        };
        let Ok((sender, connection)) = handshake(TokioIo::new(stream)).await else {
            continue;
        };
        let live = ctx.live.clone();
        tokio::spawn(async move {
            tokio::select! {
                _ = connection => {}
                () = port::node_gone(live, id) => {}
            }
        });
        break (id, sender);
    };
    let counted = ctx.balancer.enter_node(node);
    let (proto, port) = if ctx.secure {
        ("https", lb.secure_port.unwrap_or(443))
    } else {
        ("http", lb.port)
    };
    let upstream = forward::upstream_request(req, conn.peer.ip(), proto, port);
    let sent = tokio::select! {
        sent = tokio::time::timeout(lb.timeout, sender.send_request(upstream)) => sent,
        () = port::node_gone(ctx.live.clone(), node) => {
            ctx.miss(Miss::ConnectFailure);
            return forward::error_page(502, &lb.error_page);
        }
    };
    let response = match sent {
        Ok(Ok(response)) => response,
        Ok(Err(_)) => {
            ctx.miss(Miss::ConnectFailure);
            return forward::error_page(502, &lb.error_page);
        }
        Err(_) => {
            ctx.miss(Miss::DataTimedOut);
            return forward::error_page(504, &lb.error_page);
        }
    };
    lock(&conn.upstreams).insert(node, sender);
    if by_source {
        ctx.balancer.pin_source(conn.peer.ip(), node);
    }
    let (mut parts, body) = response.into_parts();
    forward::strip_hop_by_hop(&mut parts.headers);
    if by_cookie
        && pinned != Some(node)
        && let Some(cookie) = forward::set_cookie(&ctx.key, node)
    {
        parts.headers.append(header::SET_COOKIE, cookie);
    }
    // The request counts on its node until its answer's body is sent or dropped.
    let body = body
        .map_frame(move |frame| {
            let _ = &counted;
            frame
        })
        .boxed_unsync();
    Response::from_parts(parts, body)
}

/// The connection this client already has to a node, once it is ready for a request.
async fn reuse(conn: &ClientConn, node: u64) -> Option<SendRequest<Incoming>> {
    let mut sender = lock(&conn.upstreams).remove(&node)?;
    sender.ready().await.ok()?;
    Some(sender)
}
