//! The data plane tests' client side: a raw HTTP/1.1 client and TCP helpers, every socket
//! bounded by [`IO_TIMEOUT`], connecting from a chosen loopback source address if asked.

use std::io::{self, BufReader, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpStream};

use anyhow::{Context, bail};

use crate::data_plane_kit::{IO_TIMEOUT, header_value, read_head};

/// An HTTP answer: status, head, body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.head, name)
    }
}

/// A TCP connection to `addr`, every operation bounded by [`IO_TIMEOUT`].
pub fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
    let stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    Ok(stream)
}

/// A TCP connection to `addr` from the loopback address `source` (127.0.0.x).
pub fn connect_from(source: IpAddr, addr: SocketAddr) -> io::Result<TcpStream> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    let stream = runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind(SocketAddr::new(source, 0))?;
        tokio::time::timeout(IO_TIMEOUT, socket.connect(addr))
            .await
            .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))?
    })?;
    let stream = stream.into_std()?;
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    Ok(stream)
}

/// Sends `GET path` with these extra header lines on a stream and reads the answer.
pub fn request<S: Read + Write>(
    stream: &mut S,
    path: &str,
    extra: &[(&str, &str)],
) -> anyhow::Result<Reply> {
    let mut head = format!("GET {path} HTTP/1.1\r\nHost: www.example.com\r\n");
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    read_reply(stream)
}

/// Reads one answer with a `Content-Length` body (or a body up to the end of the stream).
pub fn read_reply<S: Read>(stream: &mut S) -> anyhow::Result<Reply> {
    let mut reader = BufReader::new(stream);
    let head = read_head(&mut reader)?;
    if head.is_empty() {
        bail!("the connection closed without an answer");
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .context("no status")?;
    let body = match header_value(&head, "content-length").and_then(|v| v.parse::<usize>().ok()) {
        Some(n) => {
            let mut body = vec![0; n];
            reader.read_exact(&mut body)?;
            body
        }
        None => {
            let mut body = Vec::new();
            reader.read_to_end(&mut body)?;
            body
        }
    };
    Ok(Reply {
        status,
        head,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// One `GET` on a connection of its own, closed afterwards.
pub fn get(addr: SocketAddr, path: &str, extra: &[(&str, &str)]) -> anyhow::Result<Reply> {
    let mut stream = connect(addr)?;
    let mut headers = extra.to_vec();
    headers.push(("Connection", "close"));
    request(&mut stream, path, &headers)
}

/// `requests` GETs, each on a connection of its own: how many each backend answered, by name.
pub fn tally(
    addr: SocketAddr,
    requests: usize,
) -> anyhow::Result<std::collections::BTreeMap<String, usize>> {
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..requests {
        let reply = get(addr, "/", &[])?;
        if reply.status != 200 {
            bail!("a request failed: {reply:?}");
        }
        *counts.entry(reply.body).or_default() += 1;
    }
    Ok(counts)
}

/// Sends bytes on a TCP connection, ends the sending, reads everything back.
pub fn exchange_bytes(stream: &mut TcpStream, bytes: &[u8]) -> io::Result<String> {
    stream.write_all(bytes)?;
    stream.shutdown(Shutdown::Write)?;
    let mut got = Vec::new();
    stream.read_to_end(&mut got)?;
    Ok(String::from_utf8_lossy(&got).into_owned())
}
