//! SSL termination and certificate mappings: what `show`, `ciphers`, `list` and `rotate` print.
//! Certificates are described (subject, issuer, names, expiry), never printed; keys never.

use std::io::{self, Write};

use rackcloud_lb::ssl::{CertificateInfo, CertificateMapping, CertificateWarning, SslTermination};
use serde::Serialize;

use super::{Column, Render, Table, write_json};

/// What a certificate says, for text and JSON.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CertFacts {
    subject: String,
    issuer: String,
    names: Vec<String>,
    not_before: String,
    not_after: String,
}

impl CertFacts {
    /// The facts of a PEM certificate, or `None` when there is none or it does not parse.
    pub(crate) fn of(pem: Option<&str>) -> Option<CertFacts> {
        CertificateInfo::from_pem(pem?).ok().map(|i| CertFacts {
            subject: i.subject().to_owned(),
            issuer: i.issuer().to_owned(),
            names: i.names().to_vec(),
            not_before: i.not_before().to_string(),
            not_after: i.not_after().to_string(),
        })
    }

    fn lines(&self, out: &mut dyn Write, label: &str) -> io::Result<()> {
        writeln!(out, "  {label} subject: {}", self.subject)?;
        writeln!(out, "  {label} issuer: {}", self.issuer)?;
        if self.names.is_empty() {
            writeln!(out, "  {label} names: none (no subject alternative names)")?;
        } else {
            writeln!(out, "  {label} names: {}", self.names.join(", "))?;
        }
        writeln!(out, "  {label} expires: {}", self.not_after)
    }
}

/// `lb ssl show`.
#[derive(Debug)]
pub(crate) struct SslShown {
    pub(crate) lb_id: u64,
    pub(crate) termination: Option<SslTermination>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TerminationDoc {
    enabled: bool,
    secure_port: Option<u16>,
    secure_traffic_only: bool,
    cipher_profile: Option<String>,
    security_protocols: Vec<(String, String)>,
    certificate: Option<CertFacts>,
    intermediate_certificate: bool,
}

impl Render for SslShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let lb_id = self.lb_id;
        let Some(t) = &self.termination else {
            return writeln!(out, "load balancer {lb_id}: no SSL termination");
        };
        let state = if t.enabled() { "enabled" } else { "disabled" };
        let port = t.secure_port().map_or("?".to_owned(), |p| p.to_string());
        writeln!(
            out,
            "load balancer {lb_id}: SSL termination {state} on port {port}"
        )?;
        let only = if t.secure_traffic_only() { "yes" } else { "no" };
        writeln!(out, "  secure traffic only: {only}")?;
        let profile = t.cipher_profile().map_or("default", |p| p.as_str());
        writeln!(out, "  cipher profile: {profile}")?;
        for p in t.security_protocols() {
            writeln!(out, "  {}: {}", p.name(), p.status())?;
        }
        if let Some(facts) = CertFacts::of(t.certificate()) {
            facts.lines(out, "certificate")?;
        }
        let chain = if t.intermediate_certificate().is_some() {
            "yes"
        } else {
            "no"
        };
        writeln!(out, "  intermediate chain: {chain}")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = self.termination.as_ref().map(|t| TerminationDoc {
            enabled: t.enabled(),
            secure_port: t.secure_port(),
            secure_traffic_only: t.secure_traffic_only(),
            cipher_profile: t.cipher_profile().map(|p| p.as_str().to_owned()),
            security_protocols: t
                .security_protocols()
                .iter()
                .map(|p| (p.name().as_str().to_owned(), p.status().as_str().to_owned()))
                .collect(),
            certificate: CertFacts::of(t.certificate()),
            intermediate_certificate: t.intermediate_certificate().is_some(),
        });
        write_json(
            out,
            &serde_json::json!({"loadBalancerId": self.lb_id, "sslTermination": doc}),
        )
    }
}

/// `lb ssl ciphers`.
#[derive(Debug)]
pub(crate) struct Ciphers {
    pub(crate) lb_id: u64,
    pub(crate) names: Vec<String>,
}

impl Render for Ciphers {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([Column::left("CIPHER")]);
        for name in &self.names {
            table.row([name.clone()]);
        }
        table.write(out, "no ciphers")?;
        writeln!(
            out,
            "profiles: {}",
            rackcloud_lb::ssl::CipherProfile::KNOWN_NAMES.join(", ")
        )
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json(
            out,
            &serde_json::json!({"loadBalancerId": self.lb_id, "ciphers": self.names,
                "cipherProfiles": rackcloud_lb::ssl::CipherProfile::KNOWN_NAMES}),
        )
    }
}

/// `lb ssl rotate`: the certificate now served.
#[derive(Debug)]
pub(crate) struct Rotated {
    pub(crate) lb_id: u64,
    pub(crate) certificate: Option<CertFacts>,
    pub(crate) warnings: Vec<CertificateWarning>,
}

impl Render for Rotated {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "load balancer {}: certificate rotated and served",
            self.lb_id
        )?;
        if let Some(facts) = &self.certificate {
            facts.lines(out, "certificate")?;
        }
        for w in &self.warnings {
            writeln!(out, "  warning: {w}")?;
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let warnings: Vec<String> = self.warnings.iter().map(ToString::to_string).collect();
        write_json(
            out,
            &serde_json::json!({"loadBalancerId": self.lb_id, "rotated": true,
                "certificate": self.certificate, "warnings": warnings}),
        )
    }
}

/// `lb cert-mapping list`.
#[derive(Debug)]
pub(crate) struct Mappings {
    pub(crate) lb_id: u64,
    pub(crate) mappings: Vec<CertificateMapping>,
}

impl Render for Mappings {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([Column::right("ID"), Column::left("HOST")]);
        for m in &self.mappings {
            table.row([m.id().to_string(), m.host_name().to_owned()]);
        }
        table.write(out, "no certificate mappings")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let items: Vec<_> = self
            .mappings
            .iter()
            .map(|m| serde_json::json!({"id": m.id(), "hostName": m.host_name()}))
            .collect();
        write_json(
            out,
            &serde_json::json!({"loadBalancerId": self.lb_id, "certificateMappings": items}),
        )
    }
}

/// `lb cert-mapping show`.
#[derive(Debug)]
pub(crate) struct MappingShown {
    pub(crate) lb_id: u64,
    pub(crate) mapping: CertificateMapping,
}

impl Render for MappingShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let m = &self.mapping;
        writeln!(
            out,
            "load balancer {}: certificate mapping {} for {}",
            self.lb_id,
            m.id(),
            m.host_name()
        )?;
        if let Some(facts) = CertFacts::of(m.certificate()) {
            facts.lines(out, "certificate")?;
        }
        let chain = if m.intermediate_certificate().is_some() {
            "yes"
        } else {
            "no"
        };
        writeln!(out, "  intermediate chain: {chain}")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let m = &self.mapping;
        write_json(
            out,
            &serde_json::json!({"loadBalancerId": self.lb_id, "id": m.id(), "hostName": m.host_name(),
                "certificate": CertFacts::of(m.certificate()),
                "intermediateCertificate": m.intermediate_certificate().is_some()}),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(names: &[&str]) -> Vec<String> {
        let facts = CertFacts {
            subject: "CN=shop".to_owned(),
            issuer: "CN=shop".to_owned(),
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            not_before: "2026-01-01T00:00:00Z".to_owned(),
            not_after: "2027-01-01T00:00:00Z".to_owned(),
        };
        let mut out = Vec::new();
        facts.lines(&mut out, "certificate").expect("to memory");
        String::from_utf8(out)
            .expect("UTF-8")
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_certificate_without_names_says_so() {
        assert_eq!(
            facts(&[])[2],
            "  certificate names: none (no subject alternative names)"
        );
        assert_eq!(
            facts(&["a.example", "b.example"])[2],
            "  certificate names: a.example, b.example"
        );
    }
}
