//! The wire enums of a virtual IP: [`VipType`] and [`IpVersion`], open to values the server adds
//! later; one pair for a virtual IP given at creation (`lb_lbs`), added later (`lb_vips`) or
//! billed (`lb_usage`).

crate::open_enum! {
    /// The network a virtual IP is on.
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::model::VipType;
    ///
    /// assert_eq!(VipType::Public.as_str(), "PUBLIC");
    /// assert_eq!("servicenet".parse::<VipType>()?, VipType::Servicenet);
    /// assert_eq!(VipType::from("PRIVATE_V2"), VipType::Other("PRIVATE_V2".into()));
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum VipType ("virtual IP type") {
        /// `PUBLIC`: reachable from the Internet. The only type that can be added later.
        Public = "PUBLIC",
        /// `SERVICENET`: reachable only from the provider's internal network (IPv4 only; given
        /// when the load balancer is created).
        Servicenet = "SERVICENET",
    }
}

crate::open_enum! {
    /// The IP version of a virtual IP.
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::model::IpVersion;
    ///
    /// assert_eq!(" ipv6 ".parse::<IpVersion>()?, IpVersion::Ipv6);
    /// assert_eq!(IpVersion::KNOWN_NAMES, ["IPV4", "IPV6"]);
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub enum IpVersion ("IP version") {
        /// `IPV4`: given when the load balancer is created; cannot be added later.
        Ipv4 = "IPV4",
        /// `IPV6`: the only version that can be added later.
        Ipv6 = "IPV6",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_and_unknown_ones_are_kept() {
        for name in ["PUBLIC", "SERVICENET", "NEW"] {
            let t: VipType = serde_json::from_str(&format!("{name:?}")).expect("a type");
            assert_eq!(
                serde_json::to_string(&t).expect("json"),
                format!("{name:?}")
            );
        }
        for name in ["IPV4", "IPV6", "IPV8"] {
            let v: IpVersion = serde_json::from_str(&format!("{name:?}")).expect("a version");
            assert_eq!(v.as_str(), name);
        }
        assert_eq!(IpVersion::from("ipv6"), IpVersion::Other("ipv6".into()));
        assert!("".parse::<VipType>().unwrap_err().is_invalid_input());
    }
}
