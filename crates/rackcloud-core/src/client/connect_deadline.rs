//! The proxy's `CONNECT` answer within the request's deadline.
//!
//! ureq's `ConnectProxyConnector` reads the proxy's answer with the time left when the
//! connection began, given afresh to every read: a proxy that trickles its answer one byte at a
//! time never lets a read time out, and holds the request for as long as it likes. The
//! [`BoundedConnector`] runs ureq's own connector chain, but hands the `CONNECT` negotiation a
//! proxy connection whose every read and write is cut to the time left before one fixed
//! deadline. Once the tunnel is up the limit is lifted: ureq bounds each later phase (TLS
//! handshake, request, headers, body) by the time left itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use ureq::Timeout;
use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{
    Buffers, ConnectProxyConnector, ConnectionDetails, Connector, Either, NextTimeout,
    RustlsConnector, TcpConnector, Transport,
};

/// What a `CONNECT` that ran out of time reports (read back by the transport's error mapping).
pub(crate) const CONNECT_TIMED_OUT: &str = "the proxy did not answer CONNECT in time";

/// The agent's connector chain: ureq's default one for `http://` and `https://` through an
/// optional `CONNECT` proxy, with the negotiation bounded (see the module's documentation).
pub(crate) fn connector() -> impl Connector<(), Out = impl Transport> {
    ().chain(BoundedConnectProxy::default())
        .chain(TcpConnector::default())
        .chain(RustlsConnector::default())
}

/// ureq's `ConnectProxyConnector`, given a proxy connection bounded by one deadline.
#[derive(Debug, Default)]
struct BoundedConnectProxy {
    inner: ConnectProxyConnector,
}

impl<In: Transport> Connector<In> for BoundedConnectProxy {
    type Out = Either<In, Box<dyn Transport>>;

    fn connect(
        &self,
        details: &ConnectionDetails<'_>,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        if chained.is_some() || details.config.proxy().is_none() {
            return self.inner.connect(details, chained);
        }
        let deadline = deadline_of(details.timeout);
        let armed = Arc::new(AtomicBool::new(true));
        let run = Arc::clone(&details.run_connector);
        let flag = Arc::clone(&armed);
        let bounded = ConnectionDetails {
            uri: details.uri,
            addrs: details.addrs.clone(),
            config: details.config,
            request_level: details.request_level,
            resolver: details.resolver,
            now: details.now,
            timeout: details.timeout,
            current_time: Arc::clone(&details.current_time),
            run_connector: Arc::new(move |proxy: &ConnectionDetails<'_>| {
                let transport = run(proxy)?;
                Ok(Bounded {
                    inner: transport,
                    deadline,
                    armed: Arc::clone(&flag),
                }
                .boxed())
            }),
            register_shutdown: Arc::clone(&details.register_shutdown),
        };
        let tunnel = self.inner.connect(&bounded, None::<In>);
        // The tunnel is up (or failed): later phases are bounded by ureq itself.
        armed.store(false, Ordering::Release);
        // A timeout while reaching the proxy itself is told as such; one once it answers is its
        // slow CONNECT answer.
        tunnel.map_err(|e| match e {
            ureq::Error::Timeout(Timeout::Resolve | Timeout::Connect) => e,
            ureq::Error::Timeout(_) => ureq::Error::ConnectProxyFailed(CONNECT_TIMED_OUT.into()),
            other => other,
        })
    }
}

/// The instant `timeout` ends, or `None` for no limit.
fn deadline_of(timeout: NextTimeout) -> Option<Instant> {
    if timeout.after.is_not_happening() {
        return None;
    }
    Instant::now().checked_add(*timeout.after)
}

/// The proxy connection during `CONNECT`: every wait cut to the deadline while armed.
#[derive(Debug)]
struct Bounded {
    inner: Box<dyn Transport>,
    deadline: Option<Instant>,
    armed: Arc<AtomicBool>,
}

impl Bounded {
    fn cut(&self, mut timeout: NextTimeout) -> Result<NextTimeout, ureq::Error> {
        let Some(deadline) = self.deadline.filter(|_| self.armed.load(Ordering::Acquire)) else {
            return Ok(timeout);
        };
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ureq::Error::Timeout(timeout.reason));
        }
        if *timeout.after > left {
            timeout.after = UreqDuration::Exact(left);
        }
        Ok(timeout)
    }
}

impl Transport for Bounded {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let timeout = self.cut(timeout)?;
        self.inner.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let timeout = self.cut(timeout)?;
        self.inner.await_input(timeout)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}
