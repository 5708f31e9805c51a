//! `lb ssl show` and `lb ssl rotate` on a load balancer that does not exist: exit 1 with the
//! service's "Load balancer not found", not "no SSL termination".

use crate::common::{as_demo, fails_as};
use rackcloud_emulator::Emulator;

#[test]
fn ssl_show_of_a_missing_load_balancer_fails_with_the_services_words() {
    let emulator = Emulator::start().expect("emulator");
    let run = as_demo(&emulator, &["lb", "ssl", "show", "999999"]);
    let (run, words) = fails_as(
        run,
        "rackcloud: show SSL termination on load balancer 999999 failed: 404 not found",
    );
    assert_eq!(words, "Load balancer not found", "{run:?}");
    assert_eq!(run.stdout, "");
}

#[test]
fn ssl_show_of_a_load_balancer_without_termination_still_says_none() {
    let emulator = Emulator::start().expect("emulator");
    let run = as_demo(&emulator, &["lb", "ssl", "show", "1"]);
    assert_eq!(run.status, 0, "{run:?}");
}
