//! The id list of a bulk delete (`?id=1&id=2`): the checks every bulk delete makes before it
//! looks anything up (docs/api/conventions.md, "Bulk operations").

use super::live::require;
use crate::error_replies;
use crate::http::Reply;

pub(crate) use crate::absolute_limits::BATCH_DELETE_LIMIT;

/// The ids of `query`, in order, once each; `noun` names them in the over-limit message
/// ("virtual ips", "metadata items"). Other parameters are ignored.
///
/// No id → 400 `Must supply one or more id's to process this request.`; an id that is not a
/// whole number → 400 `Ids must be whole numbers.`; more than [`BATCH_DELETE_LIMIT`] → 400
/// `Request to delete <n> <noun> exceeds the account limit BATCH_DELETE_LIMIT of 10, please
/// attempt to delete fewer than 10.`
pub(crate) fn parse(query: Option<&str>, noun: &str) -> Result<Vec<u64>, Reply> {
    let mut ids = Vec::new();
    for pair in query.unwrap_or("").split('&') {
        let Some(value) = pair.strip_prefix("id=") else {
            continue;
        };
        let Ok(id) = value.parse::<u64>() else {
            return Err(error_replies::flat(400, "Ids must be whole numbers."));
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    require(!ids.is_empty(), 400, NO_IDS)?;
    if ids.len() > BATCH_DELETE_LIMIT {
        return Err(error_replies::flat(
            400,
            &format!(
                "Request to delete {} {noun} exceeds the account limit BATCH_DELETE_LIMIT of \
                 {BATCH_DELETE_LIMIT}, please attempt to delete fewer than {BATCH_DELETE_LIMIT}.",
                ids.len()
            ),
        ));
    }
    Ok(ids)
}

/// The 400 of a bulk request that names no id.
pub(crate) const NO_IDS: &str = "Must supply one or more id's to process this request.";

/// The limit of the load balancer and access list bulk deletes, in their words: 400 for more
/// than [`BATCH_DELETE_LIMIT`] ids.
pub(crate) fn within_limit(count: usize) -> Result<(), Reply> {
    require(
        count <= BATCH_DELETE_LIMIT,
        400,
        &format!(
            "Currently, the limit of accepted parameters is: {BATCH_DELETE_LIMIT} :please review your request and try again."
        ),
    )
}

/// `1,2,3`: ids as the service lists them in a message.
pub(crate) fn joined(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
}

/// `<What> ids 1,2 are not a part of your <whose>`, naming the ids `known` refuses in the order
/// given; `None` when it knows every one.
pub(crate) fn foreign(
    ids: &[u64],
    known: impl Fn(u64) -> bool,
    what: &str,
    whose: &str,
) -> Option<String> {
    let foreign: Vec<u64> = ids.iter().copied().filter(|id| !known(*id)).collect();
    (!foreign.is_empty()).then(|| {
        format!(
            "{what} ids {} are not a part of your {whose}",
            joined(&foreign)
        )
    })
}

/// [`foreign`] as a check: 400 in the validation shape with its message.
pub(crate) fn all_known(
    ids: &[u64],
    known: impl Fn(u64) -> bool,
    what: &str,
    whose: &str,
) -> Result<(), Reply> {
    match foreign(ids, known, what, whose) {
        Some(message) => Err(error_replies::validation(vec![message])),
        None => Ok(()),
    }
}
