//! Documents and the files they name, as a hostile folder may hold them: FIFOs, devices and
//! folders, files over their cap, paths leading out of the document's folder; and documents
//! with a byte-order mark, keys given twice, names over the service's limits.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use rackcloud_lb::Document;
use rackcloud_lb::files::ReadOptions;
use rackcloud_testing::tls::self_signed;
use serde_json::{Value, json};

fn http_lb(fields: Value) -> Value {
    let mut lb = json!({"name": "shop", "protocol": "HTTP", "port": 80,
                        "nodes": [{"address": "10.0.0.1", "port": 8080}]});
    for (k, v) in fields.as_object().expect("fields") {
        lb[k] = v.clone();
    }
    lb
}

/// Writes the document of `lb` into `dir`; its path.
fn write_doc(dir: &Path, lb: Value) -> PathBuf {
    let path = dir.join("lbs.json");
    std::fs::write(&path, json!({"load_balancers": [lb]}).to_string()).expect("written");
    path
}

/// The error of reading `path`, without the " (nothing was sent)" every such error ends with.
fn refused(path: &Path) -> String {
    let err = Document::read(path).expect_err("refused");
    assert!(err.is_invalid_input(), "{err}");
    let text = err.to_string();
    text.strip_suffix(" (nothing was sent)")
        .unwrap_or(&text)
        .to_owned()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn fifos_devices_and_folders_are_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("a folder");
    let fifo = dir.path().join("doc.json");
    mkfifo(&fifo);
    assert_eq!(
        refused(&fifo),
        format!(
            "invalid input: cannot read the document {}: not a regular file (a FIFO): only regular files are read",
            fifo.display()
        )
    );
    assert!(refused(Path::new("/dev/zero")).ends_with(
        "cannot read the document /dev/zero: not a regular file (a device): only regular files are read"
    ));
    assert!(
        refused(dir.path()).ends_with("not a regular file (a folder): only regular files are read")
    );

    // The files a document names, the key included (which may otherwise be missing).
    mkfifo(&dir.path().join("page.html"));
    let doc = write_doc(dir.path(), http_lb(json!({"error_page_file": "page.html"})));
    assert!(refused(&doc).ends_with(
        "load_balancers[0] (\"shop\").error_page_file: cannot read \"page.html\": not a regular file (a FIFO): only regular files are read"
    ));
    let cert = self_signed("shop.example.com");
    std::fs::write(dir.path().join("shop.crt"), &cert.cert).expect("written");
    mkfifo(&dir.path().join("shop.key"));
    let ssl = json!({"ssl_termination": {"certificate_file": "shop.crt",
                     "private_key_file": "shop.key", "secure_port": 443}});
    let doc = write_doc(dir.path(), http_lb(ssl));
    assert!(refused(&doc).ends_with(
        "ssl_termination.private_key_file: cannot read \"shop.key\": not a regular file (a FIFO): only regular files are read"
    ));
    let ssl = json!({"ssl_termination": {"certificate_file": "/dev/zero",
                     "private_key_file": "missing.key", "secure_port": 443}});
    let doc = write_doc(dir.path(), http_lb(ssl));
    let opts = ReadOptions::new().allow_outside_files(true);
    let err = Document::read_with(&doc, &opts).expect_err("refused");
    assert!(err.to_string().contains(
        "ssl_termination.certificate_file: cannot read \"/dev/zero\": not a regular file (a device): only regular files are read"
    ), "{err}");
}

#[test]
fn files_over_their_cap_are_refused_naming_the_limit() {
    let dir = tempfile::tempdir().expect("a folder");
    // A valid document padded with white space to one byte over 4 MiB.
    let doc = write_doc(dir.path(), http_lb(json!({})));
    let mut text = std::fs::read(&doc).expect("read");
    text.resize(4 * 1024 * 1024 + 1, b' ');
    std::fs::write(&doc, &text).expect("written");
    assert_eq!(
        refused(&doc),
        format!(
            "invalid input: cannot read the document {}: larger than 4 MiB, the limit for a document: refused",
            doc.display()
        )
    );
    text.truncate(4 * 1024 * 1024);
    std::fs::write(&doc, &text).expect("written");
    Document::read(&doc).expect("a document of 4 MiB is read");

    let page = dir.path().join("page.html");
    std::fs::write(&page, vec![b'x'; 64 * 1024]).expect("written");
    let doc = write_doc(dir.path(), http_lb(json!({"error_page_file": "page.html"})));
    Document::read(&doc).expect("a page of 64 KiB is read");
    std::fs::write(&page, vec![b'x'; 64 * 1024 + 1]).expect("written");
    assert!(refused(&doc).ends_with(
        "error_page_file: cannot read \"page.html\": larger than 64 KiB, the limit for an error page: refused"
    ));

    let big = vec![b'x'; 512 * 1024 + 1];
    std::fs::write(dir.path().join("big.pem"), &big).expect("written");
    for field in [
        "certificate_file",
        "private_key_file",
        "intermediate_certificate_file",
    ] {
        let mut ssl = json!({"certificate_file": "c.crt", "private_key_file": "c.key",
                             "secure_port": 443});
        ssl[field] = json!("big.pem");
        let cert = self_signed("shop.example.com");
        std::fs::write(dir.path().join("c.crt"), &cert.cert).expect("written");
        let doc = write_doc(dir.path(), http_lb(json!({"ssl_termination": ssl})));
        let err = refused(&doc);
        assert!(err.ends_with(&format!(
            "ssl_termination.{field}: cannot read \"big.pem\": larger than 512 KiB, the limit for a certificate, key or chain file: refused"
        )), "{err}");
    }
}

#[test]
fn files_outside_the_documents_folder_are_refused_unless_allowed() {
    let root = tempfile::tempdir().expect("a folder");
    let dir = root.path().join("doc");
    std::fs::create_dir_all(dir.join("pages")).expect("folders");
    std::fs::write(root.path().join("outside.html"), "<html>outside</html>").expect("written");
    std::fs::write(dir.join("pages/inside.html"), "<html>inside</html>").expect("written");
    symlink(root.path().join("outside.html"), dir.join("link.html")).expect("a link");
    symlink(root.path(), dir.join("up")).expect("a link");
    symlink("pages/inside.html", dir.join("inner.html")).expect("a link");
    let outside = root.path().join("outside.html");
    let cases = [
        (
            outside.display().to_string(),
            "is an absolute path, outside the document's folder",
        ),
        (
            "/etc/passwd".to_owned(),
            "is an absolute path, outside the document's folder",
        ),
        (
            "../outside.html".to_owned(),
            "leads out of the document's folder (..)",
        ),
        (
            "pages/../../outside.html".to_owned(),
            "leads out of the document's folder (..)",
        ),
        (
            "link.html".to_owned(),
            "leads out of the document's folder through a symbolic link",
        ),
        (
            "up/outside.html".to_owned(),
            "leads out of the document's folder through a symbolic link",
        ),
    ];
    for (named, why) in cases {
        let doc = write_doc(&dir, http_lb(json!({"error_page_file": named})));
        let err = refused(&doc);
        assert!(
            err.contains(&format!(
                "load_balancers[0] (\"shop\").error_page_file: {named:?} {why}"
            )),
            "{named}: {err}"
        );
        assert!(err.contains("--allow-outside-files"), "{err}");
        if named != "/etc/passwd" {
            let opts = ReadOptions::new().allow_outside_files(true);
            let read = Document::read_with(&doc, &opts).expect("allowed");
            let page = read.load_balancers[0]
                .error_page_file
                .as_ref()
                .expect("a page");
            assert_eq!(page.text(), Some("<html>outside</html>"), "{named}");
            assert_eq!(read.files(), [named]);
        }
    }
    for inside in [
        "pages/inside.html",
        "./pages/inside.html",
        "pages/../pages/inside.html",
        "inner.html",
    ] {
        let doc = write_doc(&dir, http_lb(json!({"error_page_file": inside})));
        let read = Document::read(&doc).expect("inside the folder");
        let page = read.load_balancers[0]
            .error_page_file
            .as_ref()
            .expect("a page");
        assert_eq!(page.text(), Some("<html>inside</html>"), "{inside}");
    }
    // A document named without a folder reads its files from the current folder, confined
    // the same way.
    let err = Document::from_json(
        &json!({"load_balancers": [http_lb(json!({"error_page_file": "../x.html"}))]}).to_string(),
    )
    .expect_err("refused");
    assert!(
        err.to_string()
            .contains("\"../x.html\" leads out of the document's folder"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("lbs.json");
    let text = json!({"load_balancers": [http_lb(json!({}))]}).to_string();
    std::fs::write(&path, format!("\u{feff}{text}")).expect("written");
    let read = Document::read(&path).expect("read");
    assert_eq!(read.load_balancers[0].name, "shop");
}

#[test]
fn metadata_keys_given_twice_are_refused_as_fields_given_twice_are() {
    let text = r#"{"load_balancers": [{"name": "shop", "protocol": "HTTP", "port": 80,
                   "metadata": {"team": "web", "team": "ops"}}]}"#;
    let err = Document::from_json(text).expect_err("refused");
    assert!(err.is_invalid_input(), "{err}");
    assert!(
        err.to_string()
            .contains("the document is invalid: load_balancers[0].metadata: duplicate key `team`"),
        "{err}"
    );
    let text =
        r#"{"load_balancers": [{"name": "shop", "name": "blog", "protocol": "HTTP", "port": 80}]}"#;
    let err = Document::from_json(text).expect_err("refused");
    assert!(err.to_string().contains("duplicate field `name`"), "{err}");
}

#[test]
fn values_over_the_services_limits_are_refused_when_read() {
    let doc = |lb: Value| Document::from_json(&json!({"load_balancers": [lb]}).to_string());
    doc(http_lb(json!({"name": "n".repeat(128)}))).expect("128 characters");
    let err = doc(http_lb(json!({"name": "é".repeat(129)}))).expect_err("refused");
    assert!(
        err.to_string()
            .contains(".name: the name has 129 characters; the service takes at most 128"),
        "{err}"
    );
    let err = doc(http_lb(json!({"metadata": {"k".repeat(33): "v"}}))).expect_err("refused");
    assert!(
        err.to_string()
            .contains("load_balancers[0] (\"shop\").metadata:"),
        "{err}"
    );
    let err = doc(http_lb(json!({"metadata": {"k": "v".repeat(257)}}))).expect_err("refused");
    assert!(
        err.to_string()
            .contains("load_balancers[0] (\"shop\").metadata:"),
        "{err}"
    );

    let dir = tempfile::tempdir().expect("a folder");
    let cert = self_signed("shop.example.com");
    std::fs::write(dir.path().join("c.crt"), &cert.cert).expect("written");
    let host = format!("{}.example.com", "h".repeat(117));
    assert_eq!(host.len(), 129);
    let lb = http_lb(json!({
        "ssl_termination": {"certificate_file": "c.crt", "private_key_file": "c.key", "secure_port": 443},
        "certificate_mappings": [{"host_name": host, "certificate_file": "c.crt", "private_key_file": "c.key"}]
    }));
    let err = refused(&write_doc(dir.path(), lb));
    assert!(err.ends_with(
        "certificate_mappings[0].host_name: the host name has 129 characters; the service takes at most 128"
    ), "{err}");
}

#[test]
fn the_plans_header_line_escapes_hidden_characters() {
    let name = "shop\u{202e}lmth.exe\u{200b}";
    let d = Document::from_json(
        &json!({"load_balancers": [http_lb(json!({"name": name}))]}).to_string(),
    )
    .expect("a document");
    let plan = rackcloud_lb::plan(&d, &[]).expect("a plan");
    let text = plan.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "shop\\u{202e}lmth.exe\\u{200b} (new): 1 change");
    assert!(
        lines[1].starts_with("  + create load balancer \"shop\\u{202e}lmth.exe\\u{200b}\""),
        "{text}"
    );
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{200b}'),
        "{text}"
    );
}
