//! The result wrappers of list, get, create, update and delete, with their `extract` methods.

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

use crate::lb_wire::{LoadBalancerBody, read_one};
use crate::load_balancer::LoadBalancer;

result_type! {
    /// The result of [`list`](crate::list): one page.
    #[must_use = "call extract to read the page"]
    pub struct ListResult(RequestResult);
}

result_type! {
    /// The result of [`get`](crate::get).
    #[must_use = "call extract to read the load balancer"]
    pub struct GetResult(RequestResult);
}

result_type! {
    /// The result of [`create`](crate::create).
    #[must_use = "call extract to read the new load balancer"]
    pub struct CreateResult(RequestResult) sent(crate::wait::until_created) -> LoadBalancer;
}

result_type! {
    /// The result of [`update`](crate::update): accepted (202; the load balancer is
    /// `PENDING_UPDATE` until the change is applied), or the error (invalid input, 400, 404,
    /// 410, 422 [`Immutable`](rackcloud_core::ErrorKind::Immutable) unless `ACTIVE`).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct UpdateResult(ErrResult) sent;
}

result_type! {
    /// The result of [`delete`](crate::delete): accepted (202; `PENDING_DELETE`, then
    /// `DELETED`), or the error (404, 410 when already deleted, 422
    /// [`Immutable`](rackcloud_core::ErrorKind::Immutable) unless `ACTIVE` or `ERROR`).
    #[must_use = "call extract_err to learn whether the deletion was accepted"]
    pub struct DeleteResult(ErrResult) sent;
}

impl ListResult {
    /// The load balancers of the page, by id; empty after the last page.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"loadBalancers":[…]}`.
    pub fn extract(self) -> Result<Vec<LoadBalancer>, Error> {
        let body: ListBody = self.0.extract_json()?;
        Ok(body.load_balancers.into_iter().map(Into::into).collect())
    }
}

impl GetResult {
    /// The load balancer.
    ///
    /// # Errors
    ///
    /// The request's error (404 [`NotFound`](rackcloud_core::ErrorKind::NotFound), …), or a
    /// [`Decode`](rackcloud_core::ErrorKind::Decode) error when the body is not
    /// `{"loadBalancer":{…}}`.
    pub fn extract(self) -> Result<LoadBalancer, Error> {
        read_one(self.0)
    }
}

impl CreateResult {
    /// The new load balancer, in `BUILD` until it is ready.
    ///
    /// # Errors
    ///
    /// The request's error (invalid input, 400 validation, 413 over an absolute limit, …), or a
    /// [`Decode`](rackcloud_core::ErrorKind::Decode) error when the body is not
    /// `{"loadBalancer":{…}}`.
    pub fn extract(self) -> Result<LoadBalancer, Error> {
        read_one(self.0)
    }
}

/// `{"loadBalancers":[…]}`.
#[derive(Deserialize)]
pub(crate) struct ListBody {
    #[serde(rename = "loadBalancers")]
    pub(crate) load_balancers: Vec<LoadBalancerBody>,
}
