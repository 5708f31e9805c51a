//! What the CLI adds to authentication: the certificate authorities of `--ca-file` /
//! `RS_CA_FILE`, and the passcode of multi-factor authentication, asked on the terminal without
//! echo (`rpassword`) or taken from `RS_PASSCODE`.

use std::io::IsTerminal;
use std::path::PathBuf;

use rackcloud_lb::core::{Error, ErrorKind, MfaChallenge, Secret, TrustedRoots};

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
    path.map(TrustedRoots::from_pem_file).transpose()
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
