//! The data plane's tokio runtime, on threads of its own: started with the emulator, shut down
//! (every listener and connection closed, its threads joined) when the emulator stops.

use std::io;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::sync::oneshot;

/// How many worker threads the data plane's runtime has.
const WORKERS: usize = 2;
/// How long stopping waits for the runtime's threads to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// The data plane's runtime thread; dropping it stops the runtime and joins the thread.
#[derive(Debug)]
pub(crate) struct Runner {
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Runner {
    /// Starts the runtime on a new thread; returns once it runs, with a handle to spawn on.
    pub(crate) fn start() -> io::Result<(Runner, Handle)> {
        let (stop, stopped) = oneshot::channel::<()>();
        let (ready, started) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("rackcloud-data-plane".to_owned())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(WORKERS)
                    .thread_name("rackcloud-data-plane-worker")
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
                Err(io::Error::other("the data plane's thread ended at start"))
            }
        }
    }

    /// Stops the runtime (closing every listener and connection) and joins its thread.
    pub(crate) fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.stop();
    }
}
