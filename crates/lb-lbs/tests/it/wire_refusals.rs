//! Input refused before sending, and builders of the caller's own sent as built.

use crate::wire::only_request;
use lb_lbs::{CreateOpts, ListOpts, Protocol, UpdateOpts, VipOpts};
use rackcloud_core::model::{IpVersion, NodeOpts};
use rackcloud_emulator::Emulator;
use serde_json::Value;

#[test]
fn invalid_input_sends_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let vip = VipOpts::public;
    let errors = [
        lb_lbs::get(&client, 0).extract().unwrap_err(),
        lb_lbs::delete(&client, 0).extract_err().unwrap_err(),
        lb_lbs::update(&client, 0, &UpdateOpts::new().name("x"))
            .extract_err()
            .unwrap_err(),
        lb_lbs::update(&client, 1, &UpdateOpts::new())
            .extract_err()
            .unwrap_err(),
        lb_lbs::update(&client, 1, &UpdateOpts::new().name(" "))
            .extract_err()
            .unwrap_err(),
        lb_lbs::update(&client, 1, &UpdateOpts::new().port(0))
            .extract_err()
            .unwrap_err(),
        lb_lbs::list(&client, &ListOpts::new().limit(0))
            .extract()
            .unwrap_err(),
        lb_lbs::list(&client, &ListOpts::new().limit(101))
            .extract()
            .unwrap_err(),
        lb_lbs::list_all(&client, ListOpts::new().limit(500)).unwrap_err(),
        lb_lbs::create(
            &client,
            &CreateOpts::new("", Protocol::Http).virtual_ip(vip()),
        )
        .extract()
        .unwrap_err(),
        lb_lbs::create(&client, &CreateOpts::new("a", Protocol::Http))
            .extract()
            .unwrap_err(),
        lb_lbs::create(
            &client,
            &CreateOpts::new("a", Protocol::Other(String::new())).virtual_ip(vip()),
        )
        .extract()
        .unwrap_err(),
        lb_lbs::create(
            &client,
            &CreateOpts::new("a", Protocol::Http).virtual_ip(VipOpts::shared(0)),
        )
        .extract()
        .unwrap_err(),
        lb_lbs::create(
            &client,
            &CreateOpts::new("a", Protocol::Http)
                .virtual_ip(VipOpts::shared(1).ip_version(IpVersion::Ipv6)),
        )
        .extract()
        .unwrap_err(),
        lb_lbs::create(
            &client,
            &CreateOpts::new("a", Protocol::Http)
                .virtual_ip(vip())
                .node(NodeOpts::new("10.0.0.1", 0)),
        )
        .extract()
        .unwrap_err(),
        lb_lbs::create(
            &client,
            &CreateOpts::new("a", Protocol::Tcp)
                .port(0)
                .virtual_ip(vip()),
        )
        .extract()
        .unwrap_err(),
    ];
    for err in &errors {
        assert!(err.is_invalid_input(), "{err}");
        assert_eq!(err.status(), None);
        assert!(err.to_string().ends_with("(nothing was sent)"), "{err}");
    }
    assert_eq!(emulator.stats().api_requests.total(), before);
}

#[test]
fn custom_builders_are_sent_as_built() {
    struct RawQuery(&'static str);
    impl lb_lbs::ListOptsBuilder for RawQuery {
        fn to_lb_list_query(&self) -> Result<String, rackcloud_core::Error> {
            Ok(self.0.to_owned())
        }
    }
    struct RawUpdate;
    impl lb_lbs::UpdateOptsBuilder for RawUpdate {
        fn to_lb_update_map(
            &self,
        ) -> Result<serde_json::Map<String, Value>, rackcloud_core::Error> {
            let body = serde_json::json!({"loadBalancer": {"httpsRedirect": true}});
            Ok(body.as_object().cloned().unwrap_or_default())
        }
    }
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let page = lb_lbs::list(&client, &RawQuery("?limit=1&status=ACTIVE"))
        .extract()
        .expect("list");
    assert_eq!(page.len(), 1);
    assert_eq!(
        only_request(&emulator).path,
        crate::common::path("?limit=1&status=ACTIVE")
    );

    let err = lb_lbs::list(&client, &RawQuery("?limit=ten"))
        .extract()
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert!(err.server_message().is_some(), "{err}");

    emulator.clear_requests();
    lb_lbs::update(&client, 3, &RawUpdate)
        .extract_err()
        .expect("accepted");
    assert_eq!(
        String::from_utf8_lossy(&only_request(&emulator).body),
        r#"{"loadBalancer":{"httpsRedirect":true}}"#
    );
}
