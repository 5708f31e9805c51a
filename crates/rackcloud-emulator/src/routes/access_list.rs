//! `/loadbalancers/{id}/accesslist[/{itemId}]`: show, append, delete all, bulk delete, delete
//! one, with the checks in the order the real server makes them (docs/api/access-lists.md).

use super::Account;
use super::bodies;
use super::live::{Done, mutate_live, read_live, require};
use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::state::Shared;

/// The most ids one bulk delete may name (the service's `BATCH_DELETE_LIMIT`).
const BATCH_LIMIT: usize = crate::absolute_limits::BATCH_DELETE_LIMIT;

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(
    shared: &Shared,
    req: &Incoming,
    account: Account<'_>,
    id: u64,
    rest: &[&str],
) -> Reply {
    match (rest, req.method.as_str()) {
        (["accesslist"], "GET") => show(shared, account, id),
        (["accesslist"], "POST") => append(shared, account, id, &req.body),
        (["accesslist"], "DELETE") => match req.query() {
            Some(query) if query.split('&').any(|p| p.split('=').next() == Some("id")) => {
                bulk_delete(shared, account, id, query)
            }
            _ => delete_all(shared, account, id),
        },
        (["accesslist"], _) => error_replies::method_not_allowed("GET, POST, DELETE"),
        (["accesslist", item], "DELETE") => match super::parse_id(item) {
            Some(item) => delete_one(shared, account, id, item),
            None => error_replies::not_found(),
        },
        (["accesslist", _], _) => error_replies::method_not_allowed("DELETE"),
        _ => error_replies::not_found(),
    }
}

/// GET: lookup (404, 410) → 200 `{"accessList":[…]}` in the order the items were added.
fn show(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    read_live(shared, account, id, |lb| {
        Ok(Reply::json(200, lb.features.access_list.json()))
    })
}

/// POST: body (400 schema or validation) → lookup (404, 410) → status (422 unless `ACTIVE`) →
/// size over `ACCESS_LIST_LIMIT` (400) → an address already listed or given twice (400) → 202,
/// `PENDING_UPDATE`.
fn append(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let new = match bodies::access_list(body) {
        Ok(new) => new,
        Err(err) => return err.reply(),
    };
    mutate_live(shared, account, id, |lb, at| {
        lb.check_mutable(at.now)?;
        let list = &mut lb.features.access_list;
        let limit = shared.config.limits.access_list;
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
        list.append(id, new);
        Ok(Done::Accepted)
    })
}

/// DELETE without ids: lookup (404, 410) → status (422 `LoadBalancer is not ACTIVE`) → an
/// empty list (422 `No access list found to delete`) → 202, `PENDING_UPDATE`.
fn delete_all(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    mutate_live(shared, account, id, |lb, at| {
        require(
            lb.status(at.now) == "ACTIVE",
            422,
            "LoadBalancer is not ACTIVE",
        )?;
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

/// DELETE `?id=…`: ids (400: not numbers, more than [`BATCH_LIMIT`]) → lookup (404, 410) →
/// status (422 unless `ACTIVE`) → ids not in the list (400 naming them; nothing is deleted) →
/// 202, `PENDING_UPDATE`.
fn bulk_delete(shared: &Shared, account: Account<'_>, id: u64, query: &str) -> Reply {
    let mut ids = Vec::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key != "id" {
            continue;
        }
        match super::parse_id(value) {
            Some(item) => ids.push(item),
            None => {
                return error_replies::flat(
                    400,
                    "Must supply one or more id's to process this request.",
                );
            }
        }
    }
    if ids.len() > BATCH_LIMIT {
        return error_replies::flat(
            400,
            &format!(
                "Currently, the limit of accepted parameters is: {BATCH_LIMIT} :please review your request and try again."
            ),
        );
    }
    mutate_live(shared, account, id, |lb, at| {
        lb.check_mutable(at.now)?;
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
fn delete_one(shared: &Shared, account: Account<'_>, id: u64, item: u64) -> Reply {
    mutate_live(shared, account, id, |lb, at| {
        let listed = lb.features.access_list.has_id(item);
        require(listed, 404, "Network Item not found")?;
        lb.check_mutable(at.now)?;
        lb.features.access_list.remove(&[item]);
        Ok(Done::Accepted)
    })
}
