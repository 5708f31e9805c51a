//! `…/ssltermination/certificatemappings[/{mappingId}]`: list, add, show, update, delete.

use serde_json::{Value, json};

use super::super::live::{Done, mutate_live, read_live, require};
use super::super::{Answer, Under, parse_id};
use super::{body, termination};
use crate::error_replies;
use crate::features::ssl::{Mapping, Ssl, check_bundle};
use crate::http::Reply;

/// `tail` is the path after `certificatemappings`.
pub(super) fn route(at: Under<'_>, tail: &[&str]) -> Answer {
    let req = at.req;
    let method = req.method.as_str();
    match tail {
        [] => match method {
            "GET" => list(at),
            "POST" => add(at, &req.body),
            _ => Err(error_replies::method_not_allowed("GET, POST")),
        },
        [mapping] => {
            let mapping = parse_id(mapping).ok_or_else(error_replies::not_found)?;
            match method {
                "GET" => show(at, mapping),
                "PUT" => update(at, mapping, &req.body),
                "DELETE" => remove(at, mapping),
                _ => Err(error_replies::method_not_allowed("GET, PUT, DELETE")),
            }
        }
        _ => Err(error_replies::not_found()),
    }
}

/// The mapping of this id; otherwise 404.
fn find(ssl: &Ssl, mapping: u64) -> Result<&Mapping, Reply> {
    (ssl.mappings.iter().find(|m| m.id == mapping)).ok_or_else(|| {
        error_replies::flat(
            404,
            "Certificate mapping not found for requested load balancer.",
        )
    })
}

/// The service's 422 for a host name another mapping than `except` already has.
fn unique_host(ssl: &Ssl, host: &str, except: Option<u64>) -> Result<(), Reply> {
    let holder = (ssl.mappings.iter()).find(|m| Some(m.id) != except && m.host_name == host);
    match holder {
        Some(holder) => Err(error_replies::flat(
            422,
            &format!(
                "Duplicate host name detected. Certificate mapping with id '{}' has already configured the host name provided.",
                holder.id
            ),
        )),
        None => Ok(()),
    }
}

/// GET: lookup → termination (404) → 200, each item wrapped again.
fn list(at: Under<'_>) -> Answer {
    read_live(at, |lb| {
        let ssl = &lb.features.ssl;
        termination(ssl)?;
        let items: Vec<Value> = ssl.mappings.iter().map(Mapping::list_json).collect();
        Ok(Reply::json(200, json!({"certificateMappings": items})))
    })
}

/// GET one: lookup → termination (404) → mapping (404) → 200 without the key.
fn show(at: Under<'_>, mapping: u64) -> Answer {
    read_live(at, |lb| {
        termination(&lb.features.ssl)?;
        Ok(Reply::json(200, find(&lb.features.ssl, mapping)?.json()))
    })
}

/// POST: body (400) → lookup (404, 410) → termination (404) → limit (413) → duplicate host
/// (422) → certificate and key (400) → status (422) → 202 with the mapping, `PENDING_UPDATE`.
fn add(at: Under<'_>, body: &[u8]) -> Answer {
    let b = body::mapping(body, true)?;
    let (Some(host_name), Some(private_key), Some(certificate)) =
        (b.host_name, b.private_key, b.certificate)
    else {
        return Err(error_replies::internal_error());
    };
    mutate_live(at, |lb, world| {
        let ssl = &lb.features.ssl;
        termination(ssl)?;
        let limit = at.shared.config.limits.certificate_mappings;
        require(
            ssl.mappings.len() < limit,
            413,
            &format!(
                "Certificate mapping limit reached. Limit is set to '{limit}'. Please contact support if you would like to increase your limit."
            ),
        )?;
        unique_host(ssl, &host_name, None)?;
        check_bundle(&certificate, &private_key, b.intermediate.as_deref())
            .map_err(|m| error_replies::flat(400, m))?;
        lb.check_mutable(world.now)?;
        let ssl = &mut lb.features.ssl;
        ssl.next_mapping_id += 1;
        let mapping = Mapping {
            id: ssl.next_mapping_id,
            host_name,
            certificate,
            private_key,
            intermediate: b.intermediate,
        };
        let body = mapping.json();
        ssl.mappings.push(mapping);
        Ok(Done::AcceptedWith(body))
    })
}

/// PUT: body (400) → lookup → termination (404) → mapping (404) → duplicate host (422) →
/// certificate and key (400) → status (422) → 202 without a body.
fn update(at: Under<'_>, mapping: u64, body: &[u8]) -> Answer {
    let b = body::mapping(body, false)?;
    mutate_live(at, |lb, world| {
        let ssl = &lb.features.ssl;
        termination(ssl)?;
        let old = find(ssl, mapping)?.clone();
        if let Some(host) = &b.host_name {
            unique_host(ssl, host, Some(mapping))?;
        }
        let new = Mapping {
            id: mapping,
            host_name: b.host_name.unwrap_or(old.host_name),
            certificate: b.certificate.unwrap_or(old.certificate),
            private_key: b.private_key.unwrap_or(old.private_key),
            intermediate: b.intermediate.or(old.intermediate),
        };
        check_bundle(
            &new.certificate,
            &new.private_key,
            new.intermediate.as_deref(),
        )
        .map_err(|m| error_replies::flat(400, m))?;
        lb.check_mutable(world.now)?;
        let mappings = &mut lb.features.ssl.mappings;
        if let Some(slot) = mappings.iter_mut().find(|m| m.id == mapping) {
            *slot = new;
        }
        Ok(Done::Accepted)
    })
}

/// DELETE: lookup → termination (404) → mapping (404) → status (422) → 202.
fn remove(at: Under<'_>, mapping: u64) -> Answer {
    mutate_live(at, |lb, world| {
        termination(&lb.features.ssl)?;
        find(&lb.features.ssl, mapping)?;
        lb.check_mutable(world.now)?;
        lb.features.ssl.mappings.retain(|m| m.id != mapping);
        Ok(Done::Accepted)
    })
}
