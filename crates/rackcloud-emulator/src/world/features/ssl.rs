//! The SSL termination and certificate mappings of a load balancer (docs/api/ssl-termination.md).
//! The private keys are kept to be "installed", and never shown.

mod certs;

pub(crate) use certs::check_bundle;

use serde_json::{Map, Value, json};

/// The cipher profiles the service knows.
pub(crate) const CIPHER_PROFILES: [&str; 3] = [
    "default",
    "CLBCipherPolicy2017-08",
    "CLBCipherPolicy2019-05",
];

/// The ciphers of each profile (illustrative names, strongest first).
pub(crate) fn ciphers(profile: &str) -> &'static [&'static str] {
    match profile {
        "CLBCipherPolicy2019-05" => &[
            "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-AES128-GCM-SHA256",
        ],
        "CLBCipherPolicy2017-08" => &[
            "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES128-GCM-SHA256",
            "AES256-GCM-SHA384",
            "AES128-GCM-SHA256",
        ],
        _ => &[
            "ECDHE-RSA-AES256-GCM-SHA384",
            "AES256-SHA256",
            "AES256-SHA",
            "AES128-SHA",
        ],
    }
}

/// The SSL state of one load balancer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ssl {
    pub(crate) termination: Option<Termination>,
    pub(crate) mappings: Vec<Mapping>,
    pub(crate) next_mapping_id: u64,
}

/// An installed SSL termination.
#[derive(Clone)]
pub(crate) struct Termination {
    pub(crate) certificate: String,
    pub(crate) private_key: String,
    pub(crate) intermediate: Option<String>,
    pub(crate) secure_port: u16,
    pub(crate) enabled: bool,
    pub(crate) secure_traffic_only: bool,
    pub(crate) cipher_profile: String,
    /// (`TLS_10` or `TLS_11`, `ENABLED` or `DISABLED`).
    pub(crate) security_protocols: Vec<(String, String)>,
}

/// A certificate mapping.
#[derive(Clone)]
pub(crate) struct Mapping {
    pub(crate) id: u64,
    pub(crate) host_name: String,
    pub(crate) certificate: String,
    pub(crate) private_key: String,
    pub(crate) intermediate: Option<String>,
}

impl std::fmt::Debug for Termination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Termination")
            .field("secure_port", &self.secure_port)
            .field("enabled", &self.enabled)
            .field("private_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Mapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mapping")
            .field("id", &self.id)
            .field("host_name", &self.host_name)
            .field("private_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl Ssl {
    /// `GET /loadbalancers/{id}` shows nothing of SSL termination (it has its own resource).
    pub(crate) fn embed(&self, _lb: &mut Map<String, Value>) {}
}

impl Termination {
    /// `{"sslTermination":{…}}` without the private key.
    pub(crate) fn json(&self) -> Value {
        let protocols: Vec<Value> = self
            .security_protocols
            .iter()
            .map(|(n, s)| json!({"securityProtocolName": n, "securityProtocolStatus": s}))
            .collect();
        let mut t = json!({
            "certificate": self.certificate,
            "enabled": self.enabled,
            "secureTrafficOnly": self.secure_traffic_only,
            "securePort": self.secure_port,
            "cipherProfile": self.cipher_profile,
            "securityProtocols": protocols,
        });
        if let Some(chain) = &self.intermediate {
            t["intermediateCertificate"] = json!(chain);
        }
        json!({ "sslTermination": t })
    }
}

impl Mapping {
    /// `{"certificateMapping":{id,hostName,certificate,intermediateCertificate?}}`, no key.
    pub(crate) fn json(&self) -> Value {
        let mut m =
            json!({"id": self.id, "hostName": self.host_name, "certificate": self.certificate});
        if let Some(chain) = &self.intermediate {
            m["intermediateCertificate"] = json!(chain);
        }
        json!({ "certificateMapping": m })
    }

    /// One item of the list, wrapped again: id and host name only.
    pub(crate) fn list_json(&self) -> Value {
        json!({"certificateMapping": {"id": self.id, "hostName": self.host_name}})
    }
}

/// The answer when `httpsRedirect` cannot be on.
pub(crate) const REDIRECT_PRECONDITION: &str = "HTTPS Redirect can only be enabled on an HTTPS load balancer using port 443, or on an HTTP load balancer with SSL termination on secure port 443 with secure traffic only.";

/// Whether `httpsRedirect` may be on for this protocol, port and termination.
pub(crate) fn redirect_allowed(
    protocol: &str,
    port: u16,
    termination: Option<&Termination>,
) -> bool {
    (protocol == "HTTPS" && port == 443)
        || (protocol == "HTTP"
            && termination.is_some_and(|t| t.secure_traffic_only && t.secure_port == 443))
}

/// The SSL rules of `PUT /loadbalancers/{id}` against the stored load balancer
/// (docs/api/load-balancers.md, update step 4): the 400 message, if one is broken.
pub(crate) fn update_rule(
    current: (&str, u16, bool),
    ssl: &Ssl,
    protocol: Option<&str>,
    port: Option<u16>,
    redirect: Option<bool>,
) -> Option<&'static str> {
    let (cur_protocol, cur_port, cur_redirect) = current;
    let t = ssl.termination.as_ref();
    if t.is_some() && protocol.is_some_and(|p| p != cur_protocol) {
        return Some(
            "Cannot change the protocol of a load balancer with SSL termination. Please delete SSL termination first.",
        );
    }
    if let (Some(p), Some(t)) = (port, t)
        && p == t.secure_port
    {
        return Some(
            "Load balancer port must not be the same as the SSL termination's secure port.",
        );
    }
    if cur_redirect && redirect != Some(false) && port.is_some_and(|p| p != cur_port) {
        return Some("Cannot change the port of a load balancer while HTTPS Redirect is enabled.");
    }
    let on = redirect.unwrap_or(cur_redirect);
    let allowed = redirect_allowed(
        protocol.unwrap_or(cur_protocol),
        port.unwrap_or(cur_port),
        t,
    );
    if on && !allowed {
        return Some(REDIRECT_PRECONDITION);
    }
    None
}
