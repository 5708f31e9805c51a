//! What the data plane tests share: backends that answer with their own name, a raw HTTP
//! client with timeouts on every socket, connecting from a chosen loopback source address,
//! and an emulator with the data plane on and load balancer 1's nodes mapped.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use rackcloud_emulator::{DEMO_TENANT, Emulator, EmulatorBuilder, LoadBalancerSeed};
use serde_json::{Value, json};

use crate::common::Lb;
pub use crate::data_plane_client::*;

/// Every socket of these tests gives up after this long.
pub const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// A test server on loopback: HTTP answering every request with its name (header
/// `X-Backend` and body), or TCP sending its name and `:` at once, then the bytes it read once
/// the client ends its sending.
pub struct Backend {
    pub addr: SocketAddr,
    stopped: Arc<AtomicBool>,
    in_flight: Arc<AtomicUsize>,
    served: Arc<AtomicUsize>,
    /// The request heads received (HTTP), newest last.
    heads: Arc<Mutex<Vec<String>>>,
}

impl Backend {
    /// An HTTP backend; each answer waits `delay` first.
    pub fn http(name: &str, delay: Duration) -> anyhow::Result<Backend> {
        Backend::start(name, Some(delay))
    }

    /// A TCP backend: `name:` at once, then the bytes read once the client ends its sending.
    pub fn tcp(name: &str) -> anyhow::Result<Backend> {
        Backend::start(name, None)
    }

    fn start(name: &str, http: Option<Duration>) -> anyhow::Result<Backend> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let backend = Backend {
            addr: listener.local_addr()?,
            stopped: Arc::new(AtomicBool::new(false)),
            in_flight: Arc::new(AtomicUsize::new(0)),
            served: Arc::new(AtomicUsize::new(0)),
            heads: Arc::new(Mutex::new(Vec::new())),
        };
        let (stopped, in_flight, served, heads) = (
            Arc::clone(&backend.stopped),
            Arc::clone(&backend.in_flight),
            Arc::clone(&backend.served),
            Arc::clone(&backend.heads),
        );
        let name = name.to_owned();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
                let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
                let (name, counts, heads) = (
                    name.clone(),
                    [Arc::clone(&in_flight), Arc::clone(&served)],
                    Arc::clone(&heads),
                );
                std::thread::spawn(move || match http {
                    Some(delay) => serve_http(stream, &name, delay, &counts, &heads),
                    None => serve_tcp(stream, &name),
                });
            }
        });
        Ok(backend)
    }

    /// Stops accepting: later connections are refused (those open finish their answer).
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, IO_TIMEOUT);
    }

    /// Requests being answered now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// Requests answered so far.
    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }

    /// The last request head received.
    pub fn last_head(&self) -> Option<String> {
        self.heads.lock().ok()?.last().cloned()
    }
}

fn serve_http(
    stream: TcpStream,
    name: &str,
    delay: Duration,
    [in_flight, served]: &[Arc<AtomicUsize>; 2],
    heads: &Mutex<Vec<String>>,
) {
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let Ok(head) = read_head(&mut reader) else {
            return;
        };
        if head.is_empty() {
            return;
        }
        in_flight.fetch_add(1, Ordering::SeqCst);
        let length = header_value(&head, "content-length")
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        let read = reader.read_exact(&mut body);
        if let Ok(mut heads) = heads.lock() {
            heads.push(head.clone());
            if heads.len() > 100 {
                heads.remove(0);
            }
        }
        std::thread::sleep(delay);
        let answer = format!(
            "HTTP/1.1 200 OK\r\nX-Backend: {name}\r\nContent-Length: {}\r\n\r\n{name}",
            name.len()
        );
        let written = writer.write_all(answer.as_bytes());
        served.fetch_add(1, Ordering::SeqCst);
        in_flight.fetch_sub(1, Ordering::SeqCst);
        let close =
            header_value(&head, "connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
        if read.is_err() || written.is_err() || close {
            return;
        }
    }
}

fn serve_tcp(mut stream: TcpStream, name: &str) {
    if stream.write_all(format!("{name}:").as_bytes()).is_err() {
        return;
    }
    let mut got = Vec::new();
    if stream.read_to_end(&mut got).is_ok() {
        let _ = stream.write_all(&got);
    }
}

/// Reads the name a TCP backend sends first (up to its `:`).
pub fn read_name(stream: &mut TcpStream) -> io::Result<String> {
    let mut name = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        stream.read_exact(&mut byte)?;
        if byte[0] == b':' {
            return Ok(String::from_utf8_lossy(&name).into_owned());
        }
        name.push(byte[0]);
    }
}

/// A request head (up to the empty line); empty at end of stream.
pub fn read_head(reader: &mut impl BufRead) -> io::Result<String> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(String::new());
        }
        if line == "\r\n" || line == "\n" {
            return Ok(head);
        }
        head.push_str(&line);
    }
}

/// A header's value in a head, by name (any case).
pub fn header_value<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// An emulator with the data plane on: load balancer 1 (`protocol`, port 80) of the demo
/// tenant in DFW, its two seeded nodes (10.180.0.11 and 10.180.0.12, port 80) mapped to the
/// first two backends; `more` adjusts the builder.
pub struct Plane {
    pub emulator: Emulator,
    pub lb: Lb,
}

impl Plane {
    pub fn start(
        protocol: &str,
        backends: &[&Backend],
        more: impl FnOnce(EmulatorBuilder) -> EmulatorBuilder,
    ) -> anyhow::Result<Plane> {
        let mut builder = Emulator::builder()
            .default_seed()
            .load_balancer(
                "DFW",
                DEMO_TENANT,
                LoadBalancerSeed::new(1, "web", protocol),
            )
            .data_plane(true);
        for (backend, address) in backends.iter().zip(["10.180.0.11", "10.180.0.12"]) {
            builder = builder.backend(address, 80, backend.addr);
        }
        let emulator = more(builder).start()?;
        let lb = Lb::demo(&emulator)?;
        Ok(Plane { emulator, lb })
    }

    /// The plain port's address.
    pub fn addr(&self) -> anyhow::Result<SocketAddr> {
        self.emulator
            .listener("DFW", DEMO_TENANT, 1)
            .and_then(|l| l.addr())
            .context("no plain listener")
    }

    /// Load balancer 1's nodes: (id, address).
    pub fn nodes(&self) -> anyhow::Result<Vec<(u64, String)>> {
        let nodes = self.lb.get("/loadbalancers/1/nodes")?.json()?;
        Ok(nodes["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| Some((n["id"].as_u64()?, n["address"].as_str()?.to_owned())))
            .collect())
    }

    /// Adds a node of load balancer 1 at `address`:80 mapped to `backend`; its id.
    pub fn add_node(&self, address: &str, backend: &Backend, extra: Value) -> anyhow::Result<u64> {
        self.emulator.map_backend(address, 80, backend.addr);
        let mut node = json!({"address": address, "port": 80, "condition": "ENABLED"});
        if let (Some(node), Some(extra)) = (node.as_object_mut(), extra.as_object()) {
            node.extend(extra.clone());
        }
        let answer = self.lb.post(
            "/loadbalancers/1/nodes",
            &json!({"nodes": [node]}).to_string(),
        )?;
        if answer.status != 202 {
            bail!(
                "adding a node: {} {}",
                answer.status,
                String::from_utf8_lossy(&answer.body)
            );
        }
        answer.json()?["nodes"][0]["id"]
            .as_u64()
            .context("no node id")
    }

    /// A change through the API that must be accepted (202 or 200).
    pub fn change(&self, method: &str, path: &str, body: Option<Value>) -> anyhow::Result<()> {
        let body = body.map(|b| b.to_string());
        let answer = self.lb.call(method, path, body.as_deref())?;
        if !(200..300).contains(&answer.status) {
            bail!(
                "{method} {path}: {} {}",
                answer.status,
                String::from_utf8_lossy(&answer.body)
            );
        }
        Ok(())
    }

    /// Sets load balancer 1's algorithm (`ROUND_ROBIN` makes the node answering each request
    /// predictable).
    pub fn set_algorithm(&self, algorithm: &str) -> anyhow::Result<()> {
        let body = json!({"loadBalancer": {"algorithm": algorithm}});
        self.change("PUT", "/loadbalancers/1", Some(body))
    }

    /// A node's status as the API shows it.
    pub fn node_status(&self, node: u64) -> anyhow::Result<String> {
        let answer = self
            .lb
            .get(&format!("/loadbalancers/1/nodes/{node}"))?
            .json()?;
        Ok(answer["node"]["status"]
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }
}
