//! What the integration tests share: a raw ureq agent, the answer type, a client of one load
//! balancer endpoint, and polling.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator};
use serde_json::{Value, json};

/// An HTTP answer, read in full.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> anyhow::Result<Value> {
        serde_json::from_slice(&self.body).with_context(|| {
            format!(
                "body is not JSON: {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A ureq agent that returns 4xx and 5xx answers instead of errors.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

/// Sends one request.
pub fn send(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> anyhow::Result<Answer> {
    let mut builder = ureq::http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let mut response = match body {
        Some(body) => agent.run(builder.body(body.as_bytes().to_vec())?)?,
        None => agent.run(builder.body(())?)?,
    };
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let body = response.body_mut().read_to_vec()?;
    Ok(Answer {
        status,
        headers,
        body,
    })
}

/// `POST {identity}tokens` with this body.
pub fn authenticate(
    agent: &ureq::Agent,
    emulator: &Emulator,
    body: &str,
) -> anyhow::Result<Answer> {
    let url = format!("{}tokens", emulator.identity_url());
    send(
        agent,
        "POST",
        &url,
        &[("Content-Type", "application/json")],
        Some(body),
    )
}

/// An API key body for `authenticate`.
pub fn api_key_body(username: &str, key: &str) -> String {
    format!(
        r#"{{"auth":{{"RAX-KSKEY:apiKeyCredentials":{{"username":"{username}","apiKey":"{key}"}}}}}}"#
    )
}

/// A client of one load balancer endpoint with one token.
pub struct Lb {
    pub agent: ureq::Agent,
    pub base: String,
    pub token: String,
}

impl Lb {
    /// The demo user's DFW endpoint, with a token minted directly.
    pub fn demo(emulator: &Emulator) -> anyhow::Result<Lb> {
        Lb::new(emulator, "DFW", DEMO_TENANT, DEMO_USERNAME)
    }

    pub fn new(
        emulator: &Emulator,
        region: &str,
        tenant: &str,
        username: &str,
    ) -> anyhow::Result<Lb> {
        let token = emulator.issue_token(username).context("no such user")?;
        Ok(Lb {
            agent: agent(),
            base: emulator.lb_endpoint(region, tenant),
            token,
        })
    }

    pub fn call(&self, method: &str, path: &str, body: Option<&str>) -> anyhow::Result<Answer> {
        let url = format!("{}{path}", self.base);
        let mut headers = vec![
            ("X-Auth-Token", self.token.as_str()),
            ("Accept", "application/json"),
        ];
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        send(&self.agent, method, &url, &headers, body)
    }

    pub fn get(&self, path: &str) -> anyhow::Result<Answer> {
        self.call("GET", path, None)
    }

    pub fn put(&self, path: &str, body: &str) -> anyhow::Result<Answer> {
        self.call("PUT", path, Some(body))
    }

    pub fn post(&self, path: &str, body: &str) -> anyhow::Result<Answer> {
        self.call("POST", path, Some(body))
    }

    pub fn delete(&self, path: &str) -> anyhow::Result<Answer> {
        self.call("DELETE", path, None)
    }
}

/// Polls `check` every few milliseconds until it holds, for at most five seconds.
pub fn eventually(mut check: impl FnMut() -> anyhow::Result<bool>) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if check()? {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("condition not met within five seconds");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Polls the status of a load balancer until it is `want`.
pub fn wait_for_status(
    emulator: &Emulator,
    region: &str,
    tenant: &str,
    id: u64,
    want: &str,
) -> anyhow::Result<()> {
    eventually(|| Ok(emulator.load_balancer_status(region, tenant, id).as_deref() == Some(want)))
        .with_context(|| format!("load balancer {id} never reached {want}"))
}

/// The flat load balancer fault the server answers: `{"message":"…","code":N}`.
pub fn flat(code: u16, message: &str) -> Value {
    json!({"message": message, "code": code})
}

/// The server's 400 validation answer with these messages.
pub fn validation(messages: &[&str]) -> Value {
    json!({
        "validationErrors": {"messages": messages},
        "message": "Validation Failure",
        "code": 400,
        "details": "The object is not valid",
    })
}

/// The ids of a `{"loadBalancers":[…]}` list, in order.
pub fn ids(answer: &Value) -> Vec<u64> {
    answer["loadBalancers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|lb| lb["id"].as_u64())
        .collect()
}
