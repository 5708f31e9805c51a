//! The scenarios: the same GET through a plain `ureq::Agent` (the floor), through the SDK, the
//! SDK's enable/disable pair, the SDK on four threads, and the CLI as a whole process beside curl.

use std::cell::Cell;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use lb_sessions::{CreateOpts, Type};
use rackcloud_core::{AuthOptions, EndpointOpts, ProviderClient, ServiceClient, new_lb_v1};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator};

use crate::measure::Run;

/// The load balancer every scenario reads: `web` (HTTP) of the default seed.
const LB_ID: u64 = 1;
const SDK_THREADS: usize = 4;

/// The one emulator every scenario talks to, and the addresses they use.
///
/// One server for all: on a small machine the client's and the server's threads land on cores
/// by chance, and two emulators can differ by several times in latency for that reason alone, so
/// scenarios compared with each other must share the server.
pub(crate) struct World {
    pub(crate) emulator: Emulator,
    identity: String,
    sp_url: String,
}

impl World {
    /// The default seed, pending time zero, no faults, no request recording (it would grow
    /// with every call and cost the server time that is not the SDK's).
    pub(crate) fn start() -> Result<World> {
        World::start_with(false)
    }

    /// The same, serving HTTPS when `tls` is set.
    pub(crate) fn start_with(tls: bool) -> Result<World> {
        let mut builder = Emulator::builder().default_seed().record_requests(false);
        if tls {
            builder = builder.tls();
        }
        let emulator = builder.start().context("could not start the emulator")?;
        let identity = emulator.identity_url();
        let sp_url = format!(
            "{}/loadbalancers/{LB_ID}/sessionpersistence",
            emulator.lb_endpoint("DFW", DEMO_TENANT)
        );
        Ok(World {
            emulator,
            identity,
            sp_url,
        })
    }

    fn counters(&self) -> (u64, u64) {
        let stats = self.emulator.stats();
        (stats.token_requests, stats.connections_accepted)
    }
}

/// What the emulator counted for one scenario: the sum of its share of the counters.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counted {
    pub(crate) token_requests: u64,
    pub(crate) connections: u64,
}

impl Counted {
    pub(crate) fn add(&mut self, other: Counted) {
        self.token_requests += other.token_requests;
        self.connections += other.connections;
    }

    /// Runs `work` and adds what the emulator counted meanwhile. Scenarios run one after the
    /// other, so everything counted during `work` is this scenario's.
    pub(crate) fn during<T>(
        &mut self,
        world: &World,
        work: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let (tokens, connections) = world.counters();
        let value = work()?;
        let (tokens_after, connections_after) = world.counters();
        self.token_requests += tokens_after - tokens;
        self.connections += connections_after - connections;
        Ok(value)
    }
}

/// A plain agent with a token fetched once: the floor every SDK scenario is compared with.
pub(crate) struct Raw {
    agent: ureq::Agent,
    token: String,
    url: String,
}

impl Raw {
    pub(crate) fn new(world: &World) -> Result<Raw> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Raw::with_agent(world, agent)
    }

    /// With an agent of the caller's (one that trusts a TLS emulator's CA).
    pub(crate) fn with_agent(world: &World, agent: ureq::Agent) -> Result<Raw> {
        let body = format!(
            r#"{{"auth":{{"RAX-KSKEY:apiKeyCredentials":{{"username":"{DEMO_USERNAME}","apiKey":"{DEMO_API_KEY}"}}}}}}"#
        );
        let mut response = agent
            .post(format!("{}tokens", world.identity))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .send(body.as_bytes())?;
        let access: serde_json::Value =
            serde_json::from_slice(&response.body_mut().read_to_vec()?)?;
        let token = access["access"]["token"]["id"]
            .as_str()
            .context("no token in the identity answer")?
            .to_owned();
        Ok(Raw {
            agent,
            token,
            url: world.sp_url.clone(),
        })
    }

    /// The same GET the SDK sends, with the same headers, body read in full.
    pub(crate) fn call(&self) -> Result<()> {
        let mut response = self
            .agent
            .get(&self.url)
            .header("Accept", "application/json")
            .header("X-Auth-Token", &self.token)
            .header(
                "User-Agent",
                concat!("rackcloud/", env!("CARGO_PKG_VERSION")),
            )
            .call()?;
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_vec()?;
        if status != 200 || body.is_empty() {
            bail!("raw GET answered {status}");
        }
        Ok(())
    }
}

/// An SDK client for DFW, authenticated once.
pub(crate) fn sdk_client(world: &World) -> Result<ServiceClient> {
    // Pacing off: these rows measure the wire; the fleet rows measure pacing.
    sdk_client_with(
        world,
        ProviderClient::builder().pacing(rackcloud_core::Pacing::off()),
    )
}

/// An SDK client for DFW made with `builder` (one that trusts a TLS emulator's CA).
pub(crate) fn sdk_client_with(
    world: &World,
    builder: rackcloud_core::ProviderClientBuilder,
) -> Result<ServiceClient> {
    let opts = AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY).identity_endpoint(&world.identity);
    let provider = builder.authenticate(opts)?;
    Ok(new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?)
}

pub(crate) fn sdk_get(client: &ServiceClient) -> Result<()> {
    lb_sessions::get(client, LB_ID).extract()?;
    Ok(())
}

/// Enable on one call, disable on the next: one request each, so their latencies are timed apart.
pub(crate) struct EnableDisable {
    client: ServiceClient,
    enable_next: Cell<bool>,
}

impl EnableDisable {
    pub(crate) fn new(client: ServiceClient) -> EnableDisable {
        EnableDisable {
            client,
            enable_next: Cell::new(true),
        }
    }

    pub(crate) fn call(&self) -> Result<()> {
        if self.enable_next.replace(!self.enable_next.get()) {
            lb_sessions::enable(&self.client, LB_ID, &CreateOpts::new(Type::SourceIp))
                .extract_err()?;
        } else {
            lb_sessions::disable(&self.client, LB_ID).extract_err()?;
        }
        Ok(())
    }
}

/// `count` GETs on each of four threads sharing `client`.
pub(crate) fn sdk_threads(client: &ServiceClient, count: usize) -> Result<Run> {
    let runs = std::thread::scope(|s| {
        let handles: Vec<_> = (0..SDK_THREADS)
            .map(|_| s.spawn(|| Run::time(count, || sdk_get(client))))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a thread panicked")))
            })
            .collect::<Result<Vec<Run>>>()
    })?;
    Ok(Run::merge(runs))
}

/// One whole process, timed from spawn to exit, with its peak resident memory when GNU time is
/// installed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProcessRun {
    pub(crate) elapsed: Duration,
    pub(crate) peak_rss_kb: Option<u64>,
}

/// The two cold processes compared: the CLI, and curl doing the same two requests.
pub(crate) struct ColdStart {
    cli: PathBuf,
    identity: String,
    sp_url: String,
    token_body: String,
    gnu_time: Option<PathBuf>,
    rss_file: PathBuf,
}

impl ColdStart {
    pub(crate) fn new(world: &World, cli: PathBuf) -> Result<ColdStart> {
        if Command::new("curl")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_err()
        {
            bail!("cli-cold compares with curl, which is not installed");
        }
        let gnu_time = Some(PathBuf::from("/usr/bin/time")).filter(|p| p.exists());
        Ok(ColdStart {
            cli,
            identity: world.identity.clone(),
            sp_url: world.sp_url.clone(),
            token_body: format!(
                r#"{{"auth":{{"RAX-KSKEY:apiKeyCredentials":{{"username":"{DEMO_USERNAME}","apiKey":"{DEMO_API_KEY}"}}}}}}"#
            ),
            gnu_time,
            rss_file: std::env::temp_dir()
                .join(format!("rackcloud-bench-rss-{}", std::process::id())),
        })
    }

    /// `rackcloud lb session-persistence show 1`: authenticate, then one GET.
    pub(crate) fn cli(&self) -> Result<ProcessRun> {
        let mut command = self.wrapped(&self.cli);
        command
            .env_clear()
            .env("RS_USERNAME", DEMO_USERNAME)
            .env("RS_API_KEY", DEMO_API_KEY)
            .args([
                "--auth-url",
                &self.identity,
                "lb",
                "session-persistence",
                "show",
            ])
            .arg(LB_ID.to_string());
        self.run(command)
    }

    /// curl, one process, the same two requests on one connection: the token request, then the
    /// GET with a token (curl cannot carry the first answer into the second request, so the token
    /// is one minted beforehand; the wire work is the same).
    pub(crate) fn curl(&self, token: &str) -> Result<ProcessRun> {
        let mut command = self.wrapped("curl".as_ref());
        command
            .args([
                "-sf",
                "-o",
                "/dev/null",
                "-H",
                "Content-Type: application/json",
            ])
            .args([
                "-H",
                "Accept: application/json",
                "--data-binary",
                &self.token_body,
            ])
            .arg(format!("{}tokens", self.identity))
            .args([
                "--next",
                "-sf",
                "-o",
                "/dev/null",
                "-H",
                "Accept: application/json",
            ])
            .args(["-H", &format!("X-Auth-Token: {token}")])
            .arg(&self.sp_url);
        self.run(command)
    }

    fn wrapped(&self, program: &std::path::Path) -> Command {
        match &self.gnu_time {
            Some(time) => {
                let mut command = Command::new(time);
                command
                    .arg("-f")
                    .arg("%M")
                    .arg("-o")
                    .arg(&self.rss_file)
                    .arg(program);
                command
            }
            None => Command::new(program),
        }
    }

    fn run(&self, mut command: Command) -> Result<ProcessRun> {
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        let started = Instant::now();
        let output = command.output().context("could not start a process")?;
        let elapsed = started.elapsed();
        if !output.status.success() {
            bail!(
                "a cold-start process failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        let peak_rss_kb = self
            .gnu_time
            .as_ref()
            .and_then(|_| std::fs::read_to_string(&self.rss_file).ok())
            .and_then(|text| text.lines().last().and_then(|l| l.trim().parse().ok()));
        Ok(ProcessRun {
            elapsed,
            peak_rss_kb,
        })
    }
}

impl Drop for ColdStart {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.rss_file);
    }
}
