//! The data plane rows: requests through an emulated HTTP load balancer against a direct
//! connection to the same backend, paired call by call (the ratio is in one run), and the same
//! through HAProxy (Debian's package) when it is installed, as the anchor a user would compare
//! with. Without HAProxy its row is skipped with a note on stderr.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rackcloud_emulator::{Emulator, LoadBalancerSeed};

use crate::measure::{Run, median};
use crate::report::Row;
use crate::scenarios::Counted;

/// `dp-direct`, `dp-emulated` and (when HAProxy is installed) `dp-haproxy`.
pub(crate) fn measure(rounds: usize, warmup: usize, calls: usize) -> Result<Vec<Row>> {
    let backend = start_backend()?;
    let emulator = Emulator::builder()
        .load_balancer("DFW", "777777", LoadBalancerSeed::new(1, "web", "HTTP"))
        .data_plane(true)
        .backend("10.180.0.11", 80, backend)
        .backend("10.180.0.12", 80, backend)
        .record_requests(false)
        .start()?;
    let lb = emulator
        .listener("DFW", "777777", 1)
        .and_then(|l| l.addr())
        .context("the emulated load balancer has no listener")?;
    let direct = agent();
    let through = agent();
    let (d_url, e_url) = (format!("http://{backend}/"), format!("http://{lb}/"));
    Run::time(warmup, || get(&direct, &d_url))?;
    Run::time(warmup, || get(&through, &e_url))?;
    let (mut d_runs, mut e_runs) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (d, e) = Run::time_pair(calls, || get(&direct, &d_url), || get(&through, &e_url))?;
        d_runs.push(d);
        e_runs.push(e);
    }
    let ratio = |runs: &[Run], base: &[Run]| {
        median(
            &runs
                .iter()
                .zip(base)
                .map(|(r, b)| r.calls_per_s() / b.calls_per_s())
                .collect::<Vec<_>>(),
        )
    };
    let mut rows = vec![
        Row::from_runs("dp-direct", &d_runs, 1.0, Counted::default()),
        Row::from_runs(
            "dp-emulated",
            &e_runs,
            ratio(&e_runs, &d_runs),
            Counted::default(),
        ),
    ];
    match HaProxy::start(backend) {
        Ok(Some(haproxy)) => {
            let h_url = format!("http://{}/", haproxy.addr);
            let via = agent();
            Run::time(warmup, || get(&via, &h_url))?;
            let (mut d_runs, mut h_runs) = (Vec::new(), Vec::new());
            for _ in 0..rounds {
                let (d, h) = Run::time_pair(calls, || get(&direct, &d_url), || get(&via, &h_url))?;
                d_runs.push(d);
                h_runs.push(h);
            }
            rows.push(Row::from_runs(
                "dp-haproxy",
                &h_runs,
                ratio(&h_runs, &d_runs),
                Counted::default(),
            ));
        }
        Ok(None) => eprintln!(
            "note: haproxy is not installed, so the dp-haproxy row is skipped (apt-get install -y haproxy)"
        ),
        Err(err) => {
            eprintln!("note: haproxy did not start ({err:#}), so the dp-haproxy row is skipped")
        }
    }
    Ok(rows)
}

/// A keep-alive agent that returns 4xx and 5xx answers instead of errors.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn get(agent: &ureq::Agent, url: &str) -> Result<()> {
    let mut response = agent.get(url).call()?;
    if response.status() != 200 {
        bail!("{url} answered {}", response.status());
    }
    response.body_mut().read_to_vec()?;
    Ok(())
}

/// A small keep-alive HTTP server on loopback, a thread per connection, answering `ok`.
fn start_backend() -> Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream));
        }
    });
    Ok(addr)
}

fn serve(stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut length = 0usize;
        let mut saw_line = false;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" {
                break;
            }
            saw_line = true;
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        if !saw_line {
            return;
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err()
            || writer
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .is_err()
        {
            return;
        }
    }
}

/// HAProxy in front of the same backend, started from a configuration in a temporary file,
/// stopped when dropped.
struct HaProxy {
    child: Child,
    addr: SocketAddr,
    config: std::path::PathBuf,
}

impl HaProxy {
    /// `None` when `haproxy` is not on the PATH.
    fn start(backend: SocketAddr) -> Result<Option<HaProxy>> {
        let found = Command::new("haproxy")
            .arg("-v")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if found.is_err() {
            return Ok(None);
        }
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let config = std::env::temp_dir().join(format!(
            "rackcloud-bench-haproxy-{}.cfg",
            std::process::id()
        ));
        std::fs::write(
            &config,
            format!(
                "global\n  maxconn 1024\n  nbthread 2\ndefaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n  timeout server 30s\n  option forwardfor\n  http-reuse always\nfrontend web\n  bind {addr}\n  default_backend nodes\nbackend nodes\n  balance roundrobin\n  server a {backend}\n  server b {backend}\n"
            ),
        )?;
        let child = Command::new("haproxy")
            .arg("-db")
            .arg("-f")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let haproxy = HaProxy {
            child,
            addr,
            config,
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(100)).is_err() {
            if Instant::now() > deadline {
                bail!("no listener on {addr} within five seconds");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(Some(haproxy))
    }
}

impl Drop for HaProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.config);
    }
}
