//! Helpers that combine calls: [`set`] (add or update by key) and [`remove_keys`] (delete by
//! key).

use std::collections::BTreeSet;

use rackcloud_core::Error;
use rackcloud_core::ServiceClient;

use crate::owner::Owner;
use crate::requests::{add, bulk_delete, list, update};
use crate::results::{Meta, RemoveOutcome, SetOutcome};
use crate::{AddOpts, UpdateOpts};
use rackcloud_core::model::check_metadata_key;

/// Makes `owner`'s metadata hold every pair of `desired`: adds the keys that are missing (one
/// request for all of them), updates those whose value differs (one request each), and leaves
/// the rest, and any key not named, alone.
///
/// The pairs are checked first, as [`AddOpts::check`] does. The adds go first, all or nothing;
/// an update that fails after them leaves the adds and the earlier updates made.
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) before anything is sent; the error
/// of the list, the add or the first update that fails.
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
/// let first = lb_metadata::workflows::set(&client, owner, &AddOpts::new().item("env", "prod"))?;
/// assert_eq!(first.added.len(), 1);
///
/// let again = lb_metadata::workflows::set(&client, owner, &AddOpts::new().item("env", "staging").item("team", "web"))?;
/// assert_eq!(again.updated[0].value(), "staging");
/// assert_eq!(again.added[0].key(), "team");
/// # Ok(())
/// # }
/// ```
pub fn set(client: &ServiceClient, owner: Owner, desired: &AddOpts) -> Result<SetOutcome, Error> {
    owner.check()?;
    desired.check()?;
    let existing = list(client, owner).extract()?;
    let mut outcome = SetOutcome::default();
    let mut to_add = AddOpts::new();
    let mut to_update = Vec::new();
    for (key, value) in desired.items() {
        match existing.iter().find(|m| m.key() == key) {
            None => to_add = to_add.item(key.as_str(), value.as_str()),
            Some(meta) if meta.value() == value => outcome.unchanged.push(meta.clone()),
            Some(meta) => to_update.push(meta.clone().with_value(value)),
        }
    }
    if !to_add.items().is_empty() {
        outcome.added = add(client, owner, &to_add).extract()?;
    }
    for meta in to_update {
        update(client, owner, meta.id(), &UpdateOpts::new(meta.value())).extract_err()?;
        outcome.updated.push(meta);
    }
    Ok(outcome)
}

/// Deletes the items of `owner` with these keys: one list, then [`bulk_delete`] of their ids.
/// Keys the owner does not have are reported in [`RemoveOutcome::missing`], not as an error.
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) for no keys, a blank key or a key
/// given twice (nothing is sent); the error of the list, or of the bulk delete (with a note of
/// the ids that went through).
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
/// let owner = Owner::LoadBalancer(3);
/// lb_metadata::workflows::set(&client, owner, &AddOpts::new().item("a", "1").item("b", "2"))?;
/// let outcome = lb_metadata::workflows::remove_keys(&client, owner, &["a", "zzz"])?;
/// assert_eq!(outcome.removed[0].key(), "a");
/// assert_eq!(outcome.missing, ["zzz"]);
/// # Ok(())
/// # }
/// ```
pub fn remove_keys(
    client: &ServiceClient,
    owner: Owner,
    keys: &[&str],
) -> Result<RemoveOutcome, Error> {
    owner.check()?;
    if keys.is_empty() {
        return Err(Error::invalid_input(
            "no metadata keys were given; name at least one",
        ));
    }
    let mut seen = BTreeSet::new();
    for key in keys {
        check_metadata_key(key)?;
        if !seen.insert(*key) {
            return Err(Error::invalid_input(format!(
                "metadata key {key:?} is given twice"
            )));
        }
    }
    let existing = list(client, owner).extract()?;
    let mut outcome = RemoveOutcome::default();
    for key in keys {
        match existing.iter().find(|m| m.key() == *key) {
            Some(meta) => outcome.removed.push(meta.clone()),
            None => outcome.missing.push((*key).to_owned()),
        }
    }
    if !outcome.removed.is_empty() {
        let ids: Vec<u64> = outcome.removed.iter().map(Meta::id).collect();
        bulk_delete(client, owner, &ids).extract_err()?;
    }
    Ok(outcome)
}
