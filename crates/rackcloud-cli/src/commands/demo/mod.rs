//! `rackcloud demo`: a guided tour of session persistence, a node rotation and a load balancer
//! declared in a document, against an in-process emulator.
//!
//! It uses the SDK exactly as `rackcloud lb session-persistence …` does, prints what it does in
//! numbered steps, and reports the expected failures the way the CLI reports them.

mod declarative;
mod invocation;
mod live;
mod narrator;
mod rotation;
mod traffic;

use rackcloud_lb::core::Removal;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use rackcloud_emulator::{
    DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator, InjectedBody, InjectedFault,
};
use rackcloud_lb::core::kit::{LB_SERVICE_NAME, LB_SERVICE_TYPE};
use rackcloud_lb::core::{
    AuthOptions, EndpointOpts, Error, ProviderClient, RetryPolicy, ServiceClient, new_lb_v1,
};
use rackcloud_lb::sessions::{CreateOpts, Type};

use crate::failure::{Failure, Operation};
use crate::output::Output;

use live::Live;
use narrator::Narrator;

/// How long a change keeps a load balancer `PENDING_UPDATE` in the demo: long enough to see the
/// 422, short enough to keep the tour to a few seconds.
const PENDING: Duration = Duration::from_millis(1500);
/// The wait the demo's rate-limit answer asks for.
const RETRY_AFTER_SECONDS: &str = "1";
/// The seeded `web` (HTTP) and `tcp` (TCP) load balancers.
const WEB: u64 = 1;
const TCP: u64 = 2;

/// Runs the tour; exit 0 when every step behaved as described.
pub(crate) fn run(out: Output, verbose: bool) -> Result<(), Failure> {
    Operation::new("run the demo").run(|| {
        let live = Live::new(out, verbose);
        let mut narrator = Narrator::new(out, live.clone());
        tour(&mut narrator, &live, verbose)?;
        Ok(narrator.finish()?)
    })
}

fn tour(n: &mut Narrator, live: &Live, verbose: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    n.heading(
        "rackcloud demo: session persistence, a node rotation and a declared load balancer against a local emulator (no account, no network)",
    )?;
    let backends = [
        traffic::backend(traffic::NAMES[0])?,
        traffic::backend(traffic::NAMES[1])?,
    ];
    // Load balancer 1's seeded nodes and the rotation's, each mapped to a backend.
    let mut builder = Emulator::builder()
        .default_seed()
        .pending_time(PENDING)
        .data_plane(true);
    for (i, address) in [
        "10.180.0.11",
        "10.180.0.12",
        rotation::OLD.0,
        rotation::NEW.0,
    ]
    .into_iter()
    .enumerate()
    {
        builder = builder.backend(address, 80, backends[i % 2]);
    }
    let emulator = builder
        .start()
        .context("could not start the in-process emulator")?;
    let web_addr = emulator
        .listener("DFW", DEMO_TENANT, WEB)
        .and_then(|l| l.addr())
        .context("load balancer 1 has no listener")?;
    n.step(format!(
        "Started the emulator at {} with its data plane: backends {} and {} answer their name (a change keeps a load balancer PENDING_UPDATE for {:.1} s).",
        emulator.identity_url(),
        traffic::NAMES[0],
        traffic::NAMES[1],
        PENDING.as_secs_f64()
    ))?;
    let client = connect(n, &emulator.identity_url(), live)?;
    let web = describe(&client, WEB)?;
    let tcp = describe(&client, TCP)?;
    cookies(n, &client, (&web, &tcp), web_addr, verbose)?;
    busy(n, &client, &tcp, verbose)?;
    rate_limited(n, &emulator, &client, &tcp)?;
    disable_twice(n, &client, &web)?;
    let streamed = rotation::rotate(n, &client, WEB, web_addr)?;
    let declared = declarative::declare(n, &client)?;

    let stats = emulator.stats();
    let api = &stats.api_requests;
    let rackcloud = invocation::current();
    n.summary(vec![
        format!("Load balancer {WEB} {web}: HTTP_COOKIE enabled, shown, disabled; disabling again changed nothing."),
        format!("Load balancer {TCP} {tcp}: HTTP_COOKIE refused (400), SOURCE_IP enabled, a second change refused while PENDING_UPDATE (422) and then waited out by the SDK."),
        format!("A rate-limit answer (413 with Retry-After: {RETRY_AFTER_SECONDS}) was honoured: the SDK waited and repeated the call once."),
        format!("Load balancer {WEB} {web}: a node rotated out for a new one, the new one added safely, the old one drained and removed: {streamed} requests through it meanwhile, 0 failed."),
        declared,
        format!(
            "{}, {} (GET {}, POST {}, PUT {}, DELETE {}) in {:.1} s.",
            crate::output::count(stats.token_requests, "token request"),
            crate::output::count(api.total(), "API request"),
            api.get,
            api.post,
            api.put,
            api.delete,
            started.elapsed().as_secs_f64()
        ),
        format!("Try it yourself: run `{rackcloud} emulator`, then in another terminal"),
        format!("RS_USERNAME={DEMO_USERNAME} RS_API_KEY={DEMO_API_KEY} {rackcloud} --auth-url http://127.0.0.1:8900/v2.0/ lb session-persistence show 1"),
    ])
    .map_err(Into::into)
}

/// Steps 2 and 3: authenticate, and pick the load balancer endpoint from the catalog.
fn connect(n: &mut Narrator, identity_url: &str, live: &Live) -> anyhow::Result<ServiceClient> {
    let opts = AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY).identity_endpoint(identity_url);
    let provider = ProviderClient::builder()
        .user_agent_prefix(concat!("rackcloud-cli/", env!("CARGO_PKG_VERSION")))
        .retry_policy(live.retry_policy())
        .authenticate(opts)
        .context("could not authenticate")?;
    let region = provider.default_region().unwrap_or_default();
    n.step(format!(
        "Authenticated as {DEMO_USERNAME} with an API key: tenant {}, default region {region}.",
        provider.tenant_id().unwrap_or_default()
    ))?;

    let client = new_lb_v1(&provider, EndpointOpts::new())
        .context("could not pick the load balancer endpoint")?;
    let same_type: Vec<String> = provider
        .catalog()
        .entries()
        .iter()
        .filter(|e| e.service_type() == LB_SERVICE_TYPE)
        .map(|e| e.name().to_owned())
        .collect();
    n.step(format!(
        "Chose {LB_SERVICE_NAME} ({LB_SERVICE_TYPE}) in {region}: {}",
        client.endpoint()
    ))?;
    n.detail(format!(
        "The catalog has {} entries of type {LB_SERVICE_TYPE} ({}); the SDK also matches the name, then the region.",
        same_type.len(),
        same_type.join(", ")
    ))?;
    Ok(client)
}

/// Steps 4 to 6: HTTP_COOKIE on the HTTP load balancer works, on the TCP one it is refused.
fn cookies(
    n: &mut Narrator,
    client: &ServiceClient,
    (web, tcp): (&str, &str),
    web_addr: std::net::SocketAddr,
    verbose: bool,
) -> anyhow::Result<()> {
    n.step(format!("Load balancer {WEB} {web}: enable HTTP_COOKIE"))?;
    n.detail(traffic::spread(web_addr))?;
    enable(client, WEB, Type::HttpCookie)?;
    n.detail("Accepted (202); the load balancer is PENDING_UPDATE while the change is applied.")?;

    n.step(format!("Load balancer {WEB} {web}: show"))?;
    n.detail(format!("Session persistence: {}.", show(client, WEB)?))?;
    n.detail(traffic::pinned(web_addr))?;

    n.step(format!("Load balancer {TCP} {tcp}: enable HTTP_COOKIE"))?;
    let refused = expect_refusal(
        rackcloud_lb::sessions::enable(client, TCP, &CreateOpts::new(Type::HttpCookie))
            .extract_err(),
        "HTTP_COOKIE on a TCP load balancer",
    )?;
    let kind = refused.kind();
    let line = cli_line(
        "enable HTTP_COOKIE session persistence",
        TCP,
        refused,
        verbose,
    );
    n.detail(format!("Refused; the CLI prints: {line}"))?;
    n.detail(format!(
        "The SDK reports ErrorKind::{kind:?}: cookies need a load balancer that speaks HTTP; use SOURCE_IP on TCP."
    ))
    .map_err(Into::into)
}

/// Steps 7 to 9: SOURCE_IP on the TCP load balancer, then a change while it is busy: refused
/// with 422 by a client that does not retry, waited out by the default one.
fn busy(n: &mut Narrator, client: &ServiceClient, tcp: &str, verbose: bool) -> anyhow::Result<()> {
    n.step(format!("Load balancer {TCP} {tcp}: enable SOURCE_IP"))?;
    enable(client, TCP, Type::SourceIp)?;
    n.detail("Accepted (202); PENDING_UPDATE until applied.")?;

    n.step(format!(
        "Load balancer {TCP} {tcp}: ask for SOURCE_IP again at once, with retries off (--no-retry)"
    ))?;
    let impatient = ServiceClient::new(
        &ProviderClient::builder()
            .retry_policy(RetryPolicy::none())
            .with_token(client.provider().token()),
        client.endpoint(),
    )?;
    let busy = expect_refusal(
        rackcloud_lb::sessions::enable(&impatient, TCP, &CreateOpts::new(Type::SourceIp))
            .extract_err(),
        "a change while PENDING_UPDATE",
    )?;
    let (kind, lb_status) = (busy.kind(), busy.lb_status().map(str::to_owned));
    let line = cli_line("enable SOURCE_IP session persistence", TCP, busy, verbose);
    n.detail(format!("Refused; the CLI prints: {line}"))?;
    n.detail(format!(
        "The SDK reports ErrorKind::{kind:?} with lb_status() = {lb_status:?}: worth waiting for."
    ))?;

    n.step(format!(
        "Load balancer {TCP} {tcp}: the same change with the default retry policy"
    ))?;
    let started = Instant::now();
    enable(client, TCP, Type::SourceIp)?;
    n.detail(format!(
        "Accepted after {:.1} s: the SDK backed off while the load balancer was PENDING_UPDATE. Session persistence: {}.",
        started.elapsed().as_secs_f64(),
        show(client, TCP)?
    ))
    .map_err(Into::into)
}

/// Step 10: the API's rate limit answers 413 with Retry-After; the SDK waits that long.
fn rate_limited(
    n: &mut Narrator,
    emulator: &Emulator,
    client: &ServiceClient,
    tcp: &str,
) -> anyhow::Result<()> {
    n.step(format!(
        "Load balancer {TCP} {tcp}: show, while the API's rate limit is exceeded"
    ))?;
    emulator.inject(
        InjectedFault::new(
            Some("GET"),
            "/dfw/v1.0/*/loadbalancers/*/sessionpersistence",
            413,
        )
        .body(InjectedBody::OverLimit)
        .retry_after(RETRY_AFTER_SECONDS),
    );
    n.detail(format!(
        "The emulator answers the next GET with 413 overLimit and Retry-After: {RETRY_AFTER_SECONDS}, as the API does past 600 GETs a minute."
    ))?;
    let started = Instant::now();
    let shown = show(client, TCP)?;
    n.detail(format!(
        "Session persistence: {shown}, after {:.1} s: the SDK waited what the server asked, then repeated the call.",
        started.elapsed().as_secs_f64()
    ))
    .map_err(Into::into)
}

/// Steps 11 and 12: disable, then disable again as `--if-enabled` does.
fn disable_twice(n: &mut Narrator, client: &ServiceClient, web: &str) -> anyhow::Result<()> {
    n.step(format!("Load balancer {WEB} {web}: disable"))?;
    rackcloud_lb::sessions::disable(client, WEB)
        .extract_err()
        .with_context(|| format!("could not disable session persistence on load balancer {WEB}"))?;
    n.detail(format!(
        "Accepted (202); session persistence: {}.",
        show(client, WEB)?
    ))?;

    n.step(format!(
        "Load balancer {WEB} {web}: disable again, as `disable --if-enabled` does"
    ))?;
    let outcome = rackcloud_lb::sessions::disable_if_enabled(client, WEB)?;
    match outcome {
        Removal::NothingToRemove => n.detail(
            "Already disabled: the server's 422 \"Session persistence is already deleted.\" counts as success (exit 0).",
        )?,
        Removal::Removed => bail!("load balancer {WEB} still had session persistence"),
    }
    Ok(())
}

/// `"web" (HTTP)`.
fn describe(client: &ServiceClient, id: u64) -> anyhow::Result<String> {
    let lb = rackcloud_lb::lbs::get(client, id)
        .extract()
        .with_context(|| format!("could not read load balancer {id}"))?;
    Ok(format!("\"{}\" ({})", lb.name(), lb.protocol()))
}

fn enable(client: &ServiceClient, id: u64, persistence_type: Type) -> anyhow::Result<()> {
    let what =
        format!("could not enable {persistence_type} session persistence on load balancer {id}");
    rackcloud_lb::sessions::enable(client, id, &CreateOpts::new(persistence_type))
        .extract_err()
        .context(what)
}

fn show(client: &ServiceClient, id: u64) -> anyhow::Result<String> {
    let persistence = rackcloud_lb::sessions::get(client, id)
        .extract()
        .with_context(|| format!("could not show session persistence on load balancer {id}"))?;
    Ok(match persistence {
        Some(p) => p.persistence_type().to_string(),
        None => "disabled".to_owned(),
    })
}

/// The error of a step that must be refused.
fn expect_refusal(result: Result<(), Error>, what: &str) -> anyhow::Result<Error> {
    match result {
        Err(e) => Ok(e),
        Ok(()) => Err(anyhow!(
            "the server accepted {what}; it should have refused it"
        )),
    }
}

/// The line the CLI prints on stderr for this failure.
fn cli_line(operation: &str, lb_id: u64, e: Error, verbose: bool) -> String {
    Operation::on_lb(operation, lb_id).failed(e).line(verbose)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_written_with_the_right_plural() {
        assert_eq!(crate::output::count(1, "change"), "1 change");
        assert_eq!(crate::output::count(5, "change"), "5 changes");
        assert_eq!(crate::output::count(0, "load balancer"), "0 load balancers");
        assert_eq!(crate::output::count(1, "load balancer"), "1 load balancer");
    }
}
