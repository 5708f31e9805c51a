//! The bodies of `PUT …/ssltermination` and of the certificate mappings. The root key is
//! optional, `null` is absent, and booleans and numbers may be strings (docs/api/conventions.md).

use serde_json::{Map, Value};

use super::super::bodies::BodyError;
use super::super::bodies::lenient::{int, text};

/// A valid `PUT …/ssltermination` body.
#[derive(Debug, Default)]
pub(super) struct TerminationBody {
    pub(super) certificate: Option<String>,
    pub(super) private_key: Option<String>,
    pub(super) intermediate: Option<String>,
    pub(super) secure_port: Option<u16>,
    pub(super) enabled: Option<bool>,
    pub(super) secure_traffic_only: Option<bool>,
    pub(super) cipher_profile: Option<String>,
    pub(super) security_protocols: Option<Vec<(String, String)>>,
}

/// A valid certificate mapping body (add or update).
#[derive(Debug, Default)]
pub(super) struct MappingBody {
    pub(super) host_name: Option<String>,
    pub(super) private_key: Option<String>,
    pub(super) certificate: Option<String>,
    pub(super) intermediate: Option<String>,
}

/// Parses and validates a termination body.
pub(super) fn termination(body: &[u8]) -> Result<TerminationBody, BodyError> {
    let o = root(body, "sslTermination")?;
    // The termination's key is `privatekey`; the mapping spelling is not a known field here.
    if present(&o, "privateKey") {
        return Err(BodyError::Schema);
    }
    let port = int(&o, "securePort")?;
    let t = TerminationBody {
        certificate: text(&o, "certificate")?,
        private_key: text(&o, "privatekey")?,
        intermediate: text(&o, "intermediateCertificate")?,
        secure_port: None,
        enabled: boolean(&o, "enabled")?,
        secure_traffic_only: boolean(&o, "secureTrafficOnly")?,
        cipher_profile: text(&o, "cipherProfile")?,
        security_protocols: protocols(&o)?,
    };
    let mut messages = Vec::new();
    let (cert, key) = (t.certificate.is_some(), t.private_key.is_some());
    if cert != key {
        messages.push("Must provide a certificate and a private key together.".to_owned());
    }
    if (cert || key) && port.is_none() {
        messages.push("Must provide a secure port with a certificate and private key.".to_owned());
    }
    if t.intermediate.is_some() && !(cert && key) {
        messages.push(
            "Must provide a certificate and private key with an intermediate certificate."
                .to_owned(),
        );
    }
    let secure_port = match port {
        Some(p) => match u16::try_from(p).ok().filter(|p| *p >= 1) {
            Some(p) => Some(p),
            None => {
                messages.push("Secure port is invalid. Please specify a valid port.".to_owned());
                None
            }
        },
        None => None,
    };
    if let Some(list) = &t.security_protocols {
        for (i, (name, status)) in list.iter().enumerate() {
            if !["TLS_10", "TLS_11"].contains(&name.as_str()) {
                messages.push("Security protocol name must be TLS_10 or TLS_11.".to_owned());
            }
            if !["ENABLED", "DISABLED"].contains(&status.as_str()) {
                messages.push("Security protocol status must be ENABLED or DISABLED.".to_owned());
            }
            if list[..i].iter().any(|(n, _)| n == name) {
                messages.push("Must not provide duplicate security protocols.".to_owned());
            }
        }
    }
    let nothing = !cert
        && !key
        && t.intermediate.is_none()
        && port.is_none()
        && t.enabled.is_none()
        && t.secure_traffic_only.is_none()
        && t.cipher_profile.is_none()
        && t.security_protocols.is_none();
    if nothing {
        messages.push("Must provide at least one SSL termination attribute to update.".to_owned());
    }
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    Ok(TerminationBody { secure_port, ..t })
}

/// The longest host name a certificate mapping may have.
pub(super) const MAX_HOST_NAME: usize = 128;

/// Parses a mapping body; `add` requires host name, key and certificate, an update at least one
/// field. The service's messages, in its order: id, key, certificate, host name, then "nothing
/// to update" (docs/api/ssl-termination.md).
pub(super) fn mapping(body: &[u8], add: bool) -> Result<MappingBody, BodyError> {
    let o = root(body, "certificateMapping")?;
    if present(&o, "privatekey") {
        return Err(BodyError::Schema);
    }
    let m = MappingBody {
        host_name: text(&o, "hostName")?,
        private_key: text(&o, "privateKey")?,
        certificate: text(&o, "certificate")?,
        intermediate: text(&o, "intermediateCertificate")?,
    };
    let mut messages = Vec::new();
    if present(&o, "id") {
        messages.push("Certificate mapping id field cannot be modified.".to_owned());
    }
    if add && m.private_key.is_none() {
        messages.push("Must provide a private key for the certificate mapping.".to_owned());
    }
    if add && m.certificate.is_none() {
        messages.push("Must provide a certificate for the certificate mapping.".to_owned());
    }
    // An empty host name counts as given, and is invalid.
    if let Some(host) = &m.host_name {
        if !valid_host_name(host) {
            messages.push("Host name is invalid. Please provide a valid host name.".to_owned());
        }
        if host.chars().count() > MAX_HOST_NAME {
            messages.push(format!(
                "Host name is too long. Maximum length for the host name is {MAX_HOST_NAME} characters."
            ));
        }
    } else if add {
        messages.push("Must provide a host name for the certificate mapping.".to_owned());
    }
    if !add
        && m.host_name.is_none()
        && m.private_key.is_none()
        && m.certificate.is_none()
        && m.intermediate.is_none()
    {
        messages.push("The certificate mapping must have at least one of the following to update: certificate, privateKey, intermediateCertificate, or hostName.".to_owned());
    }
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    Ok(m)
}

/// The service's host name rule: dot-separated labels of letters, digits and inner hyphens; a
/// label before the last may be `*` alone.
fn valid_host_name(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let Some((last, first)) = labels.split_last() else {
        return false;
    };
    let label = |l: &str| {
        let b = l.as_bytes();
        match b {
            [] => false,
            [c] => c.is_ascii_alphanumeric(),
            [a, mid @ .., z] => {
                a.is_ascii_alphanumeric()
                    && z.is_ascii_alphanumeric()
                    && mid.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            }
        }
    };
    first.iter().all(|l| *l == "*" || label(l)) && label(last)
}

/// The object under `key`, or the body itself when the root key is absent.
fn root(body: &[u8], key: &str) -> Result<Map<String, Value>, BodyError> {
    let Ok(Value::Object(mut outer)) = serde_json::from_slice::<Value>(body) else {
        return Err(BodyError::Schema);
    };
    match outer.remove(key) {
        Some(Value::Object(inner)) => Ok(inner),
        Some(_) => Err(BodyError::Schema),
        None => Ok(outer),
    }
}

fn present(o: &Map<String, Value>, key: &str) -> bool {
    o.get(key).is_some_and(|v| !v.is_null())
}

fn boolean(o: &Map<String, Value>, key: &str) -> Result<Option<bool>, BodyError> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s == "true" => Ok(Some(true)),
        Some(Value::String(s)) if s == "false" => Ok(Some(false)),
        Some(_) => Err(BodyError::Schema),
    }
}

fn protocols(o: &Map<String, Value>) -> Result<Option<Vec<(String, String)>>, BodyError> {
    let items = match o.get("securityProtocols") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(BodyError::Schema),
    };
    let mut out = Vec::new();
    for item in items {
        let Value::Object(p) = item else {
            return Err(BodyError::Schema);
        };
        let name = text(p, "securityProtocolName")?.unwrap_or_default();
        let status = text(p, "securityProtocolStatus")?.unwrap_or_default();
        out.push((name, status));
    }
    Ok(Some(out))
}
