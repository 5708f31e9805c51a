//! `/loadbalancers/{id}/accesslist[/{itemId}]`: show, append, delete all, bulk delete, delete
//! one, with the checks in the order the real server makes them (docs/api/access-lists.md).

use super::bodies;
use super::live::{Done, active, mutate_live, read_live, require};
use super::{Answer, Under, bulk_ids};
use crate::error_replies;
use crate::http::Reply;

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(at: Under<'_>, rest: &[&str]) -> Answer {
    let req = at.req;
    match (rest, req.method.as_str()) {
        (["accesslist"], "GET") => show(at),
        (["accesslist"], "POST") => append(at, &req.body),
        (["accesslist"], "DELETE") => match req.query() {
            Some(query) if query.split('&').any(|p| p.split('=').next() == Some("id")) => {
                bulk_delete(at, query)
            }
            _ => delete_all(at),
        },
        (["accesslist"], _) => Err(error_replies::method_not_allowed("GET, POST, DELETE")),
        (["accesslist", item], "DELETE") => match super::parse_id(item) {
            Some(item) => delete_one(at, item),
            None => Err(error_replies::not_found()),
        },
        (["accesslist", _], _) => Err(error_replies::method_not_allowed("DELETE")),
        _ => Err(error_replies::not_found()),
    }
}

/// GET: lookup (404, 410) → 200 `{"accessList":[…]}` in the order the items were added.
fn show(at: Under<'_>) -> Answer {
    read_live(at, |lb| {
        Ok(Reply::json(200, lb.features.access_list.json()))
    })
}

/// POST: body (400 schema or validation) → lookup (404, 410) → status (422 unless `ACTIVE`) →
/// size over `ACCESS_LIST_LIMIT` (400) → an address already listed or given twice (400) → 202,
/// `PENDING_UPDATE`.
fn append(at: Under<'_>, body: &[u8]) -> Answer {
    let new = bodies::access_list(body)?;
    mutate_live(at, |lb, world| {
        lb.check_mutable(world.now)?;
        let list = &mut lb.features.access_list;
        let limit = at.shared.config.limits.access_list;
        require(
            list.items().len() + new.len() <= limit,
            400,
            &format!("Access list size must not exceed {limit} items."),
        )?;
        let twice = new
            .iter()
            .enumerate()
            .any(|(i, (a, _))| list.has_address(a) || new[..i].iter().any(|(b, _)| a == b));
        require(
            !twice,
            400,
            "Must supply a unique access list item to update the current list.",
        )?;
        list.append(at.id, new);
        Ok(Done::Accepted)
    })
}

/// DELETE without ids: lookup (404, 410) → status (422 `LoadBalancer is not ACTIVE`) → an
/// empty list (422 `No access list found to delete`) → 202, `PENDING_UPDATE`.
fn delete_all(at: Under<'_>) -> Answer {
    mutate_live(at, |lb, world| {
        active(lb, world.now)?;
        let list = &mut lb.features.access_list;
        require(
            !list.items().is_empty(),
            422,
            "No access list found to delete",
        )?;
        list.clear();
        Ok(Done::Accepted)
    })
}

/// DELETE `?id=…`: ids (400: not numbers, more than [`bulk_ids::BATCH_DELETE_LIMIT`]) → lookup (404, 410) →
/// status (422 unless `ACTIVE`) → ids not in the list (400 naming them; nothing is deleted) →
/// 202, `PENDING_UPDATE`.
fn bulk_delete(at: Under<'_>, query: &str) -> Answer {
    let mut ids = Vec::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key != "id" {
            continue;
        }
        let item = super::parse_id(value);
        ids.push(item.ok_or_else(|| error_replies::flat(400, bulk_ids::NO_IDS))?);
    }
    bulk_ids::within_limit(ids.len())?;
    mutate_live(at, |lb, world| {
        lb.check_mutable(world.now)?;
        let list = &mut lb.features.access_list;
        let unknown: Vec<String> = ids
            .iter()
            .filter(|i| !list.has_id(**i))
            .map(u64::to_string)
            .collect();
        let plural = if unknown.len() > 1 { "s" } else { "" };
        require(
            unknown.is_empty(),
            400,
            &format!(
                "Network item{plural} with id{plural} {} not found.",
                unknown.join(", ")
            ),
        )?;
        list.remove(&ids);
        Ok(Done::Accepted)
    })
}

/// DELETE `/{itemId}`: lookup (404, 410) → item (404) → status (422 unless `ACTIVE`) → 202,
/// `PENDING_UPDATE`.
fn delete_one(at: Under<'_>, item: u64) -> Answer {
    mutate_live(at, |lb, world| {
        let listed = lb.features.access_list.has_id(item);
        require(listed, 404, "Network Item not found")?;
        lb.check_mutable(world.now)?;
        lb.features.access_list.remove(&[item]);
        Ok(Done::Accepted)
    })
}
