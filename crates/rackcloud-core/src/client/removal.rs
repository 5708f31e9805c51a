//! [`Removal`]: what an idempotent removal did, for every crate's `*_if_present` and
//! `disable_if_enabled` (docs/adding-a-service-crate.md, the waiting and removal rule).

/// What an idempotent removal did: the service removed something, or there was nothing to
/// remove (its 422 "already disabled" answer, read as done).
///
/// The strict operations (`delete`, `disable`, and their results' `and_wait`) report that 422 as
/// an [`AlreadyDisabled`](crate::ErrorKind::AlreadyDisabled) error instead. Exhaustive: a
/// removal either happened or had nothing to remove.
///
/// # Examples
///
/// ```
/// use rackcloud_core::Removal;
///
/// let done = Removal::NothingToRemove;
/// assert!(!done.removed());
/// assert_eq!(done.as_str(), "nothing_to_remove");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Removal {
    /// The service accepted the removal; the load balancer is `PENDING_UPDATE` until it is
    /// applied.
    Removed,
    /// There was nothing to remove; nothing changed.
    NothingToRemove,
}

impl Removal {
    /// Whether something was removed (and the load balancer is changing).
    pub fn removed(self) -> bool {
        self == Removal::Removed
    }

    /// `removed` or `nothing_to_remove`, for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Removal::Removed => "removed",
            Removal::NothingToRemove => "nothing_to_remove",
        }
    }
}
