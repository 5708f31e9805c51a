//! SSL termination, certificate mappings, HTTPS redirect and the error page: applied in an
//! order the API accepts, exported without keys, planned again as nothing.

use rackcloud_core::ServiceClient;
use rackcloud_emulator::Emulator;
use rackcloud_lb::{Change, apply, export, plan_account};
use rackcloud_testing::tls::{TestCert, self_signed, with_chain};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::common::{dfw, doc_in, fleet, full_lb};

fn secure_lb(name: &str) -> Value {
    let mut lb = full_lb(name);
    lb["ssl_termination"] = json!({"certificate_file": "shop.crt", "private_key_file": "shop.key",
                                   "secure_port": 443, "secure_traffic_only": true});
    lb["certificate_mappings"] = json!([{"host_name": "api.example.com",
        "certificate_file": "api.crt", "private_key_file": "api.key",
        "intermediate_certificate_file": "api-chain.crt"}]);
    lb["https_redirect"] = json!(true);
    lb["error_page_file"] = json!("error.html");
    lb
}

fn files<'a>(shop: &'a TestCert, api: &'a TestCert) -> Vec<(&'static str, &'a str)> {
    vec![
        ("shop.crt", &shop.cert),
        ("shop.key", &shop.key),
        ("api.crt", &api.cert),
        ("api.key", &api.key),
        ("api-chain.crt", &api.chain),
        ("error.html", "<html><body>Back soon</body></html>"),
    ]
}

/// An emulator where `secure_lb(name)` is applied, its client, and the folder of its files.
fn applied(name: &str) -> anyhow::Result<(Emulator, ServiceClient, TempDir)> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    let (shop, api) = (
        self_signed("shop.example.com"),
        with_chain("api.example.com"),
    );
    let dir = tempfile::tempdir()?;
    let d = doc_in(dir.path(), &[secure_lb(name)], &files(&shop, &api));
    let report = apply(&client, &plan_account(&client, &d)?, &fleet());
    assert!(report.is_complete(), "{report}");
    Ok((emulator, client, dir))
}

fn position(changes: &[Change], f: impl Fn(&Change) -> bool) -> usize {
    changes.iter().position(f).expect("the change is planned")
}

#[test]
fn ssl_mappings_redirect_and_error_page_apply_in_order_then_plan_nothing() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    let (shop, api) = (
        self_signed("shop.example.com"),
        with_chain("api.example.com"),
    );
    let dir = tempfile::tempdir()?;
    let d = doc_in(dir.path(), &[secure_lb("secure")], &files(&shop, &api));
    let plan = plan_account(&client, &d)?;
    let changes = plan.lbs()[0].changes();
    let ssl = position(changes, |c| {
        matches!(
            c,
            Change::SetSslTermination {
                certificate: true,
                ..
            }
        )
    });
    let mapping = position(changes, |c| matches!(c, Change::AddMapping(_)));
    let page = position(changes, |c| matches!(c, Change::SetErrorPage(_)));
    let redirect = position(changes, |c| matches!(c, Change::SetHttpsRedirect(true)));
    assert!(
        ssl < mapping && mapping < redirect && page < redirect,
        "{plan}"
    );
    // Plans and reports never show a key.
    let shown = format!("{plan}{plan:?}{d:?}");
    assert!(!shown.contains("PRIVATE KEY"), "{shown}");

    let report = apply(&client, &plan, &fleet());
    assert!(report.is_complete(), "{report}");
    assert!(plan_account(&client, &d)?.is_empty());

    // Export: certificates and the page written, keys named and left out.
    let id = report.lbs()[0].id().expect("created");
    let exported = export(&client, &[id])?;
    assert_eq!(
        exported.keys_to_provide(),
        ["secure.key", "secure-api-example-com.key"]
    );
    let out = tempfile::tempdir()?;
    exported.write_files(out.path())?;
    let mut names: Vec<String> = std::fs::read_dir(out.path())?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    names.sort();
    assert_eq!(
        names,
        [
            "secure-api-example-com-chain.crt",
            "secure-api-example-com.crt",
            "secure-error.html",
            "secure.crt"
        ]
    );
    let text = exported.document().to_json();
    assert!(
        !text.contains("PRIVATE KEY") && !text.contains("BEGIN"),
        "{text}"
    );
    let path = out.path().join("lbs.json");
    std::fs::write(&path, &text)?;
    let again = rackcloud_lb::Document::read(&path)?;
    assert!(plan_account(&client, &again)?.is_empty());

    // A new certificate without its key: refused before anything is sent, naming the file.
    std::fs::write(
        out.path().join("secure.crt"),
        &self_signed("new.example.com").cert,
    )?;
    let again = rackcloud_lb::Document::read(&path)?;
    emulator.clear_requests();
    let err = plan_account(&client, &again).expect_err("refused");
    assert!(err.is_invalid_input(), "{err}");
    assert!(
        err.to_string()
            .contains("ssl_termination.private_key_file: the certificate is installed"),
        "{err}"
    );
    assert!(err.to_string().contains("provide \"secure.key\""), "{err}");
    assert!(emulator.requests().iter().all(|r| r.method == "GET"));
    Ok(())
}

#[test]
fn certificates_settings_and_mappings_each_plan_exactly_their_change() -> anyhow::Result<()> {
    let (_emulator, client, dir) = applied("certs")?;

    let step = |lb: Value, extra: &[(&str, &str)], expect: fn(&[Change]) -> bool| {
        let d = doc_in(dir.path(), &[lb], extra);
        let plan = plan_account(&client, &d).expect("planned");
        let changes = plan.lbs()[0].changes().to_vec();
        assert!(expect(&changes), "{plan}");
        let report = apply(&client, &plan, &fleet());
        assert!(report.is_complete(), "{report}");
        assert!(plan_account(&client, &d).expect("planned").is_empty());
    };
    // A new certificate and key: one PUT with them.
    let renewed = self_signed("shop.example.com");
    step(
        secure_lb("certs"),
        &[("shop.crt", &renewed.cert), ("shop.key", &renewed.key)],
        |c| {
            matches!(
                c,
                [Change::SetSslTermination {
                    certificate: true,
                    ..
                }]
            )
        },
    );
    // A new error page: one PUT.
    step(
        secure_lb("certs"),
        &[("error.html", "<html><body>Maintenance</body></html>")],
        |c| matches!(c, [Change::SetErrorPage(page)] if page.path() == "error.html"),
    );
    // A mapping's new certificate: one PUT of the mapping.
    let api2 = with_chain("api.example.com");
    step(
        secure_lb("certs"),
        &[
            ("api.crt", &api2.cert),
            ("api.key", &api2.key),
            ("api-chain.crt", &api2.chain),
        ],
        |c| matches!(c, [Change::UpdateMapping { .. }]),
    );
    // The mapping gone: one DELETE.
    let mut lb = secure_lb("certs");
    lb["certificate_mappings"] = json!([]);
    step(
        lb.clone(),
        &[],
        |c| matches!(c, [Change::RemoveMapping { host_name, .. }] if host_name == "api.example.com"),
    );
    // Back again: one POST.
    step(
        secure_lb("certs"),
        &[],
        |c| matches!(c, [Change::AddMapping(m)] if m.host_name == "api.example.com"),
    );
    // Redirect off, on, off: one PUT each.
    lb = secure_lb("certs");
    lb["https_redirect"] = json!(false);
    step(lb.clone(), &[], |c| {
        matches!(c, [Change::SetHttpsRedirect(false)])
    });
    lb["https_redirect"] = json!(true);
    step(lb.clone(), &[], |c| {
        matches!(c, [Change::SetHttpsRedirect(true)])
    });
    lb["https_redirect"] = json!(false);
    step(lb.clone(), &[], |c| {
        matches!(c, [Change::SetHttpsRedirect(false)])
    });
    // A setting of the termination alone: no key sent.
    lb["ssl_termination"]["enabled"] = json!(false);
    step(lb.clone(), &[], |c| {
        matches!(
            c,
            [Change::SetSslTermination {
                certificate: false,
                ..
            }]
        )
    });
    // The termination gone, its mapping with it: one DELETE.
    lb.as_object_mut()
        .expect("an entry")
        .remove("ssl_termination");
    lb["certificate_mappings"] = json!([]);
    step(lb, &[], |c| matches!(c, [Change::DeleteSslTermination]));
    Ok(())
}

#[test]
fn removing_ssl_turns_redirect_off_first_and_takes_the_mappings_with_it() -> anyhow::Result<()> {
    let (_emulator, client, dir) = applied("plain")?;
    let mut lb = secure_lb("plain");
    for field in ["ssl_termination", "certificate_mappings", "https_redirect"] {
        lb.as_object_mut().expect("an entry").remove(field);
    }
    let d = doc_in(dir.path(), &[lb], &[]);
    let plan = plan_account(&client, &d)?;
    assert_eq!(
        plan.lbs()[0].changes(),
        [
            Change::SetHttpsRedirect(false),
            Change::DeleteSslTermination
        ],
        "{plan}"
    );
    assert!(plan.lbs()[0].changes().iter().all(Change::is_destructive));
    assert!(apply(&client, &plan, &fleet()).is_complete());
    assert!(plan_account(&client, &d)?.is_empty());
    Ok(())
}

#[test]
fn export_does_not_take_a_foreign_404_for_no_termination() -> anyhow::Result<()> {
    use rackcloud_emulator::{InjectedBody, InjectedFault};
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    // A proxy's HTML 404 where the termination is read: an error, not "none".
    emulator.inject(
        InjectedFault::new(
            Some("GET"),
            "/dfw/v1.0/*/loadbalancers/1/ssltermination",
            404,
        )
        .body(InjectedBody::Html),
    );
    let e = export(&client, &[1]).unwrap_err();
    assert!(e.is_not_found(), "{e}");
    // Without it, the service's own "none" reads as no termination.
    let exported = export(&client, &[1])?;
    assert!(
        exported.document().load_balancers[0]
            .ssl_termination
            .is_none()
    );
    Ok(())
}
