//! The open enums of SSL termination: cipher profiles and security protocols.

rackcloud_core::kit::open_enum! {
    /// A cipher profile: which ciphers the load balancer offers (`cipherProfile`).
    ///
    /// # Examples
    ///
    /// ```
    /// use lb_ssl::CipherProfile;
    ///
    /// assert_eq!("clbcipherpolicy2019-05".parse::<CipherProfile>()?, CipherProfile::Policy2019_05);
    /// assert_eq!(CipherProfile::KNOWN_NAMES, ["default", "CLBCipherPolicy2017-08", "CLBCipherPolicy2019-05"]);
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum CipherProfile ("cipher profile") {
        /// `default`: the service's default list.
        Default = "default",
        /// `CLBCipherPolicy2017-08`.
        Policy2017_08 = "CLBCipherPolicy2017-08",
        /// `CLBCipherPolicy2019-05`: the newest, strongest list.
        Policy2019_05 = "CLBCipherPolicy2019-05",
    }
}

rackcloud_core::kit::open_enum! {
    /// A TLS version the load balancer can turn off (`securityProtocolName`).
    pub enum SecurityProtocolName ("security protocol") {
        /// `TLS_10`: TLS 1.0.
        Tls10 = "TLS_10",
        /// `TLS_11`: TLS 1.1.
        Tls11 = "TLS_11",
    }
}

rackcloud_core::kit::open_enum! {
    /// Whether a security protocol is on (`securityProtocolStatus`).
    pub enum SecurityProtocolStatus ("security protocol status") {
        /// `ENABLED`.
        Enabled = "ENABLED",
        /// `DISABLED`.
        Disabled = "DISABLED",
    }
}

/// One security protocol setting: a TLS version and whether it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityProtocol {
    name: SecurityProtocolName,
    status: SecurityProtocolStatus,
}

impl SecurityProtocol {
    /// The setting `name` = `status`.
    pub fn new(name: SecurityProtocolName, status: SecurityProtocolStatus) -> SecurityProtocol {
        SecurityProtocol { name, status }
    }

    /// The TLS version.
    pub fn name(&self) -> &SecurityProtocolName {
        &self.name
    }

    /// Whether it is on.
    pub fn status(&self) -> &SecurityProtocolStatus {
        &self.status
    }
}
