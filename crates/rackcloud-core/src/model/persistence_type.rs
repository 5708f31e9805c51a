//! [`PersistenceType`]: the session persistence modes, open to modes the server adds later.

crate::open_enum! {
    /// A session persistence mode.
    ///
    /// Values the server sends that this crate does not know are kept exactly in [`PersistenceType::Other`], so
    /// reading and writing them back changes nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::model::PersistenceType as Type;
    ///
    /// assert_eq!(Type::HttpCookie.as_str(), "HTTP_COOKIE");
    /// // Parsing user input ignores case for the known modes …
    /// assert_eq!("source_ip".parse::<Type>()?, Type::SourceIp);
    /// // … and keeps anything else as given.
    /// assert_eq!("NEW_MODE".parse::<Type>()?, Type::Other("NEW_MODE".into()));
    /// assert!("".parse::<Type>().is_err());
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum PersistenceType ("session persistence type") {
        /// `HTTP_COOKIE`: the load balancer sets a cookie naming the node. HTTP load balancers
        /// only (with or without SSL termination).
        HttpCookie = "HTTP_COOKIE",
        /// `SOURCE_IP`: requests from one client address go to one node. Any protocol.
        SourceIp = "SOURCE_IP",
        /// `SSL_ID`: requests of one TLS session go to one node. HTTPS pass-through only.
        SslId = "SSL_ID",
    }
}

#[cfg(test)]
mod tests {
    use super::PersistenceType as Type;

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
        let empty = "  ".parse::<Type>().expect_err("empty");
        assert!(empty.is_invalid_input());
        assert!(
            empty
                .to_string()
                .contains("the session persistence type is empty")
        );
        assert_eq!(Type::KNOWN_NAMES, ["HTTP_COOKIE", "SOURCE_IP", "SSL_ID"]);
    }
}
