//! [`Status`]: where a load balancer is in its life, open to statuses the server adds later.

use crate::open_enum::open_enum;

open_enum! {
    /// The status of a load balancer.
    ///
    /// A change puts a load balancer in [`PendingUpdate`](Status::PendingUpdate) (a create in
    /// [`Build`](Status::Build), a delete in [`PendingDelete`](Status::PendingDelete)) until it is
    /// applied; then it is [`Active`](Status::Active) again, or [`Deleted`](Status::Deleted).
    /// Only an `ACTIVE` load balancer accepts a change. Statuses the server sends that this crate
    /// does not know are kept in [`Status::Other`].
    ///
    /// # Examples
    ///
    /// ```
    /// use lb_lbs::Status;
    ///
    /// assert_eq!(Status::PendingUpdate.as_str(), "PENDING_UPDATE");
    /// assert_eq!("active".parse::<Status>()?, Status::Active);
    /// assert_eq!(Status::from("MIGRATING"), Status::Other("MIGRATING".into()));
    /// assert!(Status::Build.is_transitional());
    /// assert!(Status::Error.is_final());
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum Status ("load balancer status") {
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

impl Status {
    /// Whether the status passes by itself: `BUILD`, `PENDING_UPDATE` or `PENDING_DELETE`.
    pub fn is_transitional(&self) -> bool {
        matches!(
            self,
            Status::Build | Status::PendingUpdate | Status::PendingDelete
        )
    }

    /// Whether a caller waiting for `ACTIVE` can stop waiting: `ERROR`, `SUSPENDED`,
    /// `PENDING_DELETE` or `DELETED`. None of them leads back to `ACTIVE` by itself.
    ///
    /// Unknown statuses are not final: [`wait_for_status`](crate::wait_for_status) waits them
    /// out until its deadline.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Status::Error | Status::Suspended | Status::PendingDelete | Status::Deleted
        )
    }

    /// Whether a load balancer in this status can never reach `target` without someone else
    /// acting: a final status other than the target, except `PENDING_DELETE` on the way to
    /// `DELETED`.
    pub(crate) fn cannot_reach(&self, target: &Status) -> bool {
        if self == target {
            return false;
        }
        match self {
            Status::PendingDelete => *target != Status::Deleted,
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
            let status: Status = serde_json::from_str(&format!("{name:?}")).expect("a status");
            assert_eq!(
                serde_json::to_string(&status).expect("json"),
                format!("{name:?}")
            );
            assert_eq!(Status::from(name).as_str(), name);
            assert_eq!(Status::from(name.to_owned()).as_str(), name);
        }
        assert_eq!(Status::from("active"), Status::Other("active".into()));
    }

    #[test]
    fn user_input_ignores_case_for_known_statuses() {
        assert_eq!(
            " pending_update ".parse::<Status>().expect("known"),
            Status::PendingUpdate
        );
        assert_eq!(
            "New_Thing".parse::<Status>().expect("kept"),
            Status::Other("New_Thing".into())
        );
        assert!("".parse::<Status>().expect_err("empty").is_invalid_input());
    }

    #[test]
    fn what_can_be_waited_out() {
        use Status::*;
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
