//! The scaled clock: the rate-limit window and the pending time shrink by the scale, and the
//! control API reports what is enforced.

use std::time::Duration;

use crate::common::{Lb, agent, send};
use rackcloud_emulator::Emulator;
use serde_json::json;

#[test]
fn a_scaled_clock_shrinks_the_window_and_the_pending_time() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .rate_limits(true)
        .rate_limit("GET", 2)
        .pending_time(Duration::from_secs(30))
        .time_scale(60.0)
        .start()?;
    assert_eq!(emulator.pending_time(), Duration::from_millis(500));
    assert_eq!(emulator.rate_limit_window(), Duration::from_secs(1));
    assert!((emulator.time_scale() - 60.0).abs() < f64::EPSILON);
    let url = format!("http://{}/_emulator/rate-limits", emulator.addr());
    let answer = send(&agent(), "GET", &url, &[], None)?;
    let report = answer.json()?;
    assert_eq!(report["time_scale"], json!(60.0));
    assert_eq!(report["window_ms"], json!(1000.0));
    assert_eq!(report["pending_time_ms"], json!(500.0));
    assert_eq!(report["limits"]["GET"], json!(2));

    let lb = Lb::demo(&emulator)?;
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    let over = lb.get("/loadbalancers/1")?;
    assert_eq!(over.status, 413);
    assert_eq!(over.header("retry-after"), Some("1"));
    // A real second is the whole scaled minute: the window is free again.
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    let limits = lb.get("/limits")?.json()?;
    let get = &limits["limits"]["rate"][0]["limit"][0];
    assert_eq!(
        (get["verb"].clone(), get["remaining"].clone()),
        (json!("DELETE"), json!(300))
    );
    Ok(())
}
