//! `/loadbalancers/{id}/virtualips[/{vipId}]`: list, add (IPv6, public), delete, bulk delete,
//! with the checks in the order the service makes them (docs/api/virtual-ips.md).

use serde_json::{Map, Value, json};

use super::bulk_ids;
use super::live::{Done, mutate_live, read_live, require};
use super::{Answer, Under};
use crate::error_replies;
use crate::http::Reply;
use crate::load_balancer::VirtualIp;
use crate::state::State;

/// The message of a delete that would leave a load balancer without a virtual IP.
const LAST_VIP: &str = "A load balancer must keep at least one virtual ip.";

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(at: Under<'_>, rest: &[&str]) -> Answer {
    let req = at.req;
    match (rest, req.method.as_str()) {
        (["virtualips"], "GET") => list(at),
        (["virtualips"], "POST") => add(at, &req.body),
        (["virtualips"], "DELETE") => bulk_delete(at, req.query()),
        (["virtualips"], _) => Err(error_replies::method_not_allowed("GET, POST, DELETE")),
        (["virtualips", vip], "DELETE") => match super::parse_id(vip) {
            Some(vip_id) => delete(at, vip_id),
            None => Err(error_replies::not_found()),
        },
        (["virtualips", _], _) => Err(error_replies::method_not_allowed("DELETE")),
        _ => Err(error_replies::not_found()),
    }
}

/// GET: lookup (404, 410) → 200 `{"virtualIps":[…]}`.
fn list(at: Under<'_>) -> Answer {
    read_live(at, |lb| {
        let vips: Vec<Value> = lb.virtual_ips.iter().map(vip_json).collect();
        Ok(Reply::json(200, json!({"virtualIps": vips})))
    })
}

/// POST: body (400 schema; 400 validation: only `PUBLIC`, only `IPV6`, no shared id) → lookup
/// (404, 410) → IPv6 limit (413 flat) → status (422) → 202 with the new virtual IP, not wrapped;
/// `PENDING_UPDATE`.
fn add(at: Under<'_>, body: &[u8]) -> Answer {
    check_add_body(body)?;
    mutate_live(at, |lb, world| {
        let ipv6 = lb
            .virtual_ips
            .iter()
            .filter(|v| v.ip_version == "IPV6")
            .count();
        let limit = at.shared.config.limits.ipv6;
        require(
            ipv6 < limit,
            413,
            &format!("Your load balancer cannot have more than {limit} IPv6 virtual ips."),
        )?;
        lb.check_mutable(world.now)?;
        let vip_id = State::take_id(&mut world.state.next_vip_id);
        let vip = VirtualIp::allocate(vip_id, "PUBLIC", "IPV6");
        let answer = vip_json(&vip);
        lb.virtual_ips.push(vip);
        Ok(Done::AcceptedWith(answer))
    })
}

/// DELETE one: lookup (404, 410) → the virtual IP (404) → the last one (400) → status (422) →
/// 202, `PENDING_UPDATE`.
fn delete(at: Under<'_>, vip_id: u64) -> Answer {
    mutate_live(at, |lb, world| {
        require(
            lb.virtual_ips.iter().any(|v| v.id == vip_id),
            404,
            &format!(
                "Virtual ip with id #{vip_id} not found for loadbalancer #{}",
                at.id
            ),
        )?;
        require(lb.virtual_ips.len() != 1, 400, LAST_VIP)?;
        lb.check_mutable(world.now)?;
        lb.virtual_ips.retain(|v| v.id != vip_id);
        Ok(Done::Accepted)
    })
}

/// DELETE `?id=…`: ids (400: none, not numbers, over 10) → lookup (404, 410) → ids not on the
/// load balancer (400 validation naming them) → every virtual IP (400) → status (422) → 202,
/// `PENDING_UPDATE`. All or nothing.
fn bulk_delete(at: Under<'_>, query: Option<&str>) -> Answer {
    let ids = bulk_ids::parse(query, "virtual ips")?;
    mutate_live(at, |lb, world| {
        let on_lb = |vip_id| lb.virtual_ips.iter().any(|v| v.id == vip_id);
        bulk_ids::all_known(&ids, on_lb, "Virtual ip", "loadbalancer")?;
        require(ids.len() < lb.virtual_ips.len(), 400, LAST_VIP)?;
        lb.check_mutable(world.now)?;
        lb.virtual_ips.retain(|v| !ids.contains(&v.id));
        Ok(Done::Accepted)
    })
}

/// `{"id":…,"address":…,"type":…,"ipVersion":…}`.
fn vip_json(vip: &VirtualIp) -> Value {
    json!({"id": vip.id, "address": vip.address, "type": vip.kind, "ipVersion": vip.ip_version})
}

/// The add body: a bare object (a `virtualIp` root is accepted too), `type` and `ipVersion`
/// strings of the known names, no shared `id`. Unknown names and wrong JSON types are the schema
/// answer; the rest is validation, every message at once.
fn check_add_body(body: &[u8]) -> Result<(), Reply> {
    let Ok(Value::Object(mut outer)) = serde_json::from_slice::<Value>(body) else {
        return Err(error_replies::schema());
    };
    let object = match outer.remove("virtualIp") {
        Some(Value::Object(inner)) => inner,
        Some(Value::Null) | None => outer,
        Some(_) => return Err(error_replies::schema()),
    };
    let shared_id = match object.get("id") {
        None | Some(Value::Null) => false,
        Some(Value::Number(_)) => true,
        Some(Value::String(s)) if s.parse::<u64>().is_ok() => true,
        Some(_) => return Err(error_replies::schema()),
    };
    let kind = known(&object, "type", &["PUBLIC", "SERVICENET"])?;
    let version = known(&object, "ipVersion", &["IPV4", "IPV6"])?;
    if shared_id {
        return Err(error_replies::validation(vec![
            "Cannot add a shared virtual ip.".to_owned(),
        ]));
    }
    let mut messages = Vec::new();
    match kind {
        None => messages.push("Must provide a virtual ip type of PUBLIC.".to_owned()),
        Some("PUBLIC") => {}
        Some(_) => messages.push("Only PUBLIC virtual ips can be added.".to_owned()),
    }
    match version {
        None => messages.push("Must provide an ipVersion of IPV6.".to_owned()),
        Some("IPV6") => {}
        Some(_) => messages.push("Only IPV6 virtual ips can be added.".to_owned()),
    }
    if !messages.is_empty() {
        return Err(error_replies::validation(messages));
    }
    Ok(())
}

/// An optional string field holding one of `names` (matched exactly); another JSON type or an
/// unknown name does not match the schema.
fn known(
    object: &Map<String, Value>,
    key: &str,
    names: &[&'static str],
) -> Result<Option<&'static str>, Reply> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => names
            .iter()
            .find(|n| **n == s.as_str())
            .map(|n| Some(*n))
            .ok_or_else(error_replies::schema),
        Some(_) => Err(error_replies::schema()),
    }
}
