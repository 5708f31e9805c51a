//! The node workflows under real traffic (the emulator's data plane): adding a node safely and
//! draining the old one before removing it answers every request of a steady stream.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lb_lbs::{Algorithm, CreateOpts, Protocol, VipOpts};
use lb_nodes::{NodeOpts, WorkflowOpts};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

const IO_TIMEOUT: Duration = Duration::from_secs(2);

/// A backend that answers every request with its name, on a thread of its own.
fn backend(name: &'static str) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream, name));
        }
    });
    addr
}

fn answer(mut stream: TcpStream, name: &str) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{name}",
        name.len()
    );
    let _ = stream.write_all(reply.as_bytes());
}

/// One request through the load balancer: the body of a 200, or `None` for anything else.
fn get(addr: SocketAddr) -> Option<String> {
    let mut stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT).ok()?;
    stream.set_read_timeout(Some(IO_TIMEOUT)).ok()?;
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: shop.example.com\r\nConnection: close\r\n\r\n")
        .ok()?;
    let mut reply = String::new();
    stream.take(64 * 1024).read_to_string(&mut reply).ok()?;
    let (head, body) = reply.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200").then(|| body.to_owned())
}

/// Clients sending requests until stopped (at most 20 s): every answer, in order, and the
/// number of requests that got none.
fn stream(addr: SocketAddr, stop: &Arc<AtomicBool>) -> Vec<JoinHandle<(Vec<String>, usize)>> {
    (0..3)
        .map(|_| {
            let stop = Arc::clone(stop);
            std::thread::spawn(move || {
                let deadline = Instant::now() + Duration::from_secs(20);
                let (mut answers, mut failed) = (Vec::new(), 0);
                while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                    match get(addr) {
                        Some(body) => answers.push(body),
                        None => failed += 1,
                    }
                }
                (answers, failed)
            })
        })
        .collect()
}

#[test]
fn add_safely_then_drain_and_remove_drops_no_request() {
    let (old, new) = (backend("old"), backend("new"));
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_millis(50))
        .build_time(Duration::from_millis(50))
        .data_plane(true)
        .backend("10.0.9.1", 80, old)
        .backend("10.0.9.2", 80, new)
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    let wait = crate::common::quick();
    let opts = CreateOpts::new("shop", Protocol::Http)
        .algorithm(Algorithm::RoundRobin)
        .virtual_ip(VipOpts::public())
        .node(NodeOpts::new("10.0.9.1", 80));
    let lb = lb_lbs::create_and_wait(&client, &opts, &wait).expect("created");
    let deadline = Instant::now() + Duration::from_secs(5);
    let addr = loop {
        let found = emulator
            .listener("DFW", DEMO_TENANT, lb.id())
            .and_then(|l| l.addr());
        match found {
            Some(addr) if get(addr).as_deref() == Some("old") => break addr,
            _ if Instant::now() > deadline => panic!("no listener serving the old node"),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    };

    let stop = Arc::new(AtomicBool::new(false));
    let clients = stream(addr, &stop);
    let workflow = WorkflowOpts::new(wait.clone());
    lb_nodes::add_safely(
        &client,
        lb.id(),
        &[NodeOpts::new("10.0.9.2", 80)],
        &workflow,
    )
    .expect("added");
    let old_id = lb_nodes::list(&client, lb.id(), &lb_nodes::ListOpts::new())
        .extract()
        .expect("nodes")
        .iter()
        .find(|n| n.address() == "10.0.9.1")
        .map(lb_nodes::Node::id)
        .expect("the old node");
    lb_nodes::drain_and_remove(
        &client,
        lb.id(),
        old_id,
        Duration::from_millis(200),
        &workflow,
    )
    .expect("drained and removed");
    // Traffic goes on a little after the removal.
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::SeqCst);

    let (mut answers, mut failed) = (Vec::new(), 0);
    for client in clients {
        let (a, f) = client.join().expect("client thread");
        answers.extend(a);
        failed += f;
    }
    assert_eq!(failed, 0, "requests without an answer during the rotation");
    assert!(answers.iter().any(|a| a == "old") && answers.iter().any(|a| a == "new"));
    assert_eq!(
        get(addr).as_deref(),
        Some("new"),
        "only the new node serves now"
    );
    let nodes = lb_nodes::list(&client, lb.id(), &lb_nodes::ListOpts::new())
        .extract()
        .expect("nodes");
    assert_eq!(nodes.len(), 1);
}
