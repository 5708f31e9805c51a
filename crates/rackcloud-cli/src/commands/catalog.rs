//! `rackcloud catalog`: the services, regions and endpoints of the token.

use crate::auth::Connect;
use crate::failure::{Failure, Operation};
use crate::output::{CatalogReport, Output};

/// Authenticates and prints the catalog, and which endpoint the load balancer commands would use.
pub(crate) fn run(connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::new("list the service catalog").run(|| {
        let provider = connect.provider()?;
        let lb_endpoint = connect
            .lb_client_for(&provider)
            .map(|client| client.endpoint().to_owned())
            .map_err(|e| e.to_string());
        let report = CatalogReport {
            tenant_id: provider.tenant_id(),
            default_region: provider.default_region(),
            catalog: provider.catalog(),
            lb_endpoint,
        };
        Ok(out.report(&report)?)
    })
}
