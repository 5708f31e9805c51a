//! The emulator's integration tests, in one binary: each module drives a started emulator over
//! HTTP and asserts the server's exact wording, status codes and headers.

mod common;

mod access_list;
mod auth_and_routing;
mod control_api;
mod create_nested;
mod data_plane_access;
mod data_plane_balancing;
mod data_plane_client;
mod data_plane_control;
mod data_plane_health;
mod data_plane_kit;
mod data_plane_persistence;
mod data_plane_rotation;
mod data_plane_stats;
mod data_plane_tcp;
mod data_plane_tls;
mod documented_answers;
mod health_monitor;
mod health_monitor_update;
mod host_check;
mod identity;
mod identity_catalog;
mod identity_mfa;
mod injected_faults;
mod injected_stalls;
mod lb_features;
mod limits_enforced;
mod load_balancer_changes;
mod load_balancer_create;
mod load_balancers;
mod metadata;
mod metadata_rules;
mod nodes;
mod rate_limits;
mod server;
mod server_bounds;
mod session_persistence;
mod ssl;
mod ssl_mappings;
mod throttle;
mod time_scale;
mod usage;
mod virtual_ips;
