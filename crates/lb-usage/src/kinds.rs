//! [`VipType`] and [`SslMode`]: the open enums of a usage record.

rackcloud_core::kit::open_enum! {
    /// Which kind of virtual IPs a load balancer had in a usage record's period.
    ///
    /// # Examples
    ///
    /// ```
    /// use lb_usage::VipType;
    ///
    /// assert_eq!(VipType::from("SERVICENET"), VipType::Servicenet);
    /// ```
    pub enum VipType ("virtual IP type") {
        /// `PUBLIC`: reachable from the Internet.
        Public = "PUBLIC",
        /// `SERVICENET`: reachable from the data centre's private network only.
        Servicenet = "SERVICENET",
    }
}

rackcloud_core::kit::open_enum! {
    /// Whether SSL termination served traffic in a usage record's period.
    ///
    /// # Examples
    ///
    /// ```
    /// use lb_usage::SslMode;
    ///
    /// assert_eq!(SslMode::from("OFF"), SslMode::Off);
    /// ```
    pub enum SslMode ("SSL mode") {
        /// `OFF`: no SSL termination.
        Off = "OFF",
        /// `ON`: SSL termination only (secure traffic only).
        On = "ON",
        /// `MIXED`: SSL termination beside plain traffic.
        Mixed = "MIXED",
    }
}
