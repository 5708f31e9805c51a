//! Issued tokens: minting, checking and expiring them.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::time::{Duration, Instant, SystemTime};

use jiff::Timestamp;

use crate::time;

/// Above this many tokens, minting first forgets the expired ones (they then answer as unknown).
const PRUNE_ABOVE: usize = 100_000;

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
}

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
    /// Randomly keyed SipHash: token ids are not predictable from the counter.
    keys: std::collections::hash_map::RandomState,
    counter: u64,
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
            self.map.retain(|_, t| t.is_valid(now));
        }
        let id = self.fresh_id();
        let token = Token {
            id: id.clone(),
            username: username.to_owned(),
            tenant_id: tenant_id.to_owned(),
            expires: time::later(Timestamp::now(), lifetime),
            authenticated_by,
            deadline: time::deadline(now, lifetime),
            revoked: false,
        };
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

    /// Every token issued so far is expired from now on.
    pub(crate) fn expire_all(&mut self) {
        for token in self.map.values_mut() {
            token.revoked = true;
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
}
