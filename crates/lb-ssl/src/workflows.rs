//! The workflows operators fear, one call each: rotating a certificate, and turning HTTPS
//! redirect on and off in the order the server accepts.

use rackcloud_core::{Error, ErrorKind, ServiceClient, WaitOpts, change_and_wait};
use serde_json::json;

use crate::bundle::{CertificateBundle, CertificateWarning};
use crate::requests::{delete, get, set};
use crate::results::SslTermination;
use crate::set_opts::SetOpts;

/// The outcome of [`rotate_certificate`]: the termination now served and the bundle's warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    termination: SslTermination,
    warnings: Vec<CertificateWarning>,
}

impl Rotation {
    /// The termination read back after the change, serving the new certificate.
    pub fn termination(&self) -> &SslTermination {
        &self.termination
    }

    /// What the bundle check reported (expiring soon, not yet valid).
    pub fn warnings(&self) -> &[CertificateWarning] {
        &self.warnings
    }
}

/// What [`disable_https_redirect`] does with the SSL termination once redirect is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterRedirect {
    /// Keep it (the load balancer still serves TLS on its secure port).
    KeepTermination,
    /// Remove it as well.
    RemoveTermination,
}

/// Installs a new certificate, key and chain on load balancer `lb_id` and confirms it is served.
///
/// Checks the bundle, reads the installed termination (its secure port is kept), sends the
/// bundle, waits until the change is applied, reads the termination back and compares the served
/// certificate with the new one.
///
/// # Errors
///
/// [`InvalidInput`](ErrorKind::InvalidInput) for a bad bundle or wait options (nothing sent);
/// [`NotFound`](ErrorKind::NotFound) when no termination is configured (use
/// [`set`] first); [`Conflict`](ErrorKind::Conflict) when the certificate read back
/// is not the new one; every error of the requests and of the wait.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_ssl::CertificateBundle;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let bundle = CertificateBundle::new("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n", "key");
/// let err = lb_ssl::workflows::rotate_certificate(&client, 1, &bundle, &WaitOpts::new()).unwrap_err();
/// assert!(err.is_invalid_input()); // refused before anything was sent
/// # Ok(())
/// # }
/// ```
pub fn rotate_certificate(
    client: &ServiceClient,
    lb_id: u64,
    bundle: &CertificateBundle,
    wait: &WaitOpts,
) -> Result<Rotation, Error> {
    wait.check(lb_id)?;
    let warnings = bundle.check()?;
    let new = bundle.info()?;
    let Some(current) = get(client, lb_id).extract()? else {
        return Err(Error::new(
            ErrorKind::NotFound,
            format!("load balancer {lb_id} has no SSL termination to rotate; set one first"),
        ));
    };
    let port = current.secure_port().unwrap_or(443);
    let opts = SetOpts::new().bundle(bundle.clone()).secure_port(port);
    set(client, lb_id, &opts).and_wait(wait)?;
    let termination = get(client, lb_id).extract()?.ok_or_else(|| {
        Error::new(
            ErrorKind::Conflict,
            format!("load balancer {lb_id} has no SSL termination after the rotation"),
        )
    })?;
    let served = termination.certificate_info()?;
    if served.der() != new.der() {
        return Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "load balancer {lb_id} serves {} (expires {}), not the new certificate; another change may have replaced it",
                served.subject(),
                served.not_after()
            ),
        ));
    }
    Ok(Rotation {
        termination,
        warnings,
    })
}

/// Turns on HTTP→HTTPS redirect on HTTP load balancer `lb_id` in the order the server accepts:
/// SSL termination enabled on port 443 with secure traffic only (installing `bundle` when given,
/// otherwise keeping the installed certificate), wait, then `httpsRedirect` on, wait.
///
/// # Errors
///
/// [`InvalidInput`](ErrorKind::InvalidInput) for a bad bundle or wait options (nothing sent);
/// [`NotFound`](ErrorKind::NotFound) when no termination is configured and no bundle given;
/// every error of the requests and the waits.
pub fn enable_https_redirect(
    client: &ServiceClient,
    lb_id: u64,
    bundle: Option<&CertificateBundle>,
    wait: &WaitOpts,
) -> Result<Vec<CertificateWarning>, Error> {
    wait.check(lb_id)?;
    let mut opts = SetOpts::new()
        .secure_port(443)
        .secure_traffic_only(true)
        .enabled(true);
    let mut warnings = Vec::new();
    if let Some(bundle) = bundle {
        warnings = bundle.check()?;
        opts = opts.bundle(bundle.clone());
    } else if get(client, lb_id).extract()?.is_none() {
        return Err(Error::new(
            ErrorKind::NotFound,
            format!("load balancer {lb_id} has no SSL termination; give a certificate bundle"),
        ));
    }
    set(client, lb_id, &opts).and_wait(wait)?;
    set_redirect(client, lb_id, true, wait)?;
    Ok(warnings)
}

/// Turns HTTPS redirect off on load balancer `lb_id`, waits, then keeps or removes the SSL
/// termination (the server refuses to remove it while redirect is on).
///
/// # Errors
///
/// Every error of the requests and the waits.
pub fn disable_https_redirect(
    client: &ServiceClient,
    lb_id: u64,
    then: AfterRedirect,
    wait: &WaitOpts,
) -> Result<(), Error> {
    set_redirect(client, lb_id, false, wait)?;
    if then == AfterRedirect::RemoveTermination {
        delete(client, lb_id).and_wait(wait)?;
    }
    Ok(())
}

/// `PUT /loadbalancers/{id}` with `{"loadBalancer":{"httpsRedirect":…}}`, then the wait.
fn set_redirect(
    client: &ServiceClient,
    lb_id: u64,
    on: bool,
    wait: &WaitOpts,
) -> Result<(), Error> {
    change_and_wait(client, lb_id, wait, |c, id| {
        let body = json!({"loadBalancer": {"httpsRedirect": on}});
        c.put(&c.lb_url(id, &[]), &body).extract_err()
    })
}
