//! [`Type`]: the session persistence modes, open to modes the server adds later.

use std::fmt;
use std::str::FromStr;

use rackcloud_core::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A session persistence mode.
///
/// Values the server sends that this crate does not know are kept exactly in [`Type::Other`], so
/// reading and writing them back changes nothing.
///
/// # Examples
///
/// ```
/// use lb_sessions::Type;
///
/// assert_eq!(Type::HttpCookie.as_str(), "HTTP_COOKIE");
/// // Parsing user input ignores case for the known modes …
/// assert_eq!("source_ip".parse::<Type>()?, Type::SourceIp);
/// // … and keeps anything else as given.
/// assert_eq!("NEW_MODE".parse::<Type>()?, Type::Other("NEW_MODE".into()));
/// assert!("".parse::<Type>().is_err());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Type {
    /// `HTTP_COOKIE`: the load balancer sets a cookie naming the node. HTTP load balancers only
    /// (with or without SSL termination).
    HttpCookie,
    /// `SOURCE_IP`: requests from one client address go to one node. Any protocol.
    SourceIp,
    /// `SSL_ID`: requests of one TLS session go to one node. HTTPS pass-through only.
    SslId,
    /// A mode this crate does not know, kept exactly as the server or the caller wrote it.
    Other(String),
}

impl Type {
    /// The name on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Type::HttpCookie => "HTTP_COOKIE",
            Type::SourceIp => "SOURCE_IP",
            Type::SslId => "SSL_ID",
            Type::Other(name) => name,
        }
    }

    /// The mode for a wire name, matched exactly.
    fn from_wire(name: &str) -> Type {
        match name {
            "HTTP_COOKIE" => Type::HttpCookie,
            "SOURCE_IP" => Type::SourceIp,
            "SSL_ID" => Type::SslId,
            other => Type::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses user input: the known modes in any case, anything else kept as written.
impl FromStr for Type {
    type Err = Error;

    fn from_str(s: &str) -> Result<Type, Error> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(Error::invalid_input(
                "the session persistence type is empty",
            ));
        }
        let known = Type::from_wire(&trimmed.to_ascii_uppercase());
        Ok(match known {
            Type::Other(_) => Type::Other(trimmed.to_owned()),
            known => known,
        })
    }
}

impl Serialize for Type {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Type {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Type, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(Type::from_wire(&name))
    }
}

/// The mode for a wire name, matched exactly (unlike [`FromStr`], which ignores case).
impl From<String> for Type {
    fn from(name: String) -> Type {
        match Type::from_wire(&name) {
            Type::Other(_) => Type::Other(name),
            known => known,
        }
    }
}

/// The mode for a wire name, matched exactly (unlike [`FromStr`], which ignores case).
impl From<&str> for Type {
    fn from(name: &str) -> Type {
        Type::from_wire(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_exactly() {
        for name in [
            "HTTP_COOKIE",
            "SOURCE_IP",
            "SSL_ID",
            "FUTURE_MODE",
            "http_cookie",
        ] {
            let t: Type = serde_json::from_str(&format!("{name:?}")).expect("a type");
            assert_eq!(
                serde_json::to_string(&t).expect("json"),
                format!("{name:?}")
            );
            assert_eq!(Type::from(name).as_str(), name);
        }
        assert_eq!(Type::from("http_cookie"), Type::Other("http_cookie".into()));
    }

    #[test]
    fn user_input_ignores_case_for_known_modes() {
        assert_eq!(
            " Http_Cookie ".parse::<Type>().expect("known"),
            Type::HttpCookie
        );
        assert_eq!("ssl_id".parse::<Type>().expect("known"), Type::SslId);
        assert!("  ".parse::<Type>().expect_err("empty").is_invalid_input());
    }
}
