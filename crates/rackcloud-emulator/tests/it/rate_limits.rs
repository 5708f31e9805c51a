//! The per-minute rate limits: off by default, per account, per method, the wrapped 413 with
//! `Retry-After`, checked after the token check.

use crate::common::{Answer, Lb, agent, api_key_body, authenticate, send};
use rackcloud_emulator::{
    DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator, EmulatorBuilder, OTHER_TENANT,
    OTHER_USERNAME,
};

fn limited() -> EmulatorBuilder {
    Emulator::builder()
        .default_seed()
        .rate_limits(true)
        .rate_limit("GET", 3)
        .rate_limit("put", 1)
}

/// Asserts the gateway's wrapped 413 and returns its `Retry-After` seconds.
fn assert_over_limit(answer: &Answer) -> anyhow::Result<i64> {
    assert_eq!(answer.status, 413);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let seconds: i64 = answer
        .header("retry-after")
        .ok_or_else(|| anyhow::anyhow!("no Retry-After"))?
        .parse()?;
    assert!((1..=60).contains(&seconds), "{seconds}");
    let body = String::from_utf8(answer.body.clone())?;
    let value = answer.json()?;
    let date = value["overLimit"]["retryAfter"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(
        body,
        format!(
            r#"{{"overLimit":{{"code":413,"message":"OverLimit Retry...","details":"Error Details...","retryAfter":"{date}"}}}}"#
        )
    );
    let retry: jiff::Timestamp = date.parse()?;
    let away = retry.as_second() - jiff::Timestamp::now().as_second();
    assert!(
        (seconds - 2..=seconds + 1).contains(&away),
        "{date} vs {seconds} s"
    );
    Ok(seconds)
}

#[test]
fn the_request_over_the_limit_gets_the_wrapped_413() -> anyhow::Result<()> {
    let emulator = limited().start()?;
    let lb = Lb::demo(&emulator)?;
    for _ in 0..3 {
        assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    }
    let seconds = assert_over_limit(&lb.get("/loadbalancers")?)?;
    assert!(
        seconds >= 59,
        "the window only frees up a minute after the first request"
    );
    // Refused requests do not use the limit up, and are still counted and recorded.
    assert_over_limit(&lb.get("/loadbalancers/1/sessionpersistence")?)?;
    assert_eq!(emulator.stats().api_requests.get, 5);
    assert_eq!(emulator.requests().len(), 5);
    Ok(())
}

#[test]
fn limits_are_per_account_and_per_method() -> anyhow::Result<()> {
    let emulator = limited().start()?;
    let demo = Lb::demo(&emulator)?;
    let body = r#"{"sessionPersistence":{"persistenceType":"HTTP_COOKIE"}}"#;
    assert_eq!(
        demo.put("/loadbalancers/1/sessionpersistence", body)?
            .status,
        202
    );
    assert_over_limit(&demo.put("/loadbalancers/2/sessionpersistence", body)?)?;
    // GET has its own budget; POST and DELETE keep the real limits.
    assert_eq!(demo.get("/loadbalancers/1")?.status, 200);
    assert_eq!(
        demo.delete("/loadbalancers/1/sessionpersistence")?.status,
        202
    );
    // The same account through another region shares the budget.
    let ord = Lb {
        base: emulator.lb_endpoint("ORD", DEMO_TENANT),
        ..Lb::demo(&emulator)?
    };
    assert_over_limit(&ord.put("/loadbalancers/10/sessionpersistence", body)?)?;
    // Another account has its own.
    let other = Lb::new(&emulator, "DFW", OTHER_TENANT, OTHER_USERNAME)?;
    assert_eq!(
        other
            .put("/loadbalancers/100/sessionpersistence", body)?
            .status,
        202
    );
    Ok(())
}

#[test]
fn the_token_check_comes_first_and_identity_is_never_limited() -> anyhow::Result<()> {
    let emulator = limited().rate_limit("POST", 1).start()?;
    let lb = Lb::demo(&emulator)?;
    let url = format!("{}/loadbalancers/1", lb.base);
    for _ in 0..5 {
        assert_eq!(send(&lb.agent, "GET", &url, &[], None)?.status, 401);
    }
    for _ in 0..3 {
        assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    }
    assert_eq!(lb.get("/loadbalancers/1")?.status, 413);
    let body = api_key_body(DEMO_USERNAME, DEMO_API_KEY);
    for _ in 0..3 {
        assert_eq!(authenticate(&agent(), &emulator, &body)?.status, 200);
    }
    Ok(())
}

#[test]
fn limits_are_off_by_default_and_can_be_switched() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .rate_limit("GET", 1)
        .start()?;
    let lb = Lb::demo(&emulator)?;
    for _ in 0..5 {
        assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    }
    emulator.set_rate_limits(true);
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    assert_eq!(lb.get("/loadbalancers/1")?.status, 413);
    emulator.set_rate_limits(false);
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    // Switching on again starts counting afresh.
    emulator.set_rate_limits(true);
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    assert_eq!(lb.get("/loadbalancers/1")?.status, 413);
    Ok(())
}

#[test]
fn the_real_limits_allow_a_burst_of_300_posts() -> anyhow::Result<()> {
    // POST is the cheapest real limit to reach: 300 a minute. Invalid bodies are refused by the
    // handler (400) after the limit check, so nothing is created.
    let emulator = Emulator::builder()
        .default_seed()
        .rate_limits(true)
        .record_requests(false)
        .start()?;
    let lb = Lb::demo(&emulator)?;
    for _ in 0..300 {
        assert_eq!(lb.post("/loadbalancers", "{}")?.status, 400);
    }
    assert_over_limit(&lb.post("/loadbalancers", "{}")?)?;
    Ok(())
}
