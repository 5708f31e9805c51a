//! The names export gives files: unique, at most 255 bytes, never an option or a device.

use std::collections::BTreeSet;

/// The most bytes of a file name on common file systems.
const MAX_NAME_BYTES: usize = 255;

/// Windows' reserved device names, which no file may have whatever its extension.
const DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

/// Makes every file name unique and safe: a name seen before gets `-2`, `-3`… before its
/// extension; each is made safe by [`safe_file_name`].
pub(crate) fn unique_paths<'a>(paths: impl Iterator<Item = &'a mut String>) {
    let mut seen = BTreeSet::new();
    for path in paths {
        let (stem, ext) = split(path);
        let (stem, ext) = (stem.to_owned(), ext.to_owned());
        let mut candidate = safe_file_name(path);
        let mut n = 1;
        while !seen.insert(candidate.clone()) {
            n += 1;
            candidate = safe_file_name(&format!("{stem}-{n}{ext}"));
        }
        *path = candidate;
    }
}

/// `name` made safe to create anywhere: a name starting with `-` or `.` (an option to the
/// next tool, a hidden file) gets `lb` in front, a Windows device name (`CON`, `COM1`, … with
/// any extension) a `_` after it, and a name over 255 bytes is cut, its extension kept, with
/// eight hex digits of a hash of the whole name so that cut names stay unique.
pub(crate) fn safe_file_name(name: &str) -> String {
    let mut safe = name.to_owned();
    if safe.is_empty() || safe.starts_with(['-', '.']) {
        safe.insert_str(0, "lb");
    }
    let first = safe.split('.').next().unwrap_or_default().len();
    if is_device(&safe[..first]) {
        safe.insert(first, '_');
    }
    if safe.len() <= MAX_NAME_BYTES {
        return safe;
    }
    let digest = ring::digest::digest(&ring::digest::SHA256, name.as_bytes());
    let hash: String = digest.as_ref()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let (stem, ext) = split(&safe);
    let mut keep = MAX_NAME_BYTES.saturating_sub(ext.len() + 1 + hash.len());
    while !stem.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}-{hash}{ext}", &stem[..keep])
}

/// The name before its last `.`, and the rest (`""` without one).
fn split(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    }
}

/// `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, any case.
fn is_device(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    if DEVICES.contains(&upper.as_str()) {
        return true;
    }
    let b = upper.as_bytes();
    b.len() == 4
        && (b.starts_with(b"COM") || b.starts_with(b"LPT"))
        && (b'1'..=b'9').contains(&b[3])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unique(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        unique_paths(names.iter_mut());
        names
    }

    #[test]
    fn names_are_never_options_hidden_files_or_devices() {
        assert_eq!(safe_file_name("shop.crt"), "shop.crt");
        assert_eq!(safe_file_name("-rf-error.html"), "lb-rf-error.html");
        assert_eq!(safe_file_name(".hidden.crt"), "lb.hidden.crt");
        for device in [
            "con.crt", "CON.key", "nul.html", "Aux.crt", "com1.crt", "LPT9.crt", "prn",
        ] {
            let safe = safe_file_name(device);
            let stem = safe.split('.').next().unwrap_or_default();
            assert!(!is_device(stem), "{device} -> {safe}");
        }
        assert_eq!(safe_file_name("con.crt"), "con_.crt");
        assert_eq!(safe_file_name("com0.crt"), "com0.crt");
        assert_eq!(safe_file_name("console.crt"), "console.crt");
        assert_eq!(safe_file_name("con-error.html"), "con-error.html");
    }

    #[test]
    fn long_names_are_cut_to_255_bytes_and_stay_unique() {
        let lb = "a".repeat(128);
        let host_a = format!("{}-a", "h".repeat(126));
        let host_b = format!("{}-b", "h".repeat(126));
        let names = unique(&[
            &format!("{lb}-{host_a}-chain.crt"),
            &format!("{lb}-{host_b}-chain.crt"),
            &format!("{lb}-{host_a}-chain.crt"),
            &format!("{lb}-error.html"),
        ]);
        for name in &names {
            assert!(name.len() <= 255, "{} bytes: {name}", name.len());
        }
        assert_eq!(names[0].len(), 255);
        assert!(names[0].ends_with(".crt"), "{}", names[0]);
        let distinct: BTreeSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), 4, "{names:?}");
        assert_eq!(names[3], format!("{lb}-error.html"));
        // The same name is cut the same way each time: an export made again names the same
        // files.
        assert_eq!(unique(&[&format!("{lb}-{host_a}-chain.crt")])[0], names[0]);
    }

    #[test]
    fn names_met_before_get_a_number() {
        assert_eq!(
            unique(&[
                "shop-api.crt",
                "shop-api.crt",
                "shop-api.crt",
                "con.crt",
                "con_.crt"
            ]),
            [
                "shop-api.crt",
                "shop-api-2.crt",
                "shop-api-3.crt",
                "con_.crt",
                "con_-2.crt"
            ]
        );
    }
}
