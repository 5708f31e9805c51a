//! Export writes its files as careful tools do: never through a symbolic link, replacements
//! renamed over the file, names that are safe anywhere, and a failure that says what was
//! written and what was not.

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _, symlink};
use std::path::Path;

use rackcloud_emulator::Emulator;
use rackcloud_lb::files::{Written, write_file};
use rackcloud_lb::{apply, export, plan_account};
use rackcloud_testing::tls::self_signed;
use serde_json::json;

use crate::common::{dfw, doc_in, fleet};

/// An emulator with load balancers "shop" and "blog", each with a custom error page: their
/// export names `shop-error.html` and `blog-error.html`; their ids.
fn two_pages() -> anyhow::Result<(Emulator, Vec<u64>)> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    let entry = |name: &str| {
        json!({"name": name, "protocol": "HTTP", "port": 80,
               "nodes": [{"address": "10.0.0.1", "port": 8080}], "error_page_file": "e.html"})
    };
    let dir = tempfile::tempdir()?;
    let d = doc_in(
        dir.path(),
        &[entry("shop"), entry("blog")],
        &[("e.html", "<html>Sorry</html>")],
    );
    let report = apply(&client, &plan_account(&client, &d)?, &fleet());
    assert!(report.is_complete(), "{report}");
    let ids = report.lbs().iter().filter_map(|lb| lb.id()).collect();
    Ok((emulator, ids))
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("listed")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn nothing_is_written_through_a_link_and_a_failure_says_what_was_written() -> anyhow::Result<()> {
    let (emulator, ids) = two_pages()?;
    let exported = export(&dfw(&emulator), &ids)?;
    let paths: Vec<&str> = exported.files().iter().map(|f| f.path()).collect();
    assert_eq!(paths, ["shop-error.html", "blog-error.html"]);

    let dir = tempfile::tempdir()?;
    let (web, blog, target) = (
        dir.path().join("shop-error.html"),
        dir.path().join("blog-error.html"),
        dir.path().join("target.html"),
    );
    symlink(&target, &blog)?;
    for replace in [false, true] {
        let err = if replace {
            exported.overwrite_files(dir.path())
        } else {
            exported.write_files(dir.path())
        }
        .expect_err("refused");
        assert_eq!(err.failed(), blog);
        assert_eq!(err.io_error().kind(), std::io::ErrorKind::InvalidInput);
        assert!(err.not_written().is_empty());
        if replace {
            // The first was written by the run before: the same text, left as it is.
            assert!(err.written().is_empty(), "{err}");
        } else {
            assert_eq!(err.written(), std::slice::from_ref(&web));
            assert_eq!(
                err.to_string(),
                format!(
                    "{} is a symbolic link: nothing is written through it; written before it: {}; not written: {}",
                    blog.display(),
                    web.display(),
                    blog.display()
                )
            );
        }
        assert!(!target.exists(), "the link's target was created");
        assert!(std::fs::symlink_metadata(&blog)?.file_type().is_symlink());
    }

    // A link first: nothing written, both named.
    std::fs::remove_file(&web)?;
    std::fs::remove_file(&blog)?;
    std::fs::write(&target, "<html>someone else's</html>")?;
    symlink(&target, &web)?;
    let err = exported.write_files(dir.path()).expect_err("refused");
    assert!(err.written().is_empty());
    assert_eq!(err.failed(), web);
    assert_eq!(err.not_written(), std::slice::from_ref(&blog));
    assert!(err.to_string().ends_with(&format!(
        "written before it: none; not written: {}, {}",
        web.display(),
        blog.display()
    )));
    assert_eq!(
        std::fs::read_to_string(&target)?,
        "<html>someone else's</html>"
    );
    assert_eq!(names(dir.path()), ["shop-error.html", "target.html"]);
    Ok(())
}

#[test]
fn a_replacement_is_renamed_over_the_file_keeping_its_permissions() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("shop.json");
    assert_eq!(write_file(&path, b"old\n", false)?, Written::Created);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640))?;
    // A second name of the same file: an in-place write would change what it shows.
    let other = dir.path().join("other-name.json");
    std::fs::hard_link(&path, &other)?;
    let inode = std::fs::metadata(&path)?.ino();

    let err = write_file(&path, b"new\n", false).expect_err("not replaced");
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(
        err.to_string(),
        format!(
            "{} exists with other content: not overwritten",
            path.display()
        )
    );
    assert_eq!(write_file(&path, b"new\n", true)?, Written::Replaced);
    assert_eq!(std::fs::read(&path)?, b"new\n");
    assert_eq!(std::fs::read(&other)?, b"old\n");
    let meta = std::fs::metadata(&path)?;
    assert_ne!(meta.ino(), inode);
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    // No temporary file is left beside it.
    assert_eq!(names(dir.path()), ["other-name.json", "shop.json"]);

    // A folder or a link where the file should be is refused, naming it.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub)?;
    let err = write_file(&sub, b"x", true).expect_err("refused");
    assert_eq!(
        err.to_string(),
        format!("{} is not a regular file: not replaced", sub.display())
    );
    let link = dir.path().join("link.json");
    symlink(&path, &link)?;
    let err = write_file(&link, b"new\n", true).expect_err("refused");
    assert_eq!(
        err.to_string(),
        format!(
            "{} is a symbolic link: nothing is written through it",
            link.display()
        )
    );
    Ok(())
}

#[test]
fn exported_file_names_are_never_options_or_devices_and_fit_in_255_bytes() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    let long = "a".repeat(128);
    // 128 characters, labels of at most 63.
    let long_host = format!("{}.{}.example", "h".repeat(60), "i".repeat(59));
    assert_eq!(long_host.len(), 128);
    let entry = |name: &str, host: &str| {
        json!({"name": name, "protocol": "HTTP", "port": 80,
               "nodes": [{"address": "10.0.0.1", "port": 8080}],
               "ssl_termination": {"certificate_file": "c.crt", "private_key_file": "c.key",
                                   "secure_port": 443},
               "certificate_mappings": [{"host_name": host, "certificate_file": "m.crt",
                                         "private_key_file": "m.key"}],
               "error_page_file": "e.html"})
    };
    let (cert, mapped) = (self_signed("shop.example.com"), self_signed(&long_host));
    let dir = tempfile::tempdir()?;
    let d = doc_in(
        dir.path(),
        &[
            entry("CON", "api.example.com"),
            entry("-rf", "api.example.com"),
            entry(&long, &long_host),
        ],
        &[
            ("c.crt", &cert.cert),
            ("c.key", &cert.key),
            ("m.crt", &mapped.cert),
            ("m.key", &mapped.key),
            ("e.html", "<html>Sorry</html>"),
        ],
    );
    let report = apply(&client, &plan_account(&client, &d)?, &fleet());
    assert!(report.is_complete(), "{report}");
    let ids: Vec<u64> = report.lbs().iter().filter_map(|lb| lb.id()).collect();

    let exported = export(&client, &ids)?;
    let mut all: Vec<&str> = exported.files().iter().map(|f| f.path()).collect();
    all.extend(exported.keys_to_provide().iter().map(String::as_str));
    for name in [
        "con_.crt",
        "con-api-example-com.crt",
        "con-error.html",
        "lb-rf.crt",
        "lb-rf-error.html",
    ] {
        assert!(all.contains(&name), "{name} not in {all:?}");
    }
    assert!(exported.keys_to_provide().contains(&"con_.key".to_owned()));
    for name in &all {
        assert!(name.len() <= 255, "{} bytes: {name}", name.len());
        assert!(!name.starts_with('-'), "{name}");
        let stem = name
            .split('.')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        assert!(
            !["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str()),
            "{name}"
        );
    }
    let longest = all.iter().map(|n| n.len()).max().unwrap_or_default();
    assert_eq!(longest, 255, "{all:?}");

    // Written, then read back and planned: nothing to change.
    let out = tempfile::tempdir()?;
    exported.write_files(out.path())?;
    let path = out.path().join("lbs.json");
    write_file(&path, exported.document().to_json().as_bytes(), false)?;
    let again = rackcloud_lb::Document::read(&path)?;
    let plan = plan_account(&client, &again)?;
    assert!(plan.is_empty(), "{plan}");
    Ok(())
}
