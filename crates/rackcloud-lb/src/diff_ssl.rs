//! The changes to SSL termination, its certificate mappings and the error page. Certificates
//! are compared by their text; private keys are never shown by the service, so a key is read
//! (and needed) only when its certificate is installed or replaced.

use rackcloud_core::Error;

use crate::change::Change;
use crate::current::Current;
use crate::lb_spec::LbSpec;
use crate::ssl_spec::CertificateFiles as _;

/// SSL termination (its removal is planned earlier, `removed`), then its mappings: removals,
/// then adds and replaced certificates.
pub(crate) fn ssl(
    want: &LbSpec,
    have: &Current,
    removed: bool,
    prefix: &str,
    out: &mut Vec<Change>,
) -> Result<(), Error> {
    let cur = have.spec();
    let Some(w) = &want.ssl_termination else {
        return Ok(());
    };
    let at = format!("{prefix}.ssl_termination");
    let installed = cur.ssl_termination.as_ref().filter(|_| !removed);
    let certificate = installed.is_none_or(|h| !w.same_certificate(h));
    if certificate {
        w.bundle(&at)?;
    }
    if certificate || installed.is_some_and(|h| !w.same_settings(h)) {
        out.push(Change::SetSslTermination {
            ssl: Box::new(w.clone()),
            certificate,
        });
    }
    let (cur_maps, map_ids) = match installed {
        Some(_) => (&cur.certificate_mappings[..], have.mapping_ids()),
        None => (&[][..], &[][..]),
    };
    let same_host = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    for (c, id) in cur_maps.iter().zip(map_ids) {
        if !want
            .certificate_mappings
            .iter()
            .any(|m| same_host(&m.host_name, &c.host_name))
        {
            out.push(Change::RemoveMapping {
                id: *id,
                host_name: c.host_name.clone(),
            });
        }
    }
    for (j, m) in want.certificate_mappings.iter().enumerate() {
        let at = format!("{prefix}.certificate_mappings[{j}]");
        let found = cur_maps
            .iter()
            .zip(map_ids)
            .find(|(c, _)| same_host(&c.host_name, &m.host_name));
        match found {
            None => {
                m.bundle(&at)?;
                out.push(Change::AddMapping(Box::new(m.clone())));
            }
            Some((c, id)) if !m.same_certificate(c) => {
                m.bundle(&at)?;
                out.push(Change::UpdateMapping {
                    id: *id,
                    mapping: Box::new(m.clone()),
                });
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The error page, when the document gives one and it differs from the page served.
pub(crate) fn error_page(want: &LbSpec, have: &Current, out: &mut Vec<Change>) {
    let Some(page) = &want.error_page_file else {
        return;
    };
    let served = have.spec().error_page_file.as_ref().and_then(|p| p.text());
    if !page.same_text(served) {
        out.push(Change::SetErrorPage(page.clone()));
    }
}
