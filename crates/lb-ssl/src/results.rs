//! The types the operations return, and the result wrappers with their `extract` methods.

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

use crate::certificate::CertificateInfo;
use crate::kinds::{CipherProfile, SecurityProtocol, SecurityProtocolName, SecurityProtocolStatus};

/// A load balancer's SSL termination as the server shows it: never with the private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SslTermination {
    certificate: Option<String>,
    intermediate_certificate: Option<String>,
    enabled: bool,
    secure_traffic_only: bool,
    secure_port: Option<u16>,
    cipher_profile: Option<CipherProfile>,
    security_protocols: Vec<SecurityProtocol>,
}

impl SslTermination {
    /// The installed certificate (PEM).
    pub fn certificate(&self) -> Option<&str> {
        self.certificate.as_deref()
    }

    /// The installed intermediate chain (PEM).
    pub fn intermediate_certificate(&self) -> Option<&str> {
        self.intermediate_certificate.as_deref()
    }

    /// Whether termination is on.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Whether only the secure port is served.
    pub fn secure_traffic_only(&self) -> bool {
        self.secure_traffic_only
    }

    /// The secure port.
    pub fn secure_port(&self) -> Option<u16> {
        self.secure_port
    }

    /// The cipher profile.
    pub fn cipher_profile(&self) -> Option<&CipherProfile> {
        self.cipher_profile.as_ref()
    }

    /// The security protocol settings.
    pub fn security_protocols(&self) -> &[SecurityProtocol] {
        &self.security_protocols
    }

    /// The installed certificate's subject, issuer, names and expiry.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when there is none or it
    /// does not parse.
    pub fn certificate_info(&self) -> Result<CertificateInfo, Error> {
        CertificateInfo::from_pem(self.certificate.as_deref().unwrap_or(""))
    }
}

result_type! {
    /// The result of [`get`](crate::get).
    #[must_use = "call extract to read the SSL termination"]
    pub struct GetResult(RequestResult);
}

result_type! {
    /// The result of [`set`](crate::set): 202 with the termination in the body (documented as
    /// 200), or the error.
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct SetResult(RequestResult) sent -> Option<SslTermination>;
}

result_type! {
    /// The result of [`delete`](crate::delete).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct DeleteResult(ErrResult) sent;
}

result_type! {
    /// The result of [`ciphers`](crate::ciphers).
    #[must_use = "call extract to read the cipher names"]
    pub struct CiphersResult(RequestResult);
}

/// The service's message for a load balancer without SSL termination (404), the one answer
/// [`GetResult::extract`] reads as `None`.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // Load balancer 1 has no termination: the service's own 404, read as none.
/// assert_eq!(lb_ssl::get(&client, 1).extract()?, None);
/// // No load balancer 999999: its 404 is an error.
/// let e = lb_ssl::get(&client, 999999).extract().unwrap_err();
/// assert!(e.is_not_found() && !e.is_not_found_saying(lb_ssl::NO_TERMINATION));
/// # Ok(())
/// # }
/// ```
pub const NO_TERMINATION: &str = "SSL termination not found for requested load balancer.";

impl GetResult {
    /// The termination, or `None` when none is configured: the service's own 404,
    /// [`NO_TERMINATION`]. Any other 404 (`Load balancer not found`, a proxy's HTML page) is
    /// an error.
    ///
    /// # Errors
    ///
    /// The request's error other than that 404, or a
    /// [`Decode`](rackcloud_core::ErrorKind::Decode) error when the body is not
    /// `{"sslTermination":{…}}`.
    pub fn extract(self) -> Result<Option<SslTermination>, Error> {
        if self
            .0
            .err()
            .is_some_and(|e| e.is_not_found_saying(NO_TERMINATION))
        {
            return Ok(None);
        }
        let body: TerminationBody = self.0.extract_json()?;
        Ok(Some(body.ssl_termination.into()))
    }
}

impl SetResult {
    /// The termination the server answered with, if it sent one (it is not required).
    ///
    /// # Errors
    ///
    /// The request's error.
    pub fn extract(self) -> Result<Option<SslTermination>, Error> {
        let response = self.0.into_result()?;
        Ok(response
            .json::<TerminationBody>()
            .ok()
            .map(|b| b.ssl_termination.into()))
    }

    /// Whether the change was accepted.
    ///
    /// # Errors
    ///
    /// The request's error, including invalid input refused before anything was sent.
    pub fn extract_err(self) -> Result<(), Error> {
        self.0.extract_err()
    }
}

impl CiphersResult {
    /// The names of the ciphers the load balancer offers.
    ///
    /// # Errors
    ///
    /// The request's error, or a decode error.
    pub fn extract(self) -> Result<Vec<String>, Error> {
        let body: CiphersBody = self.0.extract_json()?;
        Ok(body.ciphers.into_iter().map(|c| c.name).collect())
    }
}

#[derive(Deserialize)]
struct TerminationBody {
    #[serde(rename = "sslTermination")]
    ssl_termination: TerminationWire,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TerminationWire {
    #[serde(default)]
    certificate: Option<String>,
    #[serde(default)]
    intermediate_certificate: Option<String>,
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    secure_traffic_only: Option<bool>,
    #[serde(default)]
    secure_port: Option<u16>,
    #[serde(default)]
    cipher_profile: Option<String>,
    #[serde(default)]
    security_protocols: Vec<ProtocolWire>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProtocolWire {
    security_protocol_name: String,
    security_protocol_status: String,
}

impl From<TerminationWire> for SslTermination {
    fn from(w: TerminationWire) -> SslTermination {
        SslTermination {
            certificate: w.certificate.filter(|c| !c.is_empty()),
            intermediate_certificate: w.intermediate_certificate.filter(|c| !c.is_empty()),
            enabled: w.enabled.unwrap_or(false),
            secure_traffic_only: w.secure_traffic_only.unwrap_or(false),
            secure_port: w.secure_port,
            cipher_profile: w
                .cipher_profile
                .filter(|p| !p.is_empty())
                .map(CipherProfile::from),
            security_protocols: w
                .security_protocols
                .into_iter()
                .map(|p| {
                    SecurityProtocol::new(
                        SecurityProtocolName::from(p.security_protocol_name),
                        SecurityProtocolStatus::from(p.security_protocol_status),
                    )
                })
                .collect(),
        }
    }
}

#[derive(Deserialize)]
struct CiphersBody {
    ciphers: Vec<CipherWire>,
}

#[derive(Deserialize)]
struct CipherWire {
    name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_termination_body_never_keeps_a_key_and_reads_string_profiles() {
        let body = r#"{"sslTermination":{"certificate":"C","privatekey":"K","securePort":443,
            "enabled":true,"cipherProfile":"NEW","securityProtocols":[
            {"securityProtocolName":"TLS_10","securityProtocolStatus":"DISABLED"}]}}"#;
        let t: SslTermination = serde_json::from_str::<TerminationBody>(body)
            .expect("decodes")
            .ssl_termination
            .into();
        assert!(!format!("{t:?}").contains('K'));
        assert_eq!(
            t.cipher_profile(),
            Some(&CipherProfile::Other("NEW".into()))
        );
        assert_eq!(
            t.security_protocols()[0].name(),
            &SecurityProtocolName::Tls10
        );
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<TerminationBody>(&body);
            let _ = serde_json::from_slice::<CiphersBody>(&body);
        }

        #[test]
        fn any_pem_text_parses_or_fails_without_panicking(text in ".{0,300}") {
            let pem = format!("-----BEGIN CERTIFICATE-----\n{text}\n-----END CERTIFICATE-----\n");
            let _ = CertificateInfo::from_pem(&pem);
            let _ = CertificateInfo::from_pem(&text);
        }
    }
}
