//! [`query_string`]: query parameters, percent-encoded, for any listing.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but the unreserved characters of RFC 3986 is encoded.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `?name=value&…` for the pairs given, in order, with every value percent-encoded; empty for
/// no pairs. Names are the API's own and are sent as written.
///
/// # Examples
///
/// ```
/// use rackcloud_core::kit::query_string;
///
/// assert_eq!(query_string(&[]), "");
/// let pairs = [("limit", "2".to_owned()), ("name", "web & api".to_owned())];
/// assert_eq!(query_string(&pairs), "?limit=2&name=web%20%26%20api");
/// ```
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let mut query = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        query.push(if i == 0 { '?' } else { '&' });
        query.push_str(name);
        query.push('=');
        query.extend(utf8_percent_encode(value, VALUE));
    }
    query
}
