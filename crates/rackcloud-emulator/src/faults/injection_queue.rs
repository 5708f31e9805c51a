//! The injected faults still owed, in the order they were injected.

use std::sync::Mutex;

use crate::injected_fault::InjectedFault;
use crate::sync::lock;

/// The most faults pending at once; more are refused (the control API answers 413).
pub const MAX_PENDING_FAULTS: usize = 1000;

/// Pending faults with the number of answers each still has.
#[derive(Debug, Default)]
pub(crate) struct InjectionQueue {
    pending: Mutex<Vec<Pending>>,
}

/// An injected fault and how many answers it has left.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub(crate) fault: InjectedFault,
    pub(crate) remaining: u32,
}

impl InjectionQueue {
    /// Adds a fault after the others; one with no answers (`times(0)`) is dropped. `false` (and
    /// nothing added) when [`MAX_PENDING_FAULTS`] are pending.
    pub(crate) fn push(&self, fault: InjectedFault) -> bool {
        if let Some(problem) = fault.pattern.problem() {
            log::warn!(
                "emulator: the fault pattern {:?} matches nothing: {problem}",
                fault.pattern.as_str()
            );
        }
        if fault.times == 0 {
            return true;
        }
        let remaining = fault.times;
        let mut pending = lock(&self.pending);
        if pending.len() >= MAX_PENDING_FAULTS {
            return false;
        }
        pending.push(Pending { fault, remaining });
        true
    }

    /// The first pending fault that matches, using up one of its answers.
    pub(crate) fn take(&self, method: &str, path: &str) -> Option<InjectedFault> {
        let mut pending = lock(&self.pending);
        let index = pending.iter().position(|p| p.fault.matches(method, path))?;
        let entry = &mut pending[index];
        entry.remaining = entry.remaining.saturating_sub(1);
        let fault = entry.fault.clone();
        if entry.remaining == 0 {
            pending.remove(index);
        }
        Some(fault)
    }

    /// The pending faults, in order.
    pub(crate) fn list(&self) -> Vec<Pending> {
        lock(&self.pending).clone()
    }

    /// Forgets every pending fault.
    pub(crate) fn clear(&self) {
        lock(&self.pending).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_used_up_in_order() {
        let queue = InjectionQueue::default();
        queue.push(InjectedFault::new(Some("GET"), "/a", 500).times(2));
        queue.push(InjectedFault::new(None, "/a", 503));
        queue.push(InjectedFault::new(None, "/never", 503).times(0));
        assert_eq!(queue.list().len(), 2);
        let statuses: Vec<Option<u16>> = (0..4)
            .map(|_| queue.take("GET", "/a").map(|f| f.status))
            .collect();
        assert_eq!(statuses, [Some(500), Some(500), Some(503), None]);
        assert!(queue.list().is_empty());
    }

    #[test]
    fn a_non_matching_request_uses_nothing() {
        let queue = InjectionQueue::default();
        queue.push(InjectedFault::new(Some("PUT"), "/a/*", 503));
        assert!(queue.take("GET", "/a/1").is_none());
        assert!(queue.take("PUT", "/b/1").is_none());
        assert_eq!(queue.list()[0].remaining, 1);
        queue.clear();
        assert!(queue.take("PUT", "/a/1").is_none());
    }
}
