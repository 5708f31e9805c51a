//! Multi-factor sessions: the ones opened by a password request that met a challenge, waiting
//! for their passcode.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::time::{Duration, Instant};

/// How long a session waits for its passcode.
const SESSION_LIFETIME: Duration = Duration::from_secs(5 * 60);
/// At most this many open sessions; the oldest are forgotten first.
const MAX_SESSIONS: usize = 1_000;

/// One open session: whose, and until when.
#[derive(Debug, Clone)]
pub(crate) struct MfaSession {
    pub(crate) username: String,
    opened: Instant,
}

/// The open sessions of one emulator.
#[derive(Debug, Default)]
pub(crate) struct MfaSessions {
    map: HashMap<String, MfaSession>,
    keys: std::collections::hash_map::RandomState,
    counter: u64,
}

impl MfaSessions {
    /// Opens a session for `username`; returns its id.
    pub(crate) fn open(&mut self, username: &str, now: Instant) -> String {
        self.map
            .retain(|_, s| now.duration_since(s.opened) < SESSION_LIFETIME);
        if self.map.len() >= MAX_SESSIONS
            && let Some(oldest) = self
                .map
                .iter()
                .min_by_key(|(_, s)| s.opened)
                .map(|(id, _)| id.clone())
        {
            self.map.remove(&oldest);
        }
        self.counter = self.counter.wrapping_add(1);
        let id = format!(
            "{:016x}{:08x}",
            self.keys.hash_one(self.counter),
            self.counter
        );
        self.map.insert(
            id.clone(),
            MfaSession {
                username: username.to_owned(),
                opened: now,
            },
        );
        id
    }

    /// The session `id`, while it is open.
    pub(crate) fn get(&self, id: &str, now: Instant) -> Option<&MfaSession> {
        self.map
            .get(id)
            .filter(|s| now.duration_since(s.opened) < SESSION_LIFETIME)
    }

    /// Closes a session (after its passcode was accepted).
    pub(crate) fn close(&mut self, id: &str) {
        self.map.remove(id);
    }
}
