//! The access list by source address (docs/api/access-lists.md): `ALLOW` beats `DENY`; an
//! address no item names is allowed.

use std::net::IpAddr;

/// Whether a client from `source` may connect, by the items (address or network, `true` for
/// `ALLOW`).
pub(crate) fn allowed(items: &[(String, bool)], source: IpAddr) -> bool {
    let source = canonical(source);
    if items
        .iter()
        .any(|(net, allow)| *allow && contains(net, source))
    {
        return true;
    }
    !items
        .iter()
        .any(|(net, allow)| !*allow && contains(net, source))
}

/// An IPv4-mapped IPv6 address as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Whether an address or CIDR network (as the API stores it) contains `ip`.
pub(crate) fn contains(network: &str, ip: IpAddr) -> bool {
    let (address, prefix) = match network.rsplit_once('/') {
        Some((a, p)) => (a, p.parse::<u32>().ok()),
        None => (network, None),
    };
    let Some(address) = parse_ip(address) else {
        return false;
    };
    match (address, ip) {
        (IpAddr::V4(net), IpAddr::V4(ip)) => {
            let bits = prefix.unwrap_or(32).min(32);
            let mask = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits)
            };
            u32::from(net) & mask == u32::from(ip) & mask
        }
        (IpAddr::V6(net), IpAddr::V6(ip)) => {
            let bits = prefix.unwrap_or(128).min(128);
            let mask = if bits == 0 {
                0
            } else {
                u128::MAX << (128 - bits)
            };
            u128::from(net) & mask == u128::from(ip) & mask
        }
        _ => false,
    }
}

/// An IP address as the API accepts it (IPv4 groups may have leading zeros).
fn parse_ip(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    let groups: Vec<u8> = text
        .split('.')
        .map(|g| g.parse::<u8>().ok())
        .collect::<Option<Vec<u8>>>()?;
    let [a, b, c, d] = groups.as_slice() else {
        return None;
    };
    Some(IpAddr::from([*a, *b, *c, *d]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn allow_beats_deny_and_networks_match() {
        let list = vec![
            ("0.0.0.0/0".to_owned(), false),
            ("127.0.0.2".to_owned(), true),
        ];
        assert!(allowed(&list, ip("127.0.0.2")));
        assert!(!allowed(&list, ip("127.0.0.3")));
        assert!(allowed(&[], ip("127.0.0.3")));
        assert!(contains("127.000.000.0/24", ip("127.0.0.9")));
        assert!(!contains("127.0.1.0/24", ip("127.0.0.9")));
        assert!(contains("2001:db8::/32", ip("2001:db8::1")));
        assert!(allowed(
            &[("127.0.0.3".into(), false)],
            ip("::ffff:127.0.0.4")
        ));
        assert!(!allowed(
            &[("127.0.0.3".into(), false)],
            ip("::ffff:127.0.0.3")
        ));
    }
}
