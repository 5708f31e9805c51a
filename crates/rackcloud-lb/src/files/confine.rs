//! Where a document's files may be: inside its folder, unless the reader allows more.

use std::path::{Component, Path, PathBuf};

/// How the files a document names are found: relative to its folder, and (unless allowed)
/// only inside it.
///
/// # Examples
///
/// ```
/// use rackcloud_lb::Document;
/// use rackcloud_lb::files::ReadOptions;
/// use std::path::Path;
///
/// let text = r#"{"load_balancers": [{"name": "shop", "protocol": "HTTP", "port": 80,
///     "nodes": [{"address": "10.0.0.1", "port": 8080}],
///     "error_page_file": "/srv/pages/sorry.html"}]}"#;
/// let err = Document::from_json(text).unwrap_err();
/// assert!(err.to_string().contains(
///     r#"error_page_file: "/srv/pages/sorry.html" is an absolute path, outside the document's folder"#));
///
/// // Allowed, the file is looked for (and is missing here).
/// let opts = ReadOptions::new().allow_outside_files(true);
/// let err = Document::from_json_with(text, Path::new("."), &opts).unwrap_err();
/// assert!(err.to_string().contains(r#"error_page_file: cannot read "/srv/pages/sorry.html""#), "{err}");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    allow_outside_files: bool,
}

impl ReadOptions {
    /// Files inside the document's folder only.
    pub fn new() -> ReadOptions {
        ReadOptions::default()
    }

    /// Whether the document may name files outside its folder: absolute paths, paths with
    /// `..` leading out of it, symbolic links leading out of it (off by default).
    pub fn allow_outside_files(mut self, allow: bool) -> ReadOptions {
        self.allow_outside_files = allow;
        self
    }

    /// The file a document in folder `base` names as `named`, or why it may not be read.
    pub(crate) fn resolve(&self, base: &Path, named: &str) -> Result<PathBuf, String> {
        let base = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        let path = Path::new(named);
        if self.allow_outside_files {
            return Ok(base.join(path));
        }
        let hint = "files outside it are read only when allowed \
                    (ReadOptions::allow_outside_files; rackcloud: --allow-outside-files)";
        let mut depth = 0usize;
        for part in path.components() {
            match part {
                Component::Prefix(_) | Component::RootDir => {
                    return Err(format!(
                        "{named:?} is an absolute path, outside the document's folder: {hint}"
                    ));
                }
                Component::ParentDir if depth == 0 => {
                    return Err(format!(
                        "{named:?} leads out of the document's folder (..): {hint}"
                    ));
                }
                Component::ParentDir => depth -= 1,
                Component::CurDir => {}
                Component::Normal(_) => depth += 1,
            }
        }
        let full = base.join(path);
        // A link inside the folder may lead out of it. A file that does not exist is left to
        // the reading, which says so. The path read is the one checked (links resolved), so
        // that a link put in place after the check is not followed out of the folder.
        match (full.canonicalize(), base.canonicalize()) {
            (Ok(real), Ok(folder)) if !real.starts_with(&folder) => Err(format!(
                "{named:?} leads out of the document's folder through a symbolic link (to {}): {hint}",
                real.display()
            )),
            (Ok(real), Ok(_)) => Ok(real),
            _ => Ok(full),
        }
    }
}
