//! Ids: the one check every id passes, and id lists in a query (`?id=1&id=2`).

use std::collections::BTreeSet;

use crate::error::Error;

/// The most ids one bulk request may carry: the service's `BATCH_DELETE_LIMIT` (see
/// `docs/api/conventions.md`). [`in_chunks`](crate::kit::in_chunks) splits longer lists.
pub const MAX_IDS_PER_REQUEST: usize = 10;

/// Refuses an id of zero, which the service never assigns; `what` names the id in the message
/// ("load balancer", "node", …).
///
/// # Errors
///
/// [`InvalidInput`](crate::ErrorKind::InvalidInput) for zero.
///
/// # Examples
///
/// ```
/// use rackcloud_core::kit::check_id;
///
/// assert!(check_id("node", 7).is_ok());
/// let e = check_id("node", 0).unwrap_err();
/// assert_eq!(e.to_string(), "invalid input: node id must be greater than zero (nothing was sent)");
/// ```
pub fn check_id(what: &str, id: u64) -> Result<(), Error> {
    if id == 0 {
        return Err(Error::invalid_input(format!(
            "{what} id must be greater than zero"
        )));
    }
    Ok(())
}

/// Checks the ids of a bulk operation: at least one, none zero, none twice.
///
/// # Errors
///
/// [`InvalidInput`](crate::ErrorKind::InvalidInput) naming the first problem.
///
/// # Examples
///
/// ```
/// use rackcloud_core::kit::check_ids;
///
/// assert!(check_ids("node", &[3, 1, 2]).is_ok());
/// assert!(check_ids("node", &[]).unwrap_err().to_string().contains("no node ids"));
/// assert!(check_ids("node", &[4, 5, 4]).unwrap_err().to_string().contains("node id 4 is given twice"));
/// ```
pub fn check_ids(what: &str, ids: &[u64]) -> Result<(), Error> {
    if ids.is_empty() {
        return Err(Error::invalid_input(format!(
            "no {what} ids were given; name at least one"
        )));
    }
    let mut seen = BTreeSet::new();
    for &id in ids {
        check_id(what, id)?;
        if !seen.insert(id) {
            return Err(Error::invalid_input(format!(
                "{what} id {id} is given twice"
            )));
        }
    }
    Ok(())
}

/// The query of a bulk request: `?id=1&id=2`, in the order given. Empty for no ids.
///
/// It does not check or chunk: see [`check_ids`] and [`in_chunks`](crate::kit::in_chunks).
///
/// # Examples
///
/// ```
/// assert_eq!(rackcloud_core::kit::id_query(&[4, 2]), "?id=4&id=2");
/// assert_eq!(rackcloud_core::kit::id_query(&[]), "");
/// ```
pub fn id_query(ids: &[u64]) -> String {
    let mut query = String::with_capacity(ids.len() * 8);
    for (i, id) in ids.iter().enumerate() {
        query.push(if i == 0 { '?' } else { '&' });
        query.push_str("id=");
        query.push_str(&id.to_string());
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_refused_with_its_name() {
        let e = check_id("load balancer", 0).unwrap_err();
        assert!(e.is_invalid_input());
        assert!(
            e.to_string()
                .contains("load balancer id must be greater than zero")
        );
        assert!(
            check_ids("item", &[1, 0])
                .unwrap_err()
                .to_string()
                .contains("item id must")
        );
    }

    #[test]
    fn a_query_repeats_the_parameter() {
        assert_eq!(id_query(&[1]), "?id=1");
        assert_eq!(id_query(&[1, 22, 333]), "?id=1&id=22&id=333");
    }
}
