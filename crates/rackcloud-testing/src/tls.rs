//! Certificates and keys generated at test time (rcgen, ECDSA P-256, PKCS#8): no certificate or
//! key file is committed.

use jiff::{SignedDuration, Timestamp};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};

/// A certificate, its private key and its intermediate chain (issuer first; empty when
/// self-signed), all PEM.
#[derive(Debug, Clone)]
pub struct TestCert {
    /// The certificate.
    pub cert: String,
    /// Its private key (PKCS#8).
    pub key: String,
    /// The intermediate certificate then the root, or empty.
    pub chain: String,
    /// The intermediate alone.
    pub intermediate: String,
    /// The root alone.
    pub root: String,
}

/// A self-signed certificate for `host`, valid for a year.
///
/// # Panics
///
/// When rcgen fails (a broken test set-up).
pub fn self_signed(host: &str) -> TestCert {
    valid_for(host, 365)
}

/// A self-signed certificate for `host` expiring in `days` days (negative: already expired).
///
/// # Panics
///
/// When rcgen fails.
pub fn valid_for(host: &str, days: i64) -> TestCert {
    let key = KeyPair::generate().expect("key");
    let mut params = leaf_params(host);
    let (y, m, d) = ymd(-400);
    params.not_before = rcgen::date_time_ymd(y, m, d);
    let (y, m, d) = ymd(days);
    params.not_after = rcgen::date_time_ymd(y, m, d);
    let cert = params.self_signed(&key).expect("certificate");
    TestCert {
        cert: cert.pem(),
        key: key.serialize_pem(),
        chain: String::new(),
        intermediate: String::new(),
        root: String::new(),
    }
}

/// A certificate for `host` issued by an intermediate issued by a root.
///
/// # Panics
///
/// When rcgen fails.
pub fn with_chain(host: &str) -> TestCert {
    let root_key = KeyPair::generate().expect("key");
    let root = ca_params("Test Root").self_signed(&root_key).expect("root");
    let mid_key = KeyPair::generate().expect("key");
    let mid = ca_params("Test Intermediate")
        .signed_by(&mid_key, &root, &root_key)
        .expect("intermediate");
    let key = KeyPair::generate().expect("key");
    let cert = leaf_params(host)
        .signed_by(&key, &mid, &mid_key)
        .expect("leaf");
    TestCert {
        cert: cert.pem(),
        key: key.serialize_pem(),
        chain: format!("{}{}", mid.pem(), root.pem()),
        intermediate: mid.pem(),
        root: root.pem(),
    }
}

fn leaf_params(host: &str) -> CertificateParams {
    let mut params = CertificateParams::new(vec![host.to_owned()]).expect("params");
    params.distinguished_name.push(DnType::CommonName, host);
    params
}

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::new()).expect("params");
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params
}

/// Today plus `days`, as (year, month, day).
fn ymd(days: i64) -> (i32, u8, u8) {
    let at = Timestamp::now()
        .checked_add(SignedDuration::from_hours(days * 24))
        .expect("date");
    let d = jiff::tz::Offset::UTC.to_datetime(at).date();
    (
        i32::from(d.year()),
        d.month().unsigned_abs(),
        d.day().unsigned_abs(),
    )
}
