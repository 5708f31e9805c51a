//! How an [`Error`] prints: `Display` for people, `Debug` for developers.

use std::error::Error as StdError;
use std::fmt;

use crate::error::Error;
use crate::error_kind::ErrorKind;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(method), Some(url)) = (self.method(), self.url()) {
            write!(f, "{method} {url}: ")?;
        }
        if let Some(status) = self.status() {
            write!(f, "{status} ")?;
        }
        f.write_str(self.kind().describe())?;
        if let Some(message) = self.detail() {
            write!(f, ": {message}")?;
        }
        match self.server_message() {
            Some(said) => write!(f, ": {said}")?,
            // A decode error's own message says what did not match; "(empty body)" is for an
            // error answer that said nothing.
            None if self.status().is_some() && self.kind() != ErrorKind::Decode => {
                f.write_str(" (empty body)")?;
            }
            None => {}
        }
        if self.kind() == ErrorKind::InvalidInput {
            f.write_str(" (nothing was sent)")?;
        }
        if let Some(note) = self.retry_note() {
            write!(f, " ({note})")?;
        }
        if self.attempts() > 1 {
            write!(f, " (gave up after {} attempts)", self.attempts())?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind());
        if let Some(message) = self.detail() {
            d.field("message", &message);
        }
        if let Some(method) = self.method() {
            d.field("method", &method);
        }
        if let Some(url) = self.url() {
            d.field("url", &url);
        }
        if let Some(status) = self.status() {
            d.field("status", &status);
        }
        if let Some(fault) = self.fault() {
            d.field("fault", fault);
        }
        if let Some(excerpt) = self.body_excerpt() {
            d.field("body_excerpt", &excerpt);
        }
        if let Some(retry_after) = self.retry_after() {
            d.field("retry_after", &retry_after);
        }
        if let Some(lb_status) = self.lb_status() {
            d.field("lb_status", &lb_status);
        }
        if self.attempts() > 1 {
            d.field("attempts", &self.attempts());
        }
        if let Some(note) = self.retry_note() {
            d.field("note", &note);
        }
        if let Some(source) = self.source() {
            d.field("source", &source);
        }
        d.finish()
    }
}
