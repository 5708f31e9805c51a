//! A workaround for tiny_http 0.12's connection pool.
//!
//! tiny_http hands every accepted connection to a pool thread that serves it for the life of the
//! connection (keep-alive). The pool decides between "queue it for an idle thread" and "start a
//! thread" from a count of idle threads that lags behind: a thread that was just woken for one
//! connection still counts as idle, so a burst of new connections (eight client threads starting
//! at once) can leave some of them queued with no thread to take them. They wait until another
//! connection closes, which, with clients that keep connections alive, can be never.
//!
//! A queued connection is taken as soon as a pool thread finishes a connection. So the nudger
//! opens and at once closes a connection to the server (a "kick"): the kick is served instantly,
//! and the thread that served it goes on to the oldest queued connection. Kicks are owed whenever
//! a new client connection shows up (a burst is under way), spaced a millisecond apart, and a few
//! more follow for a second after the last new connection. A kick sends no request, so it is
//! neither counted nor recorded. No kick happens while no new connection arrives.

use std::net::{SocketAddr, TcpStream};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::state::lock;

/// Kicks owed for each new client connection seen.
const KICKS_PER_CONNECTION: u32 = 2;
/// The most kicks owed at once.
const MAX_OWED: u32 = 256;
/// Pause between two kicks.
const SPACING: Duration = Duration::from_millis(1);
/// After the last new connection, one kick every `FOLLOW_UP_EVERY` during `FOLLOW_UP_FOR`.
const FOLLOW_UP_FOR: Duration = Duration::from_secs(1);
const FOLLOW_UP_EVERY: Duration = Duration::from_millis(50);
/// How long a kick may take to connect.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(200);

/// Owes kicks to the server at `addr` and pays them from its own thread ([`Nudger::run`]).
#[derive(Debug)]
pub(crate) struct Nudger {
    addr: SocketAddr,
    state: Mutex<NudgeState>,
    wake: Condvar,
}

#[derive(Debug)]
struct NudgeState {
    owed: u32,
    follow_up_until: Option<Instant>,
    stopped: bool,
}

impl Nudger {
    /// A nudger for the server reachable at `addr`.
    pub(crate) fn new(addr: SocketAddr) -> Nudger {
        let state = NudgeState {
            owed: 0,
            follow_up_until: None,
            stopped: false,
        };
        Nudger {
            addr,
            state: Mutex::new(state),
            wake: Condvar::new(),
        }
    }

    /// A new client connection delivered its first request: a burst may be under way.
    pub(crate) fn new_connection(&self) {
        let mut state = lock(&self.state);
        state.owed = state
            .owed
            .saturating_add(KICKS_PER_CONNECTION)
            .min(MAX_OWED);
        state.follow_up_until = Instant::now().checked_add(FOLLOW_UP_FOR);
        self.wake.notify_one();
    }

    /// Makes [`run`](Self::run) return.
    pub(crate) fn stop(&self) {
        lock(&self.state).stopped = true;
        self.wake.notify_one();
    }

    /// Pays kicks until stopped.
    pub(crate) fn run(&self) {
        while self.next_kick() {
            kick(self.addr);
        }
    }

    /// Waits until a kick is due; `false` once stopped.
    fn next_kick(&self) -> bool {
        let mut state = lock(&self.state);
        loop {
            if state.stopped {
                return false;
            }
            if state.owed > 0 {
                state.owed -= 1;
                let (guard, _) = self
                    .wake
                    .wait_timeout(state, SPACING)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                return !guard.stopped;
            }
            let now = Instant::now();
            match state.follow_up_until {
                Some(until) if now < until => {
                    let (guard, timeout) = self
                        .wake
                        .wait_timeout(state, FOLLOW_UP_EVERY)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    state = guard;
                    if timeout.timed_out() && !state.stopped {
                        return true;
                    }
                }
                _ => {
                    state.follow_up_until = None;
                    state = self
                        .wake
                        .wait(state)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                }
            }
        }
    }
}

/// Opens a connection and closes it without sending anything.
fn kick(addr: SocketAddr) {
    if let Ok(stream) = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
        let _ = stream.shutdown(std::net::Shutdown::Both);
    }
}
