//! rackcloud-core against hostile peers on loopback: a proxy that trickles its `CONNECT`
//! answer or refuses its credentials, a server that cuts its answer, a port nobody listens on,
//! an identity service that echoes the secrets it was sent.

mod cut_answers;
mod echoes;
mod logs;
mod messages;
mod peer;
mod refused;
mod trickle;
