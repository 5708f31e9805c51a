//! The data plane's control endpoints: where a load balancer's listener is, and the backend
//! mapping (`/_emulator/backends`). docs/emulator-control-api.md describes them.

use std::net::SocketAddr;
use std::sync::Arc;

use serde_json::{Value, json};

use super::json as control_json;
use super::lb_id;
use crate::data_plane::{self, NoListener};
use crate::error_replies;
use crate::http::Reply;
use crate::state::Shared;

/// The answer when the data plane is off.
const OFF: &str = "The data plane is off: start the emulator with EmulatorBuilder::data_plane(true) or rackcloud emulator --data-plane.";

/// `GET /_emulator/load-balancers/{region}/{tenant}/{id}/listener`. `shared` comes as the `Arc`
/// because a listener opened by this read keeps it (the data plane does not).
pub(super) fn listener(shared: &Arc<Shared>, region: &str, tenant: &str, id: &str) -> Reply {
    let Some(id) = lb_id(id) else {
        return error_replies::flat(400, "the load balancer id must be a decimal number");
    };
    if shared.data_plane.is_none() {
        return error_replies::flat(409, OFF);
    }
    let key = (region.to_ascii_uppercase(), tenant.to_owned(), id);
    match data_plane::listener(shared, &key) {
        Ok(l) => Reply::json(
            200,
            json!({"listener": {
                "address": l.address.to_string(),
                "port": l.port,
                "securePort": l.secure_port,
            }}),
        ),
        Err(NoListener::NotFound) => error_replies::flat(
            404,
            &format!("No load balancer {id} in region {region} for tenant {tenant}."),
        ),
        Err(NoListener::NotCarried(protocol)) => error_replies::flat(
            409,
            &format!(
                "Load balancer {id} uses {protocol}: the data plane does not carry UDP, UDP_STREAM or DNS_UDP."
            ),
        ),
    }
}

/// `GET /_emulator/backends`.
pub(super) fn backends(shared: &Shared) -> Reply {
    match &shared.data_plane {
        Some(plane) => Reply::json(200, plane.backends.json()),
        None => error_replies::flat(409, OFF),
    }
}

/// `POST /_emulator/backends` with `{"backend":{"address":…,"port":…,"target":"IP:PORT"}}`.
pub(super) fn add_backend(shared: &Shared, body: &[u8]) -> Reply {
    let Some(plane) = &shared.data_plane else {
        return error_replies::flat(409, OFF);
    };
    let parsed = parse(body);
    let (address, port, target) = match parsed {
        Ok(parsed) => parsed,
        Err(message) => return error_replies::flat(400, &message),
    };
    if !plane.backends.insert(&address, port, target) {
        return error_replies::flat(
            413,
            &format!(
                "Too many backends: at most {}; delete some with DELETE /_emulator/backends.",
                data_plane::MAX_BACKENDS
            ),
        );
    }
    Reply::json(
        201,
        json!({"backend": data_plane::backend_json(&address, port, target)}),
    )
}

/// `DELETE /_emulator/backends`: forget every mapping.
pub(super) fn clear_backends(shared: &Shared) -> Reply {
    match &shared.data_plane {
        Some(plane) => {
            plane.backends.clear();
            Reply::empty(204)
        }
        None => error_replies::flat(409, OFF),
    }
}

/// `DELETE /_emulator/backends/{address}/{port}`: forget one mapping.
pub(super) fn remove_backend(shared: &Shared, address: &str, port: &str) -> Reply {
    let Some(plane) = &shared.data_plane else {
        return error_replies::flat(409, OFF);
    };
    let Ok(port) = port.parse::<u16>() else {
        return error_replies::flat(400, "the port must be a number from 1 to 65535");
    };
    if plane.backends.remove(address, port) {
        Reply::empty(204)
    } else {
        error_replies::flat(
            404,
            &format!("No backend is mapped for {address} port {port}."),
        )
    }
}

fn parse(body: &[u8]) -> Result<(String, u16, SocketAddr), String> {
    let root = control_json::object(body, &["backend"])?;
    let Some(Value::Object(item)) = root.get("backend") else {
        return Err("'backend' is required: an object with address, port and target".to_owned());
    };
    let item = control_json::object(
        &serde_json::to_vec(item).unwrap_or_default(),
        &["address", "port", "target"],
    )?;
    let address = control_json::optional_string(&item, "address")?
        .filter(|a| !a.trim().is_empty())
        .ok_or("'backend.address' is required: the node address, such as \"10.0.9.1\"")?;
    let port = control_json::optional_u64(&item, "port")?
        .and_then(|p| u16::try_from(p).ok())
        .filter(|p| *p > 0)
        .ok_or("'backend.port' is required: the node port, from 1 to 65535")?;
    let target = control_json::optional_string(&item, "target")?.ok_or(
        "'backend.target' is required: where the server really is, such as \"127.0.0.1:41234\"",
    )?;
    let target: SocketAddr = target
        .parse()
        .map_err(|_| format!("'backend.target' must be an IP address and port, such as \"127.0.0.1:41234\" (got {target:?})"))?;
    Ok((address.trim().to_owned(), port, target))
}
