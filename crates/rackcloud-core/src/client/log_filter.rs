//! [`RedactingLogger`]: a `log` wrapper that keeps the HTTP library's wire dumps, which hold
//! tokens and credentials, out of any log.

use log::{Level, Log, Metadata, Record};

/// Targets whose TRACE records dump the wire: ureq-proto writes every byte sent and received
/// in hex (the `X-Auth-Token` header, the identity request with its API key or password, the
/// token in the identity answer), and ureq writes whole URLs at TRACE.
const WIRE_TARGETS: [&str; 2] = ["ureq_proto", "ureq"];

/// Wraps an application's logger so that no secret reaches it, even with every target at
/// TRACE (what `RUST_LOG=trace` asks of `env_logger`).
///
/// The SDK's own log lines never hold a secret: headers are logged by allow-list with any
/// secret of the request a server echoes in them redacted, the identity request body never,
/// and a token in a URL is masked. Its HTTP library is another matter: at TRACE, `ureq_proto`
/// dumps every byte of every exchange in hex, and `ureq` prints whole URLs; at DEBUG, `ureq`
/// prints the values of the answer's headers as the server sent them, which a hostile service
/// can fill with the passcode or session id it was sent. `RedactingLogger` drops DEBUG and
/// TRACE records of the `ureq` and `ureq_proto` targets (the SDK's own DEBUG lines say which
/// request went where and what came back) and answers `enabled` accordingly, so those crates
/// do not even format them. Everything else goes to the wrapped logger unchanged.
///
/// With `env_logger` and no wrapper, the same effect is `RUST_LOG=trace,ureq=info,ureq_proto=info`.
///
/// ```
/// use log::{LevelFilter, Log, Metadata, Record};
/// use rackcloud_core::RedactingLogger;
///
/// struct Stderr;
/// impl Log for Stderr {
///     fn enabled(&self, _: &Metadata<'_>) -> bool { true }
///     fn log(&self, record: &Record<'_>) { eprintln!("{} {}", record.target(), record.args()) }
///     fn flush(&self) {}
/// }
///
/// let logger: &'static RedactingLogger<Stderr> = Box::leak(Box::new(RedactingLogger::new(Stderr)));
/// if log::set_logger(logger).is_ok() {
///     log::set_max_level(LevelFilter::Trace);
/// }
/// ```
#[derive(Debug)]
pub struct RedactingLogger<L> {
    inner: L,
}

impl<L: Log> RedactingLogger<L> {
    /// Wraps `inner`.
    pub fn new(inner: L) -> RedactingLogger<L> {
        RedactingLogger { inner }
    }

    /// The wrapped logger.
    pub fn inner(&self) -> &L {
        &self.inner
    }

    /// Whether a record of this target and level may hold wire data and is dropped.
    pub fn drops(target: &str, level: Level) -> bool {
        level >= Level::Debug
            && WIRE_TARGETS.iter().any(|wire| {
                target == *wire
                    || target
                        .strip_prefix(wire)
                        .is_some_and(|rest| rest.starts_with("::"))
            })
    }
}

impl<L: Log> Log for RedactingLogger<L> {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        !Self::drops(metadata.target(), metadata.level()) && self.inner.enabled(metadata)
    }

    fn log(&self, record: &Record<'_>) {
        if !Self::drops(record.target(), record.level()) {
            self.inner.log(record);
        }
    }

    fn flush(&self) {
        self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_targets_are_dropped() {
        struct Nop;
        impl Log for Nop {
            fn enabled(&self, _: &Metadata<'_>) -> bool {
                true
            }
            fn log(&self, _: &Record<'_>) {}
            fn flush(&self) {}
        }
        type R = RedactingLogger<Nop>;
        assert!(R::drops("ureq_proto::util", Level::Trace));
        assert!(R::drops("ureq::unversioned::transport::tcp", Level::Trace));
        assert!(R::drops("ureq", Level::Trace));
        assert!(R::drops("ureq::run", Level::Debug));
        assert!(!R::drops("ureq::run", Level::Info));
        assert!(!R::drops("ureq_protocol_other", Level::Trace));
        assert!(!R::drops("rackcloud_core::transport", Level::Trace));
    }
}
