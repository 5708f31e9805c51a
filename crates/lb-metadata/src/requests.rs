//! The six operations, each for either owner.

use rackcloud_core::kit::{check_id, id_query, in_chunks};
use rackcloud_core::{BulkOutcome, ServiceClient};

use crate::opts::{AddOptsBuilder, UpdateOptsBuilder};
use crate::owner::Owner;
use crate::results::{AddResult, DeleteResult, GetResult, ListResult, UpdateResult};
use crate::urls::{item_url, root_url};

/// Lists the metadata of `owner` (`GET …/metadata`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_metadata::Owner;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // The emulator's load balancers start with no metadata.
/// assert!(lb_metadata::list(&client, Owner::LoadBalancer(1)).extract()?.is_empty());
/// # Ok(())
/// # }
/// ```
pub fn list(client: &ServiceClient, owner: Owner) -> ListResult {
    owner
        .check()
        .map(|()| client.get(&root_url(client, owner)))
        .into()
}

/// Adds items to `owner` (`POST …/metadata`, answered 200 with the added items and their ids).
///
/// The load balancer must be `ACTIVE`, and stays `ACTIVE`: there is nothing to wait for. A key
/// the owner already has is refused (422, nothing added); so is going over 25 items (400).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_metadata::{AddOpts, Owner};
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let owner = Owner::LoadBalancer(1);
/// let added = lb_metadata::add(&client, owner, &AddOpts::new().item("team", "web")).extract()?;
/// assert_eq!(added[0].key(), "team");
/// // No PENDING_UPDATE: the next change is accepted at once.
/// lb_metadata::add(&client, owner, &AddOpts::new().item("tier", "front")).extract()?;
/// # Ok(())
/// # }
/// ```
pub fn add(client: &ServiceClient, owner: Owner, opts: &impl AddOptsBuilder) -> AddResult {
    owner
        .check()
        .and_then(|()| opts.to_metadata_add_map())
        .map(|body| client.post(&root_url(client, owner), &body))
        .into()
}

/// Reads one item of `owner` (`GET …/metadata/{metaId}`).
pub fn get(client: &ServiceClient, owner: Owner, meta_id: u64) -> GetResult {
    owner
        .check()
        .and_then(|()| check_id("metadata", meta_id))
        .map(|()| client.get(&item_url(client, owner, meta_id)))
        .into()
}

/// Changes the value of one item of `owner` (`PUT …/metadata/{metaId}`, answered 200); the key
/// cannot change. The load balancer must be `ACTIVE` and stays `ACTIVE`.
pub fn update(
    client: &ServiceClient,
    owner: Owner,
    meta_id: u64,
    opts: &impl UpdateOptsBuilder,
) -> UpdateResult {
    let body = match owner
        .check()
        .and_then(|()| check_id("metadata", meta_id))
        .and_then(|()| opts.to_metadata_update_map())
    {
        Ok(body) => body,
        Err(e) => return UpdateResult::from(e),
    };
    UpdateResult::from(client.put(&item_url(client, owner, meta_id), &body))
}

/// Deletes one item of `owner` (`DELETE …/metadata/{metaId}`, answered 200).
pub fn delete(client: &ServiceClient, owner: Owner, meta_id: u64) -> DeleteResult {
    owner
        .check()
        .and_then(|()| check_id("metadata", meta_id))
        .map(|()| client.delete(&item_url(client, owner, meta_id)))
        .into()
}

/// Deletes several items of `owner` (`DELETE …/metadata?id=…`), at most 10 a request.
///
/// Each request is all or nothing. Metadata changes leave the load balancer `ACTIVE`, so the
/// requests follow each other with no wait. The outcome says which ids went through, which
/// failed and which were never sent.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_metadata::{AddOpts, Owner};
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let owner = Owner::LoadBalancer(2);
/// let opts = (0..12).fold(AddOpts::new(), |o, i| o.item(format!("k{i}"), "v"));
/// let ids: Vec<u64> = lb_metadata::add(&client, owner, &opts).extract()?.iter().map(|m| m.id()).collect();
/// let outcome = lb_metadata::bulk_delete(&client, owner, &ids); // two requests: 10, then 2
/// assert_eq!(outcome.done().len(), 12);
/// outcome.extract_err()?;
/// # Ok(())
/// # }
/// ```
pub fn bulk_delete(client: &ServiceClient, owner: Owner, meta_ids: &[u64]) -> BulkOutcome {
    let what = format!("delete metadata of {owner}");
    // A bad owner is refused before the first request: nothing is sent.
    let mut refused = owner.check().err();
    in_chunks(&what, "metadata", meta_ids, |_, chunk| {
        if let Some(e) = refused.take() {
            return Err(e);
        }
        let url = format!("{}{}", root_url(client, owner), id_query(chunk));
        client.delete(&url).extract_err()
    })
}
