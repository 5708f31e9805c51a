//! `rackcloud lb session-persistence show|enable|disable` in text and JSON, credentials and
//! region from flags and the environment, `--endpoint`, and `--help` on every command.

use crate::common::{DEMO_ENV, against, as_demo, ok, rackcloud};
use rackcloud_emulator::{
    DEMO_API_KEY, DEMO_PASSWORD, DEMO_TENANT, DEMO_USERNAME, Emulator, LoadBalancerSeed,
};
use serde_json::json;

/// The default seed plus load balancers 5 and 6 (HTTP) with HTTP_COOKIE already enabled.
fn with_persistence() -> Emulator {
    Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(5, "sticky", "HTTP").session_persistence("HTTP_COOKIE"),
        )
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(6, "sticky-too", "HTTP").session_persistence("HTTP_COOKIE"),
        )
        .start()
        .expect("emulator")
}

#[test]
fn show_prints_the_type_or_that_persistence_is_disabled() {
    let emulator = with_persistence();
    let run = ok(as_demo(
        &emulator,
        &["lb", "session-persistence", "show", "1"],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 1: session persistence disabled"]
    );
    let run = ok(as_demo(
        &emulator,
        &["lb", "session-persistence", "show", "5"],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 5: session persistence HTTP_COOKIE"]
    );

    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "session-persistence", "show", "1"],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"persistenceType\":null}\n"
    );
    let run = ok(as_demo(
        &emulator,
        &["lb", "session-persistence", "show", "5", "--output=json"],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":5,\"persistenceType\":\"HTTP_COOKIE\"}\n"
    );
}

#[test]
fn enable_accepts_any_case_and_the_change_is_made() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "http_Cookie",
        ],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 1: HTTP_COOKIE session persistence accepted; PENDING_UPDATE until applied"]
    );
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 1),
        Some(Some("HTTP_COOKIE".to_owned()))
    );
    let put = emulator
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .expect("a PUT");
    assert_eq!(
        put.body_json(),
        Some(json!({"sessionPersistence": {"persistenceType": "HTTP_COOKIE"}}))
    );

    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "enable",
            "2",
            "--type",
            "source_ip",
        ],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":2,\"persistenceType\":\"SOURCE_IP\",\"accepted\":true}\n"
    );
    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "session-persistence",
            "enable",
            "3",
            "--type",
            "SSL_ID",
        ],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 3: SSL_ID session persistence accepted; PENDING_UPDATE until applied"]
    );
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 3),
        Some(Some("SSL_ID".to_owned()))
    );
}

#[test]
fn disable_then_disable_again_with_and_without_if_enabled() {
    let emulator = with_persistence();
    let run = ok(as_demo(
        &emulator,
        &["lb", "session-persistence", "disable", "5"],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 5: session persistence disable accepted; PENDING_UPDATE until applied"]
    );
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 5),
        Some(None)
    );

    let run = as_demo(&emulator, &["lb", "session-persistence", "disable", "5"]);
    crate::common::fails_as(
        run,
        "rackcloud: disable session persistence on load balancer 5 failed: 422 already disabled",
    );

    let run = ok(as_demo(
        &emulator,
        &["lb", "session-persistence", "disable", "5", "--if-enabled"],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 5: session persistence already disabled; nothing changed"]
    );
    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "disable",
            "5",
            "--if-enabled",
        ],
    ));
    assert_eq!(
        run.json(),
        json!({"loadBalancerId": 5, "outcome": "already_disabled"})
    );

    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "disable",
            "6",
            "--if-enabled",
        ],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":6,\"outcome\":\"disabled\"}\n"
    );
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 6),
        Some(None)
    );
}

#[test]
fn region_comes_from_the_flag_then_rs_region_then_os_region_name() {
    let emulator = Emulator::start().expect("emulator");
    let show_10 = ["lb", "session-persistence", "show", "10"];

    let mut args = vec!["--region", "ORD"];
    args.extend_from_slice(&show_10);
    ok(as_demo(&emulator, &args));

    let env = [DEMO_ENV[0], DEMO_ENV[1], ("RS_REGION", "ord")];
    ok(against(&emulator, &show_10, &env));
    let env = [DEMO_ENV[0], DEMO_ENV[1], ("OS_REGION_NAME", "ORD")];
    ok(against(&emulator, &show_10, &env));
    let env = [
        DEMO_ENV[0],
        DEMO_ENV[1],
        ("RS_REGION", "DFW"),
        ("OS_REGION_NAME", "ORD"),
    ];
    let mut args = vec!["--region", "ORD"];
    args.extend_from_slice(&show_10);
    ok(against(&emulator, &args, &env));

    let paths: Vec<String> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.path)
        .collect();
    assert_eq!(paths.len(), 4);
    for path in paths {
        assert_eq!(
            path,
            format!("/ord/v1.0/{DEMO_TENANT}/loadbalancers/10/sessionpersistence")
        );
    }

    // Without a region, the user's default region (DFW) is used.
    ok(as_demo(
        &emulator,
        &["lb", "session-persistence", "show", "1"],
    ));
}

#[test]
fn credentials_from_rs_and_os_variables_and_the_username_flag() {
    let emulator = Emulator::start().expect("emulator");
    let url = emulator.identity_url();
    let show = ["lb", "session-persistence", "show", "1"];

    ok(against(
        &emulator,
        &show,
        &[
            ("RS_USERNAME", DEMO_USERNAME),
            ("RS_PASSWORD", DEMO_PASSWORD),
        ],
    ));
    // Everything from the OS_ variables, the identity URL included.
    ok(rackcloud(
        &show,
        &[
            ("OS_AUTH_URL", url.as_str()),
            ("OS_USERNAME", DEMO_USERNAME),
            ("OS_PASSWORD", DEMO_PASSWORD),
        ],
    ));
    // RS_AUTH_URL and --username answer in front of the environment.
    ok(rackcloud(
        &[
            "--username",
            DEMO_USERNAME,
            "lb",
            "session-persistence",
            "show",
            "1",
        ],
        &[
            ("RS_AUTH_URL", url.as_str()),
            ("OS_AUTH_URL", "http://127.0.0.1:9/v2.0/"),
            ("RS_USERNAME", "nobody"),
            ("RS_API_KEY", DEMO_API_KEY),
        ],
    ));

    // --auth-url answers in front of RS_AUTH_URL.
    ok(against(
        &emulator,
        &show,
        &[
            DEMO_ENV[0],
            DEMO_ENV[1],
            ("RS_AUTH_URL", "http://127.0.0.1:9/v2.0/"),
        ],
    ));

    let bodies: Vec<serde_json::Value> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v2.0/tokens")
        .filter_map(|r| r.body_json())
        .collect();
    assert_eq!(bodies.len(), 4);
    assert!(bodies[0]["auth"]["passwordCredentials"].is_object());
    assert!(bodies[1]["auth"]["passwordCredentials"].is_object());
    assert_eq!(
        bodies[2]["auth"]["RAX-KSKEY:apiKeyCredentials"]["username"],
        DEMO_USERNAME
    );
}

#[test]
fn endpoint_flag_replaces_the_catalog() {
    let emulator = Emulator::start().expect("emulator");
    let endpoint = emulator.lb_endpoint("ORD", DEMO_TENANT);
    let run = ok(as_demo(
        &emulator,
        &[
            "--endpoint",
            &endpoint,
            "lb",
            "session-persistence",
            "show",
            "11",
        ],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 11: session persistence disabled"]
    );
    let run = ok(as_demo(
        &emulator,
        &["--endpoint", &endpoint, "--output", "json", "catalog"],
    ));
    assert_eq!(run.json()["loadBalancerEndpoint"], format!("{endpoint}/"));
}

#[test]
fn help_on_every_command() {
    let commands: [&[&str]; 9] = [
        &[],
        &["catalog"],
        &["lb"],
        &["lb", "session-persistence"],
        &["lb", "session-persistence", "show"],
        &["lb", "session-persistence", "enable"],
        &["lb", "session-persistence", "disable"],
        &["emulator"],
        &["demo"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let run = ok(rackcloud(&args, &[]));
        let usage = format!("Usage: rackcloud {}", command.join(" "));
        assert!(
            run.stdout.contains(usage.trim_end()),
            "{args:?}: {}",
            run.stdout
        );
    }
    let run = ok(rackcloud(
        &["lb", "session-persistence", "enable", "--help"],
        &[],
    ));
    assert!(run.stdout.contains("--type <TYPE>"));
    assert!(run.stdout.contains("HTTP_COOKIE"));
    let run = ok(rackcloud(&["--help"], &[]));
    for option in [
        "--auth-url",
        "--username",
        "--region",
        "--endpoint",
        "--output",
        "--verbose",
    ] {
        assert!(run.stdout.contains(option), "{option} missing from --help");
    }
    let run = ok(rackcloud(&["--version"], &[]));
    assert!(run.stdout.starts_with("rackcloud "));
}
