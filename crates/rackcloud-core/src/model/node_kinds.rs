//! [`NodeCondition`], [`NodeStatus`] and [`NodeType`]: the node enums, open to values the server
//! adds later; `lb_nodes` re-exports them as `Condition`, `Status` and `Type`.

crate::open_enum! {
    /// How a node takes traffic; set by the caller.
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::model::NodeCondition as Condition;
    ///
    /// assert_eq!("draining".parse::<Condition>()?, Condition::Draining);
    /// assert_eq!(Condition::from("PAUSED"), Condition::Other("PAUSED".into()));
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum NodeCondition ("node condition") {
        /// `ENABLED`: takes traffic.
        Enabled = "ENABLED",
        /// `DISABLED`: takes none (and shows `OFFLINE`).
        Disabled = "DISABLED",
        /// `DRAINING`: finishes the connections it has and takes no new ones.
        Draining = "DRAINING",
    }
}

crate::open_enum! {
    /// Whether a node passes its health check; read-only, set by the service.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(rackcloud_core::model::NodeStatus::Online.as_str(), "ONLINE");
    /// ```
    pub enum NodeStatus ("node status") {
        /// `ONLINE`: healthy.
        Online = "ONLINE",
        /// `OFFLINE`: failing its health check, or `DISABLED`.
        Offline = "OFFLINE",
    }
}

crate::open_enum! {
    /// A node's role.
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::model::NodeType;
    ///
    /// assert_eq!("secondary".parse::<NodeType>()?, NodeType::Secondary);
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum NodeType ("node type") {
        /// `PRIMARY` (the default): takes traffic.
        Primary = "PRIMARY",
        /// `SECONDARY`: takes traffic only when every primary node fails; needs a health
        /// monitor and an enabled primary node.
        Secondary = "SECONDARY",
    }
}
