//! `emulator`: where the standalone emulator listens and how to use it, printed before it
//! starts serving.

use std::io::{self, Write};

use serde::Serialize;

use super::{Render, write_json};

/// What `emulator` prints before it starts serving.
#[derive(Debug)]
pub(crate) struct EmulatorReport {
    pub(crate) identity_url: String,
    pub(crate) username: String,
    pub(crate) api_key: String,
    pub(crate) password: String,
    pub(crate) tenant_id: String,
    /// (region, load balancer endpoint) pairs.
    pub(crate) lb_endpoints: Vec<(String, String)>,
    pub(crate) pending_seconds: f64,
    /// Where the CA certificate was written (`--tls --ca-out`).
    pub(crate) ca_file: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    identity_url: &'a str,
    username: &'a str,
    api_key: &'a str,
    password: &'a str,
    tenant_id: &'a str,
    load_balancer_endpoints: Vec<RegionEndpoint<'a>>,
    pending_seconds: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    ca_file: Option<&'a str>,
}

/// A region's load balancer endpoint.
#[derive(Serialize)]
struct RegionEndpoint<'a> {
    region: &'a str,
    url: &'a str,
}

impl Render for EmulatorReport {
    /// The credentials, the endpoints, and a command to try.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let endpoints: Vec<String> = self
            .lb_endpoints
            .iter()
            .map(|(region, url)| format!("{region} {url}"))
            .collect();
        writeln!(out, "identity URL: {}", self.identity_url)?;
        writeln!(out, "username: {}", self.username)?;
        writeln!(out, "API key: {}", self.api_key)?;
        writeln!(out, "password: {}", self.password)?;
        writeln!(out, "tenant: {}", self.tenant_id)?;
        if let Some(ca) = &self.ca_file {
            writeln!(
                out,
                "CA certificate: {ca} (trust it with --ca-file or RS_CA_FILE)"
            )?;
        }
        writeln!(out, "load balancer endpoints: {}", endpoints.join(", "))?;
        writeln!(
            out,
            "changes stay PENDING_UPDATE for {} s",
            self.pending_seconds
        )?;
        writeln!(
            out,
            "try: RS_USERNAME={} RS_API_KEY={} rackcloud --auth-url {} lb session-persistence show 1",
            self.username, self.api_key, self.identity_url
        )?;
        writeln!(out, "serving until interrupted (Ctrl-C)")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = Document {
            identity_url: &self.identity_url,
            username: &self.username,
            api_key: &self.api_key,
            password: &self.password,
            tenant_id: &self.tenant_id,
            load_balancer_endpoints: self
                .lb_endpoints
                .iter()
                .map(|(region, url)| RegionEndpoint { region, url })
                .collect(),
            pending_seconds: self.pending_seconds,
            ca_file: self.ca_file.as_deref(),
        };
        write_json(out, &doc)
    }
}
