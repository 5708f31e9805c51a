//! `rackcloud completions SHELL` and `rackcloud man`: generated from the same clap definitions
//! as the parser, so they list exactly the commands and options it accepts.

use anyhow::Context as _;
use clap::CommandFactory;
use clap_complete::Shell;
use roff::{Roff, bold, roman};

use crate::cli::{Cli, ManArgs};
use crate::failure::{Failure, Operation};
use crate::output::Output;

/// Refuses connection options given in front of a command that does not reach the API (they
/// would be ignored): `rackcloud --auth-url URL demo` is a usage error.
pub(crate) fn offline(cli: &Cli, command: &str) -> Result<(), Failure> {
    match cli.connection.first_given() {
        Some(flag) => Err(Failure::usage(format!(
            "{flag} applies only to `catalog` and `lb` commands, not to `{command}`"
        ))),
        None => Ok(()),
    }
}

/// Prints the completion script of `shell`.
pub(crate) fn completions(shell: Shell, out: Output) -> Result<(), Failure> {
    Operation::new(format!("generate {shell} completions")).run(|| {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "rackcloud", &mut script);
        Ok(out.verbatim(&script)?)
    })
}

/// Prints rackcloud(1), or writes it and one page per subcommand into `--dir` (quietly, as a
/// successful command is).
pub(crate) fn man(args: &ManArgs, out: Output) -> Result<(), Failure> {
    Operation::new("generate the manual page").run(|| {
        let mut command = Cli::command().disable_help_subcommand(true);
        command.build();
        match &args.dir {
            Some(dir) => {
                std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
                for (name, page) in pages(&command)? {
                    let path = dir.join(format!("{name}.1"));
                    // Never through a link planted in the folder; a page there is replaced whole.
                    rackcloud_lb::files::write_file(&path, &page, true)
                        .with_context(|| path.display().to_string())?;
                }
                Ok(())
            }
            None => Ok(out.verbatim(&page(&command, true)?)?),
        }
    })
}

/// Every page: rackcloud(1) first, then one per subcommand at every depth
/// (`rackcloud-lb-node-add`), by file name without the section.
fn pages(root: &clap::Command) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn walk(
        command: &clap::Command,
        top: bool,
        out: &mut Vec<(String, Vec<u8>)>,
    ) -> std::io::Result<()> {
        let name = command
            .get_display_name()
            .unwrap_or_else(|| command.get_name())
            .to_owned();
        out.push((name, page(command, top)?));
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, false, out)?;
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(root, true, &mut out)?;
    Ok(out)
}

/// One page: clap's sections (name, synopsis, description, options, subcommands), then the
/// sections clap does not write: ENVIRONMENT and EXAMPLES on rackcloud(1), EXIT STATUS on
/// every page, and SEE ALSO; last, the version.
fn page(command: &clap::Command, top: bool) -> std::io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut page)?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(&mut page)?;
    }
    let mut roff = Roff::new();
    if top {
        section(&mut roff, "ENVIRONMENT", ENVIRONMENT);
        roff.text([roman(
            "Empty variables count as unset. There is no flag for the API key or the password: \
             a flag would show in the shell history and in ps.",
        )]);
    }
    section(&mut roff, "EXIT STATUS", EXIT_STATUS);
    if top {
        roff.control("SH", ["EXAMPLES"]);
        for (line, what) in EXAMPLES {
            roff.control("TP", []);
            roff.text([bold(*line)]);
            roff.text([roman(*what)]);
        }
    }
    roff.control("SH", ["SEE ALSO"]);
    let see_also = if top {
        "docs/cli.md in the rackcloud repository: every command, option, output line and JSON \
         document; docs/testing-with-the-emulator.md for the emulator."
    } else {
        "rackcloud(1): the connection options, the environment and examples."
    };
    roff.text([roman(see_also)]);
    roff.to_writer(&mut page)?;
    if command.get_version().is_some() {
        man.render_version_section(&mut page)?;
    }
    Ok(page)
}

/// A section of tagged paragraphs: the tag in bold, then what it means.
fn section(roff: &mut Roff, title: &str, rows: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (tag, text) in rows {
        roff.control("TP", []);
        roff.text([bold(*tag)]);
        roff.text([roman(*text)]);
    }
}

/// The variables the tool reads (docs/cli.md, "Environment").
pub(crate) const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "RS_AUTH_URL",
        "Identity v2.0 endpoint (else OS_AUTH_URL, else https://identity.api.rackspacecloud.com/v2.0/); --auth-url wins.",
    ),
    (
        "RS_USERNAME",
        "User name (else OS_USERNAME); --username wins.",
    ),
    (
        "RS_API_KEY",
        "API key. Set exactly one of it and a password: neither, or both, is a usage error.",
    ),
    (
        "RS_PASSWORD",
        "Password, when there is no API key (else OS_PASSWORD).",
    ),
    (
        "RS_TENANT_ID",
        "Tenant to scope the token to (else OS_TENANT_ID); optional.",
    ),
    (
        "RS_REGION",
        "Region of the load balancer endpoint (else OS_REGION_NAME, else the user's default region); --region wins.",
    ),
    (
        "RS_CA_FILE",
        "PEM file of the certificate authorities to trust for https:// instead of the bundled roots; --ca-file wins.",
    ),
    (
        "RS_PASSCODE",
        "Multi-factor passcode for runs without a terminal; on a terminal the tool asks for it.",
    ),
    (
        "HTTPS_PROXY",
        "Proxy for every request, http://[user:password@]host:port (else https_proxy); loopback always goes directly.",
    ),
    (
        "NO_PROXY",
        "Hosts reached directly: host, .domain or * (else no_proxy).",
    ),
];

/// The exit statuses (`crate::failure`; docs/cli.md, "Exit status").
pub(crate) const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Success, also for --help and --version, and when the reader of stdout closed it early.",
    ),
    (
        "1",
        "Any other failure: the server refused, the connection failed or timed out, a --wait ended in ERROR, SUSPENDED or DELETED, a file could not be written; over several load balancers, any failed or was not started.",
    ),
    (
        "2",
        "Usage error or invalid input, and nothing was sent: an unknown command or option, a value out of range, a missing credential, a plain http:// URL to a host that is not loopback.",
    ),
    (
        "3",
        "Accepted but not confirmed: the server accepted the change, but --wait passed its deadline before the load balancer reached the status waited for. The change stands; do not send it again.",
    ),
];

/// A few commands that show what the tool does, each runnable as written.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "rackcloud demo",
        "A guided tour against an in-process emulator: no account, no network.",
    ),
    (
        "rackcloud emulator",
        "Serve the emulator's demo account on http://127.0.0.1:8900/v2.0/ until interrupted; then, in another terminal, with RS_AUTH_URL=http://127.0.0.1:8900/v2.0/ RS_USERNAME=demo RS_API_KEY=demo-api-key:",
    ),
    (
        "rackcloud lb list",
        "List the load balancers of the region.",
    ),
    (
        "rackcloud lb session-persistence enable 1 --type HTTP_COOKIE --wait",
        "Enable cookie persistence on load balancer 1 and wait until it is applied.",
    ),
    (
        "rackcloud lb node add 1 10.0.0.7:80 --safe",
        "Add a node DRAINING, wait until its health check passes, then enable it.",
    ),
    (
        "rackcloud --output json lb show 1",
        "One load balancer as one JSON document, for scripts.",
    ),
    (
        "rackcloud lb plan shop.json",
        "Show the changes that would bring the account to a document, sending nothing; lb apply shop.json sends them.",
    ),
    (
        "rackcloud man --dir ~/.local/share/man/man1",
        "Install this page and one per command (man rackcloud-lb-node-add).",
    ),
];
