//! The I/O layer: the tokio runtime and accept loop with its cap per client, one hyper connection a task with its idle and header timers, reading a request in full with its limits, bodies that are fixed, huge or stalled, HTTPS, the `Host` check, and the request and reply types the routes see.

pub(crate) mod body;
pub(crate) mod clients;
pub(crate) mod exchange;
pub(crate) mod host;
pub(crate) mod http;
pub(crate) mod listener;
pub(crate) mod runtime;
pub(crate) mod tls;
pub(crate) mod watch;
