//! [`Runner`]: a tokio runtime on threads of its own, built and dropped on its own thread (never
//! inside a caller's async context), shut down (every task, listener and connection dropped, its
//! threads joined) when stopped. The API server and the data plane each run on one.

use std::io;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::sync::oneshot;

/// How long stopping waits for the runtime's threads to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// A runtime's thread; dropping it stops the runtime and joins the thread.
#[derive(Debug)]
pub(crate) struct Runner {
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Runner {
    /// Starts a runtime with `workers` worker threads on a new thread called `name`; returns
    /// once it runs, with a handle to spawn on.
    pub(crate) fn start(name: &str, workers: usize) -> io::Result<(Runner, Handle)> {
        let (stop, stopped) = oneshot::channel::<()>();
        let (ready, started) = mpsc::sync_channel(1);
        let worker_name = format!("{name}-worker");
        let thread = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(workers.max(1))
                    .thread_name(worker_name)
                    .enable_io()
                    .enable_time()
                    .build();
                let runtime = match runtime {
                    Ok(runtime) => runtime,
                    Err(err) => {
                        let _ = ready.send(Err(err));
                        return;
                    }
                };
                let _ = ready.send(Ok(runtime.handle().clone()));
                runtime.block_on(async {
                    let _ = stopped.await;
                });
                runtime.shutdown_timeout(SHUTDOWN_GRACE);
            })?;
        let mut runner = Runner {
            stop: Some(stop),
            thread: Some(thread),
        };
        match started.recv() {
            Ok(Ok(handle)) => Ok((runner, handle)),
            Ok(Err(err)) => {
                runner.stop();
                Err(err)
            }
            Err(_) => {
                runner.stop();
                Err(io::Error::other(format!(
                    "the {name} thread ended at start"
                )))
            }
        }
    }

    /// Blocks while the runtime runs (until [`stop`](Self::stop) from elsewhere).
    pub(crate) fn wait(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Stops the runtime (closing every listener and connection) and joins its thread.
    pub(crate) fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.wait();
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.stop();
    }
}
