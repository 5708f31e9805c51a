//! Path patterns of injected faults: `*` is exactly one non-empty segment, a trailing `/**` is
//! any rest, even an empty one.

/// A parsed path pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathPattern {
    raw: String,
    segments: Vec<Segment>,
    /// The pattern ended in `/**`.
    any_rest: bool,
    /// Why the pattern can never match, if it cannot.
    problem: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Any,
}

impl PathPattern {
    /// Parses a pattern; an invalid one is kept (see [`problem`](Self::problem)) and matches
    /// nothing.
    pub(crate) fn parse(raw: &str) -> PathPattern {
        let mut pattern = PathPattern {
            raw: raw.to_owned(),
            segments: Vec::new(),
            any_rest: false,
            problem: None,
        };
        let Some(rest) = raw.strip_prefix('/') else {
            pattern.problem = Some("a path pattern must start with '/'");
            return pattern;
        };
        if raw.contains(['?', '#']) {
            pattern.problem = Some("a path pattern has no query or fragment");
            return pattern;
        }
        let mut parts: Vec<&str> = rest.split('/').collect();
        if parts.last() == Some(&"**") {
            parts.pop();
            pattern.any_rest = true;
        }
        if parts.contains(&"**") {
            pattern.problem = Some("'**' is only allowed as the last segment ('/**')");
            return pattern;
        }
        pattern.segments = parts
            .into_iter()
            .map(|part| match part {
                "*" => Segment::Any,
                literal => Segment::Literal(literal.to_owned()),
            })
            .collect();
        pattern
    }

    /// The pattern as given.
    pub(crate) fn as_str(&self) -> &str {
        &self.raw
    }

    /// Why this pattern matches nothing; `None` for a valid pattern.
    pub(crate) fn problem(&self) -> Option<&'static str> {
        self.problem
    }

    /// Whether a request path (without its query) matches.
    pub(crate) fn matches(&self, path: &str) -> bool {
        if self.problem.is_some() {
            return false;
        }
        let Some(rest) = path.strip_prefix('/') else {
            return false;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        let count_fits = if self.any_rest {
            parts.len() >= self.segments.len()
        } else {
            parts.len() == self.segments.len()
        };
        count_fits
            && self
                .segments
                .iter()
                .zip(&parts)
                .all(|(segment, part)| match segment {
                    Segment::Any => !part.is_empty(),
                    Segment::Literal(literal) => literal == part,
                })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        PathPattern::parse(pattern).matches(path)
    }

    #[test]
    fn literal_segments_match_exactly() {
        assert!(matches("/v2.0/tokens", "/v2.0/tokens"));
        assert!(!matches("/v2.0/tokens", "/v2.0/tokens/"));
        assert!(!matches("/v2.0/tokens", "/v2.0/Tokens"));
        assert!(!matches("/v2.0/tokens", "/v2.0"));
        assert!(matches("/", "/"));
        assert!(!matches("/", "/x"));
    }

    #[test]
    fn a_star_is_one_non_empty_segment() {
        let p = "/dfw/v1.0/*/loadbalancers/*/sessionpersistence";
        assert!(matches(
            p,
            "/dfw/v1.0/123456/loadbalancers/1/sessionpersistence"
        ));
        assert!(!matches(
            p,
            "/dfw/v1.0/123456/loadbalancers/sessionpersistence"
        ));
        assert!(!matches(
            p,
            "/dfw/v1.0/123456/loadbalancers//sessionpersistence"
        ));
        assert!(!matches(
            p,
            "/dfw/v1.0/1/2/loadbalancers/1/sessionpersistence"
        ));
        assert!(!matches("/a/*", "/a/"));
    }

    #[test]
    fn a_trailing_double_star_is_any_rest() {
        assert!(matches("/**", "/"));
        assert!(matches("/**", "/anything/at/all"));
        assert!(matches("/dfw/**", "/dfw"));
        assert!(matches("/dfw/**", "/dfw/"));
        assert!(matches("/dfw/**", "/dfw/v1.0/123456/loadbalancers"));
        assert!(!matches("/dfw/**", "/ord/v1.0"));
        assert!(!matches("/dfw/**", "/dfwx"));
        assert!(matches("/*/v1.0/*/**", "/ord/v1.0/1/loadbalancers/2"));
    }

    #[test]
    fn invalid_patterns_match_nothing_and_say_why() {
        for bad in ["", "v2.0/tokens", "/a?b=1", "/a/**/b", "/a#x"] {
            let pattern = PathPattern::parse(bad);
            assert!(pattern.problem().is_some(), "{bad}");
            assert!(!pattern.matches("/a/x/b"), "{bad}");
            assert_eq!(pattern.as_str(), bad);
        }
        assert_eq!(PathPattern::parse("/a/**").problem(), None);
    }
}
