//! The checks of one load balancer entry: each value as the service crates check it, and the
//! rules between fields that the service enforces.

use lb_acl::AppendOptsBuilder as _;
use lb_lbs::Protocol;
use lb_metadata::AddOptsBuilder as _;
use lb_monitors::UpdateOptsBuilder as _;
use lb_nodes::{Condition, Type};
use lb_throttle::SetOptsBuilder as _;
use std::fmt;

use rackcloud_core::Error;

use crate::lb_spec::LbSpec;
use crate::specs::{access_opts, metadata_opts};
use crate::ssl_spec::{CertificateFiles as _, strip};

/// The longest name of a load balancer (docs/api/load-balancers.md), in characters.
const MAX_NAME_CHARS: usize = 128;
/// The longest host name of a certificate mapping (docs/api/ssl-termination.md).
const MAX_HOST_NAME_CHARS: usize = 128;

/// An error naming the entry (`prefix`) and field.
fn fault(prefix: &str, field: &str, message: impl fmt::Display) -> Error {
    Error::invalid_input(format!("{prefix}.{field}: {message}"))
}

/// Checks one entry; `prefix` names it in errors (`load_balancers[0] ("shop")`).
pub(crate) fn check_lb(lb: &LbSpec, prefix: &str) -> Result<(), Error> {
    let bad = |field: &str, message: &str| fault(prefix, field, message);
    let at = |field: &'static str| move |e: Error| fault(prefix, field, strip(&e));
    if lb.name.trim().is_empty() {
        return Err(bad("name", "the name is empty"));
    }
    let chars = lb.name.chars().count();
    if chars > MAX_NAME_CHARS {
        let why =
            format!("the name has {chars} characters; the service takes at most {MAX_NAME_CHARS}");
        return Err(bad("name", &why));
    }
    if lb.port == 0 {
        return Err(bad("port", "the port is 0; use 1 to 65535"));
    }
    if let Some(t) = lb.timeout
        && !(30..=120).contains(&t)
    {
        return Err(bad("timeout", "use 30 to 120 seconds"));
    }
    lb_nodes::workflows::plan(&[], &lb.node_opts()).map_err(at("nodes"))?;
    if let Some(m) = &lb.health_monitor {
        m.opts()
            .to_monitor_update_map()
            .map_err(at("health_monitor"))?;
    }
    if let Some(t) = &lb.connection_throttle {
        t.opts()
            .to_throttle_set_map()
            .map_err(at("connection_throttle"))?;
    }
    if !lb.access_list.is_empty() {
        access_opts(&lb.access_list)
            .to_access_list_append_map()
            .map_err(at("access_list"))?;
    }
    if !lb.metadata.is_empty() {
        metadata_opts(lb.metadata.iter())
            .to_metadata_add_map()
            .map_err(at("metadata"))?;
    }
    check_protocol(lb, prefix)?;
    check_files_read(lb, prefix)?;
    check_ssl(lb, prefix)?;
    if lb.error_page_file.is_some() && lb.protocol != Protocol::Http {
        let why = format!(
            "a custom error page is allowed only on HTTP load balancers, not {}",
            lb.protocol
        );
        return Err(bad("error_page_file", &why));
    }
    Ok(())
}

/// Every file the entry names was read (a document built or decoded in code, not read with
/// [`Document::read`](crate::Document::read), has none).
fn check_files_read(lb: &LbSpec, prefix: &str) -> Result<(), Error> {
    let mut files = Vec::new();
    if let Some(ssl) = &lb.ssl_termination {
        files.push((
            "ssl_termination.certificate_file".to_owned(),
            &ssl.certificate_file,
        ));
        if let Some(chain) = &ssl.intermediate_certificate_file {
            files.push((
                "ssl_termination.intermediate_certificate_file".to_owned(),
                chain,
            ));
        }
    }
    for (j, m) in lb.certificate_mappings.iter().enumerate() {
        let at = format!("certificate_mappings[{j}]");
        files.push((format!("{at}.certificate_file"), &m.certificate_file));
        if let Some(chain) = &m.intermediate_certificate_file {
            files.push((format!("{at}.intermediate_certificate_file"), chain));
        }
    }
    if let Some(page) = &lb.error_page_file {
        files.push(("error_page_file".to_owned(), page));
    }
    match files.into_iter().find(|(_, f)| f.text().is_none()) {
        Some((field, file)) => {
            let why = format!(
                "{:?} was not read (read documents with Document::read or Document::from_json)",
                file.path()
            );
            Err(fault(prefix, &field, why))
        }
        None => Ok(()),
    }
}

/// The rules between the protocol and the features: monitors, persistence, caching, logging,
/// and `SECONDARY` nodes, which need a monitor.
fn check_protocol(lb: &LbSpec, prefix: &str) -> Result<(), Error> {
    let protocol = lb.protocol.as_str();
    let udp = matches!(protocol, "UDP" | "UDP_STREAM" | "DNS_UDP");
    if let Some(m) = &lb.health_monitor {
        let http_fields = [&m.path, &m.status_regex, &m.body_regex, &m.host_header];
        let why = match m.kind.as_str() {
            _ if udp => Some(format!("{protocol} load balancers take no health monitor")),
            "CONNECT" if http_fields.iter().any(|f| f.is_some()) => Some(
                "a CONNECT monitor takes no path, status_regex, body_regex or host_header".into(),
            ),
            kind @ ("HTTP" | "HTTPS") if kind != protocol => Some(format!(
                "an {kind} monitor needs the {kind} protocol, not {protocol}"
            )),
            _ => None,
        };
        if let Some(why) = why {
            return Err(fault(prefix, "health_monitor", why));
        }
    }
    if let Some(p) = &lb.session_persistence {
        let needs = match p.as_str() {
            "HTTP_COOKIE" => Some("HTTP"),
            "SSL_ID" => Some("HTTPS"),
            _ => None,
        };
        if let Some(needs) = needs.filter(|n| *n != protocol) {
            let why = format!("{p} needs the {needs} protocol, not {protocol}");
            return Err(fault(prefix, "session_persistence", why));
        }
    }
    if lb.content_caching && protocol != "HTTP" {
        let why = format!("content caching is for HTTP load balancers, not {protocol}");
        return Err(fault(prefix, "content_caching", why));
    }
    if lb.connection_logging && udp {
        let why = format!("connection logging is not available for {protocol}");
        return Err(fault(prefix, "connection_logging", why));
    }
    let secondary = lb
        .nodes
        .iter()
        .position(|n| n.kind == Type::Secondary && n.condition == Condition::Enabled);
    if let Some(j) = secondary
        && lb.health_monitor.is_none()
    {
        let why = "an ENABLED SECONDARY node needs a health_monitor";
        return Err(fault(prefix, &format!("nodes[{j}]"), why));
    }
    Ok(())
}

/// SSL termination, its certificate mappings and HTTPS redirect.
fn check_ssl(lb: &LbSpec, prefix: &str) -> Result<(), Error> {
    if let Some(ssl) = &lb.ssl_termination {
        if !terminable(&lb.protocol) {
            let why = format!(
                "SSL termination needs a non-secure protocol such as HTTP, not {}",
                lb.protocol
            );
            return Err(fault(prefix, "ssl_termination", why));
        }
        if ssl.secure_port == 0 || ssl.secure_port == lb.port {
            let why = format!(
                "use a port from 1 to 65535 other than the load balancer's port {}",
                lb.port
            );
            return Err(fault(prefix, "ssl_termination.secure_port", why));
        }
        if ssl.private_key_file.key().is_some() {
            ssl.bundle(&format!("{prefix}.ssl_termination"))?;
        }
    }
    for (j, m) in lb.certificate_mappings.iter().enumerate() {
        let field = format!("certificate_mappings[{j}]");
        if lb.ssl_termination.is_none() {
            let why = "certificate mappings need SSL termination (ssl_termination)";
            return Err(fault(prefix, &field, why));
        }
        if m.host_name.trim().is_empty() {
            return Err(fault(
                prefix,
                &format!("{field}.host_name"),
                "the host name is empty",
            ));
        }
        let chars = m.host_name.chars().count();
        if chars > MAX_HOST_NAME_CHARS {
            let why = format!(
                "the host name has {chars} characters; the service takes at most {MAX_HOST_NAME_CHARS}"
            );
            return Err(fault(prefix, &format!("{field}.host_name"), why));
        }
        if lb.certificate_mappings[..j]
            .iter()
            .any(|o| o.host_name.eq_ignore_ascii_case(&m.host_name))
        {
            let why = format!("{:?} is given twice", m.host_name);
            return Err(fault(prefix, &format!("{field}.host_name"), why));
        }
        if m.private_key_file.key().is_some() {
            m.bundle(&format!("{prefix}.{field}"))?;
        }
    }
    if lb.https_redirect {
        let https_443 = lb.protocol == Protocol::Https && lb.port == 443;
        let terminated = lb.protocol == Protocol::Http
            && lb
                .ssl_termination
                .as_ref()
                .is_some_and(|s| s.secure_traffic_only && s.secure_port == 443);
        if !https_443 && !terminated {
            let why = "HTTPS redirect needs an HTTPS load balancer on port 443, or an HTTP one \
                       with SSL termination on secure port 443 with secure_traffic_only";
            return Err(fault(prefix, "https_redirect", why));
        }
    }
    Ok(())
}

/// Whether SSL termination may sit on `protocol` (not on secure ones, nor TCP_CLIENT_FIRST or
/// UDP).
pub(crate) fn terminable(protocol: &Protocol) -> bool {
    !matches!(
        protocol.as_str(),
        "HTTPS"
            | "IMAPS"
            | "LDAPS"
            | "POP3S"
            | "SFTP"
            | "TCP_CLIENT_FIRST"
            | "UDP"
            | "UDP_STREAM"
            | "DNS_UDP"
    )
}
