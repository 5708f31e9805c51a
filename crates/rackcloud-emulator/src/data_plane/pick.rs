//! Choosing a node (docs/api/nodes.md, docs/api/reference-data.md#algorithms): which nodes may
//! take a new connection, which may keep a persistent client, and the five algorithms.

use std::collections::BTreeMap;

use super::view::NodeView;

/// What the algorithms remember between choices, per load balancer.
#[derive(Debug, Default)]
pub(crate) struct Memory {
    /// The round-robin position (also breaks ties of the least-connections algorithms).
    turn: u64,
    /// Smooth weighted round robin: each node's current weight.
    current: BTreeMap<u64, i64>,
    /// The random generator's state (xorshift64*).
    seed: u64,
}

/// The nodes that may take a new connection: `ENABLED` and `ONLINE`, the `PRIMARY` ones, or
/// the `SECONDARY` ones while no `PRIMARY` is available; minus those already tried.
pub(crate) fn candidates<'a>(nodes: &'a [NodeView], tried: &[u64]) -> Vec<&'a NodeView> {
    let usable = |n: &&NodeView| n.condition == "ENABLED" && n.online && !tried.contains(&n.id);
    let tier = tier(nodes, tried);
    let mut out: Vec<&NodeView> = nodes
        .iter()
        .filter(usable)
        .filter(|n| n.kind == tier)
        .collect();
    out.sort_by_key(|n| n.id);
    out
}

/// Whether a client pinned to this node (session persistence) may stay on it: `ENABLED` or
/// `DRAINING` (a draining node keeps its persistent clients), `ONLINE`, of the type in use.
pub(crate) fn may_keep(nodes: &[NodeView], id: u64) -> bool {
    let tier = tier(nodes, &[]);
    nodes.iter().any(|n| {
        n.id == id
            && n.online
            && (n.condition == "ENABLED" || n.condition == "DRAINING")
            && n.kind == tier
    })
}

/// `PRIMARY` while one is available, else `SECONDARY`.
fn tier(nodes: &[NodeView], tried: &[u64]) -> &'static str {
    let primary = nodes.iter().any(|n| {
        n.condition == "ENABLED" && n.online && n.kind != "SECONDARY" && !tried.contains(&n.id)
    });
    if primary { "PRIMARY" } else { "SECONDARY" }
}

impl Memory {
    /// Chooses among `candidates` (sorted by id, not empty) by `algorithm`; `active` gives
    /// each node's open connections. An unknown algorithm balances round robin.
    pub(crate) fn choose(
        &mut self,
        algorithm: &str,
        candidates: &[&NodeView],
        active: &dyn Fn(u64) -> u64,
    ) -> Option<u64> {
        if candidates.is_empty() {
            return None;
        }
        let id = match algorithm {
            "RANDOM" => {
                let n = candidates.len() as u64;
                candidates[usize::try_from(self.random() % n).unwrap_or(0)].id
            }
            "WEIGHTED_ROUND_ROBIN" => self.smooth_weighted(candidates),
            "LEAST_CONNECTIONS" => {
                let least = candidates.iter().map(|n| active(n.id)).min().unwrap_or(0);
                let tied: Vec<&&NodeView> = candidates
                    .iter()
                    .filter(|n| active(n.id) == least)
                    .collect();
                self.next_of(&tied)
            }
            "WEIGHTED_LEAST_CONNECTIONS" => {
                // The least active/weight, compared without division; ties go to the heaviest
                // node, then round robin.
                let ratio_lt = |a: &NodeView, b: &NodeView| {
                    u128::from(active(a.id)) * u128::from(b.weight)
                        < u128::from(active(b.id)) * u128::from(a.weight)
                };
                let mut best = candidates[0];
                for n in &candidates[1..] {
                    if ratio_lt(n, best) {
                        best = n;
                    }
                }
                let tied: Vec<&&NodeView> = candidates
                    .iter()
                    .filter(|n| !ratio_lt(best, n) && !ratio_lt(n, best))
                    .collect();
                let heaviest = tied.iter().map(|n| n.weight).max().unwrap_or(1);
                let tied: Vec<&&NodeView> =
                    tied.into_iter().filter(|n| n.weight == heaviest).collect();
                self.next_of(&tied)
            }
            _ => {
                let n = candidates.len() as u64;
                let i = self.turn % n;
                self.turn = self.turn.wrapping_add(1);
                candidates[usize::try_from(i).unwrap_or(0)].id
            }
        };
        Some(id)
    }

    fn next_of(&mut self, tied: &[&&NodeView]) -> u64 {
        let i = self.turn % tied.len().max(1) as u64;
        self.turn = self.turn.wrapping_add(1);
        tied.get(usize::try_from(i).unwrap_or(0))
            .map_or(0, |n| n.id)
    }

    /// Smooth weighted round robin: over any run of (sum of weights) choices, each node is
    /// chosen exactly its weight's times, spread out.
    fn smooth_weighted(&mut self, candidates: &[&NodeView]) -> u64 {
        self.current
            .retain(|id, _| candidates.iter().any(|n| n.id == *id));
        let total: i64 = candidates.iter().map(|n| i64::from(n.weight)).sum();
        let mut best: Option<(u64, i64)> = None;
        for n in candidates {
            let c = self.current.entry(n.id).or_insert(0);
            *c += i64::from(n.weight);
            if best.is_none_or(|(_, b)| *c > b) {
                best = Some((n.id, *c));
            }
        }
        let (id, _) = best.unwrap_or((candidates[0].id, 0));
        if let Some(c) = self.current.get_mut(&id) {
            *c -= total;
        }
        id
    }

    fn random(&mut self) -> u64 {
        if self.seed == 0 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let here = std::ptr::from_ref(self) as usize as u64;
            self.seed = (u64::try_from(nanos & u128::from(u64::MAX)).unwrap_or(1) ^ here) | 1;
        }
        let mut x = self.seed;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.seed = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: u64, condition: &str, kind: &str, weight: u32) -> NodeView {
        NodeView {
            id,
            address: format!("10.0.0.{id}"),
            port: 80,
            condition: condition.into(),
            kind: kind.into(),
            weight,
            online: true,
        }
    }

    #[test]
    fn secondaries_only_without_an_available_primary() {
        let mut nodes = vec![
            node(1, "ENABLED", "PRIMARY", 1),
            node(2, "ENABLED", "SECONDARY", 1),
            node(3, "DRAINING", "PRIMARY", 1),
        ];
        let ids = |c: Vec<&NodeView>| c.iter().map(|n| n.id).collect::<Vec<_>>();
        assert_eq!(ids(candidates(&nodes, &[])), [1]);
        assert_eq!(ids(candidates(&nodes, &[1])), [2]);
        nodes[0].online = false;
        assert_eq!(ids(candidates(&nodes, &[])), [2]);
        assert!(
            !may_keep(&nodes, 3),
            "a draining primary while secondaries serve"
        );
        nodes[0].online = true;
        assert!(may_keep(&nodes, 3));
    }

    #[test]
    fn weighted_round_robin_is_exact_over_a_cycle() {
        let nodes = [
            node(1, "ENABLED", "PRIMARY", 1),
            node(2, "ENABLED", "PRIMARY", 3),
        ];
        let refs: Vec<&NodeView> = nodes.iter().collect();
        let mut memory = Memory::default();
        let picks: Vec<u64> = (0..8)
            .filter_map(|_| memory.choose("WEIGHTED_ROUND_ROBIN", &refs, &|_| 0))
            .collect();
        assert_eq!(picks.iter().filter(|id| **id == 2).count(), 6);
        assert_eq!(picks[..4], [2, 1, 2, 2]);
    }

    #[test]
    fn weighted_least_connections_divides_by_weight() {
        let nodes = [
            node(1, "ENABLED", "PRIMARY", 1),
            node(2, "ENABLED", "PRIMARY", 3),
        ];
        let refs: Vec<&NodeView> = nodes.iter().collect();
        let mut memory = Memory::default();
        let mut active = BTreeMap::from([(1u64, 0u64), (2, 0)]);
        for _ in 0..4 {
            let a = active.clone();
            let id = memory
                .choose("WEIGHTED_LEAST_CONNECTIONS", &refs, &|id| a[&id])
                .expect("a node");
            *active.entry(id).or_default() += 1;
        }
        assert_eq!(active, BTreeMap::from([(1, 1), (2, 3)]));
    }
}
