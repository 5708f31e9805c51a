//! The certificate mapping (SNI) operations and their waits.

use rackcloud_core::kit::check_id;
use rackcloud_core::{Error, ServiceClient, WaitOpts, change_and_wait};

use crate::mapping_opts::{CreateMappingOptsBuilder, UpdateMappingOptsBuilder};
use crate::results::{CertificateMapping, ListMappingsResult, MappingChangeResult, MappingResult};
use crate::urls::mappings_url;

/// The most certificate mappings a load balancer may have by default (a 413 beyond).
pub const MAPPING_LIMIT: usize = 20;

/// The certificate mappings of load balancer `lb_id`, id and host name each
/// (`GET …/ssltermination/certificatemappings`).
pub fn list_mappings(client: &ServiceClient, lb_id: u64) -> ListMappingsResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&mappings_url(client, lb_id, None)))
        .into()
}

/// Adds a certificate mapping (`POST …/certificatemappings`, answered 202 with the mapping).
///
/// The load balancer needs SSL termination (404 otherwise); a host name already mapped is a
/// 422 and a mapping beyond the limit a 413 [`OverLimit`](rackcloud_core::ErrorKind::OverLimit).
pub fn create_mapping(
    client: &ServiceClient,
    lb_id: u64,
    opts: &impl CreateMappingOptsBuilder,
) -> MappingResult {
    check_id("load balancer", lb_id)
        .and_then(|()| opts.to_mapping_create_map())
        .map(|body| client.post(&mappings_url(client, lb_id, None), &body))
        .into()
}

/// Reads one certificate mapping with its certificate (`GET …/certificatemappings/{id}`).
pub fn get_mapping(client: &ServiceClient, lb_id: u64, mapping_id: u64) -> MappingResult {
    if let Err(e) =
        check_id("load balancer", lb_id).and_then(|()| check_id("certificate mapping", mapping_id))
    {
        return MappingResult::from(e);
    }
    MappingResult::from(client.get(&mappings_url(client, lb_id, Some(mapping_id))))
}

/// Changes a certificate mapping (`PUT …/certificatemappings/{id}`, answered 202 without a body).
pub fn update_mapping(
    client: &ServiceClient,
    lb_id: u64,
    mapping_id: u64,
    opts: &impl UpdateMappingOptsBuilder,
) -> MappingChangeResult {
    let body = match check_id("load balancer", lb_id)
        .and_then(|()| check_id("certificate mapping", mapping_id))
        .and_then(|()| opts.to_mapping_update_map())
    {
        Ok(body) => body,
        Err(e) => return MappingChangeResult::from(e),
    };
    MappingChangeResult::from(client.put(&mappings_url(client, lb_id, Some(mapping_id)), &body))
}

/// Removes a certificate mapping (`DELETE …/certificatemappings/{id}`, answered 202).
pub fn delete_mapping(client: &ServiceClient, lb_id: u64, mapping_id: u64) -> MappingChangeResult {
    if let Err(e) =
        check_id("load balancer", lb_id).and_then(|()| check_id("certificate mapping", mapping_id))
    {
        return MappingChangeResult::from(e);
    }
    MappingChangeResult::from(client.delete(&mappings_url(client, lb_id, Some(mapping_id))))
}

/// [`create_mapping`], then waits until the change is applied; returns the new mapping.
///
/// # Errors
///
/// The error of [`create_mapping`], or of the wait.
pub fn create_mapping_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    opts: &impl CreateMappingOptsBuilder,
    wait: &WaitOpts,
) -> Result<CertificateMapping, Error> {
    change_and_wait(client, lb_id, wait, |c, id| {
        create_mapping(c, id, opts).extract()
    })
}

/// [`update_mapping`], then waits until the change is applied.
///
/// # Errors
///
/// The error of [`update_mapping`], or of the wait.
pub fn update_mapping_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    mapping_id: u64,
    opts: &impl UpdateMappingOptsBuilder,
    wait: &WaitOpts,
) -> Result<(), Error> {
    change_and_wait(client, lb_id, wait, |c, id| {
        update_mapping(c, id, mapping_id, opts).extract_err()
    })
}

/// [`delete_mapping`], then waits until the change is applied.
///
/// # Errors
///
/// The error of [`delete_mapping`], or of the wait.
pub fn delete_mapping_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    mapping_id: u64,
    wait: &WaitOpts,
) -> Result<(), Error> {
    change_and_wait(client, lb_id, wait, |c, id| {
        delete_mapping(c, id, mapping_id).extract_err()
    })
}
