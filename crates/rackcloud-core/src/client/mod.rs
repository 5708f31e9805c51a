//! The clients and one HTTP exchange: provider and service clients, the transport and its resolver, TLS, proxies, logging redaction, the catalog and endpoints, results.

pub(crate) mod availability;
pub(crate) mod catalog;
pub(crate) mod connect_deadline;
pub(crate) mod endpoint;
pub(crate) mod log_filter;
pub(crate) mod log_redact;
pub(crate) mod provider;
pub(crate) mod provider_builder;
pub(crate) mod provider_request;
pub(crate) mod proxy;
pub(crate) mod redact;
pub(crate) mod removal;
pub(crate) mod resolver;
pub(crate) mod result;
pub(crate) mod service;
pub(crate) mod size_limit;
pub(crate) mod tls;
pub(crate) mod tls_failure;
pub(crate) mod transport;
pub(crate) mod transport_error;
