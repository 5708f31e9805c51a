//! What a trace log shows of a request body: the JSON with the value of every secret-looking
//! field (a private key, a password, a key, a token, a secret) replaced by `[redacted]`, so that
//! a body carrying a TLS private key or a credential never reaches a log line.

use serde_json::Value;

/// The body as it may be logged: JSON with secret fields redacted, or a placeholder for a body
/// that is not JSON (it cannot be checked).
pub(crate) fn loggable_body(body: &[u8]) -> String {
    match serde_json::from_slice::<Value>(body) {
        Ok(mut value) => {
            redact(&mut value);
            value.to_string()
        }
        Err(_) => format!("[{} bytes, not JSON]", body.len()),
    }
}

fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if is_secret_name(key) {
                    *v = Value::String("[redacted]".to_owned());
                } else {
                    redact(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

fn is_secret_name(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["key", "password", "secret", "token"]
        .iter()
        .any(|word| k.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_keys_and_credentials_are_redacted_everywhere() {
        let body = br#"{"sslTermination":{"certificate":"C","privatekey":"K1"},"m":[{"privateKey":"K2","hostName":"h"}],"apiKey":"K3"}"#;
        let shown = loggable_body(body);
        for secret in ["K1", "K2", "K3"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains(r#""certificate":"C""#) && shown.contains(r#""hostName":"h""#));
        assert_eq!(loggable_body(b"privatekey=K"), "[12 bytes, not JSON]");
    }
}
