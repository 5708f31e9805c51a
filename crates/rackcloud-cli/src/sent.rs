//! Whether anything has left the process yet: exit status 2 promises that nothing was sent.
//!
//! The SDK refuses some input before sending ([`ErrorKind::InvalidInput`],
//! [`ErrorKind::Configuration`]), but a configuration error can also come after the token
//! request (a catalog endpoint over plain `http://`, say), when the credentials have already
//! gone to the identity service. The command records the first exchange here, and a failure
//! exits 2 only when none was made.

use std::sync::atomic::{AtomicBool, Ordering};

use rackcloud_lb::core::{Error, ErrorKind};

static SENT: AtomicBool = AtomicBool::new(false);

/// Records that a request was (or may have been) sent.
pub(crate) fn mark() {
    SENT.store(true, Ordering::SeqCst);
}

/// Whether a request was (or may have been) sent.
pub(crate) fn anything() -> bool {
    SENT.load(Ordering::SeqCst)
}

/// Whether the SDK refused `e` before sending anything.
pub(crate) fn refused_before_sending(e: &Error) -> bool {
    matches!(e.kind(), ErrorKind::InvalidInput | ErrorKind::Configuration)
}
