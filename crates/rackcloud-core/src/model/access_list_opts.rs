//! [`AppendOpts`] and [`AppendItem`]: access list items to add, checked before sending; one
//! type for items appended to a list (`POST …/accesslist`) and for a list given at creation.

use std::collections::BTreeMap;

use crate::Error;
use serde_json::{Value, json};

use super::address::network;
use super::rule_type::RuleType;

/// The most items an access list may hold, all requests together (the service's
/// `ACCESS_LIST_LIMIT`, see docs/api/access-lists.md). One request with more is refused before
/// sending; a request that would take the list past it is refused by the server with a 400
/// ([`Error::is_size_limit`](crate::Error::is_size_limit)).
pub const MAX_ITEMS: usize = 100;

/// One item to add: an address or CIDR network and what to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendItem {
    address: String,
    rule_type: RuleType,
}

impl AppendItem {
    /// An item of any type; the address is checked when the body is built.
    pub fn new(address: impl Into<String>, rule_type: RuleType) -> AppendItem {
        AppendItem {
            address: address.into(),
            rule_type,
        }
    }

    /// An `ALLOW` item.
    pub fn allow(address: impl Into<String>) -> AppendItem {
        AppendItem::new(address, RuleType::Allow)
    }

    /// A `DENY` item.
    pub fn deny(address: impl Into<String>) -> AppendItem {
        AppendItem::new(address, RuleType::Deny)
    }

    /// The address or network, exactly as given.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// What the item does.
    pub fn rule_type(&self) -> &RuleType {
        &self.rule_type
    }
}

/// Access list items to add, in order.
///
/// Checked when the body is built, before anything is sent: at least one item and at most
/// [`MAX_ITEMS`]; every address an IPv4 or IPv6 address or CIDR network
/// ([`check_address`](super::check_address)); no network twice (however it is written); no
/// empty type. Addresses are sent exactly as written.
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::AppendOpts;
/// use serde_json::{Value, json};
///
/// // An allow-list: deny everyone, then allow one office network.
/// let opts = AppendOpts::new().deny("0.0.0.0/0").allow("192.0.2.0/24");
/// assert_eq!(Value::Array(opts.to_items()?), json!([
///     {"address": "0.0.0.0/0", "type": "DENY"},
///     {"address": "192.0.2.0/24", "type": "ALLOW"},
/// ]));
///
/// assert!(AppendOpts::new().to_items().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct AppendOpts {
    items: Vec<AppendItem>,
}

impl AppendOpts {
    /// No items yet (an empty list is refused when sent).
    pub fn new() -> AppendOpts {
        AppendOpts::default()
    }

    /// Adds an item.
    pub fn item(mut self, item: AppendItem) -> AppendOpts {
        self.items.push(item);
        self
    }

    /// Adds an `ALLOW` item.
    pub fn allow(self, address: impl Into<String>) -> AppendOpts {
        self.item(AppendItem::allow(address))
    }

    /// Adds a `DENY` item.
    pub fn deny(self, address: impl Into<String>) -> AppendOpts {
        self.item(AppendItem::deny(address))
    }

    /// The items, in order.
    pub fn items(&self) -> &[AppendItem] {
        &self.items
    }
}

impl FromIterator<AppendItem> for AppendOpts {
    fn from_iter<I: IntoIterator<Item = AppendItem>>(iter: I) -> AppendOpts {
        AppendOpts {
            items: iter.into_iter().collect(),
        }
    }
}

impl AppendOpts {
    /// The items, checked: the array of `{"accessList": …}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error for no item, more than
    /// [`MAX_ITEMS`], an address that is not an address or network, or a network given twice.
    pub fn to_items(&self) -> Result<Vec<Value>, Error> {
        if self.items.is_empty() {
            return Err(Error::invalid_input(
                "no access list items were given; add at least one",
            ));
        }
        if self.items.len() > MAX_ITEMS {
            return Err(Error::invalid_input(format!(
                "{} access list items were given; an access list holds at most {MAX_ITEMS}",
                self.items.len()
            )));
        }
        let mut seen = BTreeMap::new();
        let mut list = Vec::with_capacity(self.items.len());
        for item in &self.items {
            let net = network(&item.address)?;
            if let Some(first) = seen.insert(net, item.address.as_str()) {
                return Err(Error::invalid_input(format!(
                    "the access list address {:?} is given twice (as {first:?} too); \
                     give each address once",
                    item.address
                )));
            }
            let name = item.rule_type.as_str();
            if name.trim().is_empty() {
                return Err(Error::invalid_input(
                    "an access list item type is empty; use ALLOW or DENY",
                ));
            }
            list.push(json!({"address": item.address, "type": name}));
        }
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(opts: &AppendOpts) -> Result<(), Error> {
        opts.to_items().map(|_| ())
    }

    #[test]
    fn the_item_count_is_one_to_one_hundred() {
        let many = |n: usize| {
            (0..n)
                .map(|i| AppendItem::deny(format!("10.0.{}.{}", i / 250, i % 250)))
                .collect::<AppendOpts>()
        };
        assert!(check(&many(0)).unwrap_err().is_invalid_input());
        assert!(check(&many(1)).is_ok());
        assert!(check(&many(MAX_ITEMS)).is_ok());
        let e = check(&many(MAX_ITEMS + 1)).unwrap_err();
        assert!(e.to_string().contains("101 access list items"), "{e}");
    }

    #[test]
    fn duplicates_are_found_however_they_are_written() {
        let e = check(&AppendOpts::new().allow("2001:db8::1").deny("2001:DB8::1")).unwrap_err();
        assert!(e.to_string().contains("is given twice"), "{e}");
        assert!(check(&AppendOpts::new().allow("192.0.2.7").deny("192.0.2.7/32")).is_err());
        assert!(check(&AppendOpts::new().allow("192.0.2.0/24").deny("192.0.2.0/25")).is_ok());
    }

    #[test]
    fn addresses_are_sent_as_written_and_types_must_not_be_empty() {
        let body = AppendOpts::new()
            .allow("2001:DB8::/32")
            .to_items()
            .expect("valid");
        assert_eq!(body[0]["address"], "2001:DB8::/32");
        let empty =
            AppendOpts::new().item(AppendItem::new("192.0.2.7", RuleType::Other(" ".into())));
        assert!(check(&empty).unwrap_err().is_invalid_input());
        let future = AppendOpts::new().item(AppendItem::new("192.0.2.7", RuleType::from("LOG")));
        assert!(check(&future).is_ok());
    }
}
