//! TCP-family protocols (everything but HTTP and the UDP ones): the bytes of one client
//! connection go to one node and back. `SOURCE_IP` persistence pins a client address to its
//! node; `halfClosed` keeps the other direction open when one side ends its sending; `timeout`
//! closes a connection idle that long and bounds the connect to a node.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

use super::counted::Miss;
use super::port::{self, PortCtx};
use super::view::LbView;

/// The buffer of each direction.
const BUFFER: usize = 16 * 1024;

/// Proxies one client connection to a node chosen for it; closes it when no node can take it.
pub(crate) async fn run(client: TcpStream, peer: SocketAddr, ctx: &PortCtx, lb: &LbView) {
    let sticky = lb.persistence.as_deref() == Some("SOURCE_IP");
    let pinned = sticky
        .then(|| ctx.balancer.pinned_source(peer.ip()))
        .flatten();
    let mut tried = Vec::new();
    let (node, upstream) = loop {
        let Some(id) = ctx
            .balancer
            .choose(&lb.algorithm, &lb.nodes, &tried, pinned)
        else {
            ctx.miss(Miss::ConnectFailure);
            return;
        };
        tried.push(id);
        let Some(node) = lb.nodes.iter().find(|n| n.id == id) else {
            continue;
        };
        if let Some(stream) = port::connect_node(ctx, node, lb.timeout).await {
            break (id, stream);
        }
    };
    if sticky {
        ctx.balancer.pin_source(peer.ip(), node);
    }
    let _counted = ctx.balancer.enter_node(node);
    tokio::select! {
        idle = pump(client, upstream, lb) => if idle { ctx.miss(Miss::DataTimedOut) },
        () = port::node_gone(ctx.live.clone(), node) => {}
    }
}

/// Copies both ways until both are done (or, without `halfClosed`, until either is), or until
/// nothing moved for the load balancer's `timeout` (then `true`).
async fn pump(client: TcpStream, upstream: TcpStream, lb: &LbView) -> bool {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut node_read, mut node_write) = upstream.into_split();
    let mut up = vec![0u8; BUFFER];
    let mut down = vec![0u8; BUFFER];
    let (mut up_open, mut down_open) = (true, true);
    let mut deadline = Instant::now() + lb.timeout;
    while up_open || down_open {
        tokio::select! {
            read = client_read.read(&mut up), if up_open => match read {
                Ok(0) | Err(_) => {
                    up_open = false;
                    let _ = node_write.shutdown().await;
                    if !lb.half_closed { return false; }
                }
                Ok(n) => {
                    if node_write.write_all(&up[..n]).await.is_err() { return false; }
                    deadline = Instant::now() + lb.timeout;
                }
            },
            read = node_read.read(&mut down), if down_open => match read {
                Ok(0) | Err(_) => {
                    down_open = false;
                    let _ = client_write.shutdown().await;
                    if !lb.half_closed { return false; }
                }
                Ok(n) => {
                    if client_write.write_all(&down[..n]).await.is_err() { return false; }
                    deadline = Instant::now() + lb.timeout;
                }
            },
            () = tokio::time::sleep_until(deadline) => return true,
        }
    }
    false
}
