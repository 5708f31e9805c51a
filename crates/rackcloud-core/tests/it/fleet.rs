//! `run_fleet`: every load balancer's outcome (done, failed at step N with the typed error, not
//! started after the deadline), progress events, and the wait interval raised to the GET budget.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rackcloud_core::{
    ErrorKind, FleetEvent, FleetJob, FleetOpts, FleetOutcome, WaitOpts, change_and_wait, run_fleet,
};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

use crate::common::dfw;

fn read()
-> impl Fn(&rackcloud_core::ServiceClient, u64, &WaitOpts) -> Result<(), rackcloud_core::Error>
+ Send
+ Sync
+ 'static {
    |c, id, _| {
        c.get(&c.lb_url(id, &[]))
            .extract_json::<serde_json::Value>()
            .map(|_| ())
    }
}

fn enable()
-> impl Fn(&rackcloud_core::ServiceClient, u64, &WaitOpts) -> Result<(), rackcloud_core::Error>
+ Send
+ Sync
+ 'static {
    |c, id, wait| {
        change_and_wait(c, id, wait, |c, id| {
            let body = json!({"sessionPersistence": {"persistenceType": "SOURCE_IP"}});
            c.put(&c.lb_url(id, &["sessionpersistence"]), &body)
                .extract_err()
        })
    }
}

#[test]
fn each_load_balancer_is_done_or_failed_at_its_step() {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_millis(30))
        .start()
        .expect("emulator");
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 2, "ERROR");
    let lb = dfw(&emulator);
    let job = FleetJob::new()
        .step("read", read())
        .step("enable", enable());
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&events);
    let opts = FleetOpts::new()
        .parallel(2)
        .wait(WaitOpts::new().interval(Duration::from_millis(10)))
        .on_event(move |e| {
            let line = match e {
                FleetEvent::Started { lb_id } => format!("start {lb_id}"),
                FleetEvent::StepDone { lb_id, step, name } => format!("{lb_id} {step} {name}"),
                FleetEvent::Finished { outcome, total, .. } => {
                    format!("end {} of {total}", outcome.lb_id)
                }
                _ => String::new(),
            };
            seen.lock().expect("lock").push(line);
        });
    let outcomes = run_fleet(&lb, &[1, 2, 9999], &job, &opts);
    assert_eq!(
        outcomes.iter().map(|o| o.lb_id).collect::<Vec<_>>(),
        [1, 2, 9999]
    );
    assert!(outcomes[0].is_done());
    match &outcomes[1].outcome {
        FleetOutcome::Failed { step, name, error } => {
            assert_eq!((*step, name.as_str()), (2, "enable"));
            assert_eq!(error.kind(), ErrorKind::Immutable);
        }
        other => panic!("{other:?}"),
    }
    match &outcomes[2].outcome {
        FleetOutcome::Failed { step, error, .. } => {
            assert_eq!(*step, 1);
            assert!(error.is_not_found());
        }
        other => panic!("{other:?}"),
    }
    let events = events.lock().expect("lock").clone();
    assert!(events.contains(&"1 2 enable".to_owned()), "{events:?}");
    assert!(events.contains(&"2 1 read".to_owned()), "{events:?}");
    assert!(!events.contains(&"2 2 enable".to_owned()), "{events:?}");
    assert_eq!(events.iter().filter(|e| e.starts_with("end ")).count(), 3);
    assert_eq!(events.iter().filter(|e| e.starts_with("start ")).count(), 3);
}

#[test]
fn nothing_starts_after_the_deadline() {
    let emulator = Emulator::start().expect("emulator");
    let lb = dfw(&emulator);
    let job = FleetJob::new().step("slow", |c, id, w| {
        std::thread::sleep(Duration::from_millis(400));
        read()(c, id, w)
    });
    let opts = FleetOpts::new()
        .parallel(1)
        .deadline(Duration::from_millis(150));
    emulator.clear_requests();
    let outcomes = run_fleet(&lb, &[1, 2, 3], &job, &opts);
    assert!(outcomes[0].is_done());
    for o in &outcomes[1..] {
        assert!(matches!(o.outcome, FleetOutcome::NotStarted), "{o:?}");
        assert!(o.elapsed.is_zero());
    }
    assert_eq!(emulator.requests().len(), 1);
}

#[test]
fn polls_are_spaced_to_fit_the_get_budget() {
    let emulator = Emulator::start().expect("emulator");
    let lb = dfw(&emulator);
    let intervals = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&intervals);
    let job = FleetJob::new().step("look", move |_, _, w| {
        seen.lock().expect("lock").push(w.poll_interval());
        Ok(())
    });
    let opts = FleetOpts::new()
        .parallel(4)
        .wait(WaitOpts::new().interval(Duration::from_millis(1)));
    let outcomes = run_fleet(&lb, &[1, 2, 3, 10], &job, &opts);
    assert!(outcomes.iter().all(|o| o.is_done()));
    // Four at once within 600 GETs a minute: a poll each every 400 ms at least.
    let floor = lb.provider().pacing().poll_interval(4);
    assert_eq!(floor, Duration::from_millis(400));
    assert!(intervals.lock().expect("lock").iter().all(|i| *i == floor));
}
