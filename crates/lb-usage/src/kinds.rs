//! [`SslMode`]: the open enum of a usage record that only usage has (its virtual IP type is
//! core's `VipType`, as every crate's).

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
