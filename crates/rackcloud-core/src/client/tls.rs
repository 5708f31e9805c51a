//! [`TrustedRoots`]: which certificate authorities a client trusts for `https://`.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use crate::error::Error;
use crate::error_kind::ErrorKind;

/// The certificate authorities a [`ProviderClient`](crate::ProviderClient) trusts for `https://`.
///
/// - [`TrustedRoots::bundled`] (the default): Mozilla's root certificates, compiled into the
///   program (the `webpki-roots` set). Works the same on every machine, and ignores the
///   machine's own certificate store.
/// - [`TrustedRoots::platform`]: the operating system's certificate store and its verifier (on
///   Linux the system's CA bundle, on macOS the keychain, on Windows the certificate store).
///   Use it where an administrator has added a company CA to the machine, as TLS-inspecting
///   proxies require.
/// - [`TrustedRoots::from_pem`] / [`TrustedRoots::from_pem_file`]: exactly the certificates of a
///   PEM file, and nothing else (a TLS-inspecting proxy's CA, a private CA, the emulator's CA).
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder().default_seed().tls().start()?;
/// use rackcloud_core::{AuthOptions, ProviderClient, TrustedRoots};
///
/// // The PEM text of the CA that signed the server's certificate: here the emulator's.
/// let ca_pem = emulator.ca_pem().ok_or("no CA")?;
/// let provider = ProviderClient::builder()
///     .trusted_roots(TrustedRoots::from_pem(ca_pem.as_bytes())?)
///     .authenticate(AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url()))?;
/// assert!(emulator.identity_url().starts_with("https://"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Default)]
pub struct TrustedRoots {
    kind: Kind,
}

#[derive(Clone, Default)]
enum Kind {
    #[default]
    Bundled,
    Platform,
    Pem(Arc<Vec<Certificate<'static>>>),
}

impl TrustedRoots {
    /// The largest CA file [`from_pem_file`](Self::from_pem_file) reads: 1 MiB, room for a
    /// bundle of several hundred certificates.
    pub const MAX_CA_FILE_BYTES: u64 = 1 << 20;

    /// Mozilla's root certificates, compiled in (the default).
    pub fn bundled() -> TrustedRoots {
        TrustedRoots {
            kind: Kind::Bundled,
        }
    }

    /// The operating system's certificate store and verifier.
    pub fn platform() -> TrustedRoots {
        TrustedRoots {
            kind: Kind::Platform,
        }
    }

    /// Exactly the certificates in `pem` (one or more `-----BEGIN CERTIFICATE-----` blocks;
    /// other blocks, such as keys, are ignored).
    ///
    /// # Errors
    ///
    /// [`Configuration`](ErrorKind::Configuration) when the text is not PEM or holds no
    /// certificate.
    pub fn from_pem(pem: &[u8]) -> Result<TrustedRoots, Error> {
        let mut certs = Vec::new();
        for item in ureq::tls::parse_pem(pem) {
            match item {
                Ok(PemItem::Certificate(cert)) => certs.push(cert),
                Ok(_) => {}
                Err(e) => {
                    return Err(Error::new(
                        ErrorKind::Configuration,
                        "the trusted certificates are not valid PEM",
                    )
                    .with_source(e));
                }
            }
        }
        if certs.is_empty() {
            return Err(Error::new(
                ErrorKind::Configuration,
                "the trusted certificates hold no PEM certificate (-----BEGIN CERTIFICATE-----)",
            ));
        }
        Ok(TrustedRoots {
            kind: Kind::Pem(Arc::new(certs)),
        })
    }

    /// Reads a PEM file, as [`from_pem`](Self::from_pem): a regular file of at most
    /// [`MAX_CA_FILE_BYTES`](Self::MAX_CA_FILE_BYTES) (a FIFO, a device or a folder is refused
    /// before it is opened, so that nothing waits on it).
    ///
    /// # Errors
    ///
    /// [`Configuration`](ErrorKind::Configuration) when the file cannot be read, is not a regular
    /// file, is larger than the limit, is not PEM, or holds no certificate; the message names the
    /// file.
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<TrustedRoots, Error> {
        let path = path.as_ref();
        let text = read_capped(path, TrustedRoots::MAX_CA_FILE_BYTES).map_err(|(why, e)| {
            let error = Error::new(
                ErrorKind::Configuration,
                format!("cannot read the CA file {}: {why}", path.display()),
            );
            match e {
                Some(e) => error.with_source(e),
                None => error,
            }
        })?;
        TrustedRoots::from_pem(&text).map_err(|e| {
            let why = e.detail().unwrap_or("it holds no usable certificate");
            Error::new(
                ErrorKind::Configuration,
                format!("the CA file {}: {why}", path.display()),
            )
        })
    }

    /// How many certificates a PEM set holds; `None` for the bundled and platform sets.
    pub fn pem_certificates(&self) -> Option<usize> {
        match &self.kind {
            Kind::Pem(certs) => Some(certs.len()),
            _ => None,
        }
    }

    pub(crate) fn tls_config(&self) -> TlsConfig {
        let roots = match &self.kind {
            Kind::Bundled => RootCerts::WebPki,
            Kind::Platform => RootCerts::PlatformVerifier,
            Kind::Pem(certs) => RootCerts::Specific(Arc::clone(certs)),
        };
        TlsConfig::builder().root_certs(roots).build()
    }
}

impl fmt::Debug for TrustedRoots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Bundled => f.write_str("TrustedRoots::Bundled"),
            Kind::Platform => f.write_str("TrustedRoots::Platform"),
            Kind::Pem(certs) => write!(f, "TrustedRoots::Pem({} certificates)", certs.len()),
        }
    }
}

/// The bytes of regular file `path`, at most `cap` of them: what is wrong, and the I/O error
/// behind it, otherwise.
fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, (String, Option<std::io::Error>)> {
    use std::io::Read as _;
    let io = |what: &str, e: std::io::Error| (what.to_owned(), Some(e));
    let regular = |m: &std::fs::Metadata| {
        if m.is_file() {
            Ok(())
        } else {
            Err(("it is not a regular file".to_owned(), None))
        }
    };
    regular(&std::fs::metadata(path).map_err(|e| io("it cannot be found", e))?)?;
    // Without waiting for a writer: a FIFO put in place of the file after the check opens at
    // once, and the check of the open file refuses it.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options
        .open(path)
        .map_err(|e| io("it cannot be opened", e))?;
    regular(&file.metadata().map_err(|e| io("it cannot be read", e))?)?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io("it cannot be read", e))?;
    if bytes.len() as u64 > cap {
        return Err((
            format!("it is larger than {} KiB, the limit", cap / 1024),
            None,
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_without_certificates_is_refused() {
        let e = TrustedRoots::from_pem(b"hello").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Configuration);
        assert!(e.to_string().contains("no PEM certificate"), "{e}");
        let e = TrustedRoots::from_pem_file("/nonexistent/ca.pem").unwrap_err();
        assert!(e.to_string().contains("/nonexistent/ca.pem"), "{e}");
    }

    #[test]
    fn debug_says_which_set() {
        assert_eq!(
            format!("{:?}", TrustedRoots::default()),
            "TrustedRoots::Bundled"
        );
        assert_eq!(
            format!("{:?}", TrustedRoots::platform()),
            "TrustedRoots::Platform"
        );
    }
}
