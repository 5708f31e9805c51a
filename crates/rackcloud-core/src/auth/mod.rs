//! Who to authenticate as and how: credentials, the identity exchange, multi-factor passcodes, token operations, secrets.

pub(crate) mod auth_options;
pub(crate) mod identity;
pub(crate) mod mfa;
pub(crate) mod passcode;
pub(crate) mod reauth;
pub(crate) mod secret;
pub(crate) mod token_ops;
