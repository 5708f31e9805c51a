//! A hostile local client, to measure the emulator's peak memory (not run by CI).
//!
//! Start the emulator as a process, then run this against it with the process id:
//!
//! ```text
//! rackcloud emulator --listen 127.0.0.1:8900 --pending-time 0 &
//! cargo run -p rackcloud-emulator --example hostile -- http://127.0.0.1:8900 $!
//! ```
//!
//! It sends, in order: 10,000 requests with a 1 MiB body, 2,000 load balancer creates, 50,000
//! IPv6 virtual IP adds to load balancer 1, and 5,000 control API faults, then prints the
//! emulator's peak resident memory (`VmHWM` in `/proc/PID/status`, Linux). Every loop is
//! bounded; a phase also stops early when the emulator's resident memory passes 6 GiB, so
//! that an unbounded server cannot exhaust the machine. Loopback only.

use std::time::Duration;

use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME};

/// Resident memory past which a phase stops early, in KiB.
const RSS_CAP_KIB: u64 = 6 * 1024 * 1024;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let base = args.next().ok_or("usage: hostile BASE_URL PID")?;
    let pid: u32 = args.next().ok_or("usage: hostile BASE_URL PID")?.parse()?;
    if !(base.starts_with("http://127.0.0.1:") || base.starts_with("http://localhost:")) {
        return Err("loopback only: the base URL must be http://127.0.0.1:PORT".into());
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let auth = format!(
        r#"{{"auth":{{"RAX-KSKEY:apiKeyCredentials":{{"username":"{DEMO_USERNAME}","apiKey":"{DEMO_API_KEY}"}}}}}}"#
    );
    let access = agent
        .post(format!("{base}/v2.0/tokens"))
        .header("Content-Type", "application/json")
        .send(auth)?
        .body_mut()
        .read_to_string()?;
    let access: serde_json::Value = serde_json::from_str(&access)?;
    let token = access["access"]["token"]["id"]
        .as_str()
        .ok_or("no token")?
        .to_owned();
    let lbs = format!("{base}/dfw/v1.0/{DEMO_TENANT}/loadbalancers");
    let post = |url: &str, body: Vec<u8>| -> Result<u16, Box<dyn std::error::Error>> {
        let response = agent
            .post(url)
            .header("X-Auth-Token", &token)
            .header("X-Emulator-Control", "1")
            .header("Content-Type", "application/json")
            .send(&body[..])?;
        let status = response.status().as_u16();
        // Read to the end, so that the connection is reused.
        let _ = response.into_body().read_to_vec()?;
        Ok(status)
    };
    report(pid, "start");

    let big = vec![b' '; 1024 * 1024];
    phase(pid, "10,000 bodies of 1 MiB", 10_000, |_| {
        post(&format!("{lbs}/1/metadata"), big.clone())
    })?;
    phase(pid, "2,000 load balancer creates", 2_000, |i| {
        let body = format!(
            r#"{{"loadBalancer":{{"name":"h{i}","protocol":"HTTP","port":80,"virtualIps":[{{"type":"PUBLIC"}}]}}}}"#
        );
        post(&lbs, body.into_bytes())
    })?;
    phase(pid, "50,000 IPv6 virtual IP adds", 50_000, |_| {
        post(
            &format!("{lbs}/1/virtualips"),
            br#"{"type":"PUBLIC","ipVersion":"IPV6"}"#.to_vec(),
        )
    })?;
    phase(pid, "5,000 faults", 5_000, |i| {
        let body = format!(r#"{{"path":"/never/{i}","status":503,"times":1000}}"#);
        post(&format!("{base}/_emulator/faults"), body.into_bytes())
    })?;
    println!(
        "peak resident memory (VmHWM): {} KiB",
        status_kib(pid, "VmHWM:").unwrap_or(0)
    );
    Ok(())
}

/// Runs `count` requests, printing how they were answered and the memory after.
fn phase(
    pid: u32,
    name: &str,
    count: u32,
    mut one: impl FnMut(u32) -> Result<u16, Box<dyn std::error::Error>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut statuses = std::collections::BTreeMap::<u16, u32>::new();
    for i in 0..count {
        *statuses.entry(one(i)?).or_default() += 1;
        if i % 500 == 499 && status_kib(pid, "VmRSS:").unwrap_or(0) > RSS_CAP_KIB {
            println!(
                "{name}: stopped after {} requests (resident memory past the cap)",
                i + 1
            );
            break;
        }
    }
    println!("{name}: answers {statuses:?}");
    report(pid, name);
    Ok(())
}

fn report(pid: u32, after: &str) {
    println!(
        "  after {after}: VmRSS {} KiB, VmHWM {} KiB",
        status_kib(pid, "VmRSS:").unwrap_or(0),
        status_kib(pid, "VmHWM:").unwrap_or(0)
    );
}

/// A `kB` line of `/proc/PID/status`.
fn status_kib(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
