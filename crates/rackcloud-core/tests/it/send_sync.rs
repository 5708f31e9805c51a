//! The clients and the error can be shared between threads.

use rackcloud_core::{ErrResult, Error, ProviderClient, RequestResult, ServiceClient};

fn shareable<T: Send + Sync + 'static>() {}
fn clonable<T: Clone>() {}

#[test]
fn clients_results_and_errors_are_send_and_sync() {
    shareable::<ProviderClient>();
    shareable::<ServiceClient>();
    shareable::<Error>();
    shareable::<RequestResult>();
    shareable::<ErrResult>();
    clonable::<ProviderClient>();
    clonable::<ServiceClient>();
}
