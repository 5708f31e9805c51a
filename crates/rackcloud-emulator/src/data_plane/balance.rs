//! The balancing state of one load balancer: the algorithms' memory, the connections open to
//! each node, the clients pinned by source address, and the connections open from each source
//! (for the throttle), and the statistics' counters. Guards give back what they took when
//! dropped.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use super::counted::Counted;
use super::pick::{self, Memory};
use super::view::NodeView;
use crate::sync::lock;

/// The most source addresses `SOURCE_IP` persistence remembers; the oldest is forgotten first.
const MAX_PINNED_SOURCES: usize = 10_000;

/// The balancing state of one load balancer.
#[derive(Debug, Default)]
pub(crate) struct Balancer {
    inner: Mutex<Inner>,
    /// What the statistics report.
    pub(crate) counted: Counted,
}

#[derive(Debug, Default)]
struct Inner {
    memory: Memory,
    /// Connections (TCP) or requests in flight (HTTP) per node id.
    active: BTreeMap<u64, u64>,
    /// `SOURCE_IP` persistence: source address → node id, and their order of arrival.
    pinned: HashMap<IpAddr, u64>,
    pinned_order: VecDeque<IpAddr>,
    /// Client connections open per source address.
    per_source: HashMap<IpAddr, u32>,
}

/// A connection (or request) counted on a node until dropped.
#[derive(Debug)]
pub(crate) struct NodeGuard {
    balancer: Arc<Balancer>,
    node: u64,
}

/// A client connection counted on its source address until dropped.
#[derive(Debug)]
pub(crate) struct SourceGuard {
    balancer: Arc<Balancer>,
    source: IpAddr,
}

impl Balancer {
    /// Chooses a node for a new connection or request: the pinned one if it may keep its
    /// client, else one of the candidates by the algorithm, never one of `tried`.
    pub(crate) fn choose(
        &self,
        algorithm: &str,
        nodes: &[NodeView],
        tried: &[u64],
        pinned: Option<u64>,
    ) -> Option<u64> {
        if let Some(id) = pinned
            && !tried.contains(&id)
            && pick::may_keep(nodes, id)
        {
            return Some(id);
        }
        let candidates = pick::candidates(nodes, tried);
        let mut inner = lock(&self.inner);
        let active = inner.active.clone();
        inner.memory.choose(algorithm, &candidates, &|id| {
            active.get(&id).copied().unwrap_or(0)
        })
    }

    /// Counts a connection on a node until the guard is dropped.
    pub(crate) fn enter_node(self: &Arc<Self>, node: u64) -> NodeGuard {
        *lock(&self.inner).active.entry(node).or_default() += 1;
        NodeGuard {
            balancer: Arc::clone(self),
            node,
        }
    }

    /// Counts a client connection on its source address; `None` (nothing counted) when
    /// `max` are already open from it.
    pub(crate) fn enter_source(
        self: &Arc<Self>,
        source: IpAddr,
        max: Option<u32>,
    ) -> Option<SourceGuard> {
        let mut inner = lock(&self.inner);
        let open = inner.per_source.entry(source).or_default();
        if max.is_some_and(|max| *open >= max) {
            return None;
        }
        *open += 1;
        Some(SourceGuard {
            balancer: Arc::clone(self),
            source,
        })
    }

    /// The node a source address is pinned to (`SOURCE_IP` persistence).
    pub(crate) fn pinned_source(&self, source: IpAddr) -> Option<u64> {
        lock(&self.inner).pinned.get(&source).copied()
    }

    /// Pins a source address to a node.
    pub(crate) fn pin_source(&self, source: IpAddr, node: u64) {
        let mut inner = lock(&self.inner);
        if inner.pinned.insert(source, node).is_none() {
            inner.pinned_order.push_back(source);
            if inner.pinned_order.len() > MAX_PINNED_SOURCES
                && let Some(oldest) = inner.pinned_order.pop_front()
            {
                inner.pinned.remove(&oldest);
            }
        }
    }
}

impl Drop for NodeGuard {
    fn drop(&mut self) {
        let mut inner = lock(&self.balancer.inner);
        if let Some(n) = inner.active.get_mut(&self.node) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                inner.active.remove(&self.node);
            }
        }
    }
}

impl Drop for SourceGuard {
    fn drop(&mut self) {
        let mut inner = lock(&self.balancer.inner);
        if let Some(n) = inner.per_source.get_mut(&self.source) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                inner.per_source.remove(&self.source);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_throttle_counts_open_connections_per_source() {
        let balancer = Arc::new(Balancer::default());
        let a: IpAddr = "127.0.0.2".parse().expect("ip");
        let b: IpAddr = "127.0.0.3".parse().expect("ip");
        let first = balancer.enter_source(a, Some(1));
        assert!(first.is_some());
        assert!(balancer.enter_source(a, Some(1)).is_none());
        assert!(balancer.enter_source(b, Some(1)).is_some());
        drop(first);
        assert!(balancer.enter_source(a, Some(1)).is_some());
    }
}
