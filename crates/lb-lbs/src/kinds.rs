//! The load balancer's own wire enums: [`Protocol`] and [`Algorithm`], each open to values the
//! server adds later.

use rackcloud_core::kit::open_enum;

open_enum! {
    /// The protocol a load balancer speaks.
    ///
    /// It decides which session persistence modes are allowed (`HTTP_COOKIE` needs
    /// [`Http`](Protocol::Http), `SSL_ID` needs [`Https`](Protocol::Https)) and, when a create
    /// names no port, the default port ([`Tcp`](Protocol::Tcp), [`TcpClientFirst`](Protocol::TcpClientFirst),
    /// [`Udp`](Protocol::Udp) and [`UdpStream`](Protocol::UdpStream) have none).
    ///
    /// # Examples
    ///
    /// ```
    /// use lb_lbs::Protocol;
    ///
    /// assert_eq!(Protocol::ImapV4.as_str(), "IMAPv4");
    /// assert_eq!("imapv4".parse::<Protocol>()?, Protocol::ImapV4);
    /// assert_eq!(Protocol::from("GOPHER"), Protocol::Other("GOPHER".into()));
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum Protocol ("load balancer protocol") {
        /// `HTTP` (port 80 by default).
        Http = "HTTP",
        /// `HTTPS` (443).
        Https = "HTTPS",
        /// `TCP` (no default port).
        Tcp = "TCP",
        /// `TCP_CLIENT_FIRST`: TCP where the client speaks first (no default port).
        TcpClientFirst = "TCP_CLIENT_FIRST",
        /// `UDP` (no default port).
        Udp = "UDP",
        /// `UDP_STREAM` (no default port).
        UdpStream = "UDP_STREAM",
        /// `DNS_TCP` (53).
        DnsTcp = "DNS_TCP",
        /// `DNS_UDP` (53).
        DnsUdp = "DNS_UDP",
        /// `FTP` (21).
        Ftp = "FTP",
        /// `IMAPv4` (143); note the lowercase `v` on the wire.
        ImapV4 = "IMAPv4",
        /// `IMAPS` (993).
        Imaps = "IMAPS",
        /// `LDAP` (389).
        Ldap = "LDAP",
        /// `LDAPS` (636).
        Ldaps = "LDAPS",
        /// `MYSQL` (3306).
        Mysql = "MYSQL",
        /// `POP3` (110).
        Pop3 = "POP3",
        /// `POP3S` (995).
        Pop3s = "POP3S",
        /// `SMTP` (25).
        Smtp = "SMTP",
        /// `SFTP` (22).
        Sftp = "SFTP",
    }
}

open_enum! {
    /// How a load balancer spreads connections over its nodes.
    ///
    /// # Examples
    ///
    /// ```
    /// use lb_lbs::Algorithm;
    ///
    /// assert_eq!(Algorithm::RoundRobin.to_string(), "ROUND_ROBIN");
    /// assert_eq!("least_connections".parse::<Algorithm>()?, Algorithm::LeastConnections);
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum Algorithm ("load balancing algorithm") {
        /// `LEAST_CONNECTIONS`: the node with the fewest open connections.
        LeastConnections = "LEAST_CONNECTIONS",
        /// `RANDOM`: a random node (the default).
        Random = "RANDOM",
        /// `ROUND_ROBIN`: each node in turn.
        RoundRobin = "ROUND_ROBIN",
        /// `WEIGHTED_LEAST_CONNECTIONS`: fewest connections relative to the node's weight.
        WeightedLeastConnections = "WEIGHTED_LEAST_CONNECTIONS",
        /// `WEIGHTED_ROUND_ROBIN`: each node in turn, as often as its weight says.
        WeightedRoundRobin = "WEIGHTED_ROUND_ROBIN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_protocol_round_trips() {
        assert_eq!(
            Protocol::KNOWN_NAMES.len(),
            18,
            "the protocols of docs/api/load-balancers.md"
        );
        for name in Protocol::KNOWN_NAMES.iter().copied() {
            let p = Protocol::from(name);
            assert!(!matches!(p, Protocol::Other(_)), "{name} is known");
            assert_eq!(p.as_str(), name);
            assert_eq!(name.to_lowercase().parse::<Protocol>().expect("known"), p);
        }
    }

    #[test]
    fn unknown_values_are_kept() {
        let a: Algorithm = serde_json::from_str(r#""FASTEST""#).expect("kept");
        assert_eq!(a, Algorithm::Other("FASTEST".into()));
        assert_eq!(serde_json::to_string(&a).expect("json"), r#""FASTEST""#);
        assert!(" ".parse::<Protocol>().is_err());
    }
}
