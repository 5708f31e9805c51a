//! One listener's accept loop and what happens to each client connection before it is
//! proxied: the connection limit, the load balancer's status, the access list, the throttle,
//! then HTTP (plain or terminated TLS) or bytes.

use std::net::{SocketAddr, TcpListener as StdListener};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use super::port::PortCtx;
use super::{MAX_CONNECTIONS_PER_LISTENER, acl, http_proxy, snapshot, tcp_proxy};

/// How long a client has for its TLS handshake on a secure port.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// The pause after a failed accept (out of descriptors, …) before the next one.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(10);

/// Accepts connections until aborted, at most [`MAX_CONNECTIONS_PER_LISTENER`] at once.
pub(crate) async fn run(listener: StdListener, ctx: PortCtx) {
    let Ok(listener) = TcpListener::from_std(listener) else {
        return;
    };
    let limit = Arc::new(Semaphore::new(MAX_CONNECTIONS_PER_LISTENER));
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                let Ok(permit) = Arc::clone(&limit).try_acquire_owned() else {
                    continue;
                };
                let ctx = ctx.clone();
                tokio::spawn(async move {
                    connection(stream, peer, ctx).await;
                    drop(permit);
                });
            }
            Err(err) => {
                log::debug!("emulator data plane: accept failed: {err}");
                tokio::time::sleep(ACCEPT_BACKOFF).await;
            }
        }
    }
}

/// One client connection, from its first byte to its end.
async fn connection(stream: TcpStream, peer: SocketAddr, ctx: PortCtx) {
    let _ = stream.set_nodelay(true);
    let _open = ctx.balancer.counted.side(ctx.secure).open();
    let Some(lb) = snapshot::read(&ctx.shared, &ctx.key, ctx.secure) else {
        return;
    };
    // A suspended load balancer rejects traffic; an access list refusal closes the connection.
    if lb.status == "SUSPENDED" || !acl::allowed(&lb.access, peer.ip()) {
        return;
    }
    let Some(source) = ctx.balancer.enter_source(peer.ip(), lb.max_connections) else {
        if lb.protocol == "HTTP" {
            http_proxy::serve_busy(stream, &ctx).await;
        }
        return;
    };
    if lb.protocol != "HTTP" {
        tcp_proxy::run(stream, peer, &ctx, &lb).await;
    } else if ctx.secure {
        let Some(termination) = &lb.termination else {
            return;
        };
        let Some(plane) = &ctx.shared.data_plane else {
            return;
        };
        let Some(acceptor) = plane.tls.acceptor(termination) else {
            return;
        };
        match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
            Ok(Ok(tls)) => http_proxy::serve(tls, peer, &ctx).await,
            Ok(Err(err)) => log::debug!("emulator data plane: TLS handshake failed: {err}"),
            Err(_) => log::debug!("emulator data plane: TLS handshake timed out"),
        }
    } else {
        http_proxy::serve(stream, peer, &ctx).await;
    }
    drop(source);
}
