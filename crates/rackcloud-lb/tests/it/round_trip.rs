//! Export → plan and apply → plan are empty.

use rackcloud_emulator::Emulator;
use rackcloud_lb::{Change, apply, apply_document, export, plan_account};

use crate::common::{dfw, doc, doc_in, fleet, full_lb};

#[test]
fn export_then_plan_is_empty() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    let ids: Vec<u64> = rackcloud_lb::lbs::list_all(&client, Default::default())?
        .iter()
        .map(|lb| lb.id())
        .collect();
    assert!(!ids.is_empty());
    let exported = export(&client, &ids)?;
    assert_eq!(exported.document().load_balancers.len(), ids.len());
    // Through files, as a user keeps them: the document and the files it names.
    let dir = tempfile::tempdir()?;
    let written = exported.write_files(dir.path())?;
    assert_eq!(written.len(), exported.files().len());
    let path = dir.path().join("lbs.json");
    std::fs::write(&path, exported.document().to_json())?;
    let again = rackcloud_lb::Document::read(&path)?;
    let plan = plan_account(&client, &again)?;
    assert!(plan.is_empty(), "{plan}");
    Ok(())
}

#[test]
fn apply_then_plan_is_empty_and_apply_again_sends_nothing() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    let d = doc(&[full_lb("shop"), full_lb("blog")]);
    let plan = plan_account(&client, &d)?;
    for lb in plan.lbs() {
        assert_eq!(lb.id(), None);
        assert!(matches!(lb.changes()[0], Change::CreateLb(_)));
    }
    let report = apply(&client, &plan, &fleet());
    assert!(report.is_complete(), "{report}");
    assert_eq!(report.applied(), plan.len());
    assert!(plan_account(&client, &d)?.is_empty());

    emulator.clear_requests();
    let report = apply_document(&client, &d, &fleet())?;
    assert_eq!(report.applied(), 0);
    // Only reads: the list, then one GET per load balancer.
    let requests = emulator.requests();
    assert!(requests.iter().all(|r| r.method == "GET"), "{requests:?}");
    let gets = requests.iter().filter(|r| {
        r.path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.parse::<u64>().is_ok())
    });
    assert_eq!(gets.count(), 2, "{requests:?}");

    // What was applied exports to the same document (virtual IPs aside, which the
    // service fills in).
    let ids: Vec<u64> = report.lbs().iter().filter_map(|l| l.id()).collect();
    let exported = export(&client, &ids)?;
    assert!(plan_account(&client, exported.document())?.is_empty());
    Ok(())
}

#[test]
fn export_refuses_two_load_balancers_of_one_name_and_keeps_file_names_apart() -> anyhow::Result<()>
{
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    // Custom error pages (a default one is not exported).
    let dir = tempfile::tempdir()?;
    let with_page = |name: &str| {
        let mut lb = full_lb(name);
        lb["error_page_file"] = serde_json::json!("e.html");
        lb
    };
    let lbs = [with_page("Web Shop"), with_page("web-shop")];
    let d = doc_in(dir.path(), &lbs, &[("e.html", "<html>Sorry</html>")]);
    let report = apply(&client, &plan_account(&client, &d)?, &fleet());
    assert!(report.is_complete(), "{report}");
    let ids: Vec<u64> = report.lbs().iter().filter_map(|l| l.id()).collect();
    // Two names, one file name: the second is numbered.
    let exported = export(&client, &ids)?;
    let pages: Vec<&str> = exported.files().iter().map(|f| f.path()).collect();
    assert_eq!(
        pages,
        [
            "web-shop-error.html".to_owned(),
            "web-shop-error-2.html".to_owned()
        ]
    );
    // The same name twice cannot be one document.
    let err = export(&client, &[ids[0], ids[0]]).expect_err("refused");
    assert!(err.is_invalid_input(), "{err}");
    assert!(err.to_string().contains("both named \"Web Shop\""), "{err}");
    Ok(())
}
