//! Files a document names (certificates, chains, keys, error pages): written in the document as
//! paths, relative to the document's folder, and read when the document is read.

use std::fmt;
use std::path::Path;

use rackcloud_core::{Error, Secret};
use serde::{Deserialize, Serialize};

use super::confine::ReadOptions;
use super::read::{Cap, read_text};

/// A file the document names by path, with its text once read (certificates, chains, error
/// pages). In the document it is a string: the path, relative to the document's folder.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct FileText {
    path: String,
    text: Option<String>,
}

impl FileText {
    /// A file not read yet.
    pub fn new(path: impl Into<String>) -> FileText {
        FileText {
            path: path.into(),
            text: None,
        }
    }

    /// A file and its text (as export makes them).
    pub fn with_text(path: impl Into<String>, text: impl Into<String>) -> FileText {
        FileText {
            path: path.into(),
            text: Some(text.into()),
        }
    }

    /// The path, as written in the document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The text, once read.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    pub(crate) fn path_mut(&mut self) -> &mut String {
        &mut self.path
    }

    /// Reads the file, relative to `base`, at most `cap`; `at` names the field for the error.
    pub(crate) fn load(
        &mut self,
        base: &Path,
        opts: &ReadOptions,
        cap: Cap,
        at: &str,
    ) -> Result<(), Error> {
        let path = opts
            .resolve(base, &self.path)
            .map_err(|why| Error::invalid_input(format!("{at}: {why}")))?;
        let text = read_text(&path, cap)
            .map_err(|e| Error::invalid_input(format!("{at}: cannot read {:?}: {e}", self.path)))?;
        self.text = Some(text);
        Ok(())
    }

    /// Whether the two texts are the same PEM or HTML, line endings and surrounding white
    /// space aside.
    pub(crate) fn same_text(&self, other: Option<&str>) -> bool {
        match (self.text(), other) {
            (Some(a), Some(b)) => normalized(a) == normalized(b),
            _ => false,
        }
    }
}

fn normalized(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

/// Whether two optional files hold the same text (both absent counts as the same).
pub(crate) fn same_optional(want: Option<&FileText>, have: Option<&FileText>) -> bool {
    match (want, have) {
        (None, None) => true,
        (Some(w), Some(h)) => w.same_text(h.text()),
        _ => false,
    }
}

impl From<String> for FileText {
    fn from(path: String) -> FileText {
        FileText::new(path)
    }
}

impl From<FileText> for String {
    fn from(file: FileText) -> String {
        file.path
    }
}

impl fmt::Debug for FileText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileText")
            .field("path", &self.path)
            .field("bytes", &self.text.as_ref().map(String::len))
            .finish()
    }
}

/// A private key the document names by path. The key is read with the document when the file
/// exists; it is needed only when a certificate is installed or replaced, so a missing file
/// (as export leaves it, naming the file to provide) is an error only then. Its `Debug` never
/// shows the key.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct KeyFile {
    path: String,
    key: Option<Secret>,
    unread: Option<String>,
}

impl KeyFile {
    /// A key file not read yet.
    pub fn new(path: impl Into<String>) -> KeyFile {
        KeyFile {
            path: path.into(),
            key: None,
            unread: None,
        }
    }

    /// A key file and its key (for documents built in code).
    pub fn with_key(path: impl Into<String>, key: Secret) -> KeyFile {
        KeyFile {
            path: path.into(),
            key: Some(key),
            unread: None,
        }
    }

    /// The path, as written in the document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The key, once read.
    pub fn key(&self) -> Option<&Secret> {
        self.key.as_ref()
    }

    pub(crate) fn path_mut(&mut self) -> &mut String {
        &mut self.path
    }

    /// Reads the key relative to `base` if the file can be read; remembers why not otherwise.
    /// A key outside the document's folder (unless allowed), or larger than a key file may
    /// be, is an error naming the field `at`: only a missing or unreadable file waits until
    /// the key is needed.
    pub(crate) fn load(&mut self, base: &Path, opts: &ReadOptions, at: &str) -> Result<(), Error> {
        let path = opts
            .resolve(base, &self.path)
            .map_err(|why| Error::invalid_input(format!("{at}: {why}")))?;
        match read_text(&path, Cap::CERTIFICATE) {
            Ok(key) => self.key = Some(Secret::new(key)),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::FileTooLarge | std::io::ErrorKind::InvalidInput
                ) =>
            {
                return Err(Error::invalid_input(format!(
                    "{at}: cannot read {:?}: {e}",
                    self.path
                )));
            }
            Err(e) => self.unread = Some(e.to_string()),
        }
        Ok(())
    }

    /// The key, or the error saying which file to provide and why it is needed.
    pub(crate) fn require(&self, at: &str, why: &str) -> Result<&Secret, Error> {
        self.key.as_ref().ok_or_else(|| {
            let reason = self.unread.as_deref().unwrap_or("it was not read");
            Error::invalid_input(format!(
                "{at}: {why}, so its private key is needed: provide {:?} ({reason})",
                self.path
            ))
        })
    }
}

impl From<String> for KeyFile {
    fn from(path: String) -> KeyFile {
        KeyFile::new(path)
    }
}

impl From<KeyFile> for String {
    fn from(file: KeyFile) -> String {
        file.path
    }
}

impl fmt::Debug for KeyFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyFile")
            .field("path", &self.path)
            .field("key", &self.key.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}
