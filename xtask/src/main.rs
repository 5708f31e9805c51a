//! Developer tasks for the rackcloud workspace.
fn main() {}
