//! The certificate mapping (SNI) operations.

use rackcloud_core::ServiceClient;
use rackcloud_core::kit::{ChangeTarget, check_id};

use crate::mapping_opts::{CreateMappingOptsBuilder, UpdateMappingOptsBuilder};
use crate::mapping_results::{
    CreateMappingResult, ListMappingsResult, MappingChangeResult, MappingResult,
};
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
) -> CreateMappingResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| opts.to_mapping_create_map())
        .map(|body| client.post(&mappings_url(client, lb_id, None), &body));
    CreateMappingResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Reads one certificate mapping with its certificate (`GET …/certificatemappings/{id}`).
pub fn get_mapping(client: &ServiceClient, lb_id: u64, mapping_id: u64) -> MappingResult {
    check_id("load balancer", lb_id)
        .and_then(|()| check_id("certificate mapping", mapping_id))
        .map(|()| client.get(&mappings_url(client, lb_id, Some(mapping_id))))
        .into()
}

/// Changes a certificate mapping (`PUT …/certificatemappings/{id}`, answered 202 without a body).
pub fn update_mapping(
    client: &ServiceClient,
    lb_id: u64,
    mapping_id: u64,
    opts: &impl UpdateMappingOptsBuilder,
) -> MappingChangeResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| check_id("certificate mapping", mapping_id))
        .and_then(|()| opts.to_mapping_update_map())
        .map(|body| client.put(&mappings_url(client, lb_id, Some(mapping_id)), &body));
    MappingChangeResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Removes a certificate mapping (`DELETE …/certificatemappings/{id}`, answered 202).
pub fn delete_mapping(client: &ServiceClient, lb_id: u64, mapping_id: u64) -> MappingChangeResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| check_id("certificate mapping", mapping_id))
        .map(|()| client.delete(&mappings_url(client, lb_id, Some(mapping_id))));
    MappingChangeResult::sent(ChangeTarget::new(client, lb_id), sent)
}
