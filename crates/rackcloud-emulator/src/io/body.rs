//! The response body as sent: fixed bytes or a generated huge body, optionally stalled part-way.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use hyper::body::{Body, Bytes, Frame, SizeHint};
use tokio::time::Sleep;

use crate::http::Stall;

/// The size of one generated chunk of a huge body.
const CHUNK: usize = 64 * 1024;
/// What a huge body is made of: a static run of `x`, so generating it allocates nothing.
static FILLER: [u8; CHUNK] = [b'x'; CHUNK];
/// A huge body is `{"message":"` + `x…x` + `"}`.
const HUGE_PREFIX: &[u8] = br#"{"message":""#;
const HUGE_SUFFIX: &[u8] = br#""}"#;

/// A response body for hyper.
#[derive(Debug)]
pub(crate) struct WireBody {
    source: Source,
    len: u64,
    stall: Option<Staller>,
}

#[derive(Debug)]
enum Source {
    /// What is left to send of fixed bytes (empty when sent).
    Fixed(Bytes),
    Huge(Huge),
}

/// A generated huge body: `len` bytes of `{"message":"x…x"}`.
#[derive(Debug)]
struct Huge {
    pos: usize,
    len: usize,
    filler: usize,
}

#[derive(Debug)]
struct Staller {
    /// Body bytes still to send before the stall.
    left: usize,
    duration: Duration,
    sleep: Option<Pin<Box<Sleep>>>,
}

impl WireBody {
    /// Fixed bytes.
    pub(crate) fn fixed(bytes: Vec<u8>) -> WireBody {
        let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        WireBody {
            source: Source::Fixed(Bytes::from(bytes)),
            len,
            stall: None,
        }
    }

    /// A JSON-looking body of exactly `len` bytes, generated as it is sent.
    pub(crate) fn huge(len: usize) -> WireBody {
        let filler = len.saturating_sub(HUGE_PREFIX.len() + HUGE_SUFFIX.len());
        WireBody {
            source: Source::Huge(Huge {
                pos: 0,
                len,
                filler,
            }),
            len: u64::try_from(len).unwrap_or(u64::MAX),
            stall: None,
        }
    }

    /// The same body, stalled as `stall` says. The stall always comes mid-body: a body no
    /// longer than the stall point stalls before its last byte (once hyper has written the
    /// whole `Content-Length`, it ends the response); an empty body cannot stall.
    pub(crate) fn stalled(mut self, stall: Option<Stall>) -> WireBody {
        let last = usize::try_from(self.len)
            .unwrap_or(usize::MAX)
            .checked_sub(1);
        self.stall = stall.zip(last).map(|(s, last)| Staller {
            left: s.after.min(last),
            duration: s.duration,
            sleep: None,
        });
        self
    }

    /// The body's full length, for `Content-Length`.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    fn next_chunk(&mut self) -> Option<Bytes> {
        match &mut self.source {
            Source::Fixed(bytes) if bytes.is_empty() => None,
            Source::Fixed(bytes) => Some(std::mem::take(bytes)),
            Source::Huge(huge) => huge.next_chunk(),
        }
    }

    fn source_done(&self) -> bool {
        match &self.source {
            Source::Fixed(bytes) => bytes.is_empty(),
            Source::Huge(huge) => huge.pos >= huge.len,
        }
    }
}

impl Huge {
    fn next_chunk(&mut self) -> Option<Bytes> {
        if self.pos >= self.len {
            return None;
        }
        let prefix = HUGE_PREFIX.len();
        let filler_end = prefix + self.filler;
        let run: &'static [u8] = if self.pos < prefix {
            &HUGE_PREFIX[self.pos..]
        } else if self.pos < filler_end {
            &FILLER[..(filler_end - self.pos).min(CHUNK)]
        } else {
            HUGE_SUFFIX.get(self.pos - filler_end..).unwrap_or_default()
        };
        let take = run.len().min(self.len - self.pos);
        if take == 0 {
            self.pos = self.len;
            return None;
        }
        self.pos += take;
        Some(Bytes::from_static(&run[..take]))
    }
}

impl Body for WireBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        if let Some(staller) = &mut this.stall
            && staller.left == 0
        {
            let duration = staller.duration;
            let sleep = staller
                .sleep
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(duration)));
            ready!(sleep.as_mut().poll(cx));
            this.stall = None;
            this.source = Source::Fixed(Bytes::new());
            return Poll::Ready(Some(Err(io::Error::other(
                "the emulator closes the connection after a stall",
            ))));
        }
        let Some(mut chunk) = this.next_chunk() else {
            return Poll::Ready(None);
        };
        if let Some(staller) = &mut this.stall {
            if chunk.len() > staller.left {
                // The rest is never sent: the connection closes after the stall.
                chunk.truncate(staller.left);
            }
            staller.left -= chunk.len();
        }
        Poll::Ready(Some(Ok(Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.stall.is_none() && self.source_done()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(mut body: WireBody) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(chunk) = body.next_chunk() {
            out.extend_from_slice(&chunk);
        }
        out
    }

    #[test]
    fn a_huge_body_has_exactly_its_length() {
        for len in [0, 1, 13, 14, 15, 100, CHUNK + 20, 3 * CHUNK] {
            let body = drain(WireBody::huge(len));
            assert_eq!(body.len(), len);
            if len >= 14 {
                let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
                assert_eq!(value["message"].as_str().map(str::len), Some(len - 14));
            } else {
                assert_eq!(body, &br#"{"message":""}"#[..len]);
            }
        }
    }

    #[test]
    fn fixed_bodies_come_in_one_chunk() {
        let body = WireBody::fixed(b"abc".to_vec());
        assert_eq!(body.len(), 3);
        assert_eq!(drain(body), b"abc");
    }
}
