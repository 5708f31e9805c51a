//! [`check_address`]: an IPv4 or IPv6 address, or a CIDR network, checked with the standard
//! library's parsers (`std::net::IpAddr`) and sent exactly as written.

use std::net::IpAddr;

use crate::Error;

/// The network an address or CIDR names: the address and its prefix length (32 or 128 for a
/// single address). Two items naming the same network are duplicates, however they are written
/// (`2001:DB8::1` and `2001:db8::1`, `192.0.2.7` and `192.0.2.7/32`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Network {
    address: IpAddr,
    prefix: u8,
}

/// Checks that `address` is an IPv4 or IPv6 address (`192.0.2.7`, `2001:db8::7`) or a CIDR
/// network (`192.0.2.0/24`, `2001:db8::/32`, `0.0.0.0/0`), as the server accepts them.
///
/// The text is never rewritten: what passes is sent exactly as given. Host bits after the
/// prefix (`192.0.2.7/24`) are allowed, as the server allows them.
///
/// # Errors
///
/// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error saying what is wrong:
/// empty, blanks around it, not an address, a prefix that is not a number from 0 to 32 (IPv4)
/// or 128 (IPv6).
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::check_address;
///
/// assert!(check_address("192.0.2.0/24").is_ok());
/// assert!(check_address("2001:db8::1").is_ok());
/// assert!(check_address("::/0").is_ok());
/// let e = check_address("192.0.2.0/33").unwrap_err();
/// assert!(e.is_invalid_input());
/// assert!(check_address("example.com").is_err());
/// ```
pub fn check_address(address: &str) -> Result<(), Error> {
    network(address).map(|_| ())
}

/// The network `address` names, or why it names none.
pub(super) fn network(address: &str) -> Result<Network, Error> {
    if address.is_empty() {
        return Err(Error::invalid_input(
            "an access list address is empty; give an IPv4 or IPv6 address or a CIDR network",
        ));
    }
    if address.trim() != address {
        return Err(Error::invalid_input(format!(
            "the access list address {address:?} has blanks around it; give the address alone"
        )));
    }
    if address == "0.0.0.0" {
        return Err(Error::invalid_input(
            "0.0.0.0 is not an address the service accepts in an access list; 0.0.0.0/0 \
             matches every IPv4 address",
        ));
    }
    let (ip, prefix) = match address.split_once('/') {
        Some((ip, prefix)) => (ip, Some(prefix)),
        None => (address, None),
    };
    let Ok(ip) = ip.parse::<IpAddr>() else {
        return Err(Error::invalid_input(format!(
            "{address:?} is not an IPv4 or IPv6 address or a CIDR network \
             (such as 192.0.2.7, 192.0.2.0/24 or 2001:db8::/32)"
        )));
    };
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        None => max,
        Some(text) => parse_prefix(text).filter(|p| *p <= max).ok_or_else(|| {
            Error::invalid_input(format!(
                "the prefix length of {address:?} must be a number from 0 to {max}"
            ))
        })?,
    };
    Ok(Network {
        address: ip,
        prefix,
    })
}

/// Decimal digits only (no sign, no blanks), at most three.
fn parse_prefix(text: &str) -> Option<u8> {
    if text.is_empty() || text.len() > 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn addresses_and_networks_of_both_families() {
        for ok in [
            "192.0.2.7",
            "0.0.0.0/0",
            "192.0.2.0/24",
            "192.0.2.7/32",
            "192.0.2.7/24",
            "2001:db8::7",
            "2001:DB8::/32",
            "::/0",
            "::1/128",
            "::ffff:192.0.2.7",
        ] {
            assert!(check_address(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            " 192.0.2.7",
            "192.0.2.7 ",
            "192.0.2",
            "192.0.2.256",
            "192.0.2.0/33",
            "192.0.2.0/",
            "192.0.2.0/-1",
            "192.0.2.0/+8",
            "192.0.2.0/0024",
            "2001:db8::/129",
            "2001:db8::/1a",
            "example.com",
            "192.0.2.0/24/8",
            "[2001:db8::1]",
            "0.0.0.0",
        ] {
            let e = check_address(bad).unwrap_err();
            assert!(e.is_invalid_input(), "{bad}");
        }
    }

    #[test]
    fn the_same_network_written_two_ways_is_one_network() {
        let n = |a: &str| network(a).expect("valid");
        assert_eq!(n("2001:DB8::1"), n("2001:db8::1"));
        assert_eq!(n("192.0.2.7"), n("192.0.2.7/32"));
        assert_ne!(n("192.0.2.0/24"), n("192.0.2.0/25"));
    }

    proptest! {
        #[test]
        fn every_ipv4_prefix_boundary(a in any::<u32>(), p in 0u8..=40) {
            let text = format!("{}/{p}", std::net::Ipv4Addr::from(a));
            prop_assert_eq!(check_address(&text).is_ok(), p <= 32);
        }

        #[test]
        fn any_text_is_checked_without_panicking(text in ".{0,48}") {
            let _ = check_address(&text);
        }
    }
}
