//! The token check every load balancer call passes first, tenant and region isolation, and the
//! exactness of paths and methods.

use crate::common::{Lb, agent, api_key_body, authenticate, send};
use rackcloud_emulator::{
    DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator, OTHER_TENANT, OTHER_USERNAME,
};
use serde_json::{Value, json};

fn unauthorized(message: &str) -> Value {
    json!({"unauthorized": {"code": 401, "message": message}})
}

#[test]
fn a_missing_token_is_401_wrapped() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let url = format!(
        "{}/loadbalancers/1",
        emulator.lb_endpoint("DFW", DEMO_TENANT)
    );
    for headers in [&[][..], &[("X-Auth-Token", "")][..]] {
        let answer = send(&agent(), "GET", &url, headers, None)?;
        assert_eq!(answer.status, 401);
        assert_eq!(
            answer.json()?,
            unauthorized(
                "No valid token provided. Please use the 'X-Auth-Token' header with a valid token."
            )
        );
        let challenge = format!("Keystone uri='{}'", emulator.identity_url());
        assert_eq!(answer.header("www-authenticate"), Some(challenge.as_str()));
    }
    Ok(())
}

#[test]
fn an_unknown_token_is_401_wrapped() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let url = format!(
        "{}/loadbalancers/1",
        emulator.lb_endpoint("DFW", DEMO_TENANT)
    );
    let answer = send(
        &agent(),
        "GET",
        &url,
        &[("X-Auth-Token", "not-a-token")],
        None,
    )?;
    assert_eq!(
        (answer.status, answer.json()?),
        (401, unauthorized("The token provided is not valid."))
    );
    Ok(())
}

#[test]
fn an_expired_token_is_401_with_no_body_and_reauthentication_works() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    emulator.expire_tokens();
    let answer = lb.get("/loadbalancers/1")?;
    assert_eq!(answer.status, 401);
    assert!(answer.body.is_empty());
    assert_eq!(answer.header("content-length"), Some("0"));
    assert_eq!(answer.header("content-type"), None);

    // A new authentication gives a working token.
    let fresh = authenticate(
        &lb.agent,
        &emulator,
        &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
    )?
    .json()?;
    let token = fresh["access"]["token"]["id"].as_str().unwrap_or_default();
    assert_ne!(token, lb.token);
    let again = Lb {
        token: token.to_owned(),
        ..lb
    };
    assert_eq!(again.get("/loadbalancers/1")?.status, 200);
    Ok(())
}

#[test]
fn a_token_of_another_tenant_is_401() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    // The other user reaches its own load balancer…
    let other = Lb::new(&emulator, "DFW", OTHER_TENANT, OTHER_USERNAME)?;
    assert_eq!(other.get("/loadbalancers/100")?.status, 200);
    // …but the demo token does not open the other tenant's URL.
    let intruder = Lb {
        token: emulator.issue_token(DEMO_USERNAME).unwrap_or_default(),
        ..other
    };
    let answer = intruder.get("/loadbalancers/100")?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            401,
            unauthorized(&format!(
                "The token provided does not grant access to tenant '{OTHER_TENANT}'."
            ))
        )
    );
    // And the other tenant's load balancer does not exist in the demo tenant.
    let demo = Lb::demo(&emulator)?;
    assert_eq!(demo.get("/loadbalancers/100")?.status, 404);
    Ok(())
}

#[test]
fn regions_are_isolated_and_the_internal_url_serves_the_same_load_balancers() -> anyhow::Result<()>
{
    let emulator = Emulator::start()?;
    let dfw = Lb::demo(&emulator)?;
    let ord = Lb::new(&emulator, "ORD", DEMO_TENANT, DEMO_USERNAME)?;
    assert_eq!(dfw.get("/loadbalancers/1")?.status, 200);
    assert_eq!(dfw.get("/loadbalancers/10")?.status, 404);
    assert_eq!(
        ord.get("/loadbalancers/10")?.json()?["loadBalancer"]["name"],
        "ord-web"
    );
    assert_eq!(ord.get("/loadbalancers/1")?.status, 404);

    let internal = Lb {
        base: dfw.base.replace("/dfw/", "/snet-dfw/"),
        ..Lb::demo(&emulator)?
    };
    assert_eq!(
        internal.get("/loadbalancers/1")?.json()?,
        dfw.get("/loadbalancers/1")?.json()?
    );

    // The control-plane entry and unknown regions serve nothing.
    for prefix in ["/control-dfw/", "/iad/", "/DFW/"] {
        let elsewhere = Lb {
            base: dfw.base.replace("/dfw/", prefix),
            ..Lb::demo(&emulator)?
        };
        let answer = elsewhere.get("/loadbalancers/1")?;
        assert_eq!(answer.status, 404, "{prefix}");
        assert_eq!(
            answer.json()?,
            json!({"message": "Resource not found", "code": 404})
        );
    }
    Ok(())
}

#[test]
fn path_variations_are_404() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let not_found = json!({"message": "Resource not found", "code": 404});
    for path in [
        "",
        "/",
        "/loadbalancers/",
        "/loadbalancers/1/",
        "/loadbalancers//1",
        "/loadbalancers/abc",
        "/loadbalancers/+1",
        "/loadbalancers/-1",
        "/loadbalancers/1/sessionpersistence/",
        "/loadbalancers/1/sessionPersistence",
        "/loadbalancers/1/nodes/",
        "/loadbalancers/1/nodes/x",
        "/LoadBalancers",
    ] {
        let answer = lb.get(path)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (404, not_found.clone()),
            "{path:?}"
        );
    }
    // Outside any endpoint, whatever the token.
    let root = emulator
        .identity_url()
        .trim_end_matches("/v2.0/")
        .to_owned();
    for path in [
        "/".to_owned(),
        format!("/v1.0/{DEMO_TENANT}/loadbalancers"),
        format!("/dfw/v2.0/{DEMO_TENANT}/loadbalancers"),
        "/dfw/v1.0//loadbalancers".to_owned(),
    ] {
        let answer = send(&lb.agent, "GET", &format!("{root}{path}"), &[], None)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (404, not_found.clone()),
            "{path:?}"
        );
    }
    Ok(())
}

#[test]
fn the_token_is_checked_before_the_path() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let url = format!("{}/no/such/thing", emulator.lb_endpoint("DFW", DEMO_TENANT));
    assert_eq!(send(&agent(), "GET", &url, &[], None)?.status, 401);
    Ok(())
}

#[test]
fn unsupported_methods_are_405_with_allow() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let cases = [
        ("PUT", "/loadbalancers", "GET, POST, DELETE"),
        ("PATCH", "/loadbalancers/1", "GET, PUT, DELETE"),
        ("POST", "/loadbalancers/1", "GET, PUT, DELETE"),
        (
            "POST",
            "/loadbalancers/1/sessionpersistence",
            "GET, PUT, DELETE",
        ),
    ];
    for (method, path, allow) in cases {
        let answer = lb.call(method, path, Some("{}"))?;
        assert_eq!(answer.status, 405, "{method} {path}");
        assert_eq!(answer.header("allow"), Some(allow));
        assert_eq!(
            answer.json()?,
            json!({"message": "Method not allowed", "code": 405})
        );
    }
    Ok(())
}
