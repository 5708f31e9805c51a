//! From a failure to an exit status, the one-line message on stderr and the JSON error document.
//!
//! The line is built from the SDK [`Error`]'s accessors:
//! `rackcloud: <operation> on load balancer <id> failed: <status> <kind>: <server message>`.

use std::process::ExitCode;

use rackcloud_lb::core::{Error, ErrorKind};

mod plain;
mod unconfirmed;

pub(crate) use unconfirmed::Unconfirmed;

use crate::output::{Output, Render};
use crate::sent;
use serde::Serialize;

/// Exit status of a usage error or invalid input: nothing was sent.
pub(crate) const EXIT_USAGE: u8 = 2;
/// Exit status of every other failure.
pub(crate) const EXIT_FAILURE: u8 = 1;
/// Exit status of a change the server accepted whose `--wait` ended before it was confirmed
/// applied: the change stands, and must not be sent again.
pub(crate) const EXIT_UNCONFIRMED: u8 = 3;

/// What the command was doing: the operation's name and the load balancer, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Operation {
    name: String,
    lb_id: Option<u64>,
    /// Whether the name ends in `load balancer`, which the id then follows (`delete load
    /// balancer 2`) rather than `on load balancer 2`.
    of_lb: bool,
}

/// A failed command: the operation and why it failed.
#[derive(Debug)]
pub(crate) struct Failure {
    operation: Operation,
    cause: Cause,
    /// The command's own document on stdout already says what failed (a summary over several
    /// load balancers): no error document follows it in JSON mode.
    summarised: bool,
}

/// Why an operation failed, before the operation is named: what `?` makes of an error inside
/// [`Operation::run`] (the SDK's [`Error`], an I/O error, any other error).
#[derive(Debug)]
pub(crate) enum Cause {
    /// The SDK refused or the server answered with an error.
    Sdk(Error),
    /// The command line could not be parsed.
    Usage(String),
    /// Anything else: writing the output, starting a server.
    Other(anyhow::Error),
    /// The change was accepted; its wait ended before the load balancer showed it applied.
    Unconfirmed(Box<Unconfirmed>),
    /// Changes to several load balancers (a fleet, an apply) of which some were accepted and
    /// not confirmed, and none failed otherwise: the document on stdout says which.
    UnconfirmedSome(String),
}

impl From<Error> for Cause {
    fn from(e: Error) -> Cause {
        Cause::Sdk(e)
    }
}

impl From<std::io::Error> for Cause {
    fn from(e: std::io::Error) -> Cause {
        Cause::Other(e.into())
    }
}

impl From<anyhow::Error> for Cause {
    fn from(e: anyhow::Error) -> Cause {
        Cause::Other(e)
    }
}

impl Operation {
    /// An operation on no particular load balancer, such as `list the service catalog`.
    pub(crate) fn new(name: impl Into<String>) -> Operation {
        Operation {
            name: name.into(),
            lb_id: None,
            of_lb: false,
        }
    }

    /// An operation on load balancer `lb_id`, such as `show session persistence`.
    pub(crate) fn on_lb(name: impl Into<String>, lb_id: u64) -> Operation {
        Operation {
            name: name.into(),
            lb_id: Some(lb_id),
            of_lb: false,
        }
    }

    /// An operation on load balancer `lb_id` itself: `verb` `show` gives the operation
    /// `show load balancer`, told as `show load balancer 4`.
    pub(crate) fn of_lb(verb: &str, lb_id: u64) -> Operation {
        Operation {
            name: format!("{verb} load balancer"),
            lb_id: Some(lb_id),
            of_lb: true,
        }
    }

    /// Runs `body`, the operation's steps, each ending in `?`: whatever fails in it is this
    /// operation's failure, named here once.
    pub(crate) fn run<T>(&self, body: impl FnOnce() -> Result<T, Cause>) -> Result<T, Failure> {
        body().map_err(|cause| self.failure(cause))
    }

    /// Runs `body` as [`run`](Operation::run) does and prints the report it returns; a failure
    /// to print is this operation's too.
    pub(crate) fn report<R: Render>(
        &self,
        out: Output,
        body: impl FnOnce() -> Result<R, Cause>,
    ) -> Result<(), Failure> {
        self.run(|| Ok(out.report(&body()?)?))
    }

    /// The failure of this operation because of an SDK error.
    pub(crate) fn failed(&self, e: Error) -> Failure {
        self.failure(Cause::Sdk(e))
    }

    /// The end of this operation when changes were accepted and not confirmed and nothing
    /// else failed (exit status 3); `message` says what stands.
    pub(crate) fn unconfirmed(&self, message: impl Into<String>) -> Failure {
        self.failure(Cause::UnconfirmedSome(message.into()))
    }

    /// The failure of this operation for another reason.
    pub(crate) fn failed_other(&self, e: impl Into<anyhow::Error>) -> Failure {
        self.failure(Cause::Other(e.into()))
    }

    fn failure(&self, cause: Cause) -> Failure {
        Failure {
            operation: self.clone(),
            cause,
            summarised: false,
        }
    }
}

impl Failure {
    /// A command line that could not be parsed; `message` is the parser's first line.
    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure {
            operation: Operation::new("parse the command line"),
            cause: Cause::Usage(message.into()),
            summarised: false,
        }
    }

    /// The same failure, marked as already described by the document on stdout.
    pub(crate) fn summarised(mut self) -> Failure {
        self.summarised = true;
        self
    }

    /// Whether the document on stdout already describes the failure.
    pub(crate) fn is_summarised(&self) -> bool {
        self.summarised
    }

    /// 2 when nothing was sent (usage, invalid input, configuration), else 1.
    pub(crate) fn exit_status(&self) -> u8 {
        match &self.cause {
            Cause::Usage(_) => EXIT_USAGE,
            Cause::Sdk(e) if sent::refused_before_sending(e) && !sent::anything() => EXIT_USAGE,
            Cause::Unconfirmed(_) | Cause::UnconfirmedSome(_) => EXIT_UNCONFIRMED,
            Cause::Sdk(_) | Cause::Other(_) => EXIT_FAILURE,
        }
    }

    /// Whether the failure is only that the reader of stdout closed it (`rackcloud lb list |
    /// head -1`): the tool then ends quietly, with status 0, as Unix tools do.
    pub(crate) fn is_broken_pipe(&self) -> bool {
        let Cause::Other(e) = &self.cause else {
            return false;
        };
        e.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        })
    }

    /// The exit status as an [`ExitCode`].
    pub(crate) fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.exit_status())
    }

    /// The one line for stderr; with `verbose`, the failed request's method and URL too.
    pub(crate) fn line(&self, verbose: bool) -> String {
        let reason = match &self.cause {
            Cause::Sdk(e) => describe(e, verbose),
            Cause::Usage(message) => one_line(message),
            Cause::Other(e) => one_line(&format!("{e:#}")),
            Cause::Unconfirmed(u) => {
                return format!("rackcloud: {}: {}", self.operation.phrase(), u.reason());
            }
            Cause::UnconfirmedSome(message) => {
                return format!(
                    "rackcloud: {}: {}",
                    self.operation.phrase(),
                    one_line(message)
                );
            }
        };
        format!("rackcloud: {} failed: {reason}", self.operation.phrase())
    }

    /// `{"error":{…}}`, for stdout in JSON mode.
    pub(crate) fn json(&self) -> ErrorDocument<'_> {
        let error = match &self.cause {
            Cause::Sdk(e) => ErrorFields {
                operation: &self.operation.name,
                load_balancer_id: self.operation.lb_id,
                kind: e.kind().as_str(),
                status: e.status(),
                message: message(e),
                lb_status: e.lb_status(),
                method: e.method(),
                url: e.url(),
            },
            Cause::Usage(text) => ErrorFields::plain(&self.operation, "usage", one_line(text)),
            Cause::Other(e) => {
                ErrorFields::plain(&self.operation, "other", one_line(&format!("{e:#}")))
            }
            Cause::Unconfirmed(u) => ErrorFields {
                lb_status: u.last_status(),
                ..ErrorFields::plain(&self.operation, "unconfirmed", u.reason())
            },
            Cause::UnconfirmedSome(message) => {
                ErrorFields::plain(&self.operation, "unconfirmed", one_line(message))
            }
        };
        ErrorDocument { error }
    }
}

/// The JSON error document: `{"error":{"operation":…,"loadBalancerId":…,"kind":…,…}}`.
#[derive(Debug, Serialize)]
pub(crate) struct ErrorDocument<'a> {
    error: ErrorFields<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorFields<'a> {
    operation: &'a str,
    load_balancer_id: Option<u64>,
    kind: &'static str,
    status: Option<u16>,
    message: String,
    lb_status: Option<&'a str>,
    method: Option<&'a str>,
    url: Option<&'a str>,
}

impl<'a> ErrorFields<'a> {
    fn plain(operation: &'a Operation, kind: &'static str, message: String) -> ErrorFields<'a> {
        ErrorFields {
            operation: &operation.name,
            load_balancer_id: operation.lb_id,
            kind,
            status: None,
            message,
            lb_status: None,
            method: None,
            url: None,
        }
    }
}

impl Operation {
    fn phrase(&self) -> String {
        match self.lb_id {
            Some(id) if self.of_lb => format!("{} {id}", self.name),
            Some(id) => format!("{} on load balancer {id}", self.name),
            None => self.name.clone(),
        }
    }
}

/// `<status> <kind>: <server message>` for an answer, with the status a 422 immutable named;
/// the error's own text for failures without an answer (nothing sent, transport, timeout).
pub(crate) fn describe(e: &Error, verbose: bool) -> String {
    let Some(status) = e.status() else {
        // No answer: the SDK's message (which names the request, if one was attempted) and its
        // causes (the resolver's or the TLS library's words) are all there is.
        return one_line(&format!(
            "{}{}",
            plain_http_hint(&with_causes(e)),
            maybe_applied(e)
        ));
    };
    let mut text = format!("{status} {}", e.kind());
    if let Some(lb_status) = e.lb_status() {
        text.push_str(&format!(" ({lb_status})"));
    }
    match (e.server_message(), e.detail()) {
        (Some(said), _) => text.push_str(&format!(": {}", one_line(&said))),
        // A body that did not decode: the SDK says what did not match.
        (None, Some(detail)) => text.push_str(&format!(": {}", one_line(detail))),
        (None, None) => text.push_str(" (empty body)"),
    }
    if let Some(note) = e.retry_note() {
        text.push_str(&format!(" ({note})"));
    }
    if e.attempts() > 1 {
        text.push_str(&format!(" (gave up after {} attempts)", e.attempts()));
    }
    if verbose && let (Some(method), Some(url)) = (e.method(), e.url()) {
        text.push_str(&format!(" [{method} {url}]"));
    }
    text
}

/// For a change whose answer never arrived (the connection failed or timed out after it was
/// sent, perhaps after the server acted on it): how to find out before sending it again.
fn maybe_applied(e: &Error) -> &'static str {
    // A refused connection, a failed lookup, a refused certificate: nothing reached the server.
    let lost = matches!(e.kind(), ErrorKind::Transport | ErrorKind::Timeout) && !e.nothing_sent();
    let change = matches!(e.method(), Some("POST" | "PUT" | "DELETE" | "PATCH"));
    if lost && change {
        " (the change may have been applied: run `rackcloud lb show` on the load balancer, \
         `rackcloud lb list` for a new one, or `rackcloud lb plan`, to see whether it was before \
         sending it again)"
    } else {
        ""
    }
}

/// The server's words for an answer, else the SDK's message and its causes.
fn message(e: &Error) -> String {
    match (e.status(), e.server_message(), e.detail()) {
        (Some(_), Some(said), _) => one_line(&said),
        (Some(_), None, Some(detail)) => one_line(detail),
        (Some(_), None, None) => "(empty body)".to_owned(),
        (None, _, _) => one_line(&plain_http_hint(&with_causes(e))),
    }
}

/// The error's message, then each cause in its `source()` chain that the text does not already
/// say: `…: i/o failure (other): …`. A refused TLS handshake is told whole in the SDK's own
/// words; the TLS library's (`invalid peer certificate: UnknownIssuer`) are left out.
fn with_causes(e: &Error) -> String {
    let mut text = e.to_string();
    if e.detail().is_some_and(|d| d.starts_with("TLS handshake")) {
        return text;
    }
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let said = c.to_string();
        if !said.is_empty() && !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = c.source();
    }
    text
}

/// The SDK's messages name its builder settings; the tool's own are flags.
fn plain_http_hint(text: &str) -> String {
    text.replace(
        "allow plain http with ProviderClientBuilder::allow_plain_http",
        "pass --allow-plain-http (only on a network you trust)",
    )
    .replace(
        "with ProviderClientBuilder::trusted_roots",
        "with --ca-file FILE (or RS_CA_FILE)",
    )
}

/// Collapses any line breaks and runs of whitespace, so a message stays on one line, and says
/// the numbers a decoder expected in words ([`plain::plain_types`]).
fn one_line(text: &str) -> String {
    plain::plain_types(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests;
