//! `TrustedRoots::from_pem_file` reads only a regular file, and at most 1 MiB of it.

use std::process::Command;

use rackcloud_core::{ErrorKind, TrustedRoots};

fn refused(path: &std::path::Path) -> String {
    let e = TrustedRoots::from_pem_file(path).expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::Configuration);
    e.to_string()
}

#[test]
fn a_device_a_fifo_and_a_folder_are_refused_before_they_are_read() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let fifo = dir.path().join("ca.fifo");
    // A FIFO with no writer would block an open for reading forever.
    assert!(Command::new("mkfifo").arg(&fifo).status()?.success());
    for path in [
        std::path::Path::new("/dev/zero"),
        fifo.as_path(),
        dir.path(),
    ] {
        assert_eq!(
            refused(path),
            format!(
                "configuration error: cannot read the CA file {}: it is not a regular file",
                path.display()
            )
        );
    }
    Ok(())
}

#[test]
fn a_file_over_the_limit_is_refused_and_one_at_it_is_read() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let over = dir.path().join("big.pem");
    let limit = usize::try_from(TrustedRoots::MAX_CA_FILE_BYTES)?;
    std::fs::write(&over, vec![b'x'; limit + 1])?;
    assert_eq!(
        refused(&over),
        format!(
            "configuration error: cannot read the CA file {}: it is larger than 1024 KiB, the limit",
            over.display()
        )
    );
    // At the limit the file is read: it is then refused for what it holds, not for its size.
    let at = dir.path().join("at.pem");
    std::fs::write(&at, vec![b'x'; limit])?;
    let message = refused(&at);
    assert!(
        message.starts_with(&format!(
            "configuration error: the CA file {}:",
            at.display()
        )),
        "{message}"
    );
    Ok(())
}
