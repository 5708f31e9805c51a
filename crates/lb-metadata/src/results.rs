//! The metadata item type, the result wrappers with their `extract` methods, and the private wire
//! structs they decode.

use rackcloud_core::Error;
use rackcloud_core::kit::lenient;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

/// One metadata item: an id the server gave it, a key and a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Meta {
    id: u64,
    key: String,
    value: String,
}

impl Meta {
    /// The item's id, for [`get`](crate::get), [`update`](crate::update) and the deletes.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The value.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The same item with another value (what an update made of it).
    pub(crate) fn with_value(mut self, value: &str) -> Meta {
        value.clone_into(&mut self.value);
        self
    }
}

result_type! {
    /// The result of [`list`](crate::list).
    #[must_use = "call extract to read the metadata"]
    pub struct ListResult(RequestResult);
}

result_type! {
    /// The result of [`add`](crate::add): the added items with their ids, or the error (400 over
    /// the limit of 25, 404, 422 for a duplicate key or a load balancer that is not `ACTIVE`, …).
    #[must_use = "call extract to read the added items"]
    pub struct AddResult(RequestResult);
}

result_type! {
    /// The result of [`get`](crate::get).
    #[must_use = "call extract to read the item"]
    pub struct GetResult(RequestResult);
}

result_type! {
    /// The result of [`update`](crate::update).
    #[must_use = "call extract_err to learn whether the change was made"]
    pub struct UpdateResult(ErrResult);
}

result_type! {
    /// The result of [`delete`](crate::delete).
    #[must_use = "call extract_err to learn whether the change was made"]
    pub struct DeleteResult(ErrResult);
}

impl ListResult {
    /// The items, in the server's order.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"metadata":[…]}`.
    pub fn extract(self) -> Result<Vec<Meta>, Error> {
        let body: ListBody = self.0.extract_json()?;
        Ok(body.into_items())
    }
}

impl AddResult {
    /// The added items with the ids the server gave them.
    ///
    /// # Errors
    ///
    /// As [`ListResult::extract`].
    pub fn extract(self) -> Result<Vec<Meta>, Error> {
        let body: ListBody = self.0.extract_json()?;
        Ok(body.into_items())
    }
}

impl GetResult {
    /// The item.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"meta":{…}}`.
    pub fn extract(self) -> Result<Meta, Error> {
        let body: GetBody = self.0.extract_json()?;
        Ok(Meta::from(body.meta))
    }
}

/// What [`set`](crate::workflows::set) did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SetOutcome {
    /// The items added (keys that were missing), with their new ids.
    pub added: Vec<Meta>,
    /// The items whose value changed, with the new value.
    pub updated: Vec<Meta>,
    /// The items that already had the asked value.
    pub unchanged: Vec<Meta>,
}

impl SetOutcome {
    /// Whether nothing was sent but the list.
    pub fn changed_nothing(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty()
    }
}

/// What [`remove_keys`](crate::workflows::remove_keys) did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RemoveOutcome {
    /// The items deleted, as they were.
    pub removed: Vec<Meta>,
    /// The keys asked for that the owner did not have.
    pub missing: Vec<String>,
}

/// `{"metadata":[{"id":1,"key":"color","value":"red"}]}`.
#[derive(Deserialize)]
struct ListBody {
    metadata: Vec<MetaBody>,
}

impl ListBody {
    fn into_items(self) -> Vec<Meta> {
        self.metadata.into_iter().map(Meta::from).collect()
    }
}

/// `{"meta":{"id":1,"key":"color","value":"red"}}`.
#[derive(Deserialize)]
struct GetBody {
    meta: MetaBody,
}

#[derive(Deserialize)]
struct MetaBody {
    #[serde(deserialize_with = "lenient::id")]
    id: u64,
    key: String,
    value: String,
}

impl From<MetaBody> for Meta {
    fn from(body: MetaBody) -> Meta {
        Meta {
            id: body.id,
            key: body.key,
            value: body.value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_documented_bodies_decode() {
        let list: ListBody = serde_json::from_str(
            r#"{"metadata":[{"id":1,"key":"color","value":"red"},{"id":2,"key":"label","value":"web"}]}"#,
        )
        .expect("decodes");
        let items = list.into_items();
        assert_eq!(items.len(), 2);
        assert_eq!(
            (items[1].id(), items[1].key(), items[1].value()),
            (2, "label", "web")
        );
        let one: GetBody =
            serde_json::from_str(r#"{"meta":{"id":1,"key":"color","value":"red"}}"#).expect("one");
        assert_eq!(Meta::from(one.meta).with_value("blue").value(), "blue");
        assert!(serde_json::from_str::<ListBody>(r#"{"meta":[]}"#).is_err());
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<ListBody>(&body);
            let _ = serde_json::from_slice::<GetBody>(&body);
        }
    }
}
