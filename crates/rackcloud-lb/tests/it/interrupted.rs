//! An apply that fails half-way reports what was applied; a second apply finishes.

use rackcloud_emulator::{Emulator, InjectedFault};
use rackcloud_lb::{Change, apply_document, plan_account};

use crate::common::{dfw_no_retries, doc, fleet, full_lb};

/// An account with `name` as `full_lb` less its monitor, secondary node, throttle, logging,
/// caching and metadata, so that bringing it to `full_lb` is several changes (a new load
/// balancer is one creation).
fn account_with_bare(emulator: &Emulator, name: &str) -> anyhow::Result<()> {
    let client = dfw_no_retries(emulator);
    let mut bare = full_lb(name);
    let fields = bare.as_object_mut().expect("an object");
    for key in [
        "health_monitor",
        "connection_throttle",
        "connection_logging",
        "content_caching",
        "metadata",
    ] {
        fields.remove(key);
    }
    if let Some(nodes) = fields.get_mut("nodes").and_then(|n| n.as_array_mut()) {
        nodes.retain(|n| n.get("type").is_none());
    }
    let report = apply_document(&client, &doc(&[bare]), &fleet())?;
    anyhow::ensure!(report.is_complete(), "{report}");
    Ok(())
}

#[test]
fn interrupted_apply_reports_and_a_second_apply_finishes() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw_no_retries(&emulator);
    account_with_bare(&emulator, "shop")?;
    let d = doc(&[full_lb("shop")]);
    emulator.inject(InjectedFault::new(
        Some("PUT"),
        "/dfw/v1.0/*/loadbalancers/*/connectionthrottle",
        400,
    ));
    let report = apply_document(&client, &d, &fleet())?;
    assert!(!report.is_complete());
    let lb = &report.lbs()[0];
    assert!(lb.id().is_some());
    assert!(matches!(lb.applied()[0], Change::SetMonitor(_)), "{report}");
    assert!(matches!(&lb.applied()[1], Change::AddNodes(n) if n.len() == 1));
    let (failed, error) = lb.failed().expect("the throttle failed");
    assert!(matches!(failed, Change::SetThrottle(_)));
    assert_eq!(error.status(), Some(400));
    assert_eq!(
        lb.not_sent(),
        [
            Change::SetLogging(true),
            Change::SetCaching(true),
            Change::AddMetadata(
                [("env".into(), "prod".into()), ("team".into(), "web".into())].into()
            )
        ]
    );
    assert!(
        report
            .to_string()
            .contains("FAILED: set connection throttle")
    );

    // The rest, and only the rest.
    let plan = plan_account(&client, &d)?;
    assert_eq!(plan.len(), 1 + lb.not_sent().len());
    let report = apply_document(&client, &d, &fleet())?;
    assert!(report.is_complete(), "{report}");
    assert!(plan_account(&client, &d)?.is_empty());
    Ok(())
}

#[test]
fn past_the_deadline_nothing_starts_and_the_report_says_so() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw_no_retries(&emulator);
    let d = doc(&[full_lb("late")]);
    let plan = plan_account(&client, &d)?;
    emulator.clear_requests();
    let opts = fleet().deadline(std::time::Duration::ZERO);
    let report = rackcloud_lb::apply(&client, &plan, &opts);
    assert!(!report.is_complete());
    assert_eq!(report.applied(), 0);
    let lb = &report.lbs()[0];
    assert!(lb.failed().is_none());
    assert_eq!(lb.not_sent(), plan.lbs()[0].changes());
    assert!(emulator.requests().is_empty());
    Ok(())
}

#[test]
fn a_created_load_balancer_whose_wait_fails_is_reported_with_its_id() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw_no_retries(&emulator);
    let d = doc(&[full_lb("half")]);
    let plan = plan_account(&client, &d)?;
    emulator.inject(InjectedFault::new(
        Some("GET"),
        "/dfw/v1.0/*/loadbalancers/*",
        400,
    ));
    let report = rackcloud_lb::apply(&client, &plan, &fleet());
    let lb = &report.lbs()[0];
    let (failed, error) = lb.failed().expect("the wait failed");
    assert!(matches!(failed, Change::CreateLb(_)));
    assert_eq!(error.status(), Some(400));
    let id = lb.id().expect("the load balancer exists");
    assert!(rackcloud_lb::lbs::get(&client, id).extract().is_ok());
    assert!(report.to_string().contains(&format!("half ({id})")));
    Ok(())
}

#[test]
fn apply_with_tells_each_change_as_it_ends_the_failed_one_last() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw_no_retries(&emulator);
    account_with_bare(&emulator, "told")?;
    let plan = plan_account(&client, &doc(&[full_lb("told")]))?;
    emulator.inject(InjectedFault::new(
        Some("PUT"),
        "/dfw/v1.0/*/loadbalancers/*/connectionthrottle",
        400,
    ));
    let told = std::sync::Mutex::new(Vec::new());
    let report = rackcloud_lb::apply_with(&client, &plan, &fleet(), |event| {
        let failed = event.error.map(|e| e.status());
        if let Ok(mut told) = told.lock() {
            told.push((event.name.to_owned(), event.change.clone(), failed));
        }
    });
    let told = told.into_inner().unwrap_or_default();
    let lb = &report.lbs()[0];
    assert_eq!(told.len(), lb.applied().len() + 1);
    for ((name, change, failed), applied) in told.iter().zip(lb.applied()) {
        assert_eq!((name.as_str(), change, *failed), ("told", applied, None));
    }
    let (name, change, failed) = told.last().expect("the failed change");
    assert_eq!(name, "told");
    assert!(matches!(change, Change::SetThrottle(_)));
    assert_eq!(*failed, Some(Some(400)));
    Ok(())
}
