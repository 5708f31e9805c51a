//! [`RuleType`]: what an access list item does with the addresses it matches.

crate::open_enum! {
    /// What an access list item does with the client addresses it matches.
    ///
    /// `ALLOW` beats `DENY`: a client matched by both is let through. Values the server sends
    /// that this crate does not know are kept exactly in [`RuleType::Other`].
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::model::RuleType;
    ///
    /// assert_eq!(RuleType::Deny.as_str(), "DENY");
    /// assert_eq!("allow".parse::<RuleType>()?, RuleType::Allow);
    /// assert!("".parse::<RuleType>().is_err());
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum RuleType ("access list rule type") {
        /// `ALLOW`: let matching clients through, even when a `DENY` item matches them too.
        Allow = "ALLOW",
        /// `DENY`: refuse matching clients, unless an `ALLOW` item matches them too.
        Deny = "DENY",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_and_user_input_ignores_case() {
        for name in ["ALLOW", "DENY", "MAYBE"] {
            let t: RuleType = serde_json::from_str(&format!("{name:?}")).expect("a type");
            assert_eq!(
                serde_json::to_string(&t).expect("json"),
                format!("{name:?}")
            );
        }
        assert_eq!(" Deny ".parse::<RuleType>().expect("known"), RuleType::Deny);
        assert_eq!(RuleType::KNOWN_NAMES, ["ALLOW", "DENY"]);
    }
}
