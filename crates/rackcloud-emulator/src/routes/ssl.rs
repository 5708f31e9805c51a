//! `/loadbalancers/{id}/ssltermination[/…]`: SSL termination, ciphers, certificate mappings, with
//! the checks in the order the real server makes them (docs/api/ssl-termination.md).

mod body;
mod mappings;

use std::time::Instant;

use serde_json::json;

use super::live::{Done, mutate_live, read_live, require};
use super::{Account, Answer, Under};
use crate::error_replies;
use crate::features::ssl::{CIPHER_PROFILES, Ssl, Termination, check_bundle, ciphers};
use crate::http::Reply;
use crate::state::State;

/// The answer to deleting a termination while HTTPS redirect is on.
pub(crate) const DELETE_WITH_REDIRECT: &str = "Cannot delete SSL Termination while HTTPS Redirect is enabled. Please disable HTTPS Redirect and try again.";
/// The answer to deleting a termination when none is configured.
pub(crate) const NONE_TO_DELETE: &str =
    "SSL termination could not be found for the requested loadbalancer.";

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(at: Under<'_>, rest: &[&str]) -> Answer {
    let req = at.req;
    let method = req.method.as_str();
    match rest {
        ["ssltermination"] => match method {
            "GET" => show(at),
            "PUT" => set(at, &req.body),
            "DELETE" => delete(at),
            _ => Err(error_replies::method_not_allowed("GET, PUT, DELETE")),
        },
        ["ssltermination", "ciphers"] => match method {
            "GET" => list_ciphers(at),
            _ => Err(error_replies::method_not_allowed("GET")),
        },
        ["ssltermination", "certificatemappings", tail @ ..] => mappings::route(at, tail),
        _ => Err(error_replies::not_found()),
    }
}

/// GET: lookup (404, 410) → 404 when none is configured → 200, never with the key.
fn show(at: Under<'_>) -> Answer {
    read_live(at, |lb| {
        Ok(Reply::json(200, termination(&lb.features.ssl)?.json()))
    })
}

/// GET ciphers: lookup → 200 with the ciphers of the profile in use (`default` without one).
fn list_ciphers(at: Under<'_>) -> Answer {
    read_live(at, |lb| {
        let profile = lb
            .features
            .ssl
            .termination
            .as_ref()
            .map_or("default", |t| t.cipher_profile.as_str());
        let list: Vec<_> = ciphers(profile)
            .iter()
            .map(|n| json!({"name": n}))
            .collect();
        Ok(Reply::json(200, json!({"ciphers": list})))
    })
}

/// PUT: body (400) → lookup (404, 410) → protocol (400) → a first termination needs a
/// certificate and key (400) → secure port unique (400) → cipher profile known (400) →
/// certificate, chain and key parse and match (400) → redirect keeps port 443 and secure traffic
/// only (400) → status (422) → 202 with the termination, `PENDING_UPDATE`.
fn set(at: Under<'_>, body: &[u8]) -> Answer {
    let b = body::termination(body)?;
    mutate_live(at, |lb, world| {
        require(
            terminable(&lb.protocol),
            400,
            "SSL termination can only be configured on a load balancer using a non-secure protocol such as HTTP; TCP_CLIENT_FIRST and secure protocols are not supported.",
        )?;
        let old = lb.features.ssl.termination.clone();
        let (certificate, private_key) = match (&b.certificate, &b.private_key, &old) {
            (Some(c), Some(k), _) => (c.clone(), k.clone()),
            (None, None, Some(t)) => (t.certificate.clone(), t.private_key.clone()),
            _ => {
                return Err(error_replies::flat(
                    400,
                    "No SSL termination is configured: a certificate, a private key and a secure port are required to create one.",
                ));
            }
        };
        let secure_port = b
            .secure_port
            .or(old.as_ref().map(|t| t.secure_port))
            .unwrap_or(443);
        let vips: Vec<u64> = lb.virtual_ips.iter().map(|v| v.id).collect();
        let others = ports_sharing(world.state, at.account, at.id, &vips, world.now);
        if secure_port == lb.port || others.contains(&secure_port) {
            let mut used: Vec<String> = others.iter().map(u16::to_string).collect();
            used.insert(0, lb.port.to_string());
            return Err(error_replies::flat(
                400,
                &format!(
                    "Secure port: '{secure_port}' must be unique across loadbalancers sharing the same virtual ip. Ports in use: {}",
                    used.join(", ")
                ),
            ));
        }
        if let Some(profile) = &b.cipher_profile
            && !CIPHER_PROFILES.contains(&profile.as_str())
        {
            return Err(error_replies::flat(
                400,
                &format!(
                    "Cipher profile '{profile}' is not supported. Supported profiles: {}.",
                    CIPHER_PROFILES.join(", ")
                ),
            ));
        }
        let intermediate = if b.certificate.is_some() {
            b.intermediate.clone()
        } else {
            old.as_ref().and_then(|t| t.intermediate.clone())
        };
        if b.certificate.is_some() {
            check_bundle(&certificate, &private_key, intermediate.as_deref())
                .map_err(|m| error_replies::flat(400, m))?;
        }
        let secure_only = b
            .secure_traffic_only
            .or(old.as_ref().map(|t| t.secure_traffic_only))
            .unwrap_or(false);
        require(
            !lb.https_redirect || (secure_only && secure_port == 443),
            400,
            "HTTPS Redirect is enabled: SSL termination must keep secureTrafficOnly true and securePort 443.",
        )?;
        lb.check_mutable(world.now)?;
        let termination = Termination {
            certificate,
            private_key,
            intermediate,
            secure_port,
            enabled: b
                .enabled
                .or(old.as_ref().map(|t| t.enabled))
                .unwrap_or(true),
            secure_traffic_only: secure_only,
            cipher_profile: b
                .cipher_profile
                .or(old.as_ref().map(|t| t.cipher_profile.clone()))
                .unwrap_or_else(|| "default".to_owned()),
            security_protocols: b
                .security_protocols
                .or(old.map(|t| t.security_protocols))
                .unwrap_or_else(|| {
                    vec![
                        ("TLS_10".to_owned(), "ENABLED".to_owned()),
                        ("TLS_11".to_owned(), "ENABLED".to_owned()),
                    ]
                }),
        };
        let body = termination.json();
        lb.features.ssl.termination = Some(termination);
        Ok(Done::AcceptedWith(body))
    })
}

/// DELETE: lookup (404, 410) → none configured (400) → redirect on (400) → status (422) → 202,
/// `PENDING_UPDATE`. The certificate mappings go with it.
fn delete(at: Under<'_>) -> Answer {
    mutate_live(at, |lb, world| {
        require(lb.features.ssl.termination.is_some(), 400, NONE_TO_DELETE)?;
        require(!lb.https_redirect, 400, DELETE_WITH_REDIRECT)?;
        lb.check_mutable(world.now)?;
        let ssl = &mut lb.features.ssl;
        ssl.termination = None;
        ssl.mappings.clear();
        Ok(Done::Accepted)
    })
}

/// The termination; otherwise the 404 of its GET and of every mapping operation.
fn termination(ssl: &Ssl) -> Result<&Termination, Reply> {
    (ssl.termination.as_ref()).ok_or_else(|| {
        error_replies::flat(
            404,
            "SSL termination not found for requested load balancer.",
        )
    })
}

/// Protocols SSL termination may sit on: plain TCP-based ones, not TCP_CLIENT_FIRST.
fn terminable(protocol: &str) -> bool {
    !matches!(
        protocol,
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

/// The ports (and secure ports) of the account's other live load balancers sharing a virtual IP.
fn ports_sharing(
    state: &State,
    account: Account<'_>,
    id: u64,
    vips: &[u64],
    now: Instant,
) -> Vec<u16> {
    state
        .account(account.region, account.tenant)
        .into_iter()
        .flat_map(|lbs| lbs.values())
        .filter(|lb| lb.id != id && lb.status(now) != "DELETED")
        .filter(|lb| lb.virtual_ips.iter().any(|v| vips.contains(&v.id)))
        .flat_map(|lb| {
            let secure = lb.features.ssl.termination.as_ref().map(|t| t.secure_port);
            std::iter::once(lb.port).chain(secure)
        })
        .collect()
}
