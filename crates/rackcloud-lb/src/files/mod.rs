//! Reading and writing local files with care: the one bounded reader, the one careful writer,
//! and where a document's files may be.
//!
//! - [`read_bytes`] and [`read_text`] read regular files only (a FIFO, a device or a folder is
//!   refused without waiting on it) and never more than a [`Cap`]: every file the SDK and the
//!   CLI read goes through them (documents, the files documents name, `--ca-file`,
//!   certificates, error pages).
//! - [`write_file`] never writes through a symbolic link, creates new files exclusively and
//!   replaces a file by renaming a complete temporary file over it.
//! - [`ReadOptions`] keeps the files a document names inside its folder unless allowed.
//!
//! ```
//! use rackcloud_lb::files::{Cap, Written, read_text, write_file};
//!
//! let dir = tempfile::tempdir()?;
//! let page = dir.path().join("shop-error.html");
//! assert_eq!(write_file(&page, b"<html>Sorry</html>", false)?, Written::Created);
//! assert_eq!(read_text(&page, Cap::ERROR_PAGE)?, "<html>Sorry</html>");
//! # Ok::<(), std::io::Error>(())
//! ```

mod confine;
pub(crate) mod named;
mod names;
mod read;
mod write;

pub use confine::ReadOptions;
pub(crate) use named::{FileText, KeyFile, same_optional};
pub(crate) use names::unique_paths;
pub use read::{Cap, read_bytes, read_text};
pub use write::{WriteError, Written, write_file};
