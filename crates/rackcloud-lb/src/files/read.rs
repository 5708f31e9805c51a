//! The one bounded reader: regular files only, never more than a cap.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// How much of a file may be read, and what kind of file it is (for the error).
///
/// Each file the SDK and the CLI read has its cap: a larger file is refused without being
/// read past the cap.
///
/// # Examples
///
/// ```
/// use rackcloud_lb::files::Cap;
///
/// assert_eq!(Cap::ERROR_PAGE.bytes(), 64 * 1024);
/// assert_eq!(Cap::ERROR_PAGE.to_string(), "64 KiB, the limit for an error page");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    bytes: u64,
    what: &'static str,
}

impl Cap {
    /// An error page: 64 KiB (the API reference names no limit; a page is small HTML).
    pub const ERROR_PAGE: Cap = Cap::new(64 * 1024, "an error page");
    /// A certificate, private key or intermediate chain: 512 KiB.
    pub const CERTIFICATE: Cap = Cap::new(512 * 1024, "a certificate, key or chain file");
    /// A declarative document: 4 MiB.
    pub const DOCUMENT: Cap = Cap::new(4 * 1024 * 1024, "a document");
    /// A file of trusted certificate authorities (`--ca-file`): 1 MiB.
    pub const CA_FILE: Cap = Cap::new(1024 * 1024, "a CA file");

    /// A cap of `bytes` for files described as `what` ("an error page").
    pub const fn new(bytes: u64, what: &'static str) -> Cap {
        Cap { bytes, what }
    }

    /// The most bytes read.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }
}

impl std::fmt::Display for Cap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, unit) = match self.bytes {
            b if b >= 1024 * 1024 && b % (1024 * 1024) == 0 => (b / (1024 * 1024), "MiB"),
            b if b >= 1024 && b % 1024 == 0 => (b / 1024, "KiB"),
            b => (b, "bytes"),
        };
        write!(f, "{n} {unit}, the limit for {}", self.what)
    }
}

/// Reads the regular file `path`, at most `cap` bytes.
///
/// A FIFO, a device, a socket or a folder is refused before it is read (never waited on: its
/// type is checked before it is opened, and the opened file's type again), and so is a file
/// larger than the cap, of which at most the cap and one byte are read. The errors do not
/// name the file: the caller says which file it was and why it was read.
///
/// # Errors
///
/// [`InvalidInput`](io::ErrorKind::InvalidInput) for a file that is not a regular file,
/// [`FileTooLarge`](io::ErrorKind::FileTooLarge) for one over the cap (the message gives the
/// cap), and any error of opening or reading it.
///
/// # Examples
///
/// ```
/// use rackcloud_lb::files::{Cap, read_bytes};
///
/// let err = read_bytes(std::path::Path::new("/dev/zero"), Cap::DOCUMENT).unwrap_err();
/// #[cfg(unix)] // elsewhere /dev/zero does not exist
/// assert_eq!(err.to_string(), "not a regular file (a device): only regular files are read");
/// ```
pub fn read_bytes(path: &Path, cap: Cap) -> io::Result<Vec<u8>> {
    regular(&std::fs::metadata(path)?)?;
    let file = open_without_waiting(path)?;
    let meta = file.metadata()?;
    regular(&meta)?;
    if meta.len() > cap.bytes {
        return Err(too_large(cap));
    }
    let mut bytes = Vec::new();
    file.take(cap.bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap.bytes {
        return Err(too_large(cap));
    }
    Ok(bytes)
}

/// [`read_bytes`], as UTF-8 text.
///
/// # Errors
///
/// As [`read_bytes`], and [`InvalidData`](io::ErrorKind::InvalidData) for a file that is not
/// UTF-8.
///
/// # Examples
///
/// ```
/// use rackcloud_lb::files::{Cap, read_text};
///
/// let dir = tempfile::tempdir()?;
/// let page = dir.path().join("error.html");
/// std::fs::write(&page, "<html>Sorry</html>")?;
/// assert_eq!(read_text(&page, Cap::ERROR_PAGE)?, "<html>Sorry</html>");
///
/// std::fs::write(&page, vec![b'x'; 64 * 1024 + 1])?;
/// let err = read_text(&page, Cap::ERROR_PAGE).unwrap_err();
/// assert_eq!(err.to_string(), "larger than 64 KiB, the limit for an error page: refused");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn read_text(path: &Path, cap: Cap) -> io::Result<String> {
    String::from_utf8(read_bytes(path, cap)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "not UTF-8 text: only UTF-8 files are read",
        )
    })
}

fn too_large(cap: Cap) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("larger than {cap}: refused"),
    )
}

/// Refuses what is not a regular file, naming what it is.
fn regular(meta: &Metadata) -> io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = if meta.is_dir() {
        "a folder"
    } else {
        special_kind(meta)
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("not a regular file ({kind}): only regular files are read"),
    ))
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &Metadata) -> &'static str {
    "a special file"
}

/// Opens `path` for reading without waiting for a writer: a FIFO put in place of the file
/// after its type was checked opens at once (and is refused by the type check of the open
/// file) instead of blocking the open.
fn open_without_waiting(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}
