//! The data plane's own state, held by the world state (`Shared::data_plane`): the backend
//! mapping, the listeners, the balancing state, the TLS acceptors and the runtime they run on.
//! It names nothing of the world state: what needs the shared state (starting the manager,
//! reading a listener, the statistics) is in `api.rs` and `manager.rs`, which are given it.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use super::LbKey;
use super::backends::Backends;
use super::balance::Balancer;
use super::registry::Registry;
use super::tls_term;
use crate::runtime::Runner;

/// How many worker threads the data plane's runtime has.
const WORKERS: usize = 2;
use crate::sync::lock;

/// The data plane's shared part: the backend mapping, the listeners, the runtime they run on.
#[derive(Debug)]
pub(crate) struct DataPlane {
    pub(crate) backends: Backends,
    pub(super) registry: Mutex<Registry>,
    balancers: Mutex<BTreeMap<LbKey, Arc<Balancer>>>,
    pub(super) tls: tls_term::Cache,
    pub(super) handle: tokio::runtime::Handle,
}

impl DataPlane {
    /// A data plane on a runtime of its own (`Runner` stops it), with the builder's mappings.
    pub(crate) fn start(
        mappings: &[(String, u16, SocketAddr)],
    ) -> std::io::Result<(DataPlane, Runner)> {
        let (runner, handle) = Runner::start("rackcloud-data-plane", WORKERS)?;
        let backends = Backends::default();
        for (address, port, target) in mappings {
            backends.insert(address, *port, *target);
        }
        let plane = DataPlane {
            backends,
            registry: Mutex::new(Registry::default()),
            balancers: Mutex::new(BTreeMap::new()),
            tls: tls_term::Cache::default(),
            handle,
        };
        Ok((plane, runner))
    }

    /// The balancing state of a load balancer, made on first use.
    pub(super) fn balancer(&self, key: &LbKey) -> Arc<Balancer> {
        Arc::clone(lock(&self.balancers).entry(key.clone()).or_default())
    }

    /// What a load balancer's connections were counted, all 0 before its first connection.
    pub(super) fn counted_json(&self, key: &LbKey) -> Value {
        let balancer = lock(&self.balancers).get(key).cloned();
        balancer.unwrap_or_default().counted.json()
    }

    /// Forgets the balancing state of load balancers that are gone.
    pub(super) fn retain_balancers(&self, keep: &dyn Fn(&LbKey) -> bool) {
        lock(&self.balancers).retain(|k, _| keep(k));
    }
}
