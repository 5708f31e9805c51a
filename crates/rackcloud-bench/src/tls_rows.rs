//! The TLS rows: the same GET as `raw` and `sdk-get`, over HTTPS to an emulator serving TLS
//! with a CA it made at start, so that the handshake and record costs show beside the plain
//! rows. Connections are kept alive as in production: the counts say how many handshakes.

use anyhow::{Context, Result};
use rackcloud_core::{ProviderClient, ProxyConfig, TrustedRoots};
use ureq::tls::{PemItem, RootCerts, TlsConfig};

use crate::measure::{Run, median};
use crate::report::Row;
use crate::scenarios::{self, Counted, Raw, World};

/// `raw-tls` and `sdk-get-tls`, `rounds` paired rounds of `calls` after `warmup` calls each.
pub(crate) fn measure(rounds: usize, warmup: usize, calls: usize) -> Result<Vec<Row>> {
    let world = World::start_with(true)?;
    let w = &world;
    let pem = w.emulator.ca_pem().context("the TLS emulator has no CA")?;
    let certs: Vec<_> = ureq::tls::parse_pem(pem.as_bytes())
        .filter_map(|item| match item {
            Ok(PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(
            TlsConfig::builder()
                .root_certs(RootCerts::from(certs))
                .build(),
        )
        .proxy(None)
        .build()
        .into();
    let (mut raw_n, mut sdk_n, mut paired) =
        (Counted::default(), Counted::default(), Counted::default());
    let raw = raw_n.during(w, || Raw::with_agent(w, agent))?;
    let builder = ProviderClient::builder()
        .pacing(rackcloud_core::Pacing::off())
        .proxy(ProxyConfig::none())
        .trusted_roots(TrustedRoots::from_pem(pem.as_bytes())?);
    let client = sdk_n.during(w, || scenarios::sdk_client_with(w, builder))?;
    raw_n.during(w, || Run::time(warmup, || raw.call()))?;
    sdk_n.during(w, || Run::time(warmup, || scenarios::sdk_get(&client)))?;
    let (mut raw_runs, mut sdk_runs) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (r, s) = paired.during(w, || {
            Run::time_pair(calls, || raw.call(), || scenarios::sdk_get(&client))
        })?;
        raw_runs.push(r);
        sdk_runs.push(s);
    }
    raw_n.add(paired);
    sdk_n.add(paired);
    let ratio = median(
        &sdk_runs
            .iter()
            .zip(&raw_runs)
            .map(|(s, r)| s.calls_per_s() / r.calls_per_s())
            .collect::<Vec<_>>(),
    );
    Ok(vec![
        Row::from_runs("raw-tls", &raw_runs, 1.0, raw_n),
        Row::from_runs("sdk-get-tls", &sdk_runs, ratio, sdk_n),
    ])
}
