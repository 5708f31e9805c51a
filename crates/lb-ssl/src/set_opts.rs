//! [`SetOpts`]: what to change in a load balancer's SSL termination.

use jiff::Timestamp;
use rackcloud_core::Error;
use serde_json::{Map, Value, json};

use crate::bundle::{CertificateBundle, CertificateWarning};
use crate::kinds::{CipherProfile, SecurityProtocol};

/// Anything that can build the body of a [`set`](crate::set) request.
///
/// [`SetOpts`] is the usual implementation; implement it for your own types to send a body this
/// crate does not know how to build.
pub trait SetOptsBuilder {
    /// The JSON object to send: `{"sslTermination":{…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_ssl_set_map(&self) -> Result<Map<String, Value>, Error>;
}

/// The options of [`set`](crate::set): a certificate bundle and the attributes to change.
///
/// Only what is set is sent. Without a bundle the installed certificate and key stay: turning
/// termination on or off, or changing the secure port, needs no key. A bundle needs a secure
/// port (the server's rule); the wire name of the key is `privatekey`.
///
/// # Examples
///
/// ```
/// use lb_ssl::{CipherProfile, SetOpts, SetOptsBuilder};
/// use serde_json::{Value, json};
///
/// let opts = SetOpts::new().enabled(false).cipher_profile(CipherProfile::Policy2019_05);
/// assert_eq!(
///     Value::Object(opts.to_ssl_set_map()?),
///     json!({"sslTermination": {"enabled": false, "cipherProfile": "CLBCipherPolicy2019-05"}})
/// );
/// assert!(SetOpts::new().to_ssl_set_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct SetOpts {
    bundle: Option<CertificateBundle>,
    secure_port: Option<u16>,
    enabled: Option<bool>,
    secure_traffic_only: Option<bool>,
    cipher_profile: Option<CipherProfile>,
    security_protocols: Vec<SecurityProtocol>,
}

impl SetOpts {
    /// Nothing to change yet.
    pub fn new() -> SetOpts {
        SetOpts::default()
    }

    /// Installs this certificate, key and chain (checked before sending).
    pub fn bundle(mut self, bundle: CertificateBundle) -> SetOpts {
        self.bundle = Some(bundle);
        self
    }

    /// The port TLS is served on (1 to 65535, unique among the load balancer's ports).
    pub fn secure_port(mut self, port: u16) -> SetOpts {
        self.secure_port = Some(port);
        self
    }

    /// Turns termination on or off, keeping its configuration.
    pub fn enabled(mut self, on: bool) -> SetOpts {
        self.enabled = Some(on);
        self
    }

    /// Serves only the secure port (the plain port stops answering).
    pub fn secure_traffic_only(mut self, on: bool) -> SetOpts {
        self.secure_traffic_only = Some(on);
        self
    }

    /// The cipher profile.
    pub fn cipher_profile(mut self, profile: CipherProfile) -> SetOpts {
        self.cipher_profile = Some(profile);
        self
    }

    /// Adds a security protocol setting (each TLS version at most once).
    pub fn security_protocol(mut self, protocol: SecurityProtocol) -> SetOpts {
        self.security_protocols.push(protocol);
        self
    }

    /// The bundle to install, if any.
    pub fn certificate_bundle(&self) -> Option<&CertificateBundle> {
        self.bundle.as_ref()
    }

    /// The warnings about the bundle (expiring soon, not yet valid), checking it now.
    ///
    /// # Errors
    ///
    /// As [`CertificateBundle::check`].
    pub fn warnings(&self) -> Result<Vec<CertificateWarning>, Error> {
        match &self.bundle {
            Some(bundle) => bundle.check(),
            None => Ok(Vec::new()),
        }
    }
}

impl SetOptsBuilder for SetOpts {
    fn to_ssl_set_map(&self) -> Result<Map<String, Value>, Error> {
        let mut ssl = Map::new();
        if let Some(bundle) = &self.bundle {
            bundle.check_at(Timestamp::now())?;
            if self.secure_port.is_none() {
                return Err(Error::invalid_input(
                    "a certificate and key need a secure port; set secure_port (usually 443)",
                ));
            }
            ssl.insert("certificate".into(), json!(bundle.certificate()));
            ssl.insert("privatekey".into(), json!(bundle.private_key().expose()));
            if let Some(chain) = bundle.intermediate() {
                ssl.insert("intermediateCertificate".into(), json!(chain));
            }
        }
        if let Some(port) = self.secure_port {
            if port == 0 {
                return Err(Error::invalid_input("the secure port is 0; use 1 to 65535"));
            }
            ssl.insert("securePort".into(), json!(port));
        }
        if let Some(on) = self.enabled {
            ssl.insert("enabled".into(), json!(on));
        }
        if let Some(on) = self.secure_traffic_only {
            ssl.insert("secureTrafficOnly".into(), json!(on));
        }
        if let Some(profile) = &self.cipher_profile {
            if profile.as_str().trim().is_empty() {
                return Err(Error::invalid_input("the cipher profile is empty"));
            }
            ssl.insert("cipherProfile".into(), json!(profile));
        }
        if !self.security_protocols.is_empty() {
            ssl.insert(
                "securityProtocols".into(),
                protocols(&self.security_protocols)?,
            );
        }
        if ssl.is_empty() {
            return Err(Error::invalid_input(
                "nothing to set: give a certificate and key, a secure port, enabled, secure traffic only, a cipher profile or security protocols",
            ));
        }
        let mut body = Map::new();
        body.insert("sslTermination".into(), Value::Object(ssl));
        Ok(body)
    }
}

fn protocols(list: &[SecurityProtocol]) -> Result<Value, Error> {
    let mut out = Vec::new();
    for (i, p) in list.iter().enumerate() {
        if list[..i].iter().any(|q| q.name() == p.name()) {
            return Err(Error::invalid_input(format!(
                "the security protocol {} is given twice; give each at most once",
                p.name().as_str()
            )));
        }
        out.push(json!({"securityProtocolName": p.name(), "securityProtocolStatus": p.status()}));
    }
    Ok(Value::Array(out))
}
