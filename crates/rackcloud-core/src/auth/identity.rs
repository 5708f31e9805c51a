//! Identity v2.0: the token request bodies and the token response (docs/api/identity.md).

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::auth_options::{AuthOptions, Credential, Tenant};
use crate::catalog::{Catalog, CatalogEntry, Endpoint};
use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::secret::Secret;

/// What a successful authentication gives: the token and what came with it.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) token: Secret,
    pub(crate) expires: Option<SystemTime>,
    pub(crate) tenant_id: Option<String>,
    pub(crate) default_region: Option<String>,
    pub(crate) catalog: Catalog,
}

/// The JSON body of `POST {identity}/tokens` for these options. It carries a credential: it is
/// never logged.
pub(crate) fn token_request_body(opts: &AuthOptions) -> Vec<u8> {
    let (tenant_id, tenant_name) = match opts.tenant() {
        Some(Tenant::Id(id)) => (Some(id.as_str()), None),
        Some(Tenant::Name(name)) => (None, Some(name.as_str())),
        None => (None, None),
    };
    let auth = match opts.credential() {
        Credential::ApiKey { username, api_key } => AuthBody {
            api_key: Some(ApiKeyCredentials {
                username,
                api_key: api_key.expose(),
            }),
            password: None,
            token: None,
            tenant_id,
            tenant_name,
        },
        Credential::Password { username, password } => AuthBody {
            api_key: None,
            password: Some(PasswordCredentials {
                username,
                password: password.expose(),
            }),
            token: None,
            tenant_id,
            tenant_name,
        },
        Credential::Token { token } => AuthBody {
            api_key: None,
            password: None,
            token: Some(TokenCredential { id: token.expose() }),
            tenant_id,
            tenant_name,
        },
    };
    // Serialising these plain structs cannot fail; an empty body would be refused by the server.
    serde_json::to_vec(&TokenRequest { auth }).unwrap_or_default()
}

/// Reads a token response body.
pub(crate) fn parse_token_response(body: &[u8]) -> Result<Session, Error> {
    let response: TokenResponse = crate::result::decode_json(body).map_err(|what| {
        Error::new(
            ErrorKind::Decode,
            format!("the token response is not the expected JSON: {what}"),
        )
    })?;
    let access = response.access;
    let expires = match access.token.expires.as_deref() {
        None | Some("") => None,
        Some(text) => Some(parse_expires(text)?),
    };
    let catalog = Catalog::new(
        access
            .service_catalog
            .into_iter()
            .map(|entry| {
                let endpoints = entry
                    .endpoints
                    .into_iter()
                    .map(|e| {
                        Endpoint::new(
                            e.region,
                            e.tenant_id,
                            e.public_url,
                            e.internal_url,
                            e.admin_url,
                        )
                    })
                    .collect();
                CatalogEntry::new(entry.name, entry.service_type, endpoints)
            })
            .collect(),
    );
    Ok(Session {
        token: Secret::new(access.token.id),
        expires,
        tenant_id: access.token.tenant.map(|t| t.id),
        default_region: access
            .user
            .and_then(|u| u.default_region)
            .filter(|r| !r.is_empty()),
        catalog,
    })
}

/// The token's expiry. A value that is not a date is named by its field and its length, never
/// quoted, and the date library's error (which quotes it) is not kept: a service that writes
/// the token, or anything else secret, into the field does not get it printed.
fn parse_expires(text: &str) -> Result<SystemTime, Error> {
    let at: jiff::Timestamp = match text.parse() {
        Ok(at) => at,
        // Past the date library's range (years after 9999, or the last hours of 9999): the
        // token does not expire soon, which is all the client needs.
        Err(_) if beyond_year_9999(text) => jiff::Timestamp::MAX,
        Err(_) => {
            return Err(Error::new(
                ErrorKind::Decode,
                format!(
                    "the token response's `access.token.expires` ({} characters) is not an RFC 3339 date",
                    text.chars().count()
                ),
            ));
        }
    };
    SystemTime::try_from(at).map_err(|_| {
        Error::new(
            ErrorKind::Decode,
            "the token response's `access.token.expires` is out of range",
        )
    })
}

/// `YYYYY…-` with five or more digits, or the last two days of 9999 (the date library ends at
/// 9999-12-30T22:00Z, so that any offset fits): a date at or past the end of its range.
fn beyond_year_9999(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let year_then_dash = text.as_bytes().get(digits) == Some(&b'-');
    (digits > 4 && year_then_dash) || text.starts_with("9999-12-3")
}

#[derive(Serialize)]
struct TokenRequest<'a> {
    auth: AuthBody<'a>,
}

#[derive(Serialize)]
struct AuthBody<'a> {
    #[serde(
        rename = "RAX-KSKEY:apiKeyCredentials",
        skip_serializing_if = "Option::is_none"
    )]
    api_key: Option<ApiKeyCredentials<'a>>,
    #[serde(
        rename = "passwordCredentials",
        skip_serializing_if = "Option::is_none"
    )]
    password: Option<PasswordCredentials<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<TokenCredential<'a>>,
    #[serde(rename = "tenantId", skip_serializing_if = "Option::is_none")]
    tenant_id: Option<&'a str>,
    #[serde(rename = "tenantName", skip_serializing_if = "Option::is_none")]
    tenant_name: Option<&'a str>,
}

#[derive(Serialize)]
struct ApiKeyCredentials<'a> {
    username: &'a str,
    #[serde(rename = "apiKey")]
    api_key: &'a str,
}

#[derive(Serialize)]
struct PasswordCredentials<'a> {
    username: &'a str,
    password: &'a str,
}

#[derive(Serialize)]
struct TokenCredential<'a> {
    id: &'a str,
}

#[derive(Deserialize)]
struct TokenResponse {
    access: Access,
}

#[derive(Deserialize)]
struct Access {
    token: TokenBody,
    #[serde(default)]
    user: Option<UserBody>,
    #[serde(rename = "serviceCatalog", default)]
    service_catalog: Vec<EntryBody>,
}

#[derive(Deserialize)]
struct TokenBody {
    id: String,
    #[serde(default)]
    expires: Option<String>,
    #[serde(default)]
    tenant: Option<TenantBody>,
}

#[derive(Deserialize)]
struct TenantBody {
    id: String,
}

#[derive(Deserialize)]
struct UserBody {
    #[serde(rename = "RAX-AUTH:defaultRegion", default)]
    default_region: Option<String>,
}

#[derive(Deserialize)]
struct EntryBody {
    name: String,
    #[serde(rename = "type")]
    service_type: String,
    #[serde(default)]
    endpoints: Vec<EndpointBody>,
}

#[derive(Deserialize)]
struct EndpointBody {
    #[serde(default)]
    region: Option<String>,
    #[serde(rename = "tenantId", default)]
    tenant_id: Option<String>,
    #[serde(rename = "publicURL", default)]
    public_url: Option<String>,
    #[serde(rename = "internalURL", default)]
    internal_url: Option<String>,
    #[serde(rename = "adminURL", default)]
    admin_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(opts: &AuthOptions) -> String {
        String::from_utf8(token_request_body(opts)).expect("utf-8")
    }

    #[test]
    fn exact_request_bodies() {
        assert_eq!(
            body(&AuthOptions::api_key("U", "K")),
            r#"{"auth":{"RAX-KSKEY:apiKeyCredentials":{"username":"U","apiKey":"K"}}}"#
        );
        assert_eq!(
            body(&AuthOptions::password("U", "P")),
            r#"{"auth":{"passwordCredentials":{"username":"U","password":"P"}}}"#
        );
        assert_eq!(
            body(&AuthOptions::token("T", "N")),
            r#"{"auth":{"token":{"id":"T"},"tenantId":"N"}}"#
        );
        assert_eq!(
            body(&AuthOptions::api_key("U", "K").tenant_name("acme")),
            r#"{"auth":{"RAX-KSKEY:apiKeyCredentials":{"username":"U","apiKey":"K"},"tenantName":"acme"}}"#
        );
    }

    #[test]
    fn expires_with_any_offset() {
        let z = parse_expires("2026-11-26T03:21:04.999Z").expect("Z");
        let offset = parse_expires("2026-11-25T22:21:04.999-05:00").expect("offset");
        assert_eq!(z, offset);
        assert!(parse_expires("tomorrow").is_err());
        assert!(parse_expires("2026-11-26T03:21:04").is_err());
    }

    #[test]
    fn expires_past_the_date_range_is_far_away() {
        let far = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(253_402_000_000);
        for text in [
            "9999-12-31T23:59:59Z",
            "9999-12-30T23:00:00Z",
            "9999-12-31T23:59:59.999-05:00",
            "10000-01-01T00:00:00Z",
            "275760-09-13T00:00:00.000Z",
        ] {
            let at = parse_expires(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!(at > far, "{text}");
        }
        assert!(parse_expires("99999").is_err());
        assert!(parse_expires("9999-13-01T00:00:00Z").is_err());
    }

    #[test]
    fn response_with_optional_parts_missing() {
        let s = parse_token_response(
            br#"{"access":{"token":{"id":"abc"},"serviceCatalog":[{"name":"cloudDNS","type":"rax:dns","endpoints":[{"publicURL":"https://dns/v1.0/1","region":""}]}]}}"#,
        )
        .expect("session");
        assert_eq!(s.token.expose(), "abc");
        assert_eq!(s.expires, None);
        assert_eq!(s.default_region, None);
        let entry = &s.catalog.entries()[0];
        assert_eq!(entry.endpoints()[0].region(), None);
    }

    #[test]
    fn malformed_responses_are_decode_errors() {
        for body in [
            &b""[..],
            b"<html>",
            br#"{"access":{}}"#,
            br#"{"access":{"token":{"id":"x","expires":"never"}}}"#,
        ] {
            let e = parse_token_response(body).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Decode);
        }
    }
}
