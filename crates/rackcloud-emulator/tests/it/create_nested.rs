//! `POST /loadbalancers` with nested objects: each validated by its own rules into the one 400,
//! the service's rules after the body, and everything stored as if set afterwards
//! (docs/api/load-balancers.md).

use crate::common::{Lb, flat, validation};
use rackcloud_emulator::Emulator;
use serde_json::json;

const FULL: &str = r#"{"loadBalancer":{"name":"full","protocol":"HTTP","port":"80","timeout":"60",
    "virtualIps":[{"type":"PUBLIC"}],
    "nodes":[{"address":"10.1.1.1","port":"8080","condition":"ENABLED","weight":"5"},
             {"address":"web.rackspace.com","port":80,"condition":"ENABLED","type":"SECONDARY"}],
    "algorithm":"WEIGHTED_ROUND_ROBIN",
    "accessList":[{"address":"0.0.0.0/0","type":"DENY"},{"address":"192.0.2.0/24","type":"ALLOW"}],
    "connectionLogging":{"enabled":true},
    "connectionThrottle":{"maxConnections":100,"minConnections":0,"maxConnectionRate":0,"rateInterval":1},
    "healthMonitor":{"type":"HTTP","delay":10,"timeout":5,"attemptsBeforeDeactivation":2,
                     "path":"/health","statusRegex":"^2","hostHeader":"www.example.com"},
    "metadata":[{"key":"color","value":"red"}],
    "sessionPersistence":{"persistenceType":"HTTP_COOKIE"},
    "contentCaching":{"enabled":"true"}}}"#;

#[test]
fn nested_objects_are_stored_and_shown_by_their_resources() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let answer = lb.post("/loadbalancers", FULL)?;
    assert_eq!(answer.status, 202);
    let created = answer.json()?["loadBalancer"].clone();
    let id = created["id"].as_u64().unwrap_or_default();
    let at = |rest: &str| format!("/loadbalancers/{id}{rest}");
    assert_eq!(
        (&created["port"], &created["timeout"]),
        (&json!(80), &json!(60))
    );
    assert_eq!(created["nodes"][0]["port"], 8080);
    assert_eq!(created["nodes"][0]["weight"], 5);
    let versions: Vec<_> = created["virtualIps"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| (v["type"].clone(), v["ipVersion"].clone()))
        .collect();
    assert_eq!(
        versions,
        [
            (json!("PUBLIC"), json!("IPV4")),
            (json!("PUBLIC"), json!("IPV6"))
        ]
    );
    let monitor = json!({"type":"HTTP","delay":10,"timeout":5,"attemptsBeforeDeactivation":2,
        "path":"/health","statusRegex":"^2","hostHeader":"www.example.com"});
    let throttle =
        json!({"maxConnections":100,"minConnections":0,"maxConnectionRate":0,"rateInterval":1});
    let shown = lb.get(&at(""))?.json()?["loadBalancer"].clone();
    assert_eq!(shown["healthMonitor"], monitor);
    assert_eq!(shown["connectionThrottle"], throttle);
    assert_eq!(shown["connectionLogging"], json!({"enabled": true}));
    assert_eq!(shown["contentCaching"], json!({"enabled": true}));
    assert_eq!(shown["metadata"][0]["key"], "color");
    assert_eq!(shown["accessList"][1]["address"], "192.0.2.0/24");
    let read = |rest: &str| -> anyhow::Result<serde_json::Value> { lb.get(&at(rest))?.json() };
    assert_eq!(read("/healthmonitor")?, json!({ "healthMonitor": monitor }));
    assert_eq!(
        read("/connectionthrottle")?,
        json!({ "connectionThrottle": throttle })
    );
    assert_eq!(
        read("/connectionlogging")?,
        json!({"connectionLogging": {"enabled": true}})
    );
    assert_eq!(
        read("/contentcaching")?,
        json!({"contentCaching": {"enabled": true}})
    );
    let acl = read("/accesslist")?;
    assert_eq!(acl["accessList"][0]["address"], "0.0.0.0/0");
    assert_eq!(acl["accessList"][0]["type"], "DENY");
    let meta = read("/metadata")?;
    assert_eq!(meta["metadata"][0]["value"], "red");

    let list = lb.get("/loadbalancers")?.json()?;
    let item = list["loadBalancers"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["id"] == id)
        .cloned()
        .unwrap_or_default();
    assert_eq!(item["timeout"], 60);
    Ok(())
}

#[test]
fn nested_messages_in_the_services_order() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let body = r#"{"loadBalancer":{"name":"x","protocol":"HTTP","virtualIps":[{"type":"PUBLIC"}],
        "sslTermination":{"securePort":443},
        "connectionLogging":{},"contentCaching":{},
        "accessList":[{"address":"0.0.0.0","type":"DENY","id":3},{"address":"10.0.0.300/8","type":"ALLOW"}],
        "nodes":[{"address":"127.0.0.1","port":80,"condition":"ENABLED"}],
        "metadata":[{"key":"a","value":"1"},{"key":"a","value":"2"}],
        "sessionPersistence":{},
        "healthMonitor":{"type":"HTTP","path":"health","hostHeader":"http://www.example.com","delay":0},
        "connectionThrottle":{"maxConnections":0}}}"#;
    let answer = lb.post("/loadbalancers", body)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            400,
            validation(&[
                "Please visit {account id}/loadbalancers/{load balancer id}/ssltermination to configure ssl termination.",
                "Must specify whether connection logging is enabled or not.",
                "Must specify whether content caching is enabled or not.",
                "Network item id field cannot be modified.",
                "Please specify a valid network item address.",
                "Network Address must be valid Ip Address",
                "Node ip is invalid. Please specify a valid ip.",
                "Duplicate nodes detected. Please ensure that the ip address and port are unique for each node.",
                "Must provide a persistence type.",
                "Must provide a forward slash(/) as the beginning of the path.",
                "Must provide a status regex for the health monitor.",
                "Must provide a valid host header name.",
                "Must specify valid delay range between 1 and 3600.",
                "Must provide timeout for the health monitor.",
                "Must provide attempts before deactivation for the health monitor.",
                "Must provide a valid maximum connections range.",
            ])
        )
    );
    let update = lb.put(
        "/loadbalancers/1",
        r#"{"loadBalancer":{"name":"y","sslTermination":{"enabled":true}}}"#,
    )?;
    assert_eq!(
        (update.status, update.json()?),
        (
            400,
            validation(&[
                "Please visit {account id}/loadbalancers/{load balancer id}/ssltermination to configure ssl termination."
            ])
        )
    );
    Ok(())
}

#[test]
fn rules_after_the_body() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let base = |extra: &str| {
        format!(r#"{{"loadBalancer":{{"name":"r","virtualIps":[{{"type":"PUBLIC"}}],{extra}}}}}"#)
    };
    let cases = [
        (
            r#""protocol":"UDP","port":53,"connectionLogging":{"enabled":true}"#,
            flat(
                400,
                "Connection logging cannot be enabled for load balancers with UDP, DNS_UDP or UDP_STREAM protocol",
            ),
        ),
        (
            r#""protocol":"HTTP","nodes":[{"address":"10.0.0.1","port":80,"condition":"ENABLED","type":"SECONDARY"}]"#,
            flat(
                400,
                "you must enable health monitoring to use secondary nodes",
            ),
        ),
        (
            r#""protocol":"HTTP","httpsRedirect":true"#,
            flat(
                400,
                "HTTPS Redirect is only valid for load balancers using the HTTPS protocol, or for load balancers with a 'Secure Only' SSL Termination.",
            ),
        ),
        (
            r#""protocol":"HTTPS","port":8443,"httpsRedirect":"true""#,
            flat(
                400,
                "HTTPS Redirect can only be enabled for HTTPS load balancers using port 443.",
            ),
        ),
        (
            r#""protocol":"TCP_CLIENT_FIRST""#,
            flat(400, "Must provide port for TCP and UDP protocols."),
        ),
        (
            r#""protocol":"TCP","port":1,"sessionPersistence":{"persistenceType":"SSL_ID"}"#,
            flat(
                400,
                "SSL_ID session persistence is only valid with the HTTPS protocol. ",
            ),
        ),
        (
            r#""protocol":"HTTPS","healthMonitor":{"type":"HTTP","delay":1,"timeout":1,"attemptsBeforeDeactivation":1,"path":"/","statusRegex":"2"}"#,
            flat(400, "Protocol must be HTTP for an HTTP health monitor."),
        ),
        (
            r#""protocol":"HTTP","halfClosed":true"#,
            flat(
                400,
                "Must provide valid protocol for half close support, please view documentation for more details. ",
            ),
        ),
        (
            r#""protocol":"HTTPS","contentCaching":{"enabled":true}"#,
            flat(
                400,
                "Content caching can only be enabled for HTTP loadbalancers.",
            ),
        ),
        (
            r#""protocol":"HTTP","nodes":[{"address":"web.example.com","port":80,"condition":"ENABLED"},{"address":"a.rackspace.com","port":80,"condition":"ENABLED"}]"#,
            validation(&[
                "The address web.example.com is not a valid IPv4, IPv6 address or an FQDN that is in an authorized Domain",
            ]),
        ),
    ];
    for (extra, expected) in cases {
        let body = base(extra);
        let answer = lb.post("/loadbalancers", &body)?;
        assert_eq!((answer.status, answer.json()?), (400, expected), "{body}");
    }
    let two_new = base(
        r#""protocol":"HTTP","virtualIps":[{"type":"PUBLIC","ipVersion":"IPV4"},{"type":"PUBLIC","ipVersion":"IPV6"}]"#,
    );
    assert_eq!(
        lb.post("/loadbalancers", &two_new)?.json()?,
        validation(&["Must specify either a shared or new virtual ip."])
    );
    Ok(())
}
