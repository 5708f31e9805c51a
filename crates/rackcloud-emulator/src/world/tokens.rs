//! Issued tokens: minting, checking and expiring them.
//!
//! Tokens are kept in a map by id, and their ids in a queue ordered by expiry, so that minting
//! forgets the expired ones from the front of the queue (a few at a time, each once) instead of
//! looking at every token.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash, Hasher};
use std::time::{Duration, Instant, SystemTime};

use jiff::Timestamp;

use crate::time;

/// Above this many tokens, minting first forgets the expired ones (they then answer as unknown).
const PRUNE_ABOVE: usize = 100_000;
/// At most this many tokens are kept: past it, minting forgets the one that expires first, even
/// if it is still valid (a client minting tokens in a loop cannot exhaust memory).
pub(crate) const MAX_TOKENS: usize = 250_000;

/// One issued token.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) id: String,
    pub(crate) username: String,
    pub(crate) tenant_id: String,
    /// The wall-clock expiry written in the token response.
    pub(crate) expires: Timestamp,
    /// How the user authenticated (`APIKEY`, `PASSWORD`), for `RAX-AUTH:authenticatedBy`.
    pub(crate) authenticated_by: &'static str,
    deadline: Option<Instant>,
    revoked: bool,
    /// Where the token sits in the expiry queue.
    key: ExpiryKey,
}

/// A token's place in the expiry queue: tokens that expire come first, by deadline, then those
/// that never do (a lifetime past what `Instant` holds), by issue; the sequence number breaks
/// ties.
type ExpiryKey = (bool, Instant, u64);

/// What a token id is worth now.
#[derive(Debug)]
pub(crate) enum TokenCheck<'a> {
    Valid(&'a Token),
    Expired,
    Unknown,
}

/// Every token issued by one emulator.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    map: HashMap<String, Token>,
    /// Token ids by expiry, soonest first.
    queue: BTreeMap<ExpiryKey, String>,
    /// Randomly keyed SipHash: token ids are not predictable from the counter.
    keys: std::collections::hash_map::RandomState,
    counter: u64,
    /// How many tokens minting has looked at to forget expired ones (the work it does).
    visited: u64,
}

impl Tokens {
    /// Issues a new token for the user, valid for `lifetime`.
    pub(crate) fn mint(
        &mut self,
        username: &str,
        tenant_id: &str,
        authenticated_by: &'static str,
        lifetime: Duration,
    ) -> Token {
        let now = Instant::now();
        if self.map.len() >= PRUNE_ABOVE {
            self.forget_expired(now);
        }
        while self.map.len() >= MAX_TOKENS && self.forget_first() {}
        let id = self.fresh_id();
        let deadline = time::deadline(now, lifetime);
        let key = (deadline.is_none(), deadline.unwrap_or(now), self.counter);
        let token = Token {
            id: id.clone(),
            username: username.to_owned(),
            tenant_id: tenant_id.to_owned(),
            expires: time::later(Timestamp::now(), lifetime),
            authenticated_by,
            deadline,
            revoked: false,
            key,
        };
        self.queue.insert(key, id.clone());
        self.map.insert(id, token.clone());
        token
    }

    /// Looks a token id up.
    pub(crate) fn check(&self, id: &str, now: Instant) -> TokenCheck<'_> {
        match self.map.get(id) {
            None => TokenCheck::Unknown,
            Some(token) if token.is_valid(now) => TokenCheck::Valid(token),
            Some(_) => TokenCheck::Expired,
        }
    }

    /// Revokes one token; `false` when it is not known.
    pub(crate) fn revoke(&mut self, id: &str) -> bool {
        self.map.get_mut(id).map(|t| t.revoked = true).is_some()
    }

    /// Every token issued so far is expired from now on (and first in line to be forgotten).
    pub(crate) fn expire_all(&mut self) {
        let now = Instant::now();
        self.queue.clear();
        for token in self.map.values_mut() {
            token.revoked = true;
            token.key = (false, now, token.key.2);
            self.queue.insert(token.key, token.id.clone());
        }
    }

    /// Forgets the tokens at the front of the queue while they are no longer valid: each
    /// expired token is looked at once, and one valid token ends the walk.
    fn forget_expired(&mut self, now: Instant) {
        while let Some(entry) = self.queue.first_entry() {
            self.visited += 1;
            let valid = self.map.get(entry.get()).is_some_and(|t| t.is_valid(now));
            if valid {
                return;
            }
            let id = entry.remove();
            self.map.remove(&id);
        }
    }

    /// Forgets the token that expires first; `false` when there is none.
    fn forget_first(&mut self) -> bool {
        match self.queue.pop_first() {
            Some((_, id)) => {
                self.map.remove(&id);
                true
            }
            None => false,
        }
    }

    fn fresh_id(&mut self) -> String {
        loop {
            self.counter = self.counter.wrapping_add(1);
            let nanos = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let mut hasher = self.keys.build_hasher();
            self.counter.hash(&mut hasher);
            nanos.hash(&mut hasher);
            let high = hasher.finish();
            high.hash(&mut hasher);
            let low = hasher.finish();
            let id = format!("{high:016x}{low:016x}");
            if !self.map.contains_key(&id) {
                return id;
            }
        }
    }
}

impl Token {
    fn is_valid(&self, now: Instant) -> bool {
        !self.revoked && !time::passed(self.deadline, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_not_counters() {
        let mut tokens = Tokens::default();
        let a = tokens.mint("u", "1", "APIKEY", Duration::from_secs(60)).id;
        let b = tokens.mint("u", "1", "APIKEY", Duration::from_secs(60)).id;
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn expiry_and_revocation() {
        let mut tokens = Tokens::default();
        let short = tokens.mint("u", "1", "APIKEY", Duration::ZERO).id;
        let long = tokens.mint("u", "1", "APIKEY", Duration::from_secs(60)).id;
        let now = Instant::now();
        assert!(matches!(tokens.check(&short, now), TokenCheck::Expired));
        assert!(matches!(tokens.check(&long, now), TokenCheck::Valid(_)));
        assert!(matches!(tokens.check("nope", now), TokenCheck::Unknown));
        tokens.expire_all();
        assert!(matches!(tokens.check(&long, now), TokenCheck::Expired));
    }

    #[test]
    fn minting_past_many_live_tokens_does_not_visit_them() {
        let mut tokens = Tokens::default();
        let day = Duration::from_secs(24 * 60 * 60);
        for _ in 0..PRUNE_ABOVE + 10 {
            tokens.mint("u", "1", "APIKEY", day);
        }
        let before = tokens.visited;
        for _ in 0..100 {
            tokens.mint("u", "1", "APIKEY", day);
        }
        // No token has expired: each mint looks at the first in line only.
        assert!(
            tokens.visited - before <= 100,
            "{}",
            tokens.visited - before
        );
        assert_eq!(tokens.map.len(), PRUNE_ABOVE + 110);
    }

    #[test]
    fn expired_tokens_are_forgotten_a_few_at_a_time() {
        let mut tokens = Tokens::default();
        let short = tokens.mint("u", "1", "APIKEY", Duration::ZERO).id;
        let long = tokens.mint("u", "1", "APIKEY", Duration::from_secs(60)).id;
        for _ in 0..PRUNE_ABOVE {
            tokens.mint("u", "1", "APIKEY", Duration::from_secs(60));
        }
        let before = tokens.visited;
        tokens.mint("u", "1", "APIKEY", Duration::from_secs(60));
        // The one expired token is dropped (and the first live one looked at), no more.
        assert!(tokens.visited - before <= 2, "{}", tokens.visited - before);
        assert!(matches!(
            tokens.check(&short, Instant::now()),
            TokenCheck::Unknown
        ));
        assert!(matches!(
            tokens.check(&long, Instant::now()),
            TokenCheck::Valid(_)
        ));
    }

    #[test]
    fn expired_by_the_control_api_they_are_forgotten_first() {
        let mut tokens = Tokens::default();
        for _ in 0..PRUNE_ABOVE {
            tokens.mint("u", "1", "APIKEY", Duration::from_secs(60));
        }
        tokens.expire_all();
        let fresh = tokens.mint("u", "1", "APIKEY", Duration::from_secs(60)).id;
        assert_eq!(tokens.map.len(), 1);
        assert_eq!(tokens.queue.len(), 1);
        assert!(matches!(
            tokens.check(&fresh, Instant::now()),
            TokenCheck::Valid(_)
        ));
    }

    #[test]
    fn at_most_max_tokens_are_kept() {
        let mut tokens = Tokens::default();
        let first = tokens.mint("u", "1", "APIKEY", Duration::from_secs(60)).id;
        for _ in 0..MAX_TOKENS {
            tokens.mint("u", "1", "APIKEY", Duration::from_secs(60));
        }
        assert_eq!(tokens.map.len(), MAX_TOKENS);
        assert_eq!(tokens.queue.len(), MAX_TOKENS);
        assert!(matches!(
            tokens.check(&first, Instant::now()),
            TokenCheck::Unknown
        ));
    }
}
