//! No credential or token appears in Debug output, error text or log lines, on any path.

use rackcloud_core::{AuthOptions, EndpointOpts, ServiceClient, authenticated_client, new_lb_v1};
use rackcloud_emulator::{DEMO_TENANT, Emulator, User};

const API_KEY: &str = "SECRET-KEY-6b1f0c";
const PASSWORD: &str = "SECRET-PASSWORD-93ad";

#[test]
fn no_secret_in_debug_errors_or_logs() {
    // Every log line of the test binary, at every level (other modules' lines included: none
    // of them may hold this test's secrets either).
    crate::trace_logs::logger();

    let emulator = Emulator::builder()
        .default_seed()
        .user(
            User::new("sam", DEMO_TENANT)
                .api_key(API_KEY)
                .password(PASSWORD),
        )
        .start()
        .expect("emulator");
    let identity = emulator.identity_url();
    let mut printed = Vec::new();

    // Successful authentication with each credential, and the clients' Debug.
    for opts in [
        AuthOptions::api_key("sam", API_KEY),
        AuthOptions::password("sam", PASSWORD),
    ] {
        let opts = opts.identity_endpoint(&identity);
        printed.push(format!("{opts:?}"));
        let provider = authenticated_client(opts).expect("authenticate");
        printed.push(format!("{provider:?}"));
        let client = new_lb_v1(&provider, EndpointOpts::new()).expect("client");
        printed.push(format!("{client:?}"));
        printed.push(format!("{:?}", provider.token()));
        // Service calls, a failing one, and a re-authentication.
        let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
        client.get(&url).extract_err().expect("get");
        let err = client.delete(&url).extract_err().unwrap_err();
        printed.push(format!("{err} {err:?}"));
        emulator.expire_tokens();
        client
            .get(&url)
            .extract_err()
            .expect("get after re-authentication");
    }

    // Failed authentication with a wrong key and a wrong password that embed the real ones.
    for opts in [
        AuthOptions::api_key("sam", format!("{API_KEY}-wrong")),
        AuthOptions::password("sam", format!("{PASSWORD}-wrong")),
        AuthOptions::token(format!("{API_KEY}-token"), DEMO_TENANT),
    ] {
        let err = authenticated_client(opts.identity_endpoint(&identity)).unwrap_err();
        printed.push(format!("{err} {err:?}"));
    }

    // A fixed-token client refused by the server.
    let token = emulator.issue_token("sam").expect("token");
    let client =
        ServiceClient::with_token(&emulator.lb_endpoint("DFW", DEMO_TENANT), token.clone())
            .expect("client");
    emulator.expire_tokens();
    let err = client
        .get(&client.service_url(&["loadbalancers", "1"]))
        .extract_err()
        .unwrap_err();
    printed.push(format!("{err} {err:?} {client:?}"));

    let tokens: Vec<String> = emulator
        .requests()
        .iter()
        .filter_map(|r| r.header("x-auth-token").map(str::to_owned))
        .chain([token])
        .collect();
    assert!(tokens.len() > 3, "tokens were used");
    let logged = crate::trace_logs::recorded_lines();
    assert!(
        logged.iter().any(|l| l.contains("x-auth-token=[redacted]")),
        "requests were logged"
    );
    assert!(
        logged.iter().any(|l| l.contains("-> 401")),
        "responses were logged"
    );
    for text in printed.iter().chain(logged.iter()) {
        assert!(!text.contains(API_KEY), "API key in {text}");
        assert!(!text.contains(PASSWORD), "password in {text}");
        for token in &tokens {
            assert!(!text.contains(token.as_str()), "token in {text}");
        }
    }
}
