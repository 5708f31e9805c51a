//! What the CLI adds to authentication: the certificate authorities of `--ca-file` /
//! `RS_CA_FILE`, and the passcode of multi-factor authentication, asked on the terminal without
//! echo (`rpassword`) or taken from `RS_PASSCODE`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rackcloud_lb::core::{Error, ErrorKind, MfaChallenge, Secret, TrustedRoots};
use rackcloud_lb::files::{Cap, read_bytes};

use crate::env::Env;

/// The variable that names a CA file when `--ca-file` is not given.
pub(crate) const CA_FILE_VAR: &str = "RS_CA_FILE";
/// The variable that holds a passcode for runs without a terminal.
pub(crate) const PASSCODE_VAR: &str = "RS_PASSCODE";

/// `--ca-file`, else `RS_CA_FILE`: the only certificate authorities trusted for `https://`;
/// `None` keeps the SDK's bundled roots.
///
/// # Errors
///
/// A configuration error naming the file when it cannot be read or holds no certificate.
pub(crate) fn trusted_roots(
    flag: Option<&PathBuf>,
    env: Env<'_>,
) -> Result<Option<TrustedRoots>, Error> {
    let path = flag.cloned().or_else(|| {
        env(CA_FILE_VAR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    path.map(|path| ca_file(&path)).transpose()
}

/// The certificates of a CA file, read with the SDK's bounded reader (a regular file of at
/// most [`Cap::CA_FILE`]).
fn ca_file(path: &Path) -> Result<TrustedRoots, Error> {
    let pem = read_bytes(path, Cap::CA_FILE).map_err(|e| {
        Error::new(
            ErrorKind::Configuration,
            format!("cannot read the CA file {}: {e}", path.display()),
        )
    })?;
    TrustedRoots::from_pem(&pem).map_err(|e| {
        // The SDK's own words, without a second "configuration error:".
        let why = e.detail().unwrap_or("it holds no usable certificate");
        Error::new(
            ErrorKind::Configuration,
            format!("the CA file {}: {why}", path.display()),
        )
    })
}

/// The passcode callback: `RS_PASSCODE` when set (read now, used once per challenge), else a
/// prompt on the terminal without echo; with neither, a clear refusal.
pub(crate) fn passcode_callback(
    env: Env<'_>,
) -> impl Fn(&MfaChallenge) -> Result<Secret, Error> + Send + Sync + 'static {
    let given = env(PASSCODE_VAR).filter(|v| !v.is_empty()).map(Secret::new);
    move |challenge| {
        if let Some(passcode) = &given {
            return Ok(passcode.clone());
        }
        if !std::io::stdin().is_terminal() {
            return Err(Error::new(
                ErrorKind::Authentication,
                format!(
                    "the identity service asks for a second factor ({}); run on a terminal to be asked for it, or set {PASSCODE_VAR}",
                    challenge.factor()
                ),
            ));
        }
        let who = challenge.username().unwrap_or("the user");
        let prompt = format!("rackcloud: passcode for {who} ({}): ", challenge.factor());
        let typed = rpassword::prompt_password(prompt).map_err(|e| {
            Error::new(
                ErrorKind::Authentication,
                "could not read the passcode from the terminal",
            )
            .with_source(e)
        })?;
        Ok(Secret::new(typed.trim().to_owned()))
    }
}
