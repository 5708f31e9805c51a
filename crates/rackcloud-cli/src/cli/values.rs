//! The value parsers of the command line: ids, names, durations, targets, addresses, pairs.

use std::time::Duration;

/// The value parser of an open wire enum (`open_enum!`): its known names, any case, listed by
/// clap and the only ones taken, parsed into the type: `value_parser = known!(Protocol)`.
macro_rules! known {
    ($t:ty) => {
        clap::builder::TypedValueParser::try_map(
            clap::builder::PossibleValuesParser::new(<$t>::KNOWN_NAMES),
            |s| s.parse::<$t>(),
        )
    };
}
pub(crate) use known;

/// A load balancer id: a whole number from 1.
pub(crate) fn parse_lb_id(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("load balancer ids start at 1".to_owned()),
        Ok(id) => Ok(id),
        Err(_) => Err(format!(
            "{text:?} is not a load balancer id (a whole number from 1)"
        )),
    }
}

/// A load balancer name: anything but blank (the server checks the rest).
pub(crate) fn parse_name(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("the load balancer name is empty".to_owned());
    }
    Ok(text.to_owned())
}

/// The time between two polls: more than 0 and at most an hour, fractions allowed.
pub(crate) fn parse_interval(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !(seconds.is_finite() && seconds > 0.0 && seconds <= 3_600.0) {
        return Err(format!(
            "{text:?} must be more than 0 and at most 3600 seconds"
        ));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// A duration in seconds, such as `1`, `0.25` or `0`.
pub(crate) fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    Duration::try_from_secs_f64(seconds)
        .map_err(|_| format!("{text:?} is not a duration: use zero or more seconds"))
}

/// A positive number of seconds, fractions allowed.
pub(crate) fn parse_timeout(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !(seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0) {
        return Err(format!(
            "{text:?} must be more than 0 and at most 86400 seconds"
        ));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// `ADDRESS:PORT` or `[IPV6]:PORT`, port 1 to 65535.
pub(crate) fn parse_target(text: &str) -> Result<(String, u16), String> {
    let (address, port) = text
        .rsplit_once(':')
        .ok_or_else(|| format!("{text:?} is not ADDRESS:PORT"))?;
    let address = address
        .strip_prefix('[')
        .and_then(|a| a.strip_suffix(']'))
        .unwrap_or(address);
    if address.is_empty() || address.contains(':') && !text.starts_with('[') {
        return Err(format!(
            "{text:?} is not ADDRESS:PORT (write an IPv6 address in brackets: [2001:db8::1]:80)"
        ));
    }
    match port.parse::<u16>() {
        Ok(port) if port > 0 => Ok((address.to_owned(), port)),
        _ => Err(format!("{text:?}: the port must be 1 to 65535")),
    }
}

/// An IPv4 or IPv6 address or CIDR network, kept as written.
pub(crate) fn parse_address(text: &str) -> Result<String, String> {
    rackcloud_lb::core::model::check_address(text)
        .map(|()| text.to_owned())
        .map_err(|e| e.to_string())
}

/// `KEY=VALUE`, split at the first `=`; the key must not be empty (the SDK checks the rest).
pub(crate) fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("{text:?} is not KEY=VALUE")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    #[test]
    fn seconds_accept_fractions_and_refuse_the_rest() {
        assert_eq!(parse_seconds("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_seconds("0"), Ok(Duration::ZERO));
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("NaN").is_err());
        assert!(parse_seconds("soon").is_err());
    }

    #[test]
    fn load_balancer_ids_start_at_one() {
        let err = Cli::try_parse_from(["rackcloud", "lb", "session-persistence", "show", "0"])
            .expect_err("id 0");
        assert_eq!(err.exit_code(), 2);
    }
}
