//! The backend mapping: where a node address really is. The service refuses loopback node
//! addresses, so a test gives its nodes addresses the service accepts and maps each
//! (address, port) to the loopback server that plays it. A node without a mapping is
//! unreachable, as a dead server would be.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use serde_json::{Value, json};

use crate::sync::lock;

/// The most mappings kept; one more is refused.
pub(crate) const MAX_BACKENDS: usize = 10_000;

/// (node address, node port) → the real server.
#[derive(Debug, Default)]
pub(crate) struct Backends {
    map: Mutex<BTreeMap<(String, u16), SocketAddr>>,
}

impl Backends {
    /// Maps a node address and port to a real server, replacing an earlier mapping; `false`
    /// when [`MAX_BACKENDS`] are already mapped.
    pub(crate) fn insert(&self, address: &str, port: u16, target: SocketAddr) -> bool {
        let mut map = lock(&self.map);
        let key = (normalize(address), port);
        if map.len() >= MAX_BACKENDS && !map.contains_key(&key) {
            return false;
        }
        map.insert(key, target);
        true
    }

    /// Where a node really is, if mapped.
    pub(crate) fn target(&self, address: &str, port: u16) -> Option<SocketAddr> {
        lock(&self.map).get(&(normalize(address), port)).copied()
    }

    /// Forgets one mapping; `false` when there was none.
    pub(crate) fn remove(&self, address: &str, port: u16) -> bool {
        lock(&self.map)
            .remove(&(normalize(address), port))
            .is_some()
    }

    /// Forgets every mapping.
    pub(crate) fn clear(&self) {
        lock(&self.map).clear();
    }

    /// `{"backends":[…]}`, ordered by address and port.
    pub(crate) fn json(&self) -> Value {
        let items: Vec<Value> = lock(&self.map)
            .iter()
            .map(|((address, port), target)| item_json(address, *port, *target))
            .collect();
        json!({ "backends": items })
    }
}

/// One mapping as the control API shows it.
pub(crate) fn item_json(address: &str, port: u16, target: SocketAddr) -> Value {
    json!({"address": address, "port": port, "target": target.to_string()})
}

/// The key of an address: an IP address in its canonical text, a host name in lower case.
pub(crate) fn normalize(address: &str) -> String {
    let trimmed = address.trim();
    trimmed
        .parse::<IpAddr>()
        .map_or_else(|_| trimmed.to_ascii_lowercase(), |ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_compared_canonically() {
        let backends = Backends::default();
        let target: SocketAddr = "127.0.0.1:9".parse().expect("address");
        assert!(backends.insert("2001:DB8::1", 80, target));
        assert_eq!(backends.target("2001:db8:0::1", 80), Some(target));
        assert!(backends.insert("Web.Example.com", 80, target));
        assert_eq!(backends.target("web.example.com", 80), Some(target));
        assert_eq!(backends.target("web.example.com", 81), None);
        assert!(backends.remove("web.example.com", 80));
        assert!(!backends.remove("web.example.com", 80));
    }
}
