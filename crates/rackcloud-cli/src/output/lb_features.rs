//! Reports of logging, caching, error page, statistics, limits, protocols, algorithms and bulk
//! deletion.

use std::io::{self, Write};

use rackcloud_lb::lbs::{AbsoluteLimits, Algorithm, ProtocolInfo, RateLimits, Stats, Status};
use serde::Serialize;
use serde_json::json;

use super::{Column, Render, Table, write_json};

/// `lb logging show`, `lb caching show`: `load balancer 1: connection logging enabled`.
#[derive(Debug)]
pub(crate) struct SwitchShown {
    pub(crate) lb_id: u64,
    /// `connection logging` or `content caching`.
    pub(crate) what: &'static str,
    pub(crate) enabled: bool,
}

impl Render for SwitchShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let state = if self.enabled { "enabled" } else { "disabled" };
        writeln!(out, "load balancer {}: {} {state}", self.lb_id, self.what)
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json(
            out,
            &json!({"loadBalancerId": self.lb_id, "enabled": self.enabled}),
        )
    }
}

/// `lb error-page show`: the HTML as it is.
#[derive(Debug)]
pub(crate) struct ErrorPageShown {
    pub(crate) lb_id: u64,
    pub(crate) content: String,
}

impl Render for ErrorPageShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.content.trim_end())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json(
            out,
            &json!({"loadBalancerId": self.lb_id, "content": self.content}),
        )
    }
}

/// `lb stats`: one counter per line, the secure side after the plain one.
#[derive(Debug)]
pub(crate) struct StatsShown {
    pub(crate) lb_id: u64,
    pub(crate) stats: Stats,
}

impl StatsShown {
    fn pairs(&self) -> [(&'static str, u64); 14] {
        let s = &self.stats;
        [
            ("connectTimeOut", s.connect_timeout),
            ("connectError", s.connect_error),
            ("connectFailure", s.connect_failure),
            ("dataTimedOut", s.data_timed_out),
            ("keepAliveTimedOut", s.keep_alive_timed_out),
            ("maxConn", s.max_conn),
            ("currentConn", s.current_conn),
            ("connectTimeOutSsl", s.connect_timeout_ssl),
            ("connectErrorSsl", s.connect_error_ssl),
            ("connectFailureSsl", s.connect_failure_ssl),
            ("dataTimedOutSsl", s.data_timed_out_ssl),
            ("keepAliveTimedOutSsl", s.keep_alive_timed_out_ssl),
            ("maxConnSsl", s.max_conn_ssl),
            ("currentConnSsl", s.current_conn_ssl),
        ]
    }
}

impl Render for StatsShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        for (name, value) in self.pairs() {
            writeln!(out, "{name}: {value}")?;
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut doc = serde_json::Map::new();
        doc.insert("loadBalancerId".into(), json!(self.lb_id));
        for (name, value) in self.pairs() {
            doc.insert(name.into(), json!(value));
        }
        write_json(out, &doc)
    }
}

/// `rackcloud limits`: a table of rate limits, then the absolute limits.
#[derive(Debug)]
pub(crate) struct LimitsShown {
    pub(crate) rate: RateLimits,
    pub(crate) absolute: AbsoluteLimits,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RateDoc<'a> {
    verb: &'a str,
    value: u64,
    remaining: u64,
    unit: &'a str,
}

impl Render for LimitsShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([
            Column::left("VERB"),
            Column::right("LIMIT"),
            Column::right("REMAINING"),
            Column::left("PER"),
        ]);
        for group in self.rate.groups() {
            for l in group.limits() {
                table.row([
                    l.verb().to_owned(),
                    l.value().to_string(),
                    l.remaining().to_string(),
                    l.unit().to_owned(),
                ]);
            }
        }
        table.write(out, "no rate limits")?;
        let mut table = Table::new([Column::left("ABSOLUTE LIMIT"), Column::right("VALUE")]);
        for (name, value) in self.absolute.iter() {
            table.row([name.to_owned(), value.to_string()]);
        }
        table.write(out, "no absolute limits")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let rate: Vec<RateDoc<'_>> = self
            .rate
            .groups()
            .iter()
            .flat_map(|g| g.limits())
            .map(|l| RateDoc {
                verb: l.verb(),
                value: l.value(),
                remaining: l.remaining(),
                unit: l.unit(),
            })
            .collect();
        let absolute: serde_json::Map<String, serde_json::Value> = self
            .absolute
            .iter()
            .map(|(n, v)| (n.to_owned(), json!(v)))
            .collect();
        write_json(out, &json!({"rate": rate, "absolute": absolute}))
    }
}

/// `rackcloud protocols`.
#[derive(Debug)]
pub(crate) struct ProtocolsShown(pub(crate) Vec<ProtocolInfo>);

impl Render for ProtocolsShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([Column::left("PROTOCOL"), Column::right("PORT")]);
        for p in &self.0 {
            table.row([p.name().as_str().to_owned(), p.port().to_string()]);
        }
        table.write(out, "no protocols")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let items: Vec<_> = self
            .0
            .iter()
            .map(|p| json!({"name": p.name().as_str(), "port": p.port()}))
            .collect();
        write_json(out, &items)
    }
}

/// `rackcloud algorithms`: one name per line.
#[derive(Debug)]
pub(crate) struct AlgorithmsShown(pub(crate) Vec<Algorithm>);

impl Render for AlgorithmsShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        for a in &self.0 {
            writeln!(out, "{a}")?;
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let names: Vec<&str> = self.0.iter().map(Algorithm::as_str).collect();
        write_json(out, &names)
    }
}

/// `lb delete ID ID…`: the deletion of several load balancers, accepted (and with `--wait`,
/// done).
#[derive(Debug)]
pub(crate) struct BulkDeletion {
    pub(crate) lb_ids: Vec<u64>,
    pub(crate) status: Option<Status>,
}

impl Render for BulkDeletion {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        for id in &self.lb_ids {
            match &self.status {
                Some(status) => writeln!(out, "load balancer {id}: deletion applied; {status}")?,
                None => writeln!(
                    out,
                    "load balancer {id}: deletion accepted; PENDING_DELETE until deleted"
                )?,
            }
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut doc = json!({"loadBalancerIds": self.lb_ids, "accepted": true});
        if let (Some(status), Some(map)) = (&self.status, doc.as_object_mut()) {
            map.insert("status".into(), json!(status.as_str()));
        }
        write_json(out, &doc)
    }
}
