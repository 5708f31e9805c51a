//! The checks every node passes before anything is sent, at creation (`lb_lbs`) or when added
//! (`lb_nodes`): address, port, weight, duplicates.

use std::collections::HashSet;
use std::net::IpAddr;

use crate::Error;

/// The most nodes a load balancer may have by default (`NODE_LIMIT`, see
/// `docs/api/conventions.md`), hence the most one node add (or a creation) may send. The
/// provider can raise an account's limit; a larger add then needs several calls.
pub const NODE_LIMIT: usize = 25;

/// The weights the service accepts.
pub const NODE_WEIGHTS: std::ops::RangeInclusive<u32> = 1..=100;

/// Refuses an address that is neither an IP address nor a host name, or is one the service
/// never accepts (`127.0.0.0/8`, `0.0.0.0`, `255.255.255.255`).
pub(super) fn check_address(address: &str) -> Result<(), Error> {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) if v4.is_loopback() || v4.is_unspecified() || v4.is_broadcast() => {
            Err(Error::invalid_input(format!(
                "node address {address} is not allowed: the service refuses 127.0.0.0/8, 0.0.0.0 \
                 and 255.255.255.255"
            )))
        }
        Ok(_) => Ok(()),
        Err(_) if is_host_name(address) => Ok(()),
        Err(_) => Err(Error::invalid_input(format!(
            "node address {address:?} is neither an IP address nor a host name"
        ))),
    }
}

/// Refuses port 0 (the service takes 1 to 65535).
///
/// # Errors
///
/// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error for port 0.
pub fn check_node_port(port: u16) -> Result<(), Error> {
    if port == 0 {
        return Err(Error::invalid_input("node port must be 1 to 65535, not 0"));
    }
    Ok(())
}

/// Refuses a weight outside 1 to 100.
///
/// # Errors
///
/// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error naming the weight.
pub fn check_node_weight(weight: u32) -> Result<(), Error> {
    if !NODE_WEIGHTS.contains(&weight) {
        return Err(Error::invalid_input(format!(
            "node weight must be 1 to 100, not {weight}"
        )));
    }
    Ok(())
}

/// Refuses a second node with the same address and port (addresses compared as
/// [`node_address_key`] writes them).
///
/// # Errors
///
/// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error naming the node given twice.
pub fn check_unique_nodes<'a>(
    nodes: impl IntoIterator<Item = (&'a str, u16)>,
) -> Result<(), Error> {
    let mut seen = HashSet::new();
    for (address, port) in nodes {
        if !seen.insert((node_address_key(address), port)) {
            return Err(Error::invalid_input(format!(
                "node {address}:{port} is given twice"
            )));
        }
    }
    Ok(())
}

/// An address as compared: IP addresses in canonical form, host names in lower case.
pub fn node_address_key(address: &str) -> String {
    match address.parse::<IpAddr>() {
        Ok(ip) => ip.to_string(),
        Err(_) => address.trim_end_matches('.').to_ascii_lowercase(),
    }
}

/// A host name of RFC 1123 labels: letters, digits and inner hyphens, 1 to 63 characters each,
/// at most 253 in all, not all digits (that would be a malformed IPv4 address).
fn is_host_name(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && !name.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_on_both_sides_of_each_rule() {
        for ok in [
            "10.0.0.1",
            "126.255.255.255",
            "128.0.0.1",
            "0.0.0.1",
            "255.255.255.254",
            "2001:db8::1",
            "web-1.example.com",
            "example.com.",
            &"a".repeat(63),
        ] {
            assert!(check_address(ok).is_ok(), "{ok}");
        }
        for bad in [
            "127.0.0.1",
            "127.255.255.255",
            "0.0.0.0",
            "255.255.255.255",
            "",
            "-web.example.com",
            "web-.example.com",
            "web_1",
            "10.0.0",
            "a..b",
            &"a".repeat(64),
        ] {
            assert!(check_address(bad).unwrap_err().is_invalid_input(), "{bad}");
        }
    }

    #[test]
    fn ports_weights_and_duplicates() {
        assert!(check_node_port(0).is_err());
        assert!(check_node_port(1).is_ok() && check_node_port(65535).is_ok());
        assert!(check_node_weight(0).is_err() && check_node_weight(101).is_err());
        assert!(check_node_weight(1).is_ok() && check_node_weight(100).is_ok());
        assert!(check_unique_nodes([("10.0.0.1", 80), ("10.0.0.1", 81)]).is_ok());
        assert!(check_unique_nodes([("Web.example.com", 80), ("web.example.com", 80)]).is_err());
        assert!(check_unique_nodes([("2001:db8::1", 80), ("2001:DB8:0::1", 80)]).is_err());
    }
}
