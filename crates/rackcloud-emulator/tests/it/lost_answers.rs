//! Faults that come after the service: the change is applied, then its answer is lost (the
//! connection closes without one) or replaced by the fault's.

use rackcloud_emulator::{Emulator, InjectedFault};

use crate::common::{Lb, agent, flat, send};

const CREATE: &str = r#"{"loadBalancer":{"name":"lost","protocol":"HTTP","port":80,"virtualIps":[{"type":"PUBLIC"}]}}"#;

fn names(lb: &Lb) -> anyhow::Result<Vec<String>> {
    let list = lb.get("/loadbalancers")?.json()?;
    Ok(list["loadBalancers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["name"].as_str().map(str::to_owned))
        .collect())
}

#[test]
fn a_lost_answer_after_apply_closes_without_a_byte_yet_the_change_is_made() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let pattern = "/dfw/v1.0/*/loadbalancers";
    emulator.inject(InjectedFault::lost_answer(Some("POST"), pattern).after_apply());
    let sent = lb.post("/loadbalancers", CREATE);
    assert!(sent.is_err(), "{sent:?}");
    assert_eq!(names(&lb)?.iter().filter(|n| *n == "lost").count(), 1);
    assert_eq!(emulator.stats().api_requests.post, 1);
    // Before the service: nothing is made.
    emulator.inject(InjectedFault::lost_answer(Some("POST"), pattern));
    assert!(lb.post("/loadbalancers", CREATE).is_err());
    assert_eq!(names(&lb)?.iter().filter(|n| *n == "lost").count(), 1);
    Ok(())
}

#[test]
fn a_replaced_answer_after_apply_is_the_fault_and_the_change_is_made() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let url = format!("http://{}/_emulator/faults", emulator.addr());
    let json = [("Content-Type", "application/json")];
    let fault =
        r#"{"method":"POST","path":"/dfw/v1.0/*/loadbalancers","status":502,"afterApply":true}"#;
    assert_eq!(
        send(&agent(), "POST", &url, &json, Some(fault))?.status,
        201
    );
    let answer = lb.post("/loadbalancers", CREATE)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (502, flat(502, "Bad Gateway"))
    );
    assert_eq!(names(&lb)?.iter().filter(|n| *n == "lost").count(), 1);
    Ok(())
}
