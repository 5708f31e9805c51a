//! The configured identity users, the load balancers to seed, and the default seed.

/// The demo user's name in the default seed.
pub const DEMO_USERNAME: &str = "demo";
/// The demo user's API key in the default seed.
pub const DEMO_API_KEY: &str = "demo-api-key";
/// The demo user's password in the default seed.
pub const DEMO_PASSWORD: &str = "demo-password";
/// The demo user's tenant (account number) in the default seed.
pub const DEMO_TENANT: &str = "123456";

/// The second user's name in the default seed (for tenant-isolation tests).
pub const OTHER_USERNAME: &str = "other";
/// The second user's API key in the default seed.
pub const OTHER_API_KEY: &str = "other-api-key";
/// The second user's password in the default seed.
pub const OTHER_PASSWORD: &str = "other-password";
/// The second user's tenant in the default seed.
pub const OTHER_TENANT: &str = "654321";

/// An identity user the emulator accepts.
///
/// A user has a tenant, optionally an API key and a password (a credential that is not set never
/// authenticates), a default region, and can be disabled (authentication then answers 403).
///
/// ```
/// use rackcloud_emulator::User;
///
/// let user = User::new("alice", "777777").api_key("alice-key").default_region("ORD");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    pub(crate) username: String,
    pub(crate) tenant_id: String,
    pub(crate) tenant_name: Option<String>,
    pub(crate) api_key: Option<String>,
    pub(crate) password: Option<String>,
    pub(crate) default_region: String,
    pub(crate) enabled: bool,
    /// The passcode of multi-factor authentication, when the user has it.
    pub(crate) mfa_passcode: Option<String>,
    /// Multi-factor authentication must be set up before a password works (403).
    pub(crate) mfa_setup_required: bool,
}

impl User {
    /// A user of `tenant_id`, enabled, with default region `DFW` and no credential yet.
    pub fn new(username: &str, tenant_id: &str) -> User {
        User {
            username: username.to_owned(),
            tenant_id: tenant_id.to_owned(),
            tenant_name: None,
            api_key: None,
            password: None,
            default_region: "DFW".to_owned(),
            enabled: true,
            mfa_passcode: None,
            mfa_setup_required: false,
        }
    }

    /// Accept this API key (`RAX-KSKEY:apiKeyCredentials`).
    pub fn api_key(mut self, key: &str) -> Self {
        self.api_key = Some(key.to_owned());
        self
    }

    /// Accept this password (`passwordCredentials`).
    pub fn password(mut self, password: &str) -> Self {
        self.password = Some(password.to_owned());
        self
    }

    /// The region written as `RAX-AUTH:defaultRegion` in the token response.
    pub fn default_region(mut self, region: &str) -> Self {
        self.default_region = region.to_owned();
        self
    }

    /// The tenant name; by default the same as the tenant id, as Rackspace does.
    pub fn tenant_name(mut self, name: &str) -> Self {
        self.tenant_name = Some(name.to_owned());
        self
    }

    /// Enable or disable the user; a disabled user gets 403 on authentication.
    pub fn enabled(mut self, on: bool) -> Self {
        self.enabled = on;
        self
    }

    /// Multi-factor authentication with this passcode: a password answers 401 with an `OS-MF`
    /// challenge, and the second request must carry the passcode (an API key is not affected,
    /// as with the real service).
    ///
    /// ```
    /// use rackcloud_emulator::{Emulator, User};
    ///
    /// # fn main() -> std::io::Result<()> {
    /// let emulator = Emulator::builder()
    ///     .user(User::new("carol", "777777").password("carol-pw").mfa("246810"))
    ///     .start()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn mfa(mut self, passcode: &str) -> Self {
        self.mfa_passcode = Some(passcode.to_owned());
        self
    }

    /// The user must set up multi-factor authentication first: a password answers 403
    /// `{"forbidden":{"code":403,"message":"Multi-factor authentication must be set up for this user (RAX-AUTH:scope SETUP-MFA)."}}`.
    pub fn mfa_setup_required(mut self, on: bool) -> Self {
        self.mfa_setup_required = on;
        self
    }

    pub(crate) fn effective_tenant_name(&self) -> &str {
        self.tenant_name.as_deref().unwrap_or(&self.tenant_id)
    }
}

/// Credentials never appear in `Debug`.
impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("username", &self.username)
            .field("tenant_id", &self.tenant_id)
            .field("tenant_name", &self.effective_tenant_name())
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("default_region", &self.default_region)
            .field("enabled", &self.enabled)
            .field("mfa", &self.mfa_passcode.as_ref().map(|_| "[redacted]"))
            .field("mfa_setup_required", &self.mfa_setup_required)
            .finish()
    }
}

/// A load balancer to create when the emulator starts.
///
/// ```
/// use rackcloud_emulator::LoadBalancerSeed;
///
/// let lb = LoadBalancerSeed::new(7, "api", "HTTPS").port(443).session_persistence("SSL_ID");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadBalancerSeed {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) protocol: String,
    pub(crate) port: u16,
    pub(crate) status: String,
    pub(crate) session_persistence: Option<String>,
}

impl LoadBalancerSeed {
    /// A load balancer `ACTIVE` on port 80, algorithm `RANDOM`, without session persistence.
    ///
    /// Neither the protocol nor the persistence type is checked, so a test can seed values the
    /// API would refuse (an unknown persistence type, for instance).
    pub fn new(id: u64, name: &str, protocol: &str) -> Self {
        LoadBalancerSeed {
            id,
            name: name.to_owned(),
            protocol: protocol.to_owned(),
            port: 80,
            status: "ACTIVE".to_owned(),
            session_persistence: None,
        }
    }

    /// The port the load balancer listens on.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Any status; anything but `ACTIVE` stays until the next accepted change (as
    /// [`Emulator::set_load_balancer_status`](crate::Emulator::set_load_balancer_status)).
    pub fn status(mut self, status: &str) -> Self {
        self.status = status.to_owned();
        self
    }

    /// Enable session persistence of this type (`HTTP_COOKIE`, `SOURCE_IP`, `SSL_ID`, …).
    pub fn session_persistence(mut self, persistence_type: &str) -> Self {
        self.session_persistence = Some(persistence_type.to_owned());
        self
    }
}

/// The demo users of the default seed.
pub(crate) fn default_users() -> Vec<User> {
    vec![
        User::new(DEMO_USERNAME, DEMO_TENANT)
            .api_key(DEMO_API_KEY)
            .password(DEMO_PASSWORD),
        User::new(OTHER_USERNAME, OTHER_TENANT)
            .api_key(OTHER_API_KEY)
            .password(OTHER_PASSWORD),
    ]
}

/// The load balancers of the default seed, as (region, tenant, seed).
pub(crate) fn default_load_balancers() -> Vec<(&'static str, &'static str, LoadBalancerSeed)> {
    vec![
        ("DFW", DEMO_TENANT, LoadBalancerSeed::new(1, "web", "HTTP")),
        (
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(2, "tcp", "TCP").port(8080),
        ),
        (
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(3, "secure", "HTTPS").port(443),
        ),
        (
            "ORD",
            DEMO_TENANT,
            LoadBalancerSeed::new(10, "ord-web", "HTTP"),
        ),
        (
            "ORD",
            DEMO_TENANT,
            LoadBalancerSeed::new(11, "ord-tcp", "TCP").port(8080),
        ),
        (
            "DFW",
            OTHER_TENANT,
            LoadBalancerSeed::new(100, "other-web", "HTTP"),
        ),
    ]
}
