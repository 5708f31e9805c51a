//! The exit statuses, lines and JSON documents of failures.

use super::*;
use rackcloud_lb::core::ErrorKind;

#[test]
fn invalid_input_and_usage_exit_2_other_failures_exit_1() {
    let op = Operation::on_lb("show session persistence", 0);
    let refused = op.failed(Error::invalid_input(
        "load balancer id must be greater than zero",
    ));
    assert_eq!(refused.exit_status(), 2);
    assert_eq!(Failure::usage("error: bad").exit_status(), 2);
    assert_eq!(
        op.failed_other(anyhow::anyhow!("disk full")).exit_status(),
        1
    );
}

#[test]
fn lines_name_the_operation_and_the_load_balancer() {
    let op = Operation::on_lb("show session persistence", 4);
    let line = op
        .failed(Error::invalid_input(
            "load balancer id must be greater than zero",
        ))
        .line(false);
    assert_eq!(
        line,
        "rackcloud: show session persistence on load balancer 4 failed: invalid input: load balancer id must be greater than zero (nothing was sent)"
    );
    let line = Operation::new("start the emulator")
        .failed_other(anyhow::anyhow!("address\nin use"))
        .line(true);
    assert_eq!(line, "rackcloud: start the emulator failed: address in use");
    let failure = Operation::of_lb("delete", 2).failed(Error::new(ErrorKind::Gone, "deleted"));
    assert_eq!(
        failure.line(false),
        "rackcloud: delete load balancer 2 failed: gone: deleted"
    );
    assert_eq!(
        serde_json::to_value(failure.json()).expect("serialisable")["error"]["operation"],
        "delete load balancer"
    );
}

#[test]
fn json_errors_carry_every_field() {
    let failure =
        Operation::on_lb("disable session persistence", 3).failed(Error::invalid_input("nope"));
    assert_eq!(
        serde_json::to_string(&failure.json()).expect("serialisable"),
        r#"{"error":{"operation":"disable session persistence","loadBalancerId":3,"kind":"invalid_input","status":null,"message":"invalid input: nope (nothing was sent)","lbStatus":null,"method":null,"url":null}}"#
    );
}

#[test]
fn a_refused_certificate_names_the_flag_and_no_library_words() {
    let tls = Error::new(
        ErrorKind::Transport,
        "TLS handshake with 127.0.0.1:8443 failed: the server's certificate is not signed by a trusted certificate authority; trust its certificate authority with ProviderClientBuilder::trusted_roots",
    )
    .with_source(std::io::Error::other(
        "invalid peer certificate: UnknownIssuer",
    ));
    let line = Operation::new("list load balancers")
        .failed(tls)
        .line(false);
    assert_eq!(
        line,
        "rackcloud: list load balancers failed: transport failure: TLS handshake with 127.0.0.1:8443 failed: the server's certificate is not signed by a trusted certificate authority; trust its certificate authority with --ca-file FILE (or RS_CA_FILE)"
    );
}
