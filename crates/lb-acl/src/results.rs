//! The types the operations return, and the result wrappers with their `extract` methods.

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

use rackcloud_core::model::RuleType;

/// One item of an access list, as the server holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkItem {
    id: u64,
    address: String,
    rule_type: RuleType,
}

impl NetworkItem {
    /// An item with these fields (for tests and for callers' own types).
    pub fn new(id: u64, address: impl Into<String>, rule_type: RuleType) -> NetworkItem {
        NetworkItem {
            id,
            address: address.into(),
            rule_type,
        }
    }

    /// The item's id: what [`delete`](crate::delete) and [`bulk_delete`](crate::bulk_delete)
    /// take.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The address or CIDR network, as the server returns it.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// What the item does.
    pub fn rule_type(&self) -> &RuleType {
        &self.rule_type
    }
}

result_type! {
    /// The result of [`list`](crate::list).
    #[must_use = "call extract to read the access list"]
    pub struct ListResult(RequestResult);
}

result_type! {
    /// The result of [`append`](crate::append): accepted, or the error (400 for an invalid
    /// item, a duplicate or the 100-item limit, 404, 410, 422 while the load balancer is busy).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct AppendResult(ErrResult) sent;
}

result_type! {
    /// The result of [`delete`](crate::delete) and [`delete_all`](crate::delete_all).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct DeleteResult(ErrResult) sent;
}

impl ListResult {
    /// The items, in the server's order; empty when the list is empty.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"accessList":[…]}`.
    pub fn extract(self) -> Result<Vec<NetworkItem>, Error> {
        let body: ListBody = self.0.extract_json()?;
        Ok(body.access_list.into_iter().map(Into::into).collect())
    }
}

/// `{"accessList":[{"id":…,"address":…,"type":…}]}`.
#[derive(Deserialize)]
struct ListBody {
    #[serde(rename = "accessList")]
    access_list: Vec<ItemBody>,
}

#[derive(Deserialize)]
struct ItemBody {
    #[serde(deserialize_with = "rackcloud_core::kit::lenient::id")]
    id: u64,
    address: String,
    #[serde(rename = "type")]
    rule_type: RuleType,
}

impl From<ItemBody> for NetworkItem {
    fn from(item: ItemBody) -> NetworkItem {
        NetworkItem::new(item.id, item.address, item.rule_type)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(body: &str) -> Option<Vec<NetworkItem>> {
        serde_json::from_str::<ListBody>(body)
            .ok()
            .map(|b| b.access_list.into_iter().map(Into::into).collect())
    }

    #[test]
    fn lists_of_known_and_unknown_types() {
        assert_eq!(
            parse(
                r#"{"accessList":[{"id":21,"address":"206.160.163.21","type":"DENY"},{"id":22,"address":"::/0","type":"LOG"}]}"#
            ),
            Some(vec![
                NetworkItem::new(21, "206.160.163.21", RuleType::Deny),
                NetworkItem::new(22, "::/0", RuleType::Other("LOG".into())),
            ])
        );
        assert_eq!(parse(r#"{"accessList":[]}"#), Some(vec![]));
        assert_eq!(parse("{}"), None);
        assert_eq!(
            parse(r#"{"accessList":[{"id":"x","address":"a","type":"DENY"}]}"#),
            None
        );
        // An id written as a string (docs/api/conventions.md).
        assert_eq!(
            parse(r#"{"accessList":[{"id":"21","address":"192.0.2.1","type":"ALLOW"}]}"#),
            Some(vec![NetworkItem::new(21, "192.0.2.1", RuleType::Allow)])
        );
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<ListBody>(&body);
        }
    }
}
