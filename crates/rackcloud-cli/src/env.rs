//! [`Env`]: how commands read the environment, so that tests can give them another one.

/// Reads a variable of the process environment (or a test's stand-in).
pub(crate) type Env<'a> = &'a dyn Fn(&str) -> Option<String>;
