//! The access list POST body: `{"accessList":[{"address":…,"type":…}]}` (the root key is
//! optional: a bare array is read the same way).

use std::net::Ipv6Addr;

use serde_json::Value;

use super::{BodyError, string};

/// The types an item may have; another string does not match the schema.
const TYPES: [&str; 2] = ["ALLOW", "DENY"];
/// The most items one request may give.
const MAX_ITEMS: usize = 100;

/// Parses the items to append, as `(address, type)`, with every validation message found.
///
/// Not the expected JSON: not JSON, neither an object with an `accessList` array nor an array,
/// an item that is not an object, or a field of the wrong JSON type.
pub(crate) fn access_list(body: &[u8]) -> Result<Vec<(String, String)>, BodyError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| BodyError::Schema)?;
    let items = match value {
        Value::Object(mut outer) => match outer.remove("accessList") {
            Some(Value::Array(items)) => items,
            _ => return Err(BodyError::Schema),
        },
        Value::Array(items) => items,
        _ => return Err(BodyError::Schema),
    };
    let mut messages = Vec::new();
    if items.is_empty() {
        messages.push("Must provide at least one network item to the access list.".to_owned());
    }
    if items.len() > MAX_ITEMS {
        messages.push(
            "Must not provide more than one hundred network items for the access list.".to_owned(),
        );
    }
    let parsed = network_items(&items, &mut messages)?;
    if messages.is_empty() {
        Ok(parsed)
    } else {
        Err(BodyError::Validation(messages))
    }
}

/// The items of a list (the append body, or the `accessList` of `POST /loadbalancers`), each
/// checked in the service's order; the messages of every item are added to `messages`, one
/// per item and rule, as the service repeats them.
pub(crate) fn network_items(
    items: &[Value],
    messages: &mut Vec<String>,
) -> Result<Vec<(String, String)>, BodyError> {
    let mut parsed = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(item) = item else {
            return Err(BodyError::Schema);
        };
        let address = string(item, "address")?;
        let kind = string(item, "type")?;
        let ip_version = string(item, "ipVersion")?;
        if kind.as_deref().is_some_and(|k| !TYPES.contains(&k))
            || ip_version
                .as_deref()
                .is_some_and(|v| !["IPV4", "IPV6"].contains(&v))
        {
            return Err(BodyError::Schema);
        }
        if item.get("id").is_some_and(|v| !v.is_null()) {
            messages.push("Network item id field cannot be modified.".into());
        }
        if kind.is_none() {
            messages.push("Must provide a valid type for the network item.".into());
        }
        match address.as_deref() {
            None => {}
            Some(a) if !is_address_or_subnet(a) => {
                messages.push("Network Address must be valid Ip Address".into());
            }
            Some("0.0.0.0") => {
                messages.push("Please specify a valid network item address.".into());
            }
            Some(_) => {}
        }
        if address.is_none() {
            messages.push("Must provide an address for the network item.".into());
        }
        if ip_version.is_some() {
            messages.push("The ip version field cannot be modified.".into());
        }
        if let (Some(address), Some(kind)) = (address, kind) {
            parsed.push((address, kind));
        }
    }
    Ok(parsed)
}

/// An IPv4 address as the service reads one: four dot-separated groups of one to three digits,
/// each at most 255 (leading zeros allowed).
pub(crate) fn is_ipv4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('.').collect();
    groups.len() == 4
        && groups.iter().all(|g| {
            (1..=3).contains(&g.len())
                && g.bytes().all(|b| b.is_ascii_digit())
                && g.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// An IPv6 address in one of its standard text forms (compressed, full, with an embedded IPv4).
pub(crate) fn is_ipv6(text: &str) -> bool {
    text.parse::<Ipv6Addr>().is_ok()
}

/// The service's address rule for access list items: an IPv4 or IPv6 address, or one followed
/// by `/prefix` (the text after the last `/`, a decimal number of at most 32 or 128; a sign is
/// allowed, as Java's integer parser allows it).
fn is_address_or_subnet(text: &str) -> bool {
    if is_ipv4(text) || is_ipv6(text) {
        return true;
    }
    let Some((ip, prefix)) = text.rsplit_once('/') else {
        return false;
    };
    let digits = prefix.strip_prefix(['+', '-']).unwrap_or(prefix);
    let Some(prefix) = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse::<u32>().ok())
        .flatten()
        .filter(|p| *p == 0 || !prefix.starts_with('-'))
    else {
        return false;
    };
    (is_ipv4(ip) && prefix <= 32) || (is_ipv6(ip) && prefix <= 128)
}

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;

    #[test]
    fn access_list_bodies() {
        assert_eq!(
            access_list(br#"{"accessList":[{"address":"0.0.0.0/0","type":"DENY"}]}"#),
            Ok(vec![("0.0.0.0/0".to_owned(), "DENY".to_owned())])
        );
        assert_eq!(
            access_list(br#"[{"address":"::/0","type":"ALLOW","id":null}]"#),
            Ok(vec![("::/0".to_owned(), "ALLOW".to_owned())])
        );
        for schema in [
            &b""[..],
            b"{}",
            b"null",
            br#"{"accessList":{}}"#,
            br#"[1]"#,
            br#"[{"address":1,"type":"DENY"}]"#,
            br#"[{"address":"10.0.0.1","type":"deny"}]"#,
        ] {
            assert_eq!(access_list(schema), Err(BodyError::Schema));
        }
        assert_eq!(
            messages(access_list(br#"{"accessList":[]}"#)),
            ["Must provide at least one network item to the access list."]
        );
        assert_eq!(
            messages(access_list(
                br#"[{"address":"192.0.2.0/33","type":"DENY","id":4},{"address":"0.0.0.0","ipVersion":"IPV4"}]"#
            )),
            [
                "Network item id field cannot be modified.",
                "Network Address must be valid Ip Address",
                "Must provide a valid type for the network item.",
                "Please specify a valid network item address.",
                "The ip version field cannot be modified.",
            ]
        );
    }

    #[test]
    fn address_rules() {
        for good in [
            "10.0.0.1",
            "010.000.0.1",
            "192.0.2.0/24",
            "0.0.0.0/0",
            "10.0.0.0/+8",
            "2001:db8::1",
            "::",
            "::/0",
            "2001:db8::/32",
            "::ffff:192.0.2.1",
        ] {
            assert!(is_address_or_subnet(good), "{good}");
        }
        for bad in [
            "",
            "x",
            "10.0.0",
            "10.0.0.256",
            "10.0.0.1/33",
            "10.0.0.1/",
            "10.0.0.1/a",
            "2001:db8::/129",
            "2001:db8:::1",
            "10.0.0.1/24/8",
        ] {
            assert!(!is_address_or_subnet(bad), "{bad}");
        }
    }
}
