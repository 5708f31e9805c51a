//! `cargo xtask doc [--open]`: the workspace's rustdoc, built so that links between its crates
//! work, and the check that they do.
//!
//! rustdoc links an item of another crate to that crate's pages only when they are already
//! under `target/doc` as it writes the page (otherwise it leaves the link's text as written:
//! `href="rackcloud_core::ServiceClient"`, or a literal `[rackcloud_core::new_lb_v1]`).
//! `cargo doc --workspace --no-deps` documents the members in no particular order, so on a
//! clean target some pages come out broken. [`build`] documents them in dependency order
//! instead, one `cargo doc` per level (the crates of a level do not depend on each other), and
//! [`check`] reads the pages written and fails on any link left as written.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::{run, target_dir, workspace_root};

/// `cargo xtask doc [--open]`: [`build`], then [`check`]; `--open` opens the docs in a browser.
pub(crate) fn doc(args: &[String]) -> Result<()> {
    let open = args.iter().any(|a| a == "--open");
    if let Some(unknown) = args.iter().find(|a| *a != "--open") {
        bail!("unknown doc option {unknown}; expected --open");
    }
    let root = workspace_root()?;
    let members = build(&root, &[])?;
    check(&target_dir()?.join("doc"), &members)?;
    if open {
        run("cargo", &["doc", "--workspace", "--no-deps", "--open"], &[])?;
    }
    Ok(())
}

/// Documents every member of the workspace in dependency order, with `env` added to each
/// `cargo doc`; returns the names of the folders under `target/doc` that hold their pages.
pub(crate) fn build(root: &Path, env: &[(&str, &str)]) -> Result<Vec<String>> {
    let metadata = crate::publish::metadata(root)?;
    let members = Members::from_metadata(&metadata)?;
    for level in members.levels()? {
        let mut args = vec!["doc", "--no-deps", "--locked"];
        for name in &level {
            args.extend(["-p", name]);
        }
        run("cargo", &args, env)?;
    }
    Ok(members.doc_dirs)
}

/// The workspace members, their dependencies inside the workspace, and their rustdoc folders.
#[derive(Debug, Default)]
struct Members {
    deps: BTreeMap<String, Vec<String>>,
    doc_dirs: Vec<String>,
}

impl Members {
    /// From `cargo metadata --no-deps`: normal and build dependencies on other members count
    /// (rustdoc links through them); development dependencies do not.
    fn from_metadata(metadata: &Value) -> Result<Members> {
        let in_workspace = |p: &&Value| match metadata["workspace_members"].as_array() {
            Some(ids) => ids.contains(&p["id"]),
            None => true,
        };
        let packages: Vec<&Value> = metadata["packages"]
            .as_array()
            .context("cargo metadata lists no packages")?
            .iter()
            .filter(in_workspace)
            .collect();
        let names: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
        let mut members = Members::default();
        for package in &packages {
            let name = package["name"]
                .as_str()
                .context("a package without a name")?;
            let deps = package["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["kind"].as_str() != Some("dev"))
                .filter_map(|d| d["name"].as_str())
                .filter(|d| names.contains(d))
                .map(str::to_owned)
                .collect();
            members.deps.insert(name.to_owned(), deps);
            for target in package["targets"].as_array().into_iter().flatten() {
                let kinds = target["kind"].as_array().into_iter().flatten();
                if kinds
                    .filter_map(Value::as_str)
                    .any(|k| k == "lib" || k == "bin")
                    && let Some(target) = target["name"].as_str()
                {
                    members.doc_dirs.push(target.replace('-', "_"));
                }
            }
        }
        members.doc_dirs.sort();
        members.doc_dirs.dedup();
        Ok(members)
    }

    /// The members by level: a member's level is one more than its dependencies' highest, so
    /// every crate is documented after the crates it links to.
    fn levels(&self) -> Result<Vec<Vec<String>>> {
        let mut level: BTreeMap<&str, usize> = BTreeMap::new();
        while level.len() < self.deps.len() {
            let before = level.len();
            for (name, deps) in &self.deps {
                if level.contains_key(name.as_str()) {
                    continue;
                }
                let known: Option<Vec<usize>> = deps
                    .iter()
                    .map(|d| level.get(d.as_str()).copied())
                    .collect();
                if let Some(known) = known {
                    level.insert(name, known.into_iter().max().map_or(0, |l| l + 1));
                }
            }
            if level.len() == before {
                bail!("the workspace members depend on each other in a cycle");
            }
        }
        let mut levels: Vec<Vec<String>> = Vec::new();
        for (name, l) in level {
            if levels.len() <= l {
                levels.resize_with(l + 1, Vec::new);
            }
            levels[l].push(name.to_owned());
        }
        Ok(levels)
    }
}

/// Fails when a page of `dirs` under `doc` holds a link rustdoc left as written.
pub(crate) fn check(doc: &Path, dirs: &[String]) -> Result<()> {
    let mut found = Vec::new();
    let mut pages = 0;
    for dir in dirs {
        let dir = doc.join(dir);
        if !dir.is_dir() {
            bail!(
                "{} was not written: is the crate documented?",
                dir.display()
            );
        }
        for page in html_files(&dir)? {
            let html = std::fs::read_to_string(&page)
                .with_context(|| format!("could not read {}", page.display()))?;
            pages += 1;
            let shown = page
                .strip_prefix(doc)
                .unwrap_or(&page)
                .display()
                .to_string();
            found.extend(
                broken_links(&html)
                    .into_iter()
                    .map(|link| format!("{shown}: {link}")),
            );
        }
    }
    if !found.is_empty() {
        bail!(
            "{} broken link(s) in the built docs:\n  {}",
            found.len(),
            found.join("\n  ")
        );
    }
    eprintln!(
        "xtask: {pages} pages of {} crates link correctly",
        dirs.len()
    );
    Ok(())
}

/// Every `.html` file under `dir`.
fn html_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("could not read {}", dir.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The links of one page that rustdoc left as written: a link (`<a href>`) to neither an
/// `http(s)://` URL nor a relative one (a path whose first segment has no `:`, or a `#`
/// fragment), and, outside code, a literal `[path::Name]` or `[<code>path::Name</code>]`.
///
/// The docs rustdoc copies onto a type's page from the traits it implements are left out: for a
/// trait of another crate (clap's `FromArgMatches` on the CLI's argument types) they link into a
/// crate `--no-deps` does not document, and are not this workspace's to fix; a trait of the
/// workspace is checked on its own page.
pub(crate) fn broken_links(html: &str) -> Vec<String> {
    // The page's head repeats the summary as plain text (`<meta name="description">`).
    let body = html.find("<body").map_or(html, |at| &html[at..]);
    let own = without_trait_implementations(body);
    let text = without(&own, "<pre", "</pre>");
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("<a ") {
        rest = &rest[at + 3..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(href) = tag
            .split_once("href=\"")
            .and_then(|(_, value)| value.split_once('"'))
            .map(|(href, _)| href)
            .filter(|href| !is_url(href))
        {
            found.push(format!("href=\"{href}\""));
        }
    }
    let mut rest = text.as_str();
    while let Some(at) = rest.find('[') {
        // `<code>[a::B]</code>` is code someone wrote; a link left as written is the bracket
        // outside the code, or no code at all.
        let in_code = rest[..at].ends_with("<code>");
        rest = &rest[at + 1..];
        let Some(end) = rest.find(']') else { break };
        let inner = &rest[..end];
        let path = inner
            .strip_prefix("<code>")
            .and_then(|p| p.strip_suffix("</code>"))
            .unwrap_or(inner);
        if !in_code && is_rust_path(path) {
            found.push(format!("[{inner}]"));
        }
        rest = &rest[end..];
    }
    found
}

/// The page without the lists of trait implementations (rustdoc's `trait-implementations-list`,
/// `synthetic-implementations-list` and `blanket-implementations-list`, each up to the next
/// section heading).
fn without_trait_implementations(html: &str) -> String {
    let mut page = html.to_owned();
    for list in [
        "id=\"trait-implementations-list\"",
        "id=\"synthetic-implementations-list\"",
        "id=\"blanket-implementations-list\"",
    ] {
        page = without(&page, list, "<h2 ");
    }
    page
}

/// An `http(s)://` URL, or a relative one: a fragment, or a path whose first segment holds no
/// `:` (`../rackcloud_core/struct.Error.html`, `index.html#method.kind`).
fn is_url(href: &str) -> bool {
    if href.starts_with("https://") || href.starts_with("http://") || href.starts_with('#') {
        return true;
    }
    let first = href.split(['/', '?', '#']).next().unwrap_or(href);
    !href.is_empty() && !first.contains(':') && !href.contains(' ')
}

/// `a::B`, `$crate::Error`, `crate::kit::Method::Get`: two or more identifiers joined by `::`.
fn is_rust_path(text: &str) -> bool {
    let segments: Vec<&str> = text.split("::").collect();
    segments.len() >= 2
        && segments.iter().all(|s| {
            let s = s.strip_prefix('$').unwrap_or(s);
            s.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && s.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
}

/// `html` without every part from `open` up to (not including) the next `close`, or to its end;
/// `close` is kept unless it is `</pre>`, the end of the part itself.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let after = &rest[start + open.len()..];
        match after.find(close) {
            Some(end) if close == "</pre>" => rest = &after[end + close.len()..],
            Some(end) => rest = &after[end..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_rustdoc_left_as_written_are_found() {
        let page = r#"<p>Takes a <a href="rackcloud_core::ServiceClient"><code>ServiceClient</code></a>
            (from [<code>rackcloud_core::new_lb_v1</code>]) or an
            <a href="$crate::Error">Error</a>; see [ErrorKind::Decode].</p>"#;
        assert_eq!(
            broken_links(page),
            [
                r#"href="rackcloud_core::ServiceClient""#,
                r#"href="$crate::Error""#,
                "[<code>rackcloud_core::new_lb_v1</code>]",
                "[ErrorKind::Decode]",
            ]
        );
    }

    #[test]
    fn links_rustdoc_resolved_and_web_links_pass() {
        let page = r##"<a href="../rackcloud_core/struct.ServiceClient.html">x</a>
            <a href="struct.Error.html#method.kind">k</a> <a href="#errors">§</a>
            <a href="https://docs.rs/ureq">ureq</a> <a href="../../static.files/a.css">c</a>
            <p>An array [1, 2] and [optional] text.</p>
            <pre class="rust"><code>let v = [a::B];</code></pre>"##;
        assert_eq!(broken_links(page), Vec::<String>::new());
    }

    #[test]
    fn code_and_copied_trait_docs_are_not_links() {
        let page = r##"<head><meta name="description" content="a literal `[a::B]`"></head>
            <body><p>Left as written: <code>href="a::B"</code>, <code>[a::B]</code>.</p>
            <h2 id="trait-implementations">Trait Implementations</h2>
            <div id="trait-implementations-list"><p>Copied from clap:
            [<code>FromArgMatches::from_arg_matches_mut</code>], [Error::exit]</p></div>
            <h2 id="auto-trait-implementations">Auto Trait Implementations</h2>
            <p>[<code>rackcloud_core::Error</code>]</p>"##;
        assert_eq!(broken_links(page), ["[<code>rackcloud_core::Error</code>]"]);
    }

    #[test]
    fn members_are_documented_after_the_crates_they_link_to() {
        let metadata = serde_json::json!({"packages": [
            {"name": "rackcloud-lb", "targets": [{"name": "rackcloud_lb", "kind": ["lib"]}],
             "dependencies": [{"name": "lb-lbs", "kind": null}, {"name": "rackcloud-core", "kind": null},
                              {"name": "serde", "kind": null}]},
            {"name": "lb-lbs", "targets": [{"name": "lb_lbs", "kind": ["lib"]},
                                           {"name": "it", "kind": ["test"]}],
             "dependencies": [{"name": "rackcloud-core", "kind": null},
                              {"name": "rackcloud-lb", "kind": "dev"}]},
            {"name": "rackcloud-core", "targets": [{"name": "rackcloud_core", "kind": ["lib"]}],
             "dependencies": []},
            {"name": "rackcloud-cli", "targets": [{"name": "rackcloud", "kind": ["bin"]}],
             "dependencies": [{"name": "rackcloud-lb", "kind": null}]},
        ]});
        let members = Members::from_metadata(&metadata).expect("metadata");
        assert_eq!(
            members.levels().expect("no cycle"),
            [
                vec!["rackcloud-core"],
                vec!["lb-lbs"],
                vec!["rackcloud-lb"],
                vec!["rackcloud-cli"]
            ]
        );
        assert_eq!(
            members.doc_dirs,
            ["lb_lbs", "rackcloud", "rackcloud_core", "rackcloud_lb"]
        );
    }

    #[test]
    fn a_cycle_is_an_error_not_a_hang() {
        let metadata = serde_json::json!({"packages": [
            {"name": "a", "targets": [], "dependencies": [{"name": "b", "kind": null}]},
            {"name": "b", "targets": [], "dependencies": [{"name": "a", "kind": null}]},
        ]});
        let members = Members::from_metadata(&metadata).expect("metadata");
        assert!(members.levels().is_err());
    }
}
