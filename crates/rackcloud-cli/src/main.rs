//! The `rackcloud` command-line tool.
fn main() {}
