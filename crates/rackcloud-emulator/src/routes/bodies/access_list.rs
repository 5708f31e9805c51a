//! The access list POST body: `{"accessList":[{"address":…,"type":…}]}` (the root key is
//! optional: a bare array is read the same way).

use std::net::IpAddr;

use serde_json::Value;

use super::{BodyError, string};

/// The types an item may have.
const TYPES: [&str; 2] = ["ALLOW", "DENY"];

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
    if items.is_empty() {
        return Err(BodyError::Validation(vec![
            "Must provide at least 1 network item to the access list.".to_owned(),
        ]));
    }
    let mut messages = Vec::new();
    let mut parsed = Vec::with_capacity(items.len());
    for item in &items {
        let Value::Object(item) = item else {
            return Err(BodyError::Schema);
        };
        if !matches!(item.get("id"), None | Some(Value::Null)) {
            push(&mut messages, "Must not include ID for the network item.");
        }
        let address = string(item, "address")?;
        match &address {
            None => push(
                &mut messages,
                "Must provide an address for the network item.",
            ),
            Some(a) if !is_address_or_cidr(a) => push(
                &mut messages,
                "Must provide a valid IPv4 or IPv6 address or CIDR block for the network item.",
            ),
            Some(_) => {}
        }
        let kind = string(item, "type")?;
        match &kind {
            None => push(&mut messages, "Must provide a type for the network item."),
            Some(k) if !TYPES.contains(&k.as_str()) => push(
                &mut messages,
                "Must provide a valid type (ALLOW or DENY) for the network item.",
            ),
            Some(_) => {}
        }
        if let (Some(address), Some(kind)) = (address, kind) {
            parsed.push((address, kind));
        }
    }
    if messages.is_empty() {
        Ok(parsed)
    } else {
        Err(BodyError::Validation(messages))
    }
}

/// Adds a message once.
fn push(messages: &mut Vec<String>, message: &str) {
    if !messages.iter().any(|m| m == message) {
        messages.push(message.to_owned());
    }
}

/// An IPv4 or IPv6 address, optionally with `/prefix` (0 to 32 or 128, digits only).
fn is_address_or_cidr(text: &str) -> bool {
    let (ip, prefix) = match text.split_once('/') {
        Some((ip, prefix)) => (ip, Some(prefix)),
        None => (text, None),
    };
    let Ok(ip) = ip.parse::<IpAddr>() else {
        return false;
    };
    let max: u32 = if ip.is_ipv4() { 32 } else { 128 };
    match prefix {
        None => true,
        Some(p) => {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|p| p <= max)
        }
    }
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
        ] {
            assert_eq!(access_list(schema), Err(BodyError::Schema));
        }
        assert_eq!(
            messages(access_list(br#"{"accessList":[]}"#)),
            ["Must provide at least 1 network item to the access list."]
        );
        assert_eq!(
            messages(access_list(
                br#"[{"address":"192.0.2.0/33","type":"deny","id":4},{"address":"x","type":"DENY"}]"#
            )),
            [
                "Must not include ID for the network item.",
                "Must provide a valid IPv4 or IPv6 address or CIDR block for the network item.",
                "Must provide a valid type (ALLOW or DENY) for the network item.",
            ]
        );
        assert_eq!(
            messages(access_list(br#"[{}]"#)),
            [
                "Must provide an address for the network item.",
                "Must provide a type for the network item.",
            ]
        );
    }
}
