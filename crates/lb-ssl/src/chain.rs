//! Whether one certificate was issued by another: the issuer name is the other's subject, and
//! the signature verifies with the other's public key when the algorithm is one ring knows.

use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
use x509_cert::der::Encode;
use x509_cert::der::oid::ObjectIdentifier;

use crate::certificate::Parsed;

const SHA256_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");

/// Whether `child` names `issuer` as its issuer and carries a signature `issuer`'s key verifies
/// (the signature is checked for the RSA PKCS#1, ECDSA and Ed25519 algorithms; others are
/// judged by the names alone).
pub(crate) fn issued_by(child: &Parsed, issuer: &Parsed) -> bool {
    let (Ok(named), Ok(subject)) = (
        child.cert.tbs_certificate.issuer.to_der(),
        issuer.cert.tbs_certificate.subject.to_der(),
    ) else {
        return false;
    };
    if named != subject {
        return false;
    }
    let Some(alg) = algorithm(child, issuer) else {
        return true;
    };
    let Ok(tbs) = child.cert.tbs_certificate.to_der() else {
        return false;
    };
    UnparsedPublicKey::new(alg, issuer.public_key_bits())
        .verify(&tbs, child.cert.signature.raw_bytes())
        .is_ok()
}

fn algorithm(child: &Parsed, issuer: &Parsed) -> Option<&'static dyn VerificationAlgorithm> {
    let p256 = issuer
        .cert
        .tbs_certificate
        .subject_public_key_info
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        == Some(P256);
    let oid = child.cert.signature_algorithm.oid;
    Some(match oid {
        o if o == SHA256_RSA => &signature::RSA_PKCS1_2048_8192_SHA256,
        o if o == SHA384_RSA => &signature::RSA_PKCS1_2048_8192_SHA384,
        o if o == SHA512_RSA => &signature::RSA_PKCS1_2048_8192_SHA512,
        o if o == ECDSA_SHA256 && p256 => &signature::ECDSA_P256_SHA256_ASN1,
        o if o == ECDSA_SHA256 => &signature::ECDSA_P384_SHA256_ASN1,
        o if o == ECDSA_SHA384 && p256 => &signature::ECDSA_P256_SHA384_ASN1,
        o if o == ECDSA_SHA384 => &signature::ECDSA_P384_SHA384_ASN1,
        o if o == ED25519 => &signature::ED25519,
        _ => return None,
    })
}
