//! The options of certificate mappings: [`CreateMappingOpts`] and [`UpdateMappingOpts`].

use jiff::Timestamp;
use rackcloud_core::Error;
use serde_json::{Map, Value, json};

use crate::bundle::{CertificateBundle, check_chain_alone};

/// Anything that can build the body of a [`create_mapping`](crate::create_mapping) request.
pub trait CreateMappingOptsBuilder {
    /// The JSON object to send: `{"certificateMapping":{…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_mapping_create_map(&self) -> Result<Map<String, Value>, Error>;
}

/// Anything that can build the body of an [`update_mapping`](crate::update_mapping) request.
pub trait UpdateMappingOptsBuilder {
    /// The JSON object to send: `{"certificateMapping":{…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_mapping_update_map(&self) -> Result<Map<String, Value>, Error>;
}

/// A new certificate mapping: the host name (`*` wildcards allowed) and its certificate bundle.
///
/// The wire name of the key is `privateKey` here (capital K).
///
/// # Examples
///
/// ```
/// use lb_ssl::{CertificateBundle, CreateMappingOpts, CreateMappingOptsBuilder};
///
/// let opts = CreateMappingOpts::new(" ", CertificateBundle::new("cert", "key"));
/// assert!(opts.to_mapping_create_map().unwrap_err().is_invalid_input());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateMappingOpts {
    host_name: String,
    bundle: CertificateBundle,
}

impl CreateMappingOpts {
    /// A mapping of `host_name` to `bundle`.
    pub fn new(host_name: impl Into<String>, bundle: CertificateBundle) -> CreateMappingOpts {
        CreateMappingOpts {
            host_name: host_name.into(),
            bundle,
        }
    }
}

impl CreateMappingOptsBuilder for CreateMappingOpts {
    fn to_mapping_create_map(&self) -> Result<Map<String, Value>, Error> {
        let mut m = Map::new();
        m.insert("hostName".into(), json!(check_host(&self.host_name)?));
        insert_bundle(&mut m, &self.bundle)?;
        Ok(wrap(m))
    }
}

/// What to change in a certificate mapping: at least one of a host name, a bundle, or an
/// intermediate chain alone.
///
/// # Examples
///
/// ```
/// use lb_ssl::{UpdateMappingOpts, UpdateMappingOptsBuilder};
/// use serde_json::{Value, json};
///
/// let opts = UpdateMappingOpts::new().host_name("*.example.org");
/// assert_eq!(
///     Value::Object(opts.to_mapping_update_map()?),
///     json!({"certificateMapping": {"hostName": "*.example.org"}})
/// );
/// assert!(UpdateMappingOpts::new().to_mapping_update_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct UpdateMappingOpts {
    host_name: Option<String>,
    bundle: Option<CertificateBundle>,
    chain: Option<String>,
}

impl UpdateMappingOpts {
    /// Nothing to change yet.
    pub fn new() -> UpdateMappingOpts {
        UpdateMappingOpts::default()
    }

    /// A new host name.
    pub fn host_name(mut self, host_name: impl Into<String>) -> UpdateMappingOpts {
        self.host_name = Some(host_name.into());
        self
    }

    /// A new certificate, key and (when the bundle has one) chain.
    pub fn bundle(mut self, bundle: CertificateBundle) -> UpdateMappingOpts {
        self.bundle = Some(bundle);
        self
    }

    /// A new intermediate chain for the installed certificate (without a bundle).
    pub fn chain(mut self, chain: impl Into<String>) -> UpdateMappingOpts {
        self.chain = Some(chain.into());
        self
    }
}

impl UpdateMappingOptsBuilder for UpdateMappingOpts {
    fn to_mapping_update_map(&self) -> Result<Map<String, Value>, Error> {
        let mut m = Map::new();
        if let Some(host) = &self.host_name {
            m.insert("hostName".into(), json!(check_host(host)?));
        }
        match (&self.bundle, &self.chain) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid_input(
                    "give the chain inside the bundle, or a chain alone, not both",
                ));
            }
            (Some(bundle), None) => insert_bundle(&mut m, bundle)?,
            (None, Some(chain)) => {
                check_chain_alone(chain, Timestamp::now())?;
                m.insert("intermediateCertificate".into(), json!(chain));
            }
            (None, None) => {}
        }
        if m.is_empty() {
            return Err(Error::invalid_input(
                "nothing to update: give a host name, a certificate and key, or a chain",
            ));
        }
        Ok(wrap(m))
    }
}

fn check_host(host: &str) -> Result<&str, Error> {
    if host.is_empty() || host.chars().any(char::is_whitespace) {
        return Err(Error::invalid_input(
            "the host name is empty or has spaces; give a name such as www.example.com or *.example.com",
        ));
    }
    Ok(host)
}

fn insert_bundle(m: &mut Map<String, Value>, bundle: &CertificateBundle) -> Result<(), Error> {
    bundle.check_at(Timestamp::now())?;
    m.insert("certificate".into(), json!(bundle.certificate()));
    m.insert("privateKey".into(), json!(bundle.private_key().expose()));
    if let Some(chain) = bundle.intermediate() {
        m.insert("intermediateCertificate".into(), json!(chain));
    }
    Ok(())
}

fn wrap(m: Map<String, Value>) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("certificateMapping".into(), Value::Object(m));
    body
}
