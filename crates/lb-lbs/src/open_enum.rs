//! `open_enum!`: a `#[non_exhaustive]` enum of the wire names the crate knows, plus `Other`
//! keeping any other value exactly, with the conversions every such enum needs.
//!
//! lb-sessions writes these by hand (`Type`, about 90 lines); this crate has six of them, so the
//! conversions are written once here. What each generated enum gets:
//!
//! - `KNOWN_NAMES` (every wire name it knows), `as_str` (the wire name) and `Display`;
//! - `FromStr` for user input: trimmed, the known names in any letter case, anything else kept as
//!   written, empty refused as [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput);
//! - `Serialize`/`Deserialize` as the plain wire string, unknown names kept in `Other`;
//! - `From<String>` and `From<&str>` matching the wire names exactly.

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
            Other(String),
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
            fn known(name: &str) -> Option<$name> {
                match name {
                    $( $wire => Some($name::$variant), )+
                    _ => None,
                }
            }

            /// The known value for a wire name in any letter case.
            fn known_ignoring_case(name: &str) -> Option<$name> {
                $(
                    if name.eq_ignore_ascii_case($wire) {
                        return Some($name::$variant);
                    }
                )+
                None
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
            type Err = ::rackcloud_core::Error;

            fn from_str(s: &str) -> Result<$name, ::rackcloud_core::Error> {
                let trimmed = s.trim();
                if trimmed.is_empty() {
                    return Err(::rackcloud_core::Error::invalid_input(concat!(
                        "the ",
                        $what,
                        " is empty"
                    )));
                }
                Ok($name::known_ignoring_case(trimmed)
                    .unwrap_or_else(|| $name::Other(trimmed.to_owned())))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<$name, D::Error> {
                let name = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok($name::from(name))
            }
        }

        /// The value for a wire name, matched exactly (unlike `FromStr`, which ignores case).
        impl From<String> for $name {
            fn from(name: String) -> $name {
                $name::known(&name).unwrap_or($name::Other(name))
            }
        }

        /// The value for a wire name, matched exactly (unlike `FromStr`, which ignores case).
        impl From<&str> for $name {
            fn from(name: &str) -> $name {
                $name::known(name).unwrap_or_else(|| $name::Other(name.to_owned()))
            }
        }
    };
}

pub(crate) use open_enum;
