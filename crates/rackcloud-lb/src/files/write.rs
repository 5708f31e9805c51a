//! Writing files as careful tools do: never through a symbolic link, new files created
//! exclusively, replacements written beside the target and renamed over it.

use std::fmt;
use std::fs::OpenOptions;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::read::{Cap, read_bytes};

/// What [`write_file`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Written {
    /// The file did not exist: it was created.
    Created,
    /// The file held other content: it was replaced.
    Replaced,
    /// The file held this content already: it was left as it is.
    Unchanged,
}

/// Writes `content` to `path` unless the file holds it already.
///
/// - A symbolic link at `path` (even one leading nowhere) is refused: nothing is written
///   through it.
/// - A new file is created exclusively (`O_EXCL`): a file that appears meanwhile is not
///   overwritten.
/// - A file with other content is an [`AlreadyExists`](io::ErrorKind::AlreadyExists) error
///   unless `replace`; then the content is written to a temporary file in the same folder,
///   flushed to disk and renamed over the file (keeping its permissions), so that a failure
///   never leaves half a file.
///
/// Every error names the path.
///
/// # Errors
///
/// [`AlreadyExists`](io::ErrorKind::AlreadyExists) as above;
/// [`InvalidInput`](io::ErrorKind::InvalidInput) for a symbolic link or what is not a regular
/// file; any error of reading or writing.
///
/// # Examples
///
/// ```
/// use rackcloud_lb::files::{Written, write_file};
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("shop.json");
/// assert_eq!(write_file(&path, b"{}\n", false)?, Written::Created);
/// assert_eq!(write_file(&path, b"{}\n", false)?, Written::Unchanged);
/// let err = write_file(&path, b"[]\n", false).unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
/// assert_eq!(write_file(&path, b"[]\n", true)?, Written::Replaced);
/// assert_eq!(std::fs::read(&path)?, b"[]\n");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_file(path: &Path, content: &[u8], replace: bool) -> io::Result<Written> {
    let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return create_new(path, content)
                .map_err(named)
                .map(|()| Written::Created);
        }
        Err(e) => return Err(named(e)),
    };
    if meta.file_type().is_symlink() {
        return Err(refused(
            path,
            "is a symbolic link: nothing is written through it",
        ));
    }
    if !meta.is_file() {
        return Err(refused(path, "is not a regular file: not replaced"));
    }
    if same_content(path, content, meta.len()).map_err(named)? {
        return Ok(Written::Unchanged);
    }
    if !replace {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} exists with other content: not overwritten",
                path.display()
            ),
        ));
    }
    replace_file(path, content, meta.permissions()).map_err(named)?;
    Ok(Written::Replaced)
}

fn refused(path: &Path, why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{} {why}", path.display()),
    )
}

/// Creates `path`, which must not exist (not even as a link); removes it again when the
/// content cannot be written in full.
fn create_new(path: &Path, content: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let written = file.write_all(content).and_then(|()| file.sync_all());
    if written.is_err() {
        drop(file);
        // Best effort: the error below is what matters.
        let _ = std::fs::remove_file(path);
    }
    written
}

/// Whether the regular file `path` of `len` bytes holds `content` (read no further than it).
fn same_content(path: &Path, content: &[u8], len: u64) -> io::Result<bool> {
    if len != content.len() as u64 {
        return Ok(false);
    }
    let cap = Cap::new(content.len() as u64, "the file written");
    match read_bytes(path, cap) {
        Ok(old) => Ok(old == content),
        Err(e) if e.kind() == io::ErrorKind::FileTooLarge => Ok(false),
        Err(e) => Err(e),
    }
}

/// Writes a temporary file beside `path` and renames it over `path` (which replaces a link
/// put there meanwhile rather than following it).
fn replace_file(path: &Path, content: &[u8], permissions: std::fs::Permissions) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(content)?;
    temp.as_file().set_permissions(permissions)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A set of files that was not written in full: which were written, which one failed and
/// why, and which were not written.
#[derive(Debug)]
pub struct WriteError {
    written: Vec<PathBuf>,
    failed: PathBuf,
    not_written: Vec<PathBuf>,
    source: io::Error,
}

impl WriteError {
    pub(crate) fn new(
        written: Vec<PathBuf>,
        failed: PathBuf,
        not_written: Vec<PathBuf>,
        source: io::Error,
    ) -> WriteError {
        WriteError {
            written,
            failed,
            not_written,
            source,
        }
    }

    /// The files written (created or replaced) before the failure.
    pub fn written(&self) -> &[PathBuf] {
        &self.written
    }

    /// The file that could not be written.
    pub fn failed(&self) -> &Path {
        &self.failed
    }

    /// The files after it, not written.
    pub fn not_written(&self) -> &[PathBuf] {
        &self.not_written
    }

    /// The error of the failed file.
    pub fn io_error(&self) -> &io::Error {
        &self.source
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |paths: &[PathBuf]| {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        };
        write!(
            f,
            "{}; written before it: {}; not written: {}",
            self.source,
            list(&self.written),
            list(&[std::slice::from_ref(&self.failed), &self.not_written[..]].concat())
        )
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
