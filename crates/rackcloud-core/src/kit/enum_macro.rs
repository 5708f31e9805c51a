//! [`open_enum!`](crate::open_enum): the wire enums of every service crate, written once.

/// Declares a wire enum that is open to values the server adds later: a `#[non_exhaustive]`
/// enum of the wire names the crate knows, plus `Other(String)` keeping any other value exactly.
///
/// Statuses, protocols, conditions, modes: every set of wire strings in the Cloud Load Balancers
/// API may grow, and reading a new value back must not fail. Each generated enum gets:
///
/// - `KNOWN_NAMES` (every wire name it knows, in declaration order), `as_str` (the wire name)
///   and `Display`;
/// - `FromStr` for user input: trimmed, the known names in any letter case, anything else kept
///   as written, empty refused as [`InvalidInput`](crate::ErrorKind::InvalidInput);
/// - `Serialize`/`Deserialize` as the plain wire string, unknown names kept in `Other`;
/// - `From<String>` and `From<&str>` matching the wire names exactly.
///
/// The crate that uses it needs no serde dependency of its own for the generated code. The
/// literal in parentheses names the value in error messages.
///
/// # Examples
///
/// ```
/// rackcloud_core::kit::open_enum! {
///     /// How a node takes traffic.
///     pub enum Condition ("node condition") {
///         /// `ENABLED`: takes traffic.
///         Enabled = "ENABLED",
///         /// `DRAINING`: finishes its connections, takes no new ones.
///         Draining = "DRAINING",
///     }
/// }
///
/// assert_eq!(Condition::KNOWN_NAMES, ["ENABLED", "DRAINING"]);
/// assert_eq!(" draining ".parse::<Condition>()?, Condition::Draining);
/// assert_eq!(Condition::from("PAUSED"), Condition::Other("PAUSED".into()));
/// let json = serde_json::to_string(&Condition::Enabled).expect("a string");
/// assert_eq!(json, r#""ENABLED""#);
/// assert!("  ".parse::<Condition>().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $wire:literal,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
            /// A value this crate does not know, kept exactly as the server or the caller wrote
            /// it.
            Other(::std::string::String),
        }

        impl $name {
            /// Every wire name this crate knows, in declaration order (for help texts and
            /// input validation).
            pub const KNOWN_NAMES: &'static [&'static str] = &[$( $wire, )+];

            /// The name on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(name) => name,
                }
            }

            /// The known value for a wire name, matched exactly.
            fn known(name: &str) -> ::std::option::Option<$name> {
                match name {
                    $( $wire => ::std::option::Option::Some($name::$variant), )+
                    _ => ::std::option::Option::None,
                }
            }

            /// The known value for a wire name in any letter case.
            fn known_ignoring_case(name: &str) -> ::std::option::Option<$name> {
                $(
                    if name.eq_ignore_ascii_case($wire) {
                        return ::std::option::Option::Some($name::$variant);
                    }
                )+
                ::std::option::Option::None
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Parses user input: the known names in any letter case, anything else kept as written
        /// (trimmed).
        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;

            fn from_str(s: &str) -> ::std::result::Result<$name, $crate::Error> {
                let trimmed = s.trim();
                if trimmed.is_empty() {
                    return ::std::result::Result::Err($crate::Error::invalid_input(concat!(
                        "the ",
                        $what,
                        " is empty"
                    )));
                }
                ::std::result::Result::Ok($name::known_ignoring_case(trimmed)
                    .unwrap_or_else(|| $name::Other(trimmed.to_owned())))
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<$name, D::Error> {
                let name = <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok($name::from(name))
            }
        }

        /// The value for a wire name, matched exactly (unlike `FromStr`, which ignores case).
        impl ::std::convert::From<::std::string::String> for $name {
            fn from(name: ::std::string::String) -> $name {
                $name::known(&name).unwrap_or($name::Other(name))
            }
        }

        /// The value for a wire name, matched exactly (unlike `FromStr`, which ignores case).
        impl ::std::convert::From<&str> for $name {
            fn from(name: &str) -> $name {
                $name::known(name).unwrap_or_else(|| $name::Other(name.to_owned()))
            }
        }
    };
}
