//! `…/ssltermination/certificatemappings[/{mappingId}]`: list, add, show, update, delete.

use std::time::Instant;

use serde_json::{Value, json};

use super::super::Account;
use super::super::load_balancers::{live, read_live};
use super::body;
use crate::error_replies;
use crate::features::ssl::{Mapping, check_bundle};
use crate::http::{Incoming, Reply};
use crate::state::Shared;
use crate::sync::lock;

/// No termination to map certificates on.
const NO_TERMINATION: &str = "SSL termination not found for requested load balancer.";

/// `tail` is the path after `certificatemappings`.
pub(super) fn route(
    shared: &Shared,
    req: &Incoming,
    account: Account<'_>,
    id: u64,
    tail: &[&str],
) -> Reply {
    let method = req.method.as_str();
    match tail {
        [] => match method {
            "GET" => list(shared, account, id),
            "POST" => add(shared, account, id, &req.body),
            _ => error_replies::method_not_allowed("GET, POST"),
        },
        [mapping] => {
            let Some(mapping) = mapping
                .parse::<u64>()
                .ok()
                .filter(|_| mapping.bytes().all(|b| b.is_ascii_digit()))
            else {
                return error_replies::not_found();
            };
            match method {
                "GET" => show(shared, account, id, mapping),
                "PUT" => update(shared, account, id, mapping, &req.body),
                "DELETE" => remove(shared, account, id, mapping),
                _ => error_replies::method_not_allowed("GET, PUT, DELETE"),
            }
        }
        _ => error_replies::not_found(),
    }
}

fn mapping_not_found() -> Reply {
    error_replies::flat(
        404,
        "Certificate mapping not found for requested load balancer.",
    )
}

/// The service's 422 for a host name that mapping `holder` already has.
fn duplicate(holder: u64) -> Reply {
    error_replies::flat(
        422,
        &format!(
            "Duplicate host name detected. Certificate mapping with id '{holder}' has already configured the host name provided."
        ),
    )
}

/// The 404 of every mapping operation on a load balancer without SSL termination.
fn no_termination() -> Reply {
    error_replies::flat(404, NO_TERMINATION)
}

/// GET: lookup → termination (404) → 200, each item wrapped again.
fn list(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    read_live(shared, account, id, |lb| {
        if lb.features.ssl.termination.is_none() {
            return no_termination();
        }
        let items: Vec<Value> = lb
            .features
            .ssl
            .mappings
            .iter()
            .map(Mapping::list_json)
            .collect();
        Reply::json(200, json!({"certificateMappings": items}))
    })
}

/// GET one: lookup → termination (404) → mapping (404) → 200 without the key.
fn show(shared: &Shared, account: Account<'_>, id: u64, mapping: u64) -> Reply {
    read_live(shared, account, id, |lb| {
        if lb.features.ssl.termination.is_none() {
            return no_termination();
        }
        match lb.features.ssl.mappings.iter().find(|m| m.id == mapping) {
            Some(m) => Reply::json(200, m.json()),
            None => mapping_not_found(),
        }
    })
}

/// POST: body (400) → lookup (404, 410) → termination (404) → limit (413) → duplicate host
/// (422) → certificate and key (400) → status (422) → 202 with the mapping, `PENDING_UPDATE`.
fn add(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let b = match body::mapping(body, true) {
        Ok(b) => b,
        Err(err) => return err.reply(),
    };
    let (Some(host_name), Some(private_key), Some(certificate)) =
        (b.host_name, b.private_key, b.certificate)
    else {
        return error_replies::internal_error();
    };
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    let ssl = &lb.features.ssl;
    if ssl.termination.is_none() {
        return no_termination();
    }
    let limit = shared.config.limits.certificate_mappings;
    if ssl.mappings.len() >= limit {
        return error_replies::flat(
            413,
            &format!(
                "Certificate mapping limit reached. Limit is set to '{limit}'. Please contact support if you would like to increase your limit."
            ),
        );
    }
    if let Some(holder) = ssl.mappings.iter().find(|m| m.host_name == host_name) {
        return duplicate(holder.id);
    }
    if let Err(message) = check_bundle(&certificate, &private_key, b.intermediate.as_deref()) {
        return error_replies::flat(400, message);
    }
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    let ssl = &mut lb.features.ssl;
    ssl.next_mapping_id += 1;
    let mapping = Mapping {
        id: ssl.next_mapping_id,
        host_name,
        certificate,
        private_key,
        intermediate: b.intermediate,
    };
    let reply = mapping.json();
    ssl.mappings.push(mapping);
    lb.begin_update(shared.config.pending_time);
    Reply::json(202, reply)
}

/// PUT: body (400) → lookup → termination (404) → mapping (404) → duplicate host (422) →
/// certificate and key (400) → status (422) → 202 without a body.
fn update(shared: &Shared, account: Account<'_>, id: u64, mapping: u64, body: &[u8]) -> Reply {
    let b = match body::mapping(body, false) {
        Ok(b) => b,
        Err(err) => return err.reply(),
    };
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    let ssl = &lb.features.ssl;
    if ssl.termination.is_none() {
        return no_termination();
    }
    let Some(old) = ssl.mappings.iter().find(|m| m.id == mapping).cloned() else {
        return mapping_not_found();
    };
    if let Some(host) = &b.host_name
        && let Some(holder) = ssl
            .mappings
            .iter()
            .find(|m| m.id != mapping && &m.host_name == host)
    {
        return duplicate(holder.id);
    }
    let new = Mapping {
        id: mapping,
        host_name: b.host_name.unwrap_or(old.host_name),
        certificate: b.certificate.unwrap_or(old.certificate),
        private_key: b.private_key.unwrap_or(old.private_key),
        intermediate: b.intermediate.or(old.intermediate),
    };
    if let Err(message) = check_bundle(
        &new.certificate,
        &new.private_key,
        new.intermediate.as_deref(),
    ) {
        return error_replies::flat(400, message);
    }
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    if let Some(slot) = lb
        .features
        .ssl
        .mappings
        .iter_mut()
        .find(|m| m.id == mapping)
    {
        *slot = new;
    }
    lb.begin_update(shared.config.pending_time);
    Reply::empty(202)
}

/// DELETE: lookup → termination (404) → mapping (404) → status (422) → 202.
fn remove(shared: &Shared, account: Account<'_>, id: u64, mapping: u64) -> Reply {
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    if lb.features.ssl.termination.is_none() {
        return no_termination();
    }
    if !lb.features.ssl.mappings.iter().any(|m| m.id == mapping) {
        return mapping_not_found();
    }
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    lb.features.ssl.mappings.retain(|m| m.id != mapping);
    lb.begin_update(shared.config.pending_time);
    Reply::empty(202)
}
