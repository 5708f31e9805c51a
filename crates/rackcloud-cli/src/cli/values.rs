//! The value parsers of the command line: ids, names, durations.

use std::time::Duration;

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
