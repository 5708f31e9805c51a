//! [`MonitorType`]: the kinds of health check, open to kinds the server adds later.

crate::open_enum! {
    /// The kind of health check a monitor makes.
    ///
    /// Values the server sends that this crate does not know are kept exactly in
    /// [`MonitorType::Other`].
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::model::MonitorType;
    ///
    /// assert_eq!(MonitorType::Connect.as_str(), "CONNECT");
    /// assert_eq!("https".parse::<MonitorType>()?, MonitorType::Https);
    /// assert_eq!(MonitorType::KNOWN_NAMES, ["CONNECT", "HTTP", "HTTPS"]);
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum MonitorType ("health monitor type") {
        /// `CONNECT`: a TCP connection to the node's port; any protocol but the UDP ones.
        Connect = "CONNECT",
        /// `HTTP`: an HTTP request whose status (and optionally body) must match; HTTP load
        /// balancers only.
        Http = "HTTP",
        /// `HTTPS`: the same over TLS; HTTPS load balancers only.
        Https = "HTTPS",
    }
}
