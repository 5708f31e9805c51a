//! SSL termination, certificate mappings (SNI), ciphers and HTTPS redirect for Rackspace Cloud
//! Load Balancers.
//!
//! # What it does for a site
//!
//! With SSL termination the load balancer holds the site's certificate and key, decrypts TLS on
//! a secure port (usually 443) and talks plain HTTP to the nodes: the nodes need no certificate
//! and the load balancer can still read cookies and headers. Certificate mappings add more
//! certificates chosen by the host name the client asks for (SNI), so one load balancer serves
//! `www.example.com` and `shop.example.org` each with its own certificate. HTTPS redirect
//! answers every plain HTTP request with a redirect to `https://`.
//!
//! # The traps, and what this crate does about them
//!
//! - The key's wire name is `privatekey` (lower-case k) for the termination and `privateKey`
//!   for mappings; this crate sends each right.
//! - Changing one attribute (turning termination off, changing the secure port) needs no key:
//!   [`SetOpts`] sends only what you set and the server keeps the installed certificate.
//! - Reading the termination when none is configured is a 404: [`GetResult::extract`] gives
//!   `None`.
//! - Termination works only on plain protocols (`HTTP`); the load balancer's protocol cannot
//!   change while it exists.
//! - Redirect needs termination on port 443 with secure traffic only, *first*; and the
//!   termination cannot be removed while redirect is on. [`enable_https_redirect`](crate::workflows::enable_https_redirect) and
//!   [`disable_https_redirect`](crate::workflows::disable_https_redirect) do the steps in that order.
//! - A bad certificate bundle costs a round trip and a busy load balancer at best, an outage at
//!   worst. Every bundle ([`CertificateBundle`]) is parsed as X.509 and checked before sending:
//!   the key belongs to the certificate, the chain is in order (each certificate issued by the
//!   next), nothing has expired (refused), and a certificate expiring within
//!   [`EXPIRY_WARNING`] or not yet valid is reported as a [`CertificateWarning`].
//! - Private keys are [`Secret`](rackcloud_core::Secret)s: no `Debug`, error or log shows
//!   them, and the server never returns them.
//! - Every change makes the load balancer `PENDING_UPDATE` for a while; each change's result
//!   waits for it with `and_wait(&wait)`.
//!
//! # Example
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::builder()
//! #     .default_seed()
//! #     .pending_time(std::time::Duration::from_millis(50))
//! #     .start()?;
//! use std::time::Duration;
//! use lb_ssl::{CertificateBundle, SetOpts};
//! use lb_ssl::workflows::AfterRedirect;
//! use rackcloud_core::WaitOpts;
//!
//! let token = emulator.issue_token("demo").ok_or("no token")?;
//! let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
//! let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
//!
//! // A self-signed certificate made here with rcgen; yours are the PEM texts of your
//! // certificate and key, e.g. from std::fs::read_to_string.
//! let key = rcgen::KeyPair::generate()?;
//! let cert = rcgen::CertificateParams::new(vec!["www.example.com".to_owned()])?.self_signed(&key)?;
//! let (cert_pem, key_pem) = (cert.pem(), key.serialize_pem());
//! let bundle = CertificateBundle::new(cert_pem, key_pem);
//! for warning in bundle.check()? {
//!     eprintln!("warning: {warning}");
//! }
//! lb_ssl::set(&client, 1, &SetOpts::new().bundle(bundle.clone()).secure_port(443)).and_wait(&wait)?;
//!
//! let ssl = lb_ssl::get(&client, 1).extract()?.ok_or("no termination")?;
//! assert_eq!(ssl.certificate_info()?.names(), ["www.example.com"]);
//!
//! // Same certificate again as a rotation: installed, waited for, read back and compared.
//! lb_ssl::workflows::rotate_certificate(&client, 1, &bundle, &wait)?;
//!
//! // Redirect plain HTTP to HTTPS, then back.
//! lb_ssl::workflows::enable_https_redirect(&client, 1, None, &wait)?;
//! lb_ssl::workflows::disable_https_redirect(&client, 1, AfterRedirect::RemoveTermination, &wait)?;
//! assert_eq!(lb_ssl::get(&client, 1).extract()?, None);
//! # Ok(())
//! # }
//! ```

mod bundle;
mod certificate;
mod chain;
mod key;
mod kinds;
mod mapping_opts;
mod mapping_results;
mod mappings;
mod requests;
mod results;
mod set_opts;
mod urls;
pub mod workflows;

pub use bundle::{CertificateBundle, CertificateWarning, EXPIRY_WARNING};
pub use certificate::CertificateInfo;
pub use kinds::{CipherProfile, SecurityProtocol, SecurityProtocolName, SecurityProtocolStatus};
pub use mapping_opts::{
    CreateMappingOpts, CreateMappingOptsBuilder, UpdateMappingOpts, UpdateMappingOptsBuilder,
};
pub use mapping_results::{
    CertificateMapping, CreateMappingResult, ListMappingsResult, MappingChangeResult, MappingResult,
};
pub use mappings::{
    MAPPING_LIMIT, create_mapping, delete_mapping, get_mapping, list_mappings, update_mapping,
};
pub use requests::{ciphers, delete, get, set};
pub use results::{
    CiphersResult, DeleteResult, GetResult, NO_TERMINATION, SetResult, SslTermination,
};
pub use set_opts::{SetOpts, SetOptsBuilder};
