//! Bulk operations over many ids: [`in_chunks`] sends at most
//! [`MAX_IDS_PER_REQUEST`](crate::kit::MAX_IDS_PER_REQUEST) a request and reports, in a
//! [`BulkOutcome`], which ids went through.

use std::fmt;

use crate::change_target::ChangeTarget;
use crate::error::Error;
use crate::ids::{MAX_IDS_PER_REQUEST, check_ids};
use crate::wait_opts::WaitOpts;

/// What a bulk operation did with every id it was given: the ids of the requests that
/// succeeded, the ids of the request that failed and its error, and the ids never sent.
///
/// The service treats each request as all-or-nothing, so an id is either in
/// [`done`](Self::done), [`failed`](Self::failed) or [`not_attempted`](Self::not_attempted);
/// none is dropped.
#[derive(Debug)]
#[must_use = "call extract_err, or read done/failed/not_attempted, to learn what went through"]
pub struct BulkOutcome {
    what: String,
    done: Vec<u64>,
    failed: Vec<u64>,
    not_attempted: Vec<u64>,
    error: Option<Error>,
    targets: Vec<ChangeTarget>,
}

impl BulkOutcome {
    /// An outcome where nothing was sent: every id of `ids` was refused with `error` by a check
    /// of the caller's own before [`in_chunks`] (options that cannot make a valid request).
    pub fn refused(what: &str, ids: &[u64], error: Error) -> BulkOutcome {
        BulkOutcome {
            what: what.to_owned(),
            done: Vec::new(),
            failed: Vec::new(),
            not_attempted: ids.to_vec(),
            error: Some(error),
            targets: Vec::new(),
        }
    }

    /// The outcome of changes that `target` waits for: one load balancer whose parts changed
    /// ([`ChangeTarget::new`]), or, called once per id, load balancers deleted
    /// ([`ChangeTarget::deletion`]). A service crate's bulk operation returns its [`in_chunks`]
    /// outcome through it; an outcome with no target is of changes applied when answered
    /// (metadata), which [`and_wait`](Self::and_wait) does not wait for.
    pub fn sent_to(mut self, target: ChangeTarget) -> BulkOutcome {
        self.targets.push(target);
        self
    }

    /// [`extract_err`](Self::extract_err), then waits until every change is applied (each
    /// target `ACTIVE` again, or gone for a deletion).
    ///
    /// # Errors
    ///
    /// As [`extract_err`](Self::extract_err) (then nothing is awaited: the note says which ids
    /// went through), or the first wait's error.
    pub fn and_wait(mut self, wait: &WaitOpts) -> Result<(), Error> {
        let targets = std::mem::take(&mut self.targets);
        self.extract_err()?;
        targets
            .iter()
            .try_for_each(|target| target.wait_then(wait, ()))
    }

    /// The ids of every request the server accepted.
    pub fn done(&self) -> &[u64] {
        &self.done
    }

    /// The ids of the request that failed (at most [`MAX_IDS_PER_REQUEST`]); empty when none
    /// failed or the input was refused before sending.
    pub fn failed(&self) -> &[u64] {
        &self.failed
    }

    /// The ids that were never sent: after the failed request, or all of them when the input
    /// was refused.
    pub fn not_attempted(&self) -> &[u64] {
        &self.not_attempted
    }

    /// The error that stopped the operation.
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    /// Whether every id went through.
    pub fn is_complete(&self) -> bool {
        self.error.is_none()
    }

    /// Success when every id went through; otherwise the failed request's error (same kind and
    /// status), with a note saying which ids went through and which were not sent.
    ///
    /// # Errors
    ///
    /// The error of the request that failed, or the [`InvalidInput`](crate::ErrorKind::InvalidInput)
    /// error that refused the ids before anything was sent.
    pub fn extract_err(self) -> Result<(), Error> {
        match self.error {
            None => Ok(()),
            Some(e) if self.done.is_empty() && self.failed.is_empty() => Err(e),
            Some(e) => {
                let note = format!(
                    "{}: {} went through, {} failed, {} not sent",
                    self.what,
                    IdList(&self.done),
                    IdList(&self.failed),
                    IdList(&self.not_attempted)
                );
                Err(e.with_bulk_note(note))
            }
        }
    }
}

/// Runs a bulk operation over `ids`, [`MAX_IDS_PER_REQUEST`] at a time, in the order given, and
/// stops at the first request that fails.
///
/// `send` gets the chunk's index (0 for the first) and its ids. `what` names the operation in the
/// outcome's note ("delete nodes of load balancer 4"), `id_name` the ids ("node"). The ids are
/// checked first ([`check_ids`]): when they are refused nothing is sent.
///
/// A change to a load balancer's sub-resources leaves it `PENDING_UPDATE`, so the next chunk
/// would be refused with a 422: such operations wait in `send` before every chunk after the
/// first (see [`wait_until_active`](crate::wait_until_active)).
///
/// # Examples
///
/// ```
/// use rackcloud_core::{Error, ErrorKind};
/// use rackcloud_core::kit::in_chunks;
///
/// let ids: Vec<u64> = (1..=25).collect();
/// let mut sent = Vec::new();
/// let outcome = in_chunks("delete items", "item", &ids, |i, chunk| {
///     sent.push(chunk.len());
///     if i == 2 {
///         return Err(Error::new(ErrorKind::Server, "the third request failed"));
///     }
///     Ok(())
/// });
/// assert_eq!(sent, [10, 10, 5]);
/// assert_eq!(outcome.done().len(), 20);
/// assert_eq!(outcome.failed(), &ids[20..]);
/// assert!(outcome.not_attempted().is_empty());
/// let e = outcome.extract_err().unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::Server);
/// assert!(e.to_string().contains("delete items: ids 1 to 20 went through, ids 21 to 25 failed"));
/// ```
pub fn in_chunks(
    what: &str,
    id_name: &str,
    ids: &[u64],
    mut send: impl FnMut(usize, &[u64]) -> Result<(), Error>,
) -> BulkOutcome {
    let mut outcome = BulkOutcome {
        what: what.to_owned(),
        done: Vec::with_capacity(ids.len()),
        failed: Vec::new(),
        not_attempted: Vec::new(),
        error: None,
        targets: Vec::new(),
    };
    if let Err(e) = check_ids(id_name, ids) {
        outcome.not_attempted = ids.to_vec();
        outcome.error = Some(e);
        return outcome;
    }
    for (i, chunk) in ids.chunks(MAX_IDS_PER_REQUEST).enumerate() {
        if let Err(e) = send(i, chunk) {
            outcome.failed = chunk.to_vec();
            let sent = (i * MAX_IDS_PER_REQUEST) + chunk.len();
            outcome.not_attempted = ids[sent..].to_vec();
            outcome.error = Some(e);
            return outcome;
        }
        outcome.done.extend_from_slice(chunk);
    }
    outcome
}

/// A short rendering of a list of ids: "none", "id 4", "ids 1 to 20" for a run, else the ids.
struct IdList<'a>(&'a [u64]);

impl fmt::Display for IdList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [] => f.write_str("none"),
            [one] => write!(f, "id {one}"),
            [first, .., last] if self.0.windows(2).all(|w| w[1] == w[0] + 1) => {
                write!(f, "ids {first} to {last}")
            }
            ids => {
                f.write_str("ids ")?;
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{id}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn every_id_is_sent_once_in_order() {
        let ids: Vec<u64> = (1..=21).collect();
        let mut chunks = Vec::new();
        let outcome = in_chunks("x", "id", &ids, |i, c| {
            chunks.push((i, c.to_vec()));
            Ok(())
        });
        assert!(outcome.is_complete());
        assert_eq!(outcome.done(), ids.as_slice());
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[2], (2, vec![21]));
        assert!(outcome.extract_err().is_ok());
    }

    #[test]
    fn a_failure_names_every_part() {
        let ids = [9, 3, 5];
        let outcome = in_chunks("delete nodes", "node", &ids, |_, _| {
            Err(Error::new(ErrorKind::Immutable, "busy"))
        });
        assert!(outcome.done().is_empty());
        assert_eq!(outcome.failed(), &[9, 3, 5]);
        let e = outcome.extract_err().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Immutable);
        assert!(
            e.to_string()
                .contains("none went through, ids 9, 3, 5 failed, none not sent")
        );
    }

    #[test]
    fn refused_input_sends_nothing() {
        let mut calls = 0;
        let outcome = in_chunks("x", "node", &[1, 1], |_, _| {
            calls += 1;
            Ok(())
        });
        assert_eq!(calls, 0);
        assert_eq!(outcome.not_attempted(), &[1, 1]);
        assert!(outcome.extract_err().unwrap_err().is_invalid_input());
    }

    #[test]
    fn the_rest_after_a_failed_chunk_is_not_attempted() {
        let ids: Vec<u64> = (1..=35).collect();
        let outcome = in_chunks("x", "id", &ids, |i, _| {
            if i == 1 {
                Err(Error::new(ErrorKind::Server, "no"))
            } else {
                Ok(())
            }
        });
        assert_eq!(outcome.done(), &ids[..10]);
        assert_eq!(outcome.failed(), &ids[10..20]);
        assert_eq!(outcome.not_attempted(), &ids[20..]);
    }
}
