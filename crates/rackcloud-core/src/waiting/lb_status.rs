//! [`LbStatus`]: where a load balancer is in its life, open to statuses the server adds later.
//!
//! It lives in core because every service crate needs it: each change to a load balancer or any
//! of its sub-resources leaves it `PENDING_UPDATE`, and [`wait`](crate::wait_until_active)
//! reads it.

crate::open_enum! {
    /// The status of a load balancer.
    ///
    /// A change puts a load balancer in [`PendingUpdate`](LbStatus::PendingUpdate) (a create in
    /// [`Build`](LbStatus::Build), a delete in [`PendingDelete`](LbStatus::PendingDelete)) until it is
    /// applied; then it is [`Active`](LbStatus::Active) again, or [`Deleted`](LbStatus::Deleted).
    /// Only an `ACTIVE` load balancer accepts a change. Statuses the server sends that this crate
    /// does not know are kept in [`LbStatus::Other`].
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::model::LbStatus;
    ///
    /// assert_eq!(LbStatus::PendingUpdate.as_str(), "PENDING_UPDATE");
    /// assert_eq!("active".parse::<LbStatus>()?, LbStatus::Active);
    /// assert_eq!(LbStatus::from("MIGRATING"), LbStatus::Other("MIGRATING".into()));
    /// assert!(LbStatus::Build.is_transitional());
    /// assert!(LbStatus::Error.is_final());
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum LbStatus ("load balancer status") {
        /// `ACTIVE`: configured and serving; changes are accepted.
        Active = "ACTIVE",
        /// `BUILD`: being created.
        Build = "BUILD",
        /// `PENDING_UPDATE`: a change is being applied.
        PendingUpdate = "PENDING_UPDATE",
        /// `PENDING_DELETE`: being deleted.
        PendingDelete = "PENDING_DELETE",
        /// `SUSPENDED`: stopped by the provider; only the provider can end it.
        Suspended = "SUSPENDED",
        /// `ERROR`: a change failed; only deleting is accepted.
        Error = "ERROR",
        /// `DELETED`: deleted; it is only listed by id until the server forgets it.
        Deleted = "DELETED",
    }
}

impl LbStatus {
    /// Whether the status passes by itself: `BUILD`, `PENDING_UPDATE` or `PENDING_DELETE`.
    pub fn is_transitional(&self) -> bool {
        matches!(
            self,
            LbStatus::Build | LbStatus::PendingUpdate | LbStatus::PendingDelete
        )
    }

    /// Whether a caller waiting for `ACTIVE` can stop waiting: `ERROR`, `SUSPENDED`,
    /// `PENDING_DELETE` or `DELETED`. None of them leads back to `ACTIVE` by itself.
    ///
    /// Unknown statuses are not final: [`wait_until_active`](crate::wait_until_active) waits them
    /// out until its deadline.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            LbStatus::Error | LbStatus::Suspended | LbStatus::PendingDelete | LbStatus::Deleted
        )
    }

    /// Whether a load balancer in this status can never reach `target` without someone else
    /// acting: a final status other than the target, except `PENDING_DELETE` on the way to
    /// `DELETED`.
    pub(crate) fn cannot_reach(&self, target: &LbStatus) -> bool {
        if self == target {
            return false;
        }
        match self {
            LbStatus::PendingDelete => *target != LbStatus::Deleted,
            other => other.is_final(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_exactly() {
        for name in [
            "ACTIVE",
            "BUILD",
            "PENDING_UPDATE",
            "PENDING_DELETE",
            "SUSPENDED",
            "ERROR",
            "DELETED",
            "MIGRATING",
            "active",
        ] {
            let status: LbStatus = serde_json::from_str(&format!("{name:?}")).expect("a status");
            assert_eq!(
                serde_json::to_string(&status).expect("json"),
                format!("{name:?}")
            );
            assert_eq!(LbStatus::from(name).as_str(), name);
            assert_eq!(LbStatus::from(name.to_owned()).as_str(), name);
        }
        assert_eq!(LbStatus::from("active"), LbStatus::Other("active".into()));
    }

    #[test]
    fn user_input_ignores_case_for_known_statuses() {
        assert_eq!(
            " pending_update ".parse::<LbStatus>().expect("known"),
            LbStatus::PendingUpdate
        );
        assert_eq!(
            "New_Thing".parse::<LbStatus>().expect("kept"),
            LbStatus::Other("New_Thing".into())
        );
        assert!(
            "".parse::<LbStatus>()
                .expect_err("empty")
                .is_invalid_input()
        );
    }

    #[test]
    fn what_can_be_waited_out() {
        use LbStatus::*;
        for s in [Build, PendingUpdate, Active, Other("MIGRATING".into())] {
            assert!(!s.cannot_reach(&Active), "{s}");
        }
        for s in [Error, Suspended, Deleted, PendingDelete] {
            assert!(s.cannot_reach(&Active), "{s}");
        }
        assert!(!PendingDelete.cannot_reach(&Deleted));
        assert!(!Active.cannot_reach(&Deleted));
        assert!(Error.cannot_reach(&Deleted));
        assert!(!Error.cannot_reach(&Error));
    }
}
