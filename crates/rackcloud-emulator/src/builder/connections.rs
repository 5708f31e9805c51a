//! The builder's settings for connections: their timers, the cap per client address, and the
//! `Host` names answered.

use std::time::Duration;

use super::EmulatorBuilder;

impl EmulatorBuilder {
    /// How long a connection may take to send a request's headers, counted from their first
    /// byte (or the TLS handshake from its first byte); a connection that has not sent them in
    /// time is closed. A request's body gets as long again once its headers are in, or is
    /// answered 408 and the connection closed. Default 10 seconds.
    pub fn header_read_timeout(mut self, d: Duration) -> Self {
        self.setup.header_read_timeout = d;
        self
    }

    /// How long a connection may stay without a request, before its first one or since the
    /// last answer on a keep-alive connection, before it is closed; also how long an answer
    /// may wait for a client that does not read it. Default 30 seconds. A delayed or stalled
    /// fault answer is the emulator's own doing and is not cut.
    ///
    /// ```
    /// use std::io::Read;
    /// use std::net::TcpStream;
    /// use std::time::Duration;
    /// use rackcloud_emulator::Emulator;
    ///
    /// # fn main() -> std::io::Result<()> {
    /// let emulator = Emulator::builder().idle_timeout(Duration::from_millis(100)).start()?;
    /// let mut silent = TcpStream::connect(emulator.addr())?;
    /// silent.set_read_timeout(Some(Duration::from_secs(10)))?;
    /// // The server closes it: the read ends without a byte.
    /// assert_eq!(silent.read(&mut [0_u8; 1])?, 0);
    /// assert_eq!(emulator.stats().connections_timed_out, 1);
    /// # Ok(())
    /// # }
    /// ```
    pub fn idle_timeout(mut self, d: Duration) -> Self {
        self.setup.idle_timeout = d;
        self
    }

    /// How many connections one client address may have open at once (default 64; zero counts
    /// as one). A connection past it is answered 503
    /// `{"message":"Too many open connections from 127.0.0.1: at most 64 at once; close idle ones and retry.","code":503}`
    /// (closed without a word over TLS) and closed, without reading its request, while the
    /// client's other connections and every other client are served. Every client of a test
    /// on loopback is the one address 127.0.0.1: raise it for a test that holds more.
    pub fn max_connections_per_client(mut self, n: usize) -> Self {
        self.setup.max_connections_per_client = n;
        self
    }

    /// Answers requests whose `Host` is this name too (any case, with any port), for an emulator
    /// reached by a name of its own (a container's service name, …).
    ///
    /// By default only `127.0.0.1`, `[::1]`, `localhost` and the address it listens on are
    /// answered (any IP literal when it listens on a wildcard address); other `Host` values get
    /// 421 with the flat body, so that a web page that rebinds its own name to this machine
    /// cannot drive the emulator, its control API included.
    ///
    /// ```
    /// use rackcloud_emulator::Emulator;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let emulator = Emulator::builder().default_seed().allow_host("emulator").start()?;
    /// let agent: ureq::Agent = ureq::Agent::config_builder()
    ///     .http_status_as_error(false)
    ///     .build()
    ///     .into();
    /// let stats = format!("http://{}/_emulator/stats", emulator.addr());
    /// let named = agent.get(&stats).header("Host", "emulator:8080").call()?;
    /// assert_eq!(named.status(), 200);
    /// let rebound = agent.get(&stats).header("Host", "rebound.example").call()?;
    /// assert_eq!(rebound.status(), 421);
    /// # Ok(())
    /// # }
    /// ```
    pub fn allow_host(mut self, name: &str) -> Self {
        self.setup.allowed_hosts.push(name.to_owned());
        self
    }
}
