//! The files the tool reads and writes, as a hostile folder may hold them: export never writes
//! through a link and says what it wrote, the demo's document lives in a private folder, every
//! input is a regular file under its cap (exit status 2 naming the file and the limit, a FIFO
//! never waited on), and a document's files stay in its folder unless allowed.

use std::io::{BufRead as _, BufReader};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rackcloud_emulator::Emulator;
use rackcloud_testing::tls::self_signed;
use serde_json::json;

use crate::common::{as_demo, command, ok};

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn export_never_writes_through_a_link_and_says_what_it_did_not_write() {
    let emulator = Emulator::start().expect("emulator");
    let dir = tempfile::tempdir().expect("a folder");
    let (doc, page, target) = (
        dir.path().join("lbs.json"),
        dir.path().join("web-error.html"),
        dir.path().join("somewhere.html"),
    );
    // A custom page, which export writes next to the document.
    let html = dir.path().join("custom.html");
    std::fs::write(&html, "<html>Back soon</html>").expect("written");
    let run = as_demo(
        &emulator,
        &["lb", "error-page", "set", "1", "--file", s(&html), "--wait"],
    );
    assert_eq!(run.status, 0, "{run:?}");
    symlink(&target, &page).expect("a dangling link");
    let run = as_demo(&emulator, &["lb", "export", "1", "--to", s(&doc)]);
    assert_eq!(run.status, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "wrote {doc}\nrackcloud: export load balancers failed: {page} is a symbolic link: nothing is written through it; written before it: none; not written: {page}\n",
            doc = doc.display(),
            page = page.display()
        )
    );
    assert!(!target.exists(), "export created the link's target");

    // The document itself behind a link: refused before anything is written.
    std::fs::remove_file(&doc).expect("removed");
    std::fs::remove_file(&page).expect("removed");
    let elsewhere = dir.path().join("elsewhere.json");
    symlink(&elsewhere, &doc).expect("a dangling link");
    let run = as_demo(
        &emulator,
        &["lb", "export", "1", "--to", s(&doc), "--force"],
    );
    assert_eq!(run.status, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "rackcloud: export load balancers failed: {} is a symbolic link: nothing is written through it\n",
            doc.display()
        )
    );
    assert!(!elsewhere.exists() && !page.exists());
}

#[test]
fn the_demo_writes_its_document_in_a_private_folder_not_through_a_planted_link() {
    let tmp = tempfile::tempdir().expect("a folder");
    let target = tmp.path().join("planted-target.json");
    let child = command(&["demo"], &[("TMPDIR", s(tmp.path()))])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the demo starts");
    // The name the demo once used, planted before it reaches its document (step 15).
    let planted = tmp
        .path()
        .join(format!("rackcloud-demo-shop-{}.json", child.id()));
    symlink(&target, &planted).expect("a link");
    let output = child.wait_with_output().expect("the demo ends");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!target.exists(), "the demo wrote through the planted link");
    assert!(
        std::fs::symlink_metadata(&planted).is_ok(),
        "the link was touched"
    );
    // Its private folder is gone with it.
    let left: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .expect("listed")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert_eq!(left, [planted]);
}

#[test]
fn the_emulators_ca_out_is_never_written_through_a_link() {
    let dir = tempfile::tempdir().expect("a folder");
    let (link, target) = (dir.path().join("ca.pem"), dir.path().join("target.pem"));
    symlink(&target, &link).expect("a dangling link");
    let mut child = command(
        &[
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--tls",
            "--ca-out",
            s(&link),
        ],
        &[],
    )
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("the emulator starts");
    // Refused before the report: stdout ends without a line (a running emulator would print
    // its URL first, and is stopped here).
    let mut first = String::new();
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    stdout.read_line(&mut first).expect("stdout readable");
    if !first.is_empty() {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the emulator ran after writing its CA through the link: {first}");
    }
    let output = child.wait_with_output().expect("it ends");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{} is a symbolic link: nothing is written through it",
            link.display()
        )),
        "{stderr}"
    );
    assert!(!target.exists(), "the CA went through the link");
}

/// A document, a FIFO, a device, a folder and files over their caps: each refused with exit
/// status 2 naming the file and why, nothing sent.
#[test]
fn every_input_file_is_a_regular_file_under_its_cap() {
    let emulator = Emulator::start().expect("emulator");
    let dir = tempfile::tempdir().expect("a folder");
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let big_doc = dir.path().join("big.json");
    std::fs::write(&big_doc, vec![b' '; 4 * 1024 * 1024 + 1]).expect("written");
    let big_page = dir.path().join("big.html");
    std::fs::write(&big_page, vec![b'x'; 64 * 1024 + 1]).expect("written");
    let big_pem = dir.path().join("big.pem");
    std::fs::write(&big_pem, vec![b'x'; 512 * 1024 + 1]).expect("written");
    let big_ca = dir.path().join("big-ca.pem");
    std::fs::write(&big_ca, vec![b'x'; 1024 * 1024 + 1]).expect("written");
    let cert = self_signed("web.example.com");
    let (crt, key) = (dir.path().join("c.crt"), dir.path().join("c.key"));
    std::fs::write(&crt, &cert.cert).expect("written");
    std::fs::write(&key, &cert.key).expect("written");
    let before = emulator.stats().api_requests.total();

    let fifo_why = "not a regular file (a FIFO): only regular files are read";
    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec!["lb", "plan", s(&fifo)], format!("cannot read the document {}: {fifo_why}", fifo.display())),
        (vec!["lb", "apply", "--yes", "/dev/zero"], "cannot read the document /dev/zero: not a regular file (a device): only regular files are read".to_owned()),
        (vec!["lb", "plan", s(dir.path())], format!("cannot read the document {}: not a regular file (a folder)", dir.path().display())),
        (vec!["lb", "plan", s(&big_doc)], "larger than 4 MiB, the limit for a document: refused".to_owned()),
        (vec!["lb", "error-page", "set", "1", "--file", s(&fifo)], format!("cannot read {}: {fifo_why}", fifo.display())),
        (vec!["lb", "error-page", "set", "1", "--file", s(&big_page)], format!("cannot read {}: larger than 64 KiB, the limit for an error page: refused", big_page.display())),
        (vec!["lb", "ssl", "set", "1", "--cert", s(&big_pem), "--key", s(&key)], format!("cannot read the certificate file {}: larger than 512 KiB, the limit for a certificate, key or chain file: refused", big_pem.display())),
        (vec!["lb", "ssl", "set", "1", "--cert", s(&crt), "--key", s(&fifo)], format!("cannot read the key file {}: {fifo_why}", fifo.display())),
        (vec!["lb", "ssl", "set", "1", "--cert", s(&crt), "--key", s(&key), "--chain", "/dev/zero"], "cannot read the chain file /dev/zero: not a regular file (a device)".to_owned()),
        (vec!["--ca-file", "/dev/zero", "lb", "list"], "cannot read the CA file /dev/zero: not a regular file (a device): only regular files are read".to_owned()),
        (vec!["--ca-file", s(&big_ca), "lb", "list"], format!("cannot read the CA file {}: larger than 1 MiB, the limit for a CA file: refused", big_ca.display())),
    ];
    for (args, why) in cases {
        let run = as_demo(&emulator, &args);
        assert_eq!(run.status, 2, "{args:?}: {run:?}");
        assert!(run.error_line().contains(&why), "{args:?}: {run:?}");
    }
    assert_eq!(
        emulator.stats().api_requests.total(),
        before,
        "nothing sent"
    );
}

#[test]
fn a_documents_files_stay_in_its_folder_unless_allowed_and_the_plan_says_what_it_read() {
    let emulator = Emulator::start().expect("emulator");
    let root = tempfile::tempdir().expect("a folder");
    let dir = root.path().join("doc");
    std::fs::create_dir(&dir).expect("a folder");
    let outside = root.path().join("outside.html");
    std::fs::write(&outside, "<html>Back soon</html>").expect("written");
    let doc = dir.join("lbs.json");
    for named in [s(&outside).to_owned(), "../outside.html".to_owned()] {
        let lb = json!({"name": "web", "protocol": "HTTP", "port": 80, "error_page_file": named,
                        "nodes": [{"address": "10.180.0.11", "port": 80}]});
        std::fs::write(&doc, json!({"load_balancers": [lb]}).to_string()).expect("written");
        for verb in [&["lb", "plan"][..], &["lb", "apply", "--yes"][..]] {
            let mut args = verb.to_vec();
            args.push(s(&doc));
            let run = as_demo(&emulator, &args);
            assert_eq!(run.status, 2, "{run:?}");
            assert!(
                run.error_line().contains(&format!(
                    "load_balancers[0] (\"web\").error_page_file: {named:?}"
                )),
                "{run:?}"
            );
            assert!(
                run.error_line().contains("outside the document's folder")
                    || run
                        .error_line()
                        .contains("leads out of the document's folder"),
                "{run:?}"
            );
            assert!(
                run.error_line().contains("--allow-outside-files"),
                "{run:?}"
            );
        }
        let run = as_demo(&emulator, &["lb", "plan", "--allow-outside-files", s(&doc)]);
        assert_eq!(run.status, 0, "{run:?}");
        assert_eq!(
            run.stderr,
            format!(
                "read with the document (paths relative to {}): {named}\n",
                dir.display()
            )
        );
        assert!(run.stdout.contains("error page"), "{run:?}");
    }
    // Inside its folder, the same page is read without being allowed, and nothing is said.
    std::fs::copy(&outside, dir.join("page.html")).expect("copied");
    let lb = json!({"name": "web", "protocol": "HTTP", "port": 80, "error_page_file": "page.html",
                    "nodes": [{"address": "10.180.0.11", "port": 80}]});
    std::fs::write(&doc, json!({"load_balancers": [lb]}).to_string()).expect("written");
    let run = ok(as_demo(&emulator, &["lb", "plan", s(&doc)]));
    assert!(run.stdout.contains("error page"), "{run:?}");
}

#[test]
fn man_dir_never_writes_through_a_link_and_replaces_a_page_whole() {
    let dir = tempfile::tempdir().expect("a folder");
    let pages = dir.path().join("man1");
    std::fs::create_dir(&pages).expect("the pages' folder");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep me").expect("a file");
    symlink(&victim, pages.join("rackcloud.1")).expect("a link");
    let output = command(&["man", "--dir", s(&pages)], &[])
        .output()
        .expect("it runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("rackcloud.1 is a symbolic link: nothing is written through it"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me");

    // Without the link, an old page is replaced by a new file (a hard link keeps the old text).
    std::fs::remove_file(pages.join("rackcloud.1")).expect("unlinked");
    let old = pages.join("rackcloud-lb.1");
    std::fs::write(&old, "old page").expect("an old page");
    let kept = dir.path().join("kept");
    std::fs::hard_link(&old, &kept).expect("a hard link");
    let output = command(&["man", "--dir", s(&pages)], &[])
        .output()
        .expect("it runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(std::fs::read_to_string(&kept).expect("read"), "old page");
    assert!(
        std::fs::read_to_string(&old)
            .expect("read")
            .starts_with(".ie")
    );
}

#[test]
fn export_refuses_a_document_named_as_one_of_its_files() {
    let emulator = Emulator::start().expect("emulator");
    let dir = tempfile::tempdir().expect("a folder");
    let html = dir.path().join("custom.html");
    std::fs::write(&html, "<html>Back soon</html>").expect("written");
    let run = as_demo(
        &emulator,
        &["lb", "error-page", "set", "1", "--file", s(&html), "--wait"],
    );
    assert_eq!(run.status, 0, "{run:?}");
    // The error page is exported as web-error.html: a document of that name would be replaced by
    // it (or replace it).
    let doc = dir.path().join("web-error.html");
    let run = as_demo(
        &emulator,
        &["lb", "export", "1", "--to", s(&doc), "--force"],
    );
    assert_eq!(run.status, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "rackcloud: export load balancers failed: not written: {} is also the name of a file the document names; give --to another name (nothing was written)\n",
            doc.display()
        )
    );
    assert!(!doc.exists(), "something was written");
}
