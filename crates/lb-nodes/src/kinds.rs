//! [`Condition`], [`Status`] and [`Type`]: the node enums, open to values the server adds later.

rackcloud_core::open_enum! {
    /// How a node takes traffic; set by the caller.
    ///
    /// # Examples
    ///
    /// ```
    /// use lb_nodes::Condition;
    ///
    /// assert_eq!("draining".parse::<Condition>()?, Condition::Draining);
    /// assert_eq!(Condition::from("PAUSED"), Condition::Other("PAUSED".into()));
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum Condition ("node condition") {
        /// `ENABLED`: takes traffic.
        Enabled = "ENABLED",
        /// `DISABLED`: takes none (and shows `OFFLINE`).
        Disabled = "DISABLED",
        /// `DRAINING`: finishes the connections it has and takes no new ones.
        Draining = "DRAINING",
    }
}

rackcloud_core::open_enum! {
    /// Whether a node passes its health check; read-only, set by the service.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(lb_nodes::Status::Online.as_str(), "ONLINE");
    /// ```
    pub enum Status ("node status") {
        /// `ONLINE`: healthy.
        Online = "ONLINE",
        /// `OFFLINE`: failing its health check, or `DISABLED`.
        Offline = "OFFLINE",
    }
}

rackcloud_core::open_enum! {
    /// A node's role.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!("secondary".parse::<lb_nodes::Type>()?, lb_nodes::Type::Secondary);
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum Type ("node type") {
        /// `PRIMARY` (the default): takes traffic.
        Primary = "PRIMARY",
        /// `SECONDARY`: takes traffic only when every primary node fails; needs a health
        /// monitor and an enabled primary node.
        Secondary = "SECONDARY",
    }
}
