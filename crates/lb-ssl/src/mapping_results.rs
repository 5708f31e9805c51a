//! The certificate mapping (SNI) a load balancer serves for a host name, and the results of the
//! mapping operations.

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

/// A certificate mapping (SNI): a host name and, when read one by one, its certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateMapping {
    id: u64,
    host_name: String,
    certificate: Option<String>,
    intermediate_certificate: Option<String>,
}

impl CertificateMapping {
    /// The mapping's id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The host name (may hold `*` wildcards).
    pub fn host_name(&self) -> &str {
        &self.host_name
    }

    /// The certificate (PEM); lists do not show it.
    pub fn certificate(&self) -> Option<&str> {
        self.certificate.as_deref()
    }

    /// The intermediate chain (PEM), if any.
    pub fn intermediate_certificate(&self) -> Option<&str> {
        self.intermediate_certificate.as_deref()
    }
}

result_type! {
    /// The result of [`list_mappings`](crate::list_mappings).
    #[must_use = "call extract to read the mappings"]
    pub struct ListMappingsResult(RequestResult);
}

result_type! {
    /// The result of [`get_mapping`](crate::get_mapping).
    #[must_use = "call extract to read the mapping"]
    pub struct MappingResult(RequestResult);
}

result_type! {
    /// The result of [`create_mapping`](crate::create_mapping): the new mapping, or the error.
    #[must_use = "call extract, or and_wait, to read the new mapping"]
    pub struct CreateMappingResult(RequestResult) sent -> CertificateMapping;
}

result_type! {
    /// The result of [`update_mapping`](crate::update_mapping) (202, no body) and
    /// [`delete_mapping`](crate::delete_mapping).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct MappingChangeResult(ErrResult) sent;
}

impl ListMappingsResult {
    /// The mappings (id and host name only).
    ///
    /// # Errors
    ///
    /// The request's error, or a decode error.
    pub fn extract(self) -> Result<Vec<CertificateMapping>, Error> {
        let body: MappingsBody = self.0.extract_json()?;
        Ok(body
            .certificate_mappings
            .into_iter()
            .map(|w| w.certificate_mapping.into())
            .collect())
    }
}

impl MappingResult {
    /// The mapping, never with its key.
    ///
    /// # Errors
    ///
    /// The request's error, or a decode error.
    pub fn extract(self) -> Result<CertificateMapping, Error> {
        extract_mapping(self.0)
    }
}

impl CreateMappingResult {
    /// The new mapping with its id, never with its key.
    ///
    /// # Errors
    ///
    /// The request's error, or a decode error.
    pub fn extract(self) -> Result<CertificateMapping, Error> {
        extract_mapping(self.0)
    }
}

fn extract_mapping(result: rackcloud_core::RequestResult) -> Result<CertificateMapping, Error> {
    let body: MappingWrapper = result.extract_json()?;
    Ok(body.certificate_mapping.into())
}

#[derive(Deserialize)]
struct MappingsBody {
    #[serde(rename = "certificateMappings")]
    certificate_mappings: Vec<MappingWrapper>,
}

#[derive(Deserialize)]
struct MappingWrapper {
    #[serde(rename = "certificateMapping")]
    certificate_mapping: MappingWire,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MappingWire {
    #[serde(deserialize_with = "rackcloud_core::kit::lenient::id")]
    id: u64,
    host_name: String,
    #[serde(default)]
    certificate: Option<String>,
    #[serde(default)]
    intermediate_certificate: Option<String>,
}

impl From<MappingWire> for CertificateMapping {
    fn from(w: MappingWire) -> CertificateMapping {
        CertificateMapping {
            id: w.id,
            host_name: w.host_name,
            certificate: w.certificate,
            intermediate_certificate: w.intermediate_certificate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<MappingsBody>(&body);
            let _ = serde_json::from_slice::<MappingWrapper>(&body);
        }
    }
}
