//! `/loadbalancers/{id}/nodes[/…]`: nodes, bulk update and delete, node service events, with
//! the checks in the order the real server makes them (docs/api/nodes.md).

mod bodies;
mod bulk;
mod changes;

use serde_json::{Value, json};

use super::live::read_live;
use super::{Answer, Under, parse_id};
use crate::error_replies;
use crate::http::Reply;
use crate::load_balancer::LoadBalancer;
use crate::node::{Node, is_weighted};

/// The largest page of nodes or events, and the size of a page when `limit` is absent.
const MAX_PAGE: usize = 100;

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(at: Under<'_>, rest: &[&str]) -> Answer {
    let req = at.req;
    let method = req.method.as_str();
    match rest {
        ["nodes"] => match method {
            "GET" => list(at, req.query()),
            "POST" => changes::add(at, &req.body),
            "PUT" => bulk::update(at, &req.body),
            "DELETE" => bulk::delete(at, req.query()),
            _ => Err(error_replies::method_not_allowed("GET, POST, PUT, DELETE")),
        },
        ["nodes", "events"] => match method {
            "GET" => events(at, req.query()),
            _ => Err(error_replies::method_not_allowed("GET")),
        },
        ["nodes", node_id] => {
            let node_id = parse_id(node_id).ok_or_else(error_replies::not_found)?;
            match method {
                "GET" => show(at, node_id),
                "PUT" => changes::update(at, node_id, &req.body),
                "DELETE" => changes::delete(at, node_id),
                _ => Err(error_replies::method_not_allowed("GET, PUT, DELETE")),
            }
        }
        _ => Err(error_replies::not_found()),
    }
}

/// GET `…/nodes`: lookup (404, 410) → 200 `{"nodes":[…]}` by id, paged with `limit`, `marker`
/// (a node id) and `offset`.
fn list(at: Under<'_>, query: Option<&str>) -> Answer {
    let page = Page::parse(query)?;
    read_live(at, |lb| {
        let weighted = is_weighted(&lb.algorithm);
        let mut nodes: Vec<&Node> = lb.nodes.iter().collect();
        nodes.sort_by_key(|n| n.id);
        let items: Vec<Value> = nodes
            .into_iter()
            .filter(|n| page.marker.is_none_or(|m| n.id > m))
            .skip(page.offset)
            .take(page.limit)
            .map(|n| n.json(weighted))
            .collect();
        Ok(Reply::json(200, json!({"nodes": items})))
    })
}

/// GET `…/nodes/{nodeId}`: lookup (404, 410, node 404) → 200 `{"node":{…}}`.
fn show(at: Under<'_>, node_id: u64) -> Answer {
    read_live(at, |lb| {
        let node = (lb.nodes.iter().find(|n| n.id == node_id))
            .ok_or_else(|| node_not_found(at.id, node_id))?;
        Ok(Reply::json(
            200,
            json!({"node": node.json(is_weighted(&lb.algorithm))}),
        ))
    })
}

/// GET `…/nodes/events`: lookup (404, 410) → 200 `{"nodeServiceEvents":[…],"links":[…]}`,
/// oldest first, paged with `limit`, `marker` (an event id) and `offset`; `links` holds
/// `next` when more follow.
fn events(at: Under<'_>, query: Option<&str>) -> Answer {
    let page = Page::parse(query)?;
    read_live(at, |lb| {
        let (items, more) = lb
            .features
            .node_events
            .page(page.marker, page.offset, page.limit);
        let mut links = Vec::new();
        if let (true, Some(last)) = (more, items.last()) {
            let href = format!(
                "{}/loadbalancers/{}/nodes/events?marker={}&limit={}",
                at.shared
                    .config
                    .lb_endpoint(at.account.region, at.account.tenant),
                at.id,
                last.id,
                page.limit
            );
            links.push(json!({"href": href, "rel": "next"}));
        }
        let events: Vec<Value> = items
            .iter()
            .map(|e| e.json(at.id, at.account.tenant))
            .collect();
        Ok(Reply::json(
            200,
            json!({"nodeServiceEvents": events, "links": links}),
        ))
    })
}

/// 404 for a node that is not on the load balancer.
fn node_not_found(id: u64, node_id: u64) -> Reply {
    error_replies::flat(
        404,
        &format!("Node with id #{node_id} not found for loadbalancer #{id}"),
    )
}

/// The `SECONDARY` rules on the nodes a load balancer would have: with an `ENABLED`
/// `SECONDARY` node it needs a health monitor, and an `ENABLED` `PRIMARY` node (only
/// `ENABLED` nodes count). `Err` holds the 400 to answer.
fn secondary_rules<'a>(
    lb: &LoadBalancer,
    nodes: impl Iterator<Item = &'a Node> + Clone,
) -> Result<(), Reply> {
    let mut all = nodes.clone();
    if !all.any(|n| n.is_enabled_as("SECONDARY")) {
        return Ok(());
    }
    if lb.features.health_monitor.is_none() {
        return Err(error_replies::flat(
            400,
            "you must enable health monitoring to use secondary nodes",
        ));
    }
    let mut all = nodes;
    if !all.any(|n| n.is_enabled_as("PRIMARY")) {
        return Err(error_replies::flat(
            400,
            "you must have at least one primary node enabled",
        ));
    }
    Ok(())
}

/// `limit`, `marker` and `offset` of a listing.
#[derive(Debug, Clone, Copy)]
struct Page {
    limit: usize,
    marker: Option<u64>,
    offset: usize,
}

impl Page {
    /// Absent, zero or over 100 `limit` is 100; other parameters are ignored.
    fn parse(query: Option<&str>) -> Result<Page, Reply> {
        let mut page = Page {
            limit: MAX_PAGE,
            marker: None,
            offset: 0,
        };
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let number = || {
                value.parse::<u64>().map_err(|_| {
                    error_replies::flat(
                        400,
                        &format!("The {key} query parameter must be an integer."),
                    )
                })
            };
            match key {
                "limit" => {
                    page.limit = usize::try_from(number()?)
                        .ok()
                        .filter(|n| (1..=MAX_PAGE).contains(n))
                        .unwrap_or(MAX_PAGE);
                }
                "marker" => page.marker = Some(number()?),
                "offset" => page.offset = usize::try_from(number()?).unwrap_or(usize::MAX),
                _ => {}
            }
        }
        Ok(page)
    }
}
